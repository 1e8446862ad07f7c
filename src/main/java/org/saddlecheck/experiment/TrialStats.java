package org.saddlecheck.experiment;

import java.util.Arrays;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.util.Require;

/**
 * Summaries over trials used by the experiments: curve bands (mean and type-7 quantiles of a per-trial series at
 * each recorded index) and quantiles of first-passage times in which a trial that never passed counts as +∞.
 */
public final class TrialStats {
    private TrialStats() {}

    /** Mean and 10/50/90% quantiles (type 7) across trials at each recorded index. */
    public record Band(double[] mean, double[] q10, double[] q50, double[] q90) {}

    /**
     * The recording stride of a run of {@code steps} iterations: {@code recordEvery} when positive, else
     * ⌈steps/targetPoints⌉ (at least 1). Callers have validated their arguments.
     */
    static int stride(int recordEvery, int steps, int targetPoints) {
        return recordEvery > 0 ? recordEvery : Math.max(1, (steps + targetPoints - 1) / targetPoints);
    }

    /** The recorded iterations 0, k, 2k, …, and the last one, {@code steps} (k = stride ≥ 1). */
    static int[] recordedIterations(int steps, int k) {
        int m = steps / k + 1 + (steps % k == 0 ? 0 : 1);
        int[] it = new int[m];
        for (int j = 0; j < m - 1; j++) it[j] = j * k;
        it[m - 1] = steps;
        return it;
    }

    /**
     * The band of {@code series[trial][index]} over trials. Every trial must have the same length; values must be
     * finite.
     */
    public static Band band(double[][] series) {
        Require.notNull("series", series);
        Require.that(series.length >= 1, "series.length", series.length, "at least 1 trial");
        int m = series[0].length;
        int n = series.length;
        double[] mean = new double[m], q10 = new double[m], q50 = new double[m], q90 = new double[m];
        double[] col = new double[n];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                Require.that(series[i].length == m, "series[" + i + "].length", series[i].length, "equal to " + m);
                double v = series[i][j];
                if (!Double.isFinite(v)) throw new IllegalArgumentException("series[" + i + "][" + j + "] = " + v + " is not allowed: it must be finite");
                col[i] = v;
                s += v;
            }
            Arrays.sort(col);
            mean[j] = s / n;
            q10[j] = Quantiles.sortedQuantile(col, 0.1);
            q50[j] = Quantiles.sortedQuantile(col, 0.5);
            q90[j] = Quantiles.sortedQuantile(col, 0.9);
        }
        return new Band(mean, q10, q50, q90);
    }

    /**
     * Type-7 q-quantile of passage times where a negative entry means "never passed" (+∞). Returns NaN where the
     * quantile involves a non-passed trial (the order statistics it interpolates include +∞), i.e. "not reached".
     */
    public static double passageQuantile(long[] times, double q) {
        Require.notNull("times", times);
        Require.that(times.length >= 1, "times.length", times.length, "at least 1");
        Require.inRange("q", q, 0, 1);
        double[] s = new double[times.length];
        for (int i = 0; i < times.length; i++) s[i] = times[i] < 0 ? Double.POSITIVE_INFINITY : times[i];
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        // snap positions within rounding of an order statistic (e.g. 3 * (1/3)) so that a zero weight on +inf stays zero
        double r = Math.rint(h);
        if (Math.abs(h - r) <= 1e-9 * Math.max(1, h)) h = r;
        int lo = (int) Math.floor(h);
        int hi = Math.min(s.length - 1, lo + 1);
        double frac = h - lo;
        if (Double.isInfinite(s[lo]) || (frac > 0 && Double.isInfinite(s[hi]))) return Double.NaN;
        if (frac == 0) return s[lo];
        return s[lo] + frac * (s[hi] - s[lo]);
    }

    /** Number of entries ≥ 0 (trials that passed). */
    public static int passed(long[] times) {
        int k = 0;
        for (long t : times) if (t >= 0) k++;
        return k;
    }

    /** Arithmetic mean. */
    public static double mean(double[] x) {
        Require.that(x != null && x.length > 0, "x.length", x == null ? 0 : x.length, "at least 1");
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
