package org.saddlecheck.theory.staib;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.util.Require;

/**
 * Package-private statistics and paths shared by the FIG1 / S3.2 / T4.4 / C4.2 claims: the experiments directory,
 * Welch confidence bounds for a difference of means, and distribution-free confidence bounds for a median of
 * first-passage times in which "never passed" is +∞ (order statistics remain valid bounds with ties and infinite
 * values: the event X_(l) ≤ ξ_q ≤ X_(u) depends only on how many samples fall below ξ_q).
 */
final class SecondOrderSupport {
    private SecondOrderSupport() {}

    /**
     * target/experiments under the project root: the system property saddlecheck.basedir (set by the failsafe
     * configuration) or the working directory.
     */
    static Path experimentsDir() {
        String base = System.getProperty("saddlecheck.basedir");
        Path root = base == null || base.isBlank() ? Path.of("") : Path.of(base.trim());
        return root.resolve("target").resolve("experiments");
    }

    /** One-sided (1 − alpha) bounds for mean(a) − mean(b) (Welch–Satterthwaite t). */
    record DiffBound(double diff, double se, double df, double alpha, double lower, double upper) {}

    static DiffBound welch(double[] a, double[] b, double alpha) {
        Require.that(a.length >= 2 && b.length >= 2, "sample sizes", a.length + ", " + b.length, "at least 2 each");
        Require.probability("alpha", alpha);
        double ma = mean(a), mb = mean(b);
        double va = var(a, ma) / a.length, vb = var(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        double diff = ma - mb;
        if (se == 0) return new DiffBound(diff, 0, Double.POSITIVE_INFINITY, alpha, diff, diff);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double q = TDistribution.of(df).inverseSurvivalProbability(alpha);
        return new DiffBound(diff, se, df, alpha, diff - q * se, diff + q * se);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double var(double[] x, double m) {
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / (x.length - 1);
    }

    /** Passage times as doubles: negative ("never") becomes +∞. Sorted. */
    static double[] sortedPassage(long[] times) {
        double[] s = new double[times.length];
        for (int i = 0; i < times.length; i++) s[i] = times[i] < 0 ? Double.POSITIVE_INFINITY : times[i];
        Arrays.sort(s);
        return s;
    }

    /** (1 − alpha) lower confidence bound of the q-quantile from sorted samples (may be +∞; −∞ if n is too small). */
    static double lowerQuantileBound(double[] sorted, double q, double alpha) {
        int l = Quantiles.lowerRank(sorted.length, q, alpha);
        return l < 1 ? Double.NEGATIVE_INFINITY : sorted[l - 1];
    }

    /** (1 − alpha) upper confidence bound of the q-quantile from sorted samples (+∞ if n is too small). */
    static double upperQuantileBound(double[] sorted, double q, double alpha) {
        int u = Quantiles.upperRank(sorted.length, q, alpha);
        return u > sorted.length ? Double.POSITIVE_INFINITY : sorted[u - 1];
    }
}
