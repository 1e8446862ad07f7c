package org.saddlecheck.stats;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.util.Require;

/**
 * Scaling exponents on log-log sweeps (CLAIMS.md §7.4, RATE): at each sweep point x_j a robust statistic
 * (median, or a quantile for high-probability claims) of the trials is computed, and log(stat) is regressed on
 * log(x) by ordinary least squares. The slope's confidence interval comes from a nonparametric bootstrap that
 * resamples the trials within each sweep point (percentile interval).
 *
 * <p>Small alpha: a percentile interval needs about 5/alpha resamples to resolve its tail. When
 * {@code alpha·resamples < 5} the {@link Bootstrap#test} falls back to a normal interval slope ± z·SE_boot with the
 * bootstrap standard error (documented in the returned {@link RateTest#method()}).
 */
public final class SlopeFit {
    private SlopeFit() {}

    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    /** A statistic of one sweep point's trials. May reorder its argument. */
    @FunctionalInterface
    public interface Statistic {
        double of(double[] sample);
    }

    /** The median (type 7). */
    public static Statistic median() {
        return quantile(0.5);
    }

    /** The empirical q-quantile (type 7). */
    public static Statistic quantile(double q) {
        Require.inRange("q", q, 0, 1);
        return s -> {
            Arrays.sort(s);
            return Quantiles.sortedQuantile(s, q);
        };
    }

    /** The mean. */
    public static Statistic mean() {
        return MeanBound::mean;
    }

    /** An OLS fit of log(stat) on log(x). */
    public record Fit(double slope, double intercept, double[] x, double[] stat, double[] localSlopes) {
        /** stat_j / x_j^p: the constant implied by exponent p at each sweep point. */
        public double[] impliedConstants(double p) {
            double[] c = new double[x.length];
            for (int j = 0; j < x.length; j++) c[j] = stat[j] / Math.pow(x[j], p);
            return c;
        }

        /** max/min of {@link #impliedConstants(double)}: ≲ 2–3 in the asymptotic regime (§7.4). */
        public double impliedConstantSpread(double p) {
            double[] c = impliedConstants(p);
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (double v : c) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return hi / lo;
        }
    }

