package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.MatrixFunctions;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.util.Require;

/**
 * Additive gradient noise ξ = S ζ with ζ Rademacher or standard Gaussian ({@link NoiseKind}), so that
 * E[ξ] = 0 and Cov(ξ) = Σ = S Sᵀ exactly (CLAIMS.md §7.1, "Stochastic-gradient oracles"; STAIB-T4.2 harness
 * noise g = ∇f + diag(σ) ζ). Immutable and thread-safe; {@link #addNoise} allocates nothing.
 *
 * <p>Rademacher signs are taken from the bits of {@code rng.nextLong()} (64 coordinates per call), bit j of
 * the k-th long giving the sign of coordinate 64k + j (bit set ↦ −1). For d ≤ 30 the first long's low d bits
 * are thus a uniform index into the 2^d sign patterns, which is how {@link Fig1Saddle} identifies its
 * finite-sum components.
 */
public final class GradientNoise {
    private final int d;
    private final NoiseKind kind;
    /** Diagonal factor (σ_j) or null when the factor is a full matrix. */
    private final double[] sigma;
    /** Full factor S (row-major d×d) or null when diagonal. */
    private final double[] factor;
    /** Σ = S Sᵀ (row-major d×d). */
    private final double[] covariance;
    private final boolean zero;

    private GradientNoise(int d, NoiseKind kind, double[] sigma, double[] factor, double[] covariance) {
        this.d = d;
        this.kind = kind;
        this.sigma = sigma;
        this.factor = factor;
        this.covariance = covariance;
        this.zero = Mat.maxAbs(covariance) == 0;
    }

    /** No noise: g = ∇f exactly (Σ = 0). */
    public static GradientNoise none(int d) {
        Require.positive("d", d);
        return new GradientNoise(d, NoiseKind.RADEMACHER, new double[d], null, new double[d * d]);
    }

    /** ξ_j = σ_j ζ_j, ζ_j independent ±1: Σ = diag(σ²). */
    public static GradientNoise rademacherDiagonal(double[] sigma) {
        return diagonal(NoiseKind.RADEMACHER, sigma);
    }

    /** ξ_j = σ_j ζ_j, ζ_j ~ N(0,1): Σ = diag(σ²). */
    public static GradientNoise gaussianDiagonal(double[] sigma) {
        return diagonal(NoiseKind.GAUSSIAN, sigma);
    }

    /** ξ = diag(σ) ζ with ζ of the given kind; every σ_j finite and ≥ 0. */
    public static GradientNoise diagonal(NoiseKind kind, double[] sigma) {
        Require.notNull("kind", kind);
        Require.notNull("sigma", sigma);
        Require.positive("sigma.length", sigma.length);
        for (int j = 0; j < sigma.length; j++) Require.nonNegative("sigma[" + j + "]", sigma[j]);
        int d = sigma.length;
        double[] s = sigma.clone();
        double[] cov = new double[d * d];
        for (int j = 0; j < d; j++) cov[j * d + j] = s[j] * s[j];
        return new GradientNoise(d, kind, s, null, cov);
    }

    /**
     * ξ = Σ^{1/2} ζ for a prescribed covariance Σ (row-major d×d, symmetric positive semidefinite up to
     * 1e-10·max(1, max|Σ_ij|); it is symmetrised and its tiny negative eigenvalues are clamped at 0).
     */
    public static GradientNoise withCovariance(NoiseKind kind, double[] covariance, int d) {
        Require.notNull("kind", kind);
        Require.positive("d", d);
        MatrixFunctions.requireSymmetricPsd("covariance", covariance, d, 1e-10);
        double[] sym = covariance.clone();
        Mat.symmetrize(sym, d);
        SymmetricEigen eig = new SymmetricEigen(d);
        double[] s = new double[d * d];
        MatrixFunctions.sqrt(sym, eig, s);
        // Σ reported exactly as S Sᵀ so that E[ξξᵀ] and covariance() agree to rounding.
        double[] cov = new double[d * d];
        Mat.mul(s, s, cov, d);
        Mat.symmetrize(cov, d);
        return new GradientNoise(d, kind, null, s, cov);
    }

