package org.saddlecheck.theory.jin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.util.Require;

/**
 * Small shared helpers of the Jin et al. and cross-paper claims (formatting, detail rows, normal quantiles, trial
 * counts for slope fits). Not part of the claim API.
 */
public final class JinSupport {
    private JinSupport() {}

    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    /** String.format with Locale.ROOT. */
    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** An ordered map from alternating keys and values: row("d", 10, "median", 143.0). */
    public static Map<String, Object> row(Object... kv) {
        Require.that(kv.length % 2 == 0, "kv.length", kv.length, "even (key, value pairs)");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(String.valueOf(kv[i]), kv[i + 1]);
        return m;
    }

    /** Upper quantile z with P[Z &gt; z] = p. */
    public static double zUpper(double p) {
        Require.probability("p", p);
        return STD_NORMAL.inverseSurvivalProbability(p);
    }

    /**
     * Trials per sweep point so that an OLS slope of a per-point median against u_j has power {@code power} to move
     * its two-sided (1−alpha) interval off a band of half-width {@code band} when the truth is {@code effect} away
     * from the band's centre (normal approximation): the median of n draws with standard deviation sigma has
     * standard error ≈ 1.2533·sigma/√n (Gaussian efficiency of the median), and the slope's standard error is
     * that divided by √(Σ(u_j − ū)²). n = ⌈((z_{α/2} + z_{1−power})·1.2533·sigma / ((effect − band)·√Σ(u_j − ū)²))²⌉.
     */
    public static int slopeTrials(double[] u, double sigma, double band, double effect, double alpha, double power) {
        Require.finite("u", u);
        Require.positive("sigma", sigma);
        Require.nonNegative("band", band);
        Require.that(effect > band, "effect", effect, "> band = " + band);
        Require.probability("alpha", alpha);
        Require.probability("power", power);
        double m = 0;
        for (double v : u) m += v;
        m /= u.length;
        double sxx = 0;
        for (double v : u) sxx += (v - m) * (v - m);
        Require.positive("sum of squared deviations of u", sxx);
        double z = zUpper(alpha / 2) + zUpper(1 - power);
        double n = Math.pow(z * 1.2533 * sigma / ((effect - band) * Math.sqrt(sxx)), 2);
        return (int) Math.ceil(n);
    }

    /** ln of every entry. */
    public static double[] log(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = Math.log(v[i]);
        return o;
    }

    /** The experiment CSV path as the report expects it in details.curvesCsv: "experiments/NAME/FILE". */
    public static String curvesPath(String name, String file) {
        return "experiments/" + name + "/" + file;
    }

    /** Whether a claim was configured to write experiment files. */
    public static boolean writes(Path dir) {
        return dir != null;
    }

    /** Standard list-of-doubles detail. */
    public static List<Double> list(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
