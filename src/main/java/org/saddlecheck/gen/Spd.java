package org.saddlecheck.gen;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * A symmetric positive (semi)definite matrix with a prescribed spectrum in a Haar-random basis:
 * {@code g = Q diag(lambda) Qᵀ}, symmetrised (CLAIMS.md §7.1). {@code q} is row-major with eigenvector k in
 * column k; {@code lambda} ascending.
 */
public record Spd(SpdParams params, double[] g, double[] q, double[] lambda) {

    public int d() {
        return params.d();
    }

    /** Draws G for the given parameters: spectrum first, then a Haar basis (both from {@code rng}). */
    public static Spd random(SpdParams p, UniformRandomProvider rng) {
        Require.notNull("p", p);
        Require.notNull("rng", rng);
        double[] lambda = Spectrum.of(p.kind(), p.d(), p.lambdaMax(), p.kappa(), rng);
        double[] q = new double[p.d() * p.d()];
        new Haar(p.d()).sample(new Gaussian(rng), q);
        return new Spd(p, fromSpectrum(q, lambda), q, lambda);
    }

    /** Q diag(λ) Qᵀ (symmetrised) for orthogonal Q with eigenvector k in column k. */
    public static double[] fromSpectrum(double[] q, double[] lambda) {
        int d = lambda.length;
        Require.length("q", q, d * d);
        Require.finite("lambda", lambda);
        double[] g = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[i * d + k] * lambda[k] * q[j * d + k];
                g[i * d + j] = s;
                g[j * d + i] = s;
            }
        }
        Mat.symmetrize(g, d);
        return g;
    }
}