    /** ξ = S ζ for an arbitrary square factor S (row-major d×d): Σ = S Sᵀ. */
    public static GradientNoise withFactor(NoiseKind kind, double[] factorS, int d) {
        Require.notNull("kind", kind);
        Require.positive("d", d);
        Require.length("factorS", factorS, d * d);
        Require.finite("factorS", factorS);
        double[] s = factorS.clone();
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double t = 0;
                for (int k = 0; k < d; k++) t += s[i * d + k] * s[j * d + k];
                cov[i * d + j] = t;
            }
        Mat.symmetrize(cov, d);
        return new GradientNoise(d, kind, null, s, cov);
    }

    public int dim() {
        return d;
    }

    public NoiseKind kind() {
        return kind;
    }

    public boolean isDiagonal() {
        return sigma != null;
    }

    /** True when Σ = 0 (deterministic oracle). */
    public boolean isZero() {
        return zero;
    }

    /** A copy of the diagonal scales σ (diagonal noise only). */
    public double[] sigma() {
        if (sigma == null) throw new IllegalStateException("this noise has a full factor S, not a diagonal one: use factor()");
        return sigma.clone();
    }

    /** A copy of the factor S (row-major d×d; diag(σ) for diagonal noise). */
    public double[] factor() {
        return factor != null ? factor.clone() : Mat.diag(sigma);
    }

    /** out = Σ = S Sᵀ (row-major d×d). */
    public void covariance(double[] out) {
        Require.length("out", out, d * d);
        System.arraycopy(covariance, 0, out, 0, d * d);
    }

    /**
     * An upper bound on sup ‖ξ‖ over the noise's support: exactly sqrt(Σ σ_j²) for diagonal Rademacher noise,
     * sqrt(d·tr Σ) ≥ ‖S‖_F·√d ≥ max_ζ ‖Sζ‖ for a full Rademacher factor, 0 without noise, +∞ for Gaussian noise.
     */
    public double radiusBound() {
        if (zero) return 0;
        if (kind == NoiseKind.GAUSSIAN) return Double.POSITIVE_INFINITY;
        if (sigma != null) return Math.sqrt(Mat.trace(covariance, d));
        return Math.sqrt(d * Mat.trace(covariance, d));
    }

    /** out += S ζ with a fresh ζ drawn from rng. Allocation-free. */
    public void addNoise(UniformRandomProvider rng, double[] out) {
        Require.length("out", out, d);
        if (zero) return;
        if (kind == NoiseKind.RADEMACHER) {
            long bits = 0;
            for (int j = 0; j < d; j++) {
                if ((j & 63) == 0) bits = rng.nextLong();
                double z = ((bits >>> (j & 63)) & 1L) == 0 ? 1.0 : -1.0;
                addColumn(j, z, out);
            }
        } else {
            NormalizedGaussianSampler g = GaussianDraws.sampler(rng);
            for (int j = 0; j < d; j++) addColumn(j, g.sample(), out);
        }
    }

    /** out += S ζ for a given ζ (length d); used by exact enumeration tests and finite-sum components. */
    public void addNoise(double[] zeta, double[] out) {
        Require.length("zeta", zeta, d);
        Require.length("out", out, d);
        for (int j = 0; j < d; j++) addColumn(j, zeta[j], out);
    }

    private void addColumn(int j, double z, double[] out) {
        if (sigma != null) {
            out[j] += sigma[j] * z;
        } else {
            for (int i = 0; i < d; i++) out[i] += factor[i * d + j] * z;
        }
    }

    /** e.g. "rademacher diag(1, 0.1)" or "gaussian full(d=5)". */
    public String describe() {
        String k = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (zero) return "no noise";
        if (sigma != null) {
            StringBuilder sb = new StringBuilder(k).append(" diag(");
            for (int j = 0; j < d; j++) {
                if (j > 0) sb.append(", ");
                if (j == 6 && d > 8) {
                    sb.append("...");
                    break;
                }
                sb.append(sigma[j]);
            }
            return sb.append(')').toString();
        }
        return k + " full(d=" + d + ")";
    }
}
