package org.saddlecheck.experiment;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.util.Require;

/**
 * Least-squares fit of stat_j = a + b·ln(x_j) over a sweep, with a bootstrap confidence interval for b that
 * resamples the trials within each sweep point (CLAIMS.md §7.4; the log-linear companion of
 * {@link SlopeFit}, which fits log-log). Used for JIN-DIMFREE's escape time T_esc = a + b·ln d.
 *
 * <p>Interval rule as in {@link SlopeFit.Bootstrap#test}: a percentile interval when
 * {@code tail·resamples ≥ 5}, else slope ± z·SE with the bootstrap standard error (small alpha).
 */
public final class LogLinearFit {
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    private final double[] x;
    private final double[] stat;
    private final double slope;
    private final double intercept;
    private final double[] bootSlopes; // sorted

    private LogLinearFit(double[] x, double[] stat, double slope, double intercept, double[] bootSlopes) {
        this.x = x;
        this.stat = stat;
        this.slope = slope;
        this.intercept = intercept;
        this.bootSlopes = bootSlopes;
    }

    /** Fits stat(samples[j]) = a + b·ln(x[j]) and bootstraps b {@code resamples} times. */
    public static LogLinearFit bootstrap(double[] x, double[][] samples, SlopeFit.Statistic stat, int resamples,
            UniformRandomProvider rng) {
        Require.finite("x", x);
        Require.that(x.length >= 2, "x.length", x.length, "at least 2 sweep points");
        for (int j = 0; j < x.length; j++) Require.positive("x[" + j + "]", x[j]);
        Require.notNull("samples", samples);
        Require.that(samples.length == x.length, "samples.length", samples.length, "equal to x.length = " + x.length);
        Require.notNull("stat", stat);
        Require.that(resamples >= 100, "resamples", resamples, "an integer >= 100");
        Require.notNull("rng", rng);
        int m = x.length;
        double[] lx = new double[m];
        for (int j = 0; j < m; j++) lx[j] = Math.log(x[j]);
        double[][] buf = new double[m][];
        double[] point = new double[m];
        for (int j = 0; j < m; j++) {
            Require.finite("samples[" + j + "]", samples[j]);
            Require.that(samples[j].length >= 1, "samples[" + j + "].length", samples[j].length, "at least 1");
            buf[j] = samples[j].clone();
            point[j] = stat.of(buf[j]);
        }
        double b = slope(lx, point);
        double a = mean(point) - b * mean(lx);
        double[] boot = new double[resamples];
        double[] y = new double[m];
        for (int k = 0; k < resamples; k++) {
            for (int j = 0; j < m; j++) {
                double[] src = samples[j], dst = buf[j];
                for (int i = 0; i < dst.length; i++) dst[i] = src[rng.nextInt(src.length)];
                y[j] = stat.of(dst);
            }
            boot[k] = slope(lx, y);
        }
        Arrays.sort(boot);
        return new LogLinearFit(x.clone(), point, b, a, boot);
    }

    public double slope() {
        return slope;
    }

    public double intercept() {
        return intercept;
    }

    /** The statistic at each sweep point. */
    public double[] stat() {
        return stat.clone();
    }

    public double[] x() {
        return x.clone();
    }

    /** Bootstrap standard error of b. */
    public double standardError() {
        double m = mean(bootSlopes), s = 0;
        for (double v : bootSlopes) s += (v - m) * (v - m);
        return Math.sqrt(s / (bootSlopes.length - 1));
    }

    /** Two-sided interval for b with total false-coverage alpha: [lo, hi]. */
    public double[] interval(double alpha) {
        Require.probability("alpha", alpha);
        double tail = alpha / 2;
        if (tail * bootSlopes.length >= 5) {
            return new double[] {Quantiles.sortedQuantile(bootSlopes, tail), Quantiles.sortedQuantile(bootSlopes, 1 - tail)};
        }
        double z = STD_NORMAL.inverseSurvivalProbability(tail), se = standardError();
        return new double[] {slope - z * se, slope + z * se};
    }

    /** How {@link #interval} was computed at this alpha. */
    public String method(double alpha) {
        return (alpha / 2) * bootSlopes.length >= 5 ? "percentile bootstrap, " + bootSlopes.length + " resamples"
                : "normal bootstrap (SE from " + bootSlopes.length + " resamples)";
    }

    public String describe(double alpha) {
        double[] ci = interval(alpha);
        return String.format(Locale.ROOT, "b = %.4g, CI [%.4g, %.4g] (%s, alpha %.3g), a = %.4g", slope, ci[0], ci[1],
                method(alpha), alpha, intercept);
    }

    private static double slope(double[] lx, double[] ly) {
        double mx = mean(lx), my = mean(ly), sxy = 0, sxx = 0;
        for (int j = 0; j < lx.length; j++) {
            sxy += (lx[j] - mx) * (ly[j] - my);
            sxx += (lx[j] - mx) * (lx[j] - mx);
        }
        return sxy / sxx;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double a : v) s += a;
        return s / v.length;
    }
}
