package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.util.Require;

/**
 * Quadratic with prescribed spectrum f(x) = ½ (x − x̃)ᵀ H (x − x̃), H = Q diag(λ) Qᵀ (CLAIMS.md §7.2
 * "Quadratic saddles"; JIN-STUCK slab experiment). With some λ_i < 0, x̃ is a strict saddle (or a maximum);
 * the basis Q is the identity or Haar-random ({@link RandomMatrices#haarOrthogonal}).
 *
 * <p>Constants (global, exact): ℓ = max|λ_i|, ρ = 0, f* = 0 if all λ_i ≥ 0 and −∞ otherwise (f is then
 * unbounded below; {@link Constants#fStar()} is {@link Double#NEGATIVE_INFINITY}).
 *
 * <p>For a stochastic oracle use {@link #withNoise}: g = ∇f + S ζ with ζ Rademacher (bounded) or Gaussian and
 * S = Σ^{1/2} for a prescribed noise covariance Σ (exact G(x) = ∇f∇fᵀ + Σ). Immutable; gradient and Hessian
 * allocate nothing (out must not alias x).
 */
public final class QuadraticSaddle implements Objective {
    private final int d;
    private final double[] lambda;
    private final double[] q; // columns are eigenvectors: H = Q diag(λ) Qᵀ
    private final double[] h;
    private final double[] center;
    private final boolean identityBasis;

    /**
     * @param eigenvalues λ (length d, finite, any signs)
     * @param basis orthogonal Q (row-major d×d; column k is the eigenvector of λ_k), or null for the identity
     * @param center the critical point x̃ (length d), or null for 0
     */
    public QuadraticSaddle(double[] eigenvalues, double[] basis, double[] center) {
        Require.finite("eigenvalues", eigenvalues);
        this.d = Require.positive("eigenvalues.length", eigenvalues.length);
        this.lambda = eigenvalues.clone();
        this.identityBasis = basis == null;
        if (basis == null) {
            this.q = RandomMatrices.identity(d);
        } else {
            RandomMatrices.requireOrthogonal("basis", basis, d);
            this.q = basis.clone();
        }
        if (center == null) {
            this.center = new double[d];
        } else {
            Require.length("center", center, d);
            this.center = Require.finite("center", center).clone();
        }
        this.h = RandomMatrices.withSpectrum(q, lambda);
    }

    /** H = diag(λ), saddle at the origin. */
    public static QuadraticSaddle diagonal(double... eigenvalues) {
        return new QuadraticSaddle(eigenvalues, null, null);
    }

    /** H = Q diag(λ) Qᵀ with Haar Q drawn from rng, saddle at the origin. */
    public static QuadraticSaddle haar(double[] eigenvalues, UniformRandomProvider rng) {
        Require.notNull("eigenvalues", eigenvalues);
        Require.positive("eigenvalues.length", eigenvalues.length);
        return new QuadraticSaddle(eigenvalues, RandomMatrices.haarOrthogonal(eigenvalues.length, rng), null);
    }

    /** The problem with oracle g = ∇f + Σ^{1/2} ζ (Σ row-major d×d, symmetric PSD). */
    public AdditiveNoiseProblem withNoise(NoiseKind kind, double[] noiseCovariance) {
        return new AdditiveNoiseProblem(this, GradientNoise.withCovariance(kind, noiseCovariance, d));
    }

    /** The problem with oracle g = ∇f + noise. */
    public AdditiveNoiseProblem withNoise(GradientNoise noise) {
        return new AdditiveNoiseProblem(this, noise);
    }

    @Override
    public int dim() {
        return d;
    }

    public double[] eigenvalues() {
        return lambda.clone();
    }

    /** Q (row-major; column k = eigenvector of λ_k). */
    public double[] basis() {
        return q.clone();
    }

    /** H (row-major d×d). */
    public double[] hessianMatrix() {
        return h.clone();
    }

    /** The critical point x̃. */
    public double[] center() {
        return center.clone();
    }

    /** out = unit eigenvector of λ_k (column k of Q). */
    public void eigenvector(int k, double[] out) {
        Require.inRange("k", k, 0, d - 1);
        Require.length("out", out, d);
        for (int i = 0; i < d; i++) out[i] = q[i * d + k];
    }

    /** Index of the smallest eigenvalue (first one on ties). */
    public int minEigenIndex() {
        int m = 0;
        for (int k = 1; k < d; k++) if (lambda[k] < lambda[m]) m = k;
        return m;
    }

    @Override
    public double value(double[] x) {
        Require.length("x", x, d);
        double s = 0;
        for (int i = 0; i < d; i++) {
            double ui = x[i] - center[i];
            double t = 0;
            int r = i * d;
            for (int j = 0; j < d; j++) t += h[r + j] * (x[j] - center[j]);
            s += ui * t;
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d);
        Require.that(out != x, "out", "x", "a different array from x");
        for (int i = 0; i < d; i++) {
            double t = 0;
            int r = i * d;
            for (int j = 0; j < d; j++) t += h[r + j] * (x[j] - center[j]);
            out[i] = t;
        }
    }

    @Override
    public void hessian(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        System.arraycopy(h, 0, out, 0, d * d);
    }

    @Override
    public Constants constants() {
        double ell = 0, min = Double.POSITIVE_INFINITY;
        for (double l : lambda) {
            ell = Math.max(ell, Math.abs(l));
            min = Math.min(min, l);
        }
        return Constants.global(ell, 0.0, min >= 0 ? 0.0 : Double.NEGATIVE_INFINITY);
    }

    @Override
    public String name() {
        return "quadratic-saddle(d=" + d + (identityBasis ? ", diagonal" : ", rotated") + ")";
    }
}