    /** OLS of log(stat) on log(x) with the local slopes between consecutive points. */
    public static Fit ols(double[] x, double[] stat) {
        checkSweep(x);
        Require.length("stat", stat, x.length);
        for (int j = 0; j < stat.length; j++) {
            Require.that(Double.isFinite(stat[j]) && stat[j] > 0, "stat[" + j + "]", stat[j], "finite and > 0 (log-log fit)");
        }
        double[] lx = new double[x.length], ly = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            lx[j] = Math.log(x[j]);
            ly[j] = Math.log(stat[j]);
        }
        double slope = slope(lx, ly);
        double intercept = MeanBound.mean(ly) - slope * MeanBound.mean(lx);
        double[] local = new double[x.length - 1];
        for (int j = 0; j + 1 < x.length; j++) local[j] = (ly[j + 1] - ly[j]) / (lx[j + 1] - lx[j]);
        return new Fit(slope, intercept, x.clone(), stat.clone(), local);
    }

    /** Direction of a rate claim. */
    public enum Direction {
        /** Slope ≈ predicted: PASS iff the CI meets [p − tol, p + tol]. */
        TWO_SIDED,
        /** Upper-bound rate, slope ≤ predicted: FAIL iff the lower confidence bound exceeds p + tol. */
        AT_MOST,
        /** Slope ≥ predicted: FAIL iff the upper confidence bound is below p − tol. */
        AT_LEAST
    }

    /** Outcome of a rate test; {@code [ciLow, ciHigh]} is the interval the decision used (one side may be ±∞). */
    /**
     * @param detectableDeviation the power of the design, stated: the smallest distance of the true slope from
     *                            {@code predicted} (in the tested direction) that this test flags with probability
     *                            {@link #POWER}, tolerance + (z_tail + z_power)·SE (normal approximation with the
     *                            bootstrap SE of the slope)
     */
    public record RateTest(double slope, double predicted, double tolerance, Direction direction, double alpha,
                           double ciLow, double ciHigh, String method, boolean violated, double detectableDeviation) {
        public String describe() {
            return String.format(Locale.ROOT, "slope %.4f, %s CI [%.4f, %.4f] (%s, alpha %.3g) vs predicted %.4f ± %.4f: %s; "
                            + "detects a true slope %.4f or more off the prediction with power %.2f",
                    slope, direction.name().toLowerCase(Locale.ROOT).replace('_', '-'), ciLow, ciHigh, method, alpha,
                    predicted, tolerance, violated ? "VIOLATED" : "consistent", detectableDeviation, POWER);
        }
    }

    /** Power at which {@link RateTest#detectableDeviation()} is stated. */
    public static final double POWER = 0.9;

    /** A fit with its bootstrap distribution of slopes (sorted). */
    public record Bootstrap(Fit fit, double[] slopes) {
        /** Percentile interval of the given confidence (two-sided). */
        public double[] percentileInterval(double confidence) {
            Require.probability("confidence", confidence);
            double a = (1 - confidence) / 2;
            return new double[] {Quantiles.sortedQuantile(slopes, a), Quantiles.sortedQuantile(slopes, 1 - a)};
        }

        /** Bootstrap standard error of the slope. */
        public double standardError() {
            return Math.sqrt(MeanBound.variance(slopes, MeanBound.mean(slopes)));
        }

        /** Tests the fitted slope against {@code predicted ± tolerance} at false-failure rate alpha. */
        public RateTest test(double predicted, double tolerance, Direction direction, double alpha) {
            Require.finite("predicted", predicted);
            Require.nonNegative("tolerance", tolerance);
            Require.notNull("direction", direction);
            Require.probability("alpha", alpha);
            double tail = direction == Direction.TWO_SIDED ? alpha / 2 : alpha;
            boolean percentile = tail * slopes.length >= 5;
            double lo, hi;
            if (percentile) {
                lo = Quantiles.sortedQuantile(slopes, tail);
                hi = Quantiles.sortedQuantile(slopes, 1 - tail);
            } else {
                double z = STD_NORMAL.inverseSurvivalProbability(tail), se = standardError();
                lo = fit.slope() - z * se;
                hi = fit.slope() + z * se;
            }
            boolean violated;
            switch (direction) {
                case AT_MOST -> {
                    hi = Double.POSITIVE_INFINITY;
                    violated = lo > predicted + tolerance;
                }
                case AT_LEAST -> {
                    lo = Double.NEGATIVE_INFINITY;
                    violated = hi < predicted - tolerance;
                }
                default -> violated = lo > predicted + tolerance || hi < predicted - tolerance;
            }
            double detectable = tolerance + (STD_NORMAL.inverseSurvivalProbability(tail)
                    + STD_NORMAL.inverseSurvivalProbability(1 - POWER)) * standardError();
            return new RateTest(fit.slope(), predicted, tolerance, direction, alpha, lo, hi,
                    percentile ? "percentile bootstrap, " + slopes.length + " resamples"
                            : "normal bootstrap (SE from " + slopes.length + " resamples)", violated, detectable);
        }
    }

    /**
     * Fits the slope of log(stat(samples[j])) on log(x[j]) and bootstraps it {@code resamples} times, resampling
     * the trials of each sweep point with replacement. {@code samples} is not modified.
     */
    public static Bootstrap bootstrap(double[] x, double[][] samples, Statistic stat, int resamples, UniformRandomProvider rng) {
        checkSweep(x);
        Require.notNull("samples", samples);
        Require.that(samples.length == x.length, "samples.length", samples.length, "equal to x.length = " + x.length);
        Require.notNull("stat", stat);
        Require.that(resamples >= 100, "resamples", resamples, "an integer >= 100");
        Require.notNull("rng", rng);
        int m = x.length;
        double[] point = new double[m];
        double[][] buf = new double[m][];
        for (int j = 0; j < m; j++) {
            Require.finite("samples[" + j + "]", samples[j]);
            Require.that(samples[j].length >= 1, "samples[" + j + "].length", samples[j].length, "at least 1");
            buf[j] = new double[samples[j].length];
            System.arraycopy(samples[j], 0, buf[j], 0, samples[j].length);
            point[j] = stat.of(buf[j]);
        }
        Fit fit = ols(x, point);
        double[] lx = new double[m], ly = new double[m];
        for (int j = 0; j < m; j++) lx[j] = Math.log(x[j]);
        double[] slopes = new double[resamples];
        int used = 0;
        for (int b = 0; b < resamples; b++) {
            boolean ok = true;
            for (int j = 0; j < m; j++) {
                double[] src = samples[j], dst = buf[j];
                for (int i = 0; i < dst.length; i++) dst[i] = src[rng.nextInt(src.length)];
                double v = stat.of(dst);
                if (!(v > 0) || !Double.isFinite(v)) ok = false;
                ly[j] = Math.log(v);
            }
            if (ok) slopes[used++] = slope(lx, ly);
        }
        Require.that(used >= resamples / 2, "resamples with a positive statistic at every point", used,
                "at least half of " + resamples + " (the statistic must be > 0 for a log-log fit)");
        double[] s = Arrays.copyOf(slopes, used);
        Arrays.sort(s);
        return new Bootstrap(fit, s);
    }

    private static double slope(double[] lx, double[] ly) {
        double mx = MeanBound.mean(lx), my = MeanBound.mean(ly);
        double sxy = 0, sxx = 0;
        for (int j = 0; j < lx.length; j++) {
            sxy += (lx[j] - mx) * (ly[j] - my);
            sxx += (lx[j] - mx) * (lx[j] - mx);
        }
        return sxy / sxx;
    }

    private static void checkSweep(double[] x) {
        Require.finite("x", x);
        Require.that(x.length >= 2, "x.length", x.length, "at least 2 sweep points");
        for (int j = 0; j < x.length; j++) Require.positive("x[" + j + "]", x[j]);
        double lo = Arrays.stream(x).min().orElseThrow(), hi = Arrays.stream(x).max().orElseThrow();
        Require.that(hi > lo, "x", Arrays.toString(x), "at least two distinct sweep values");
    }
}
