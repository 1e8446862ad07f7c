package org.saddlecheck.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.saddlecheck.util.Require;

/**
 * Exact (Clopper–Pearson) confidence bounds for a binomial proportion from {@code k} successes in {@code n}
 * trials, via Beta quantiles (Commons Statistics): lower = Beta⁻¹(a; k, n−k+1), upper = Beta⁻¹(1−a; k+1, n−k).
 * Used for exceedance rates of high-probability claims (CLAIMS.md §7.3, ANCHORS.md §6.4).
 */
public final class ClopperPearson {
    private ClopperPearson() {}

    /** Two-sided interval [lo, hi] of confidence {@code confidence} (e.g. 0.95). */
    public static Interval interval(int k, int n, double confidence) {
        check(k, n);
        Require.probability("confidence", confidence);
        double a = (1 - confidence) / 2;
        return new Interval(lowerBound(k, n, a), upperBound(k, n, a));
    }

    /** One-sided upper confidence bound: P[p ≤ upper] ≥ 1 − alpha. Equals 1 when k = n. */
    public static double upper(int k, int n, double alpha) {
        check(k, n);
        Require.probability("alpha", alpha);
        return upperBound(k, n, alpha);
    }

    /** One-sided lower confidence bound: P[p ≥ lower] ≥ 1 − alpha. Equals 0 when k = 0. */
    public static double lower(int k, int n, double alpha) {
        check(k, n);
        Require.probability("alpha", alpha);
        return lowerBound(k, n, alpha);
    }

    private static double lowerBound(int k, int n, double a) {
        if (k == 0) return 0.0;
        return BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(a);
    }

    private static double upperBound(int k, int n, double a) {
        if (k == n) return 1.0;
        return BetaDistribution.of(k + 1.0, n - k).inverseSurvivalProbability(a);
    }

    private static void check(int k, int n) {
        Require.positive("n", n);
        Require.that(k >= 0 && k <= n, "k", k, "an integer in [0, n] with n = " + n);
    }

    /** A closed interval. */
    public record Interval(double lo, double hi) {
        public boolean contains(double x) {
            return x >= lo && x <= hi;
        }
    }
}
