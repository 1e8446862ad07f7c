package org.saddlecheck.stats;

import java.util.Locale;
import org.apache.commons.statistics.distribution.TDistribution;
import org.saddlecheck.util.Require;

/**
 * One-sided confidence bounds for an expectation from i.i.d. samples (CLAIMS.md §7.3, MC-EXPECT), and the
 * test "E[X] ≤ B": FAIL iff the lower confidence bound exceeds B, so that the false-failure rate is ≤ alpha.
 *
 * <ul>
 *   <li>{@link Method#STUDENT_T}: mean ∓ t_{1−α, n−1}·s/√n (approximately valid for n ≥ 30 by the CLT);</li>
 *   <li>{@link Method#HOEFFDING}: mean ∓ (b−a)·√(ln(1/α)/(2n)) for X ∈ [a, b] (exact, distribution-free);</li>
 *   <li>{@link Method#EMPIRICAL_BERNSTEIN}: mean ∓ (√(2·V·ln(2/α)/n) + 7(b−a)ln(2/α)/(3(n−1))), V the unbiased
 *       sample variance (Maurer &amp; Pontil 2009, Thm. 4); tighter than Hoeffding for small variances.</li>
 * </ul>
 */
public final class MeanBound {
    private MeanBound() {}

    /** How the bound was computed. */
    public enum Method { STUDENT_T, HOEFFDING, EMPIRICAL_BERNSTEIN }

    /**
     * A one-sided bound: {@code lower} (resp. {@code upper}) is a (1−alpha) lower (upper) confidence bound of the
     * mean; {@code halfWidth} = mean − lower.
     */
    public record Estimate(Method method, int n, double mean, double sd, double alpha, double halfWidth) {
        public double lower() {
            return mean - halfWidth;
        }

        public double upper() {
            return mean + halfWidth;
        }

        /** Standard error s/√n. */
        public double standardError() {
            return sd / Math.sqrt(n);
        }
    }

    /** The test "E[X] ≤ bound": {@code violated} iff the lower confidence bound exceeds the bound. */
    public record ExpectationTest(Estimate estimate, double bound, boolean violated) {
        /** mean / bound: the tightness ratio of the claim (NaN if bound is 0). */
        public double ratio() {
            return estimate.mean() / bound;
        }

        public String describe() {
            Estimate e = estimate;
            return String.format(Locale.ROOT, "mean %.6g over n = %d (sd %.3g); %s lower bound %.6g %s bound %.6g at alpha = %.3g",
                    e.mean(), e.n(), e.sd(), e.method().name().toLowerCase(Locale.ROOT).replace('_', '-'), e.lower(),
                    violated ? ">" : "<=", bound, e.alpha());
        }
    }

    /** Student-t bound (n ≥ 2). */
    public static Estimate studentT(double[] x, double alpha) {
        check(x, 2, alpha);
        double m = mean(x), sd = Math.sqrt(variance(x, m));
        double q = TDistribution.of(x.length - 1).inverseSurvivalProbability(alpha);
        return new Estimate(Method.STUDENT_T, x.length, m, sd, alpha, q * sd / Math.sqrt(x.length));
    }

    /** Hoeffding bound for samples in [a, b]; rejects samples outside. */
    public static Estimate hoeffding(double[] x, double a, double b, double alpha) {
        check(x, 1, alpha);
        checkRange(x, a, b);
        double m = mean(x);
        double sd = x.length > 1 ? Math.sqrt(variance(x, m)) : 0;
        double hw = (b - a) * Math.sqrt(Math.log(1 / alpha) / (2.0 * x.length));
        return new Estimate(Method.HOEFFDING, x.length, m, sd, alpha, hw);
    }

    /** Empirical Bernstein bound (Maurer–Pontil) for samples in [a, b] (n ≥ 2). */
    public static Estimate empiricalBernstein(double[] x, double a, double b, double alpha) {
        check(x, 2, alpha);
        checkRange(x, a, b);
        int n = x.length;
        double m = mean(x), v = variance(x, m);
        double l = Math.log(2 / alpha);
        double hw = Math.sqrt(2 * v * l / n) + 7 * (b - a) * l / (3.0 * (n - 1));
        return new Estimate(Method.EMPIRICAL_BERNSTEIN, n, m, Math.sqrt(v), alpha, hw);
    }

    /** Test "E[X] ≤ bound" with the Student-t lower bound. */
    public static ExpectationTest atMost(double[] x, double bound, double alpha) {
        Require.finite("bound", bound);
        Estimate e = studentT(x, alpha);
        return new ExpectationTest(e, bound, e.lower() > bound);
    }

    /** Test "E[X] ≤ bound" for X ∈ [a, b], with the tighter of Hoeffding and empirical Bernstein at alpha/2 each. */
    public static ExpectationTest atMostBounded(double[] x, double a, double b, double bound, double alpha) {
        Require.finite("bound", bound);
        Estimate h = hoeffding(x, a, b, alpha / 2);
        Estimate e = x.length >= 2 ? empiricalBernstein(x, a, b, alpha / 2) : h;
        Estimate best = e.halfWidth() < h.halfWidth() ? e : h;
        return new ExpectationTest(best, bound, best.lower() > bound);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double variance(double[] x, double m) {
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    private static void check(double[] x, int minN, double alpha) {
        Require.finite("x", x);
        Require.that(x.length >= minN, "x.length", x.length, "at least " + minN);
        Require.probability("alpha", alpha);
    }

    private static void checkRange(double[] x, double a, double b) {
        Require.finite("a", a);
        Require.finite("b", b);
        Require.that(b > a, "b", b, "> a = " + a);
        for (int i = 0; i < x.length; i++) {
            if (x[i] < a || x[i] > b) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not allowed: every sample must be in [a, b] = [" + a + ", " + b + "]");
            }
        }
    }
}
