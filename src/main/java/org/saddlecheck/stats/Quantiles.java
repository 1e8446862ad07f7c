package org.saddlecheck.stats;

import java.util.Arrays;
import org.saddlecheck.util.Require;

/**
 * Empirical quantiles and distribution-free confidence bounds for a population quantile from order statistics
 * (CLAIMS.md §7.3 "Quantile / tightness"): with n i.i.d. continuous samples, X_(u) ≥ ξ_q holds with probability
 * P[Bin(n, q) ≤ u − 1], so the smallest such u with that probability ≥ 1 − α gives an exact upper bound.
 * Ranks are 1-based.
 */
public final class Quantiles {
    private Quantiles() {}

    /** Empirical q-quantile with linear interpolation between order statistics (R's type 7). */
    public static double quantile(double[] x, double q) {
        Require.that(x != null && x.length > 0, "x.length", x == null ? 0 : x.length, "at least 1");
        Require.inRange("q", q, 0, 1);
        double[] s = x.clone();
        Arrays.sort(s);
        return sortedQuantile(s, q);
    }

    /** Type-7 quantile of an already sorted array. */
    public static double sortedQuantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Median (type 7). */
    public static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /**
     * 1-based rank u of the order statistic X_(u) that is a (1−alpha) upper confidence bound for the q-quantile,
     * or n + 1 when n is too small (no finite bound).
     */
    public static int upperRank(int n, double q, double alpha) {
        Require.positive("n", n);
        Require.probability("q", q);
        Require.probability("alpha", alpha);
        // smallest u with P[Bin(n,q) <= u-1] >= 1 - alpha  <=>  P[Bin(n,q) >= u] <= alpha
        for (int u = Math.max(1, (int) Math.floor(n * q)); u <= n; u++) {
            if (BinomialTest.upperTail(n, u, q) <= alpha) {
                while (u > 1 && BinomialTest.upperTail(n, u - 1, q) <= alpha) u--;
                return u;
            }
        }
        return n + 1;
    }

    /**
     * 1-based rank l of the order statistic X_(l) that is a (1−alpha) lower confidence bound for the q-quantile,
     * or 0 when n is too small.
     */
    public static int lowerRank(int n, double q, double alpha) {
        Require.positive("n", n);
        Require.probability("q", q);
        Require.probability("alpha", alpha);
        // largest l with P[Bin(n,q) >= l] >= 1 - alpha  <=>  P[Bin(n,q) <= l-1] <= alpha
        for (int l = Math.min(n, (int) Math.ceil(n * q)); l >= 1; l--) {
            if (BinomialTest.lowerTail(n, l - 1, q) <= alpha) {
                while (l < n && BinomialTest.lowerTail(n, l, q) <= alpha) l++;
                return l;
            }
        }
        return 0;
    }

    /** (1−alpha) upper confidence bound of the q-quantile (+∞ if n is too small). */
    public static double upperBound(double[] x, double q, double alpha) {
        Require.finite("x", x);
        int u = upperRank(x.length, q, alpha);
        if (u > x.length) return Double.POSITIVE_INFINITY;
        double[] s = x.clone();
        Arrays.sort(s);
        return s[u - 1];
    }

    /** (1−alpha) lower confidence bound of the q-quantile (−∞ if n is too small). */
    public static double lowerBound(double[] x, double q, double alpha) {
        Require.finite("x", x);
        int l = lowerRank(x.length, q, alpha);
        if (l < 1) return Double.NEGATIVE_INFINITY;
        double[] s = x.clone();
        Arrays.sort(s);
        return s[l - 1];
    }

    /** Two-sided interval of confidence {@code confidence} (alpha split evenly between the two tails). */
    public static ClopperPearson.Interval interval(double[] x, double q, double confidence) {
        Require.probability("confidence", confidence);
        double a = (1 - confidence) / 2;
        return new ClopperPearson.Interval(lowerBound(x, q, a), upperBound(x, q, a));
    }
}
