package org.saddlecheck.gen;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/** Random gradient vectors for property checks (CLAIMS.md §7.1). */
public final class Gradients {
    private Gradients() {}

    /** i.i.d. N(0, 1) entries. */
    public static double[] gaussian(int d, UniformRandomProvider rng) {
        Require.positive("d", d);
        double[] g = new double[d];
        new Gaussian(rng).fill(g);
        return g;
    }

    /** Uniform direction on the sphere with Euclidean norm exactly {@code norm} (up to rounding). */
    public static double[] withNorm(int d, double norm, UniformRandomProvider rng) {
        Require.nonNegative("norm", norm);
        double[] g;
        double s;
        do {
            g = gaussian(d, rng);
            s = 0;
            for (double v : g) s += v * v;
        } while (s == 0);
        double f = norm / Math.sqrt(s);
        for (int i = 0; i < d; i++) g[i] *= f;
        return g;
    }

    /**
     * A sequence of T gradients whose norms are log-uniform in [normLo, normHi] (rows of the returned array),
     * e.g. for EMA identities (STAIB-INTRO-ADAGRAD).
     */
    public static double[][] sequence(int t, int d, double normLo, double normHi, UniformRandomProvider rng) {
        Require.positive("t", t);
        Require.positive("normLo", normLo);
        Require.that(Double.isFinite(normHi) && normHi >= normLo, "normHi", normHi, "finite and >= normLo = " + normLo);
        double[][] out = new double[t][];
        for (int i = 0; i < t; i++) out[i] = withNorm(d, SpdSpace.logUniform(rng, normLo, normHi), rng);
        return out;
    }
}
