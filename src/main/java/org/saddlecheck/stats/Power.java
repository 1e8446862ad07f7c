package org.saddlecheck.stats;

import org.apache.commons.statistics.distribution.TDistribution;
import org.saddlecheck.util.Require;

/**
 * Trial counts from the error budget and the power wanted, computed in code (CLAIMS.md §7.3; the TFP
 * "min_num_samples" companions of ANCHORS.md §2.7). Claims never cut their trial counts below these.
 */
public final class Power {
    private Power() {}

    /** Largest trial count the searches consider. */
    public static final int MAX_TRIALS = 20_000_000;

    /**
     * Design of an exact binomial exceedance test: with {@code n} trials, reject "rate ≤ δ" iff at least
     * {@code criticalK} exceedances are seen. {@code falseFailure} = P[Bin(n, δ) ≥ K] ≤ alpha and
     * {@code power} = P[Bin(n, alternative) ≥ K].
     */
    public record BinomialDesign(int n, int criticalK, double delta, double alternative, double falseFailure, double power) {}

    /**
     * The smallest n (with its critical K) such that the exact one-sided binomial test of "rate ≤ δ" has
     * false-failure probability ≤ alpha and power ≥ {@code power} against the true rate {@code alternative}.
     * Example (CLAIMS.md §7.3): δ = 0.05, alternative 3δ, alpha = 1e-5, power 0.9 gives n = 250, K = 30.
     *
     * <p>Power is not monotone in n (the critical K jumps), so the search scans n upwards; the minimal K for
     * each n is non-decreasing in n, which keeps the scan to about three tail evaluations per n.
     */
    public static BinomialDesign binomialTrials(double delta, double alternative, double alpha, double power) {
        Require.probability("delta", delta);
        Require.probability("alternative", alternative);
        Require.that(alternative > delta, "alternative", alternative, "> delta = " + delta);
        Require.probability("alpha", alpha);
        Require.probability("power", power);
        int k = 1;
        for (int n = 1; n <= MAX_TRIALS; n++) {
            while (k <= n && BinomialTest.upperTail(n, k, delta) > alpha) k++;
            if (k > n) continue;
            double pw = BinomialTest.upperTail(n, k, alternative);
            if (pw >= power) {
                return new BinomialDesign(n, k, delta, alternative, BinomialTest.upperTail(n, k, delta), pw);
            }
        }
        throw new IllegalArgumentException("delta = " + delta + ", alternative = " + alternative + ", alpha = " + alpha
                + ", power = " + power + " need more than " + MAX_TRIALS + " trials: choose a larger alternative or alpha");
    }

    /** Smallest K with P[Bin(n, δ) ≥ K] ≤ alpha (n + 1 if none): the critical count of the test at n trials. */
    public static int binomialCriticalK(int n, double delta, double alpha) {
        Require.positive("n", n);
        Require.probability("delta", delta);
        Require.probability("alpha", alpha);
        int k = (int) Math.floor(n * delta);
        while (k > 0 && BinomialTest.upperTail(n, k, delta) <= alpha) k--;
        while (k <= n && BinomialTest.upperTail(n, k, delta) > alpha) k++;
        return k;
    }

    /** Design of a one-sided one-sample t test; {@code power} is exact (noncentral t). */
    public record TDesign(int n, double effectSize, double alpha, double critical, double power) {}

    /**
     * Exact power of the one-sided t test "FAIL iff mean − t_{1−α,n−1}·SE &gt; B" when the true mean exceeds B
     * by {@code effectSize} standard deviations: P[T'_{n−1, effect·√n} &gt; t_{1−α, n−1}].
     */
    public static double tPower(int n, double effectSize, double alpha) {
        Require.that(n >= 2, "n", n, "an integer >= 2");
        Require.positive("effectSize", effectSize);
        Require.probability("alpha", alpha);
        double crit = TDistribution.of(n - 1).inverseSurvivalProbability(alpha);
        return NoncentralT.survival(crit, n - 1, effectSize * Math.sqrt(n));
    }

    /**
     * Smallest n ≥ 2 such that the one-sided t test at level alpha has power ≥ {@code power} when the true mean
     * exceeds the bound by {@code effectSize} standard deviations (power is increasing in n: doubling, then
     * bisection).
     */
    public static TDesign tTrials(double effectSize, double alpha, double power) {
        Require.positive("effectSize", effectSize);
        Require.probability("alpha", alpha);
        Require.probability("power", power);
        int hi = 2;
        while (tPower(hi, effectSize, alpha) < power) {
            if (hi >= MAX_TRIALS) {
                throw new IllegalArgumentException("effectSize = " + effectSize + " needs more than " + MAX_TRIALS
                        + " samples at alpha = " + alpha + ", power = " + power + ": effectSize must be larger");
            }
            hi = (int) Math.min(MAX_TRIALS, 2L * hi);
        }
        int lo = Math.max(2, hi / 2);
        if (tPower(lo, effectSize, alpha) >= power) hi = lo;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (tPower(mid, effectSize, alpha) >= power) hi = mid;
            else lo = mid;
        }
        return new TDesign(hi, effectSize, alpha, TDistribution.of(hi - 1).inverseSurvivalProbability(alpha),
                tPower(hi, effectSize, alpha));
    }

    /**
     * Samples for a Hoeffding bound of half-width {@code margin} on the mean of a variable with range
     * {@code range}, one-sided at level alpha: n = ⌈range²·ln(1/α)/(2·margin²)⌉.
     */
    public static int hoeffdingTrials(double range, double margin, double alpha) {
        Require.positive("range", range);
        Require.positive("margin", margin);
        Require.probability("alpha", alpha);
        double n = Math.ceil(range * range * Math.log(1 / alpha) / (2 * margin * margin));
        if (n > MAX_TRIALS) {
            throw new IllegalArgumentException("margin = " + margin + " needs " + n + " > " + MAX_TRIALS + " samples: margin must be larger");
        }
        return (int) n;
    }
}
