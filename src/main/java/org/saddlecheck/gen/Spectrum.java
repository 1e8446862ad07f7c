package org.saddlecheck.gen;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.util.Require;

/** Prescribed spectra (ascending) for SPD generation (CLAIMS.md §7.1). */
public final class Spectrum {
    private Spectrum() {}

    /**
     * Eigenvalues (ascending) of the given kind with λ_max = {@code lambdaMax} and condition number
     * {@code kind.effectiveKappa(d, kappa)}; random interior values are log-uniform.
     */
    public static double[] of(SpectrumKind kind, int d, double lambdaMax, double kappa, UniformRandomProvider rng) {
        Require.notNull("kind", kind);
        Require.positive("d", d);
        Require.positive("lambdaMax", lambdaMax);
        Require.that(Double.isFinite(kappa) && kappa >= 1, "kappa", kappa, "a finite number >= 1");
        Require.notNull("rng", rng);
        double k = kind.effectiveKappa(d, kappa);
        double lo = lambdaMax / k;
        double[] l = new double[d];
        Arrays.fill(l, lambdaMax);
        if (d == 1 || k == 1) return l;
        switch (kind) {
            case FLAT -> { }
            case IDENTITY_LIKE, LOG_UNIFORM -> logUniformInterior(l, lo, lambdaMax, rng);
            case TWO_LEVEL -> Arrays.fill(l, 0, d / 2, lo);
            case CLUSTERED -> l[0] = lo;
            case NEAR_SINGULAR -> {
                logUniformInterior(l, lambdaMax / 100, lambdaMax, rng);
                l[0] = lo;
                if (d > 2) l[1] = lambdaMax / 100;
            }
        }
        Arrays.sort(l);
        return l;
    }

    /** l[0] = lo, l[d−1] = hi, l[1..d−2] log-uniform in [lo, hi]. */
    private static void logUniformInterior(double[] l, double lo, double hi, UniformRandomProvider rng) {
        int d = l.length;
        double a = Math.log(lo), b = Math.log(hi);
        l[0] = lo;
        l[d - 1] = hi;
        for (int i = 1; i < d - 1; i++) l[i] = Math.min(hi, Math.max(lo, Math.exp(a + (b - a) * rng.nextDouble())));
    }
}
