package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.saddlecheck.util.Require;

/**
 * Jin et al.'s matrix factorisation problem (CLAIMS.md JIN-MF): f(U) = ½ ‖UUᵀ − M*‖_F² over U ∈ R^{d×r},
 * flattened row-major into a vector of length d·r (entry U_ik at index i·r + k). M* = U*U*ᵀ with U* = Q_r
 * diag(√σ*) where Q_r holds the first r columns of a Haar-random orthogonal matrix, so M* has eigenvalues
 * σ₁* … σ_r* > 0.
 *
 * <p>With E = UUᵀ − M*: ∇f = 2EU, and the Hessian is
 * H_{(ik),(jl)} = 2[δ_ij (UᵀU)_kl + U_il U_jk + δ_kl E_ij], i.e. ∇²f[V,V] = ‖UVᵀ + VUᵀ‖_F² + 2⟨E, VVᵀ⟩ [DER].
 * U = 0 is a strict saddle; the global minima X* = {U*R : R ∈ O(r)} have f* = 0.
 *
 * <p>Constants [REC, DER-checked in CLAIMS.md]: on {U : ‖U‖² < Γ} (spectral norm) with Γ ≥ σ₁*, ℓ = 8Γ and
 * ρ = 12Γ^{1/2}. {@link #constants()} uses Γ = 36σ₁* (the MF-thm choice Γ^{1/2} = 2·max{‖U₀‖, 3(σ₁*)^{1/2}} for
 * ‖U₀‖ ≤ 3(σ₁*)^{1/2}); {@link #constantsFor(double)} takes any Γ ≥ σ₁*.
 *
 * <p>Immutable; value, gradient and Hessian allocate nothing (out must not alias U). {@link #distanceToOptima}
 * (orthogonal Procrustes via EJML's SVD) allocates.
 */
public final class MatrixFactorization implements Objective {
    private final int d;
    private final int r;
    private final double[] sigma; // σ*, as given
    private final double sigma1;
    private final double sigmaR;
    private final double[] uStar; // d×r row-major
    private final double[] mStar; // d×d row-major

    /**
     * @param d rows of U
     * @param sigmaStar the r nonzero eigenvalues of M* (each > 0; r = length ≤ d)
     * @param rng source of the Haar basis
     */
    public MatrixFactorization(int d, double[] sigmaStar, UniformRandomProvider rng) {
        this(d, sigmaStar, RandomMatrices.haarOrthogonal(Require.positive("d", d), Require.notNull("rng", rng)));
    }

    /** As above with an explicit orthogonal basis Q (row-major d×d); its first r columns span M*. */
    public MatrixFactorization(int d, double[] sigmaStar, double[] basis) {
        this.d = Require.positive("d", d);
        Require.notNull("sigmaStar", sigmaStar);
        this.r = Require.positive("sigmaStar.length", sigmaStar.length);
        Require.that(r <= d, "sigmaStar.length", r, "<= d = " + d);
        double s1 = 0, sr = Double.POSITIVE_INFINITY;
        for (int k = 0; k < r; k++) {
            Require.positive("sigmaStar[" + k + "]", sigmaStar[k]);
            s1 = Math.max(s1, sigmaStar[k]);
            sr = Math.min(sr, sigmaStar[k]);
        }
        this.sigma = sigmaStar.clone();
        this.sigma1 = s1;
        this.sigmaR = sr;
        RandomMatrices.requireOrthogonal("basis", basis, d);
        this.uStar = new double[d * r];
        for (int i = 0; i < d; i++)
            for (int k = 0; k < r; k++) uStar[i * r + k] = basis[i * d + k] * Math.sqrt(sigma[k]);
        this.mStar = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < r; k++) s += uStar[i * r + k] * uStar[j * r + k];
                mStar[i * d + j] = s;
                mStar[j * d + i] = s;
            }
    }

    @Override
    public int dim() {
        return d * r;
    }

    public int rows() {
        return d;
    }

    public int rank() {
        return r;
    }

    public double sigmaMax() {
        return sigma1;
    }

    public double sigmaMin() {
        return sigmaR;
    }

    public double[] sigmaStar() {
        return sigma.clone();
    }

    /** U* (d×r row-major, flattened): one global minimiser. */
    public double[] optimalFactor() {
        return uStar.clone();
    }

    /** M* (d×d row-major). */
    public double[] target() {
        return mStar.clone();
    }

    private double residual(double[] u, int i, int j) {
        double s = -mStar[i * d + j];
        int ri = i * r, rj = j * r;
        for (int k = 0; k < r; k++) s += u[ri + k] * u[rj + k];
        return s;
    }

    @Override
    public double value(double[] u) {
        Require.length("U", u, d * r);
        double s = 0;
        for (int i = 0; i < d; i++) {
            double e = residual(u, i, i);
            s += 0.5 * e * e;
            for (int j = i + 1; j < d; j++) {
                e = residual(u, i, j);
                s += e * e;
            }
        }
        return s;
    }

    /** out = 2 (UUᵀ − M*) U. */
    @Override
    public void gradient(double[] u, double[] out) {
        Require.length("U", u, d * r);
        Require.length("out", out, d * r);
        Require.that(out != u, "out", "U", "a different array from U");
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            int ri = i * r;
            for (int j = 0; j < d; j++) {
                double e2 = 2 * residual(u, i, j);
                int rj = j * r;
                for (int k = 0; k < r; k++) out[ri + k] += e2 * u[rj + k];
            }
        }
    }

    /** out = ∇²f(U), a (dr)×(dr) row-major matrix: H_{(ik),(jl)} = 2[δ_ij (UᵀU)_kl + U_il U_jk + δ_kl E_ij]. */
    @Override
    public void hessian(double[] u, double[] out) {
        Require.length("U", u, d * r);
        int n = d * r;
        Require.length("out", out, n * n);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double e = residual(u, i, j);
                for (int k = 0; k < r; k++) {
                    for (int l = 0; l < r; l++) {
                        double v = u[i * r + l] * u[j * r + k];
                        if (k == l) v += e;
                        if (i == j) {
                            double g = 0;
                            for (int m = 0; m < d; m++) g += u[m * r + k] * u[m * r + l];
                            v += g;
                        }
                        v *= 2;
                        int a = i * r + k, b = j * r + l;
                        out[a * n + b] = v;
                        out[b * n + a] = v;
                    }
                }
            }
        }
    }

    /** ‖U‖² in the spectral norm (largest eigenvalue of UᵀU); allocates. */
    public double spectralNormSquared(double[] u) {
        Require.length("U", u, d * r);
        double[] g = new double[r * r];
        for (int k = 0; k < r; k++)
            for (int l = 0; l < r; l++) {
                double s = 0;
                for (int m = 0; m < d; m++) s += u[m * r + k] * u[m * r + l];
                g[k * r + l] = s;
            }
        org.saddlecheck.linalg.SymmetricEigen e = new org.saddlecheck.linalg.SymmetricEigen(r);
        e.decompose(g);
        return Math.max(0, e.max());
    }

    /**
     * dist(U, X*) = min_{R ∈ O(r)} ‖U − U*R‖_F by orthogonal Procrustes: R = PQᵀ from the SVD U*ᵀU = P S Qᵀ
     * (EJML), then ‖U − U*R‖_F is evaluated directly (no cancellation near the optimum). Allocates.
     */
    public double distanceToOptima(double[] u) {
        Require.length("U", u, d * r);
        DMatrixRMaj us = DMatrixRMaj.wrap(d, r, uStar);
        DMatrixRMaj uu = DMatrixRMaj.wrap(d, r, u.clone());
        DMatrixRMaj a = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransA(us, uu, a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(r, r, true, true, false);
        if (!svd.decompose(a)) throw new IllegalStateException("SVD failed in the Procrustes distance (r = " + r + ")");
        DMatrixRMaj p = svd.getU(null, false);
        DMatrixRMaj qt = svd.getV(null, true);
        DMatrixRMaj rot = new DMatrixRMaj(r, r);
        CommonOps_DDRM.mult(p, qt, rot);
        DMatrixRMaj usr = new DMatrixRMaj(d, r);
        CommonOps_DDRM.mult(us, rot, usr);
        double s = 0;
        for (int i = 0; i < d * r; i++) {
            double t = u[i] - usr.data[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** Certified ℓ = 8Γ, ρ = 12Γ^{1/2} on {‖U‖² < Γ} (Γ ≥ σ₁*), f* = 0. */
    public Constants constantsFor(double capGamma) {
        Require.positive("Gamma", capGamma);
        Require.that(capGamma >= sigma1, "Gamma", capGamma, ">= sigma1* = " + sigma1);
        return new Constants(8 * capGamma, 12 * Math.sqrt(capGamma), 0.0, "||U||^2 < " + capGamma + " (spectral)");
    }

    /** {@link #constantsFor} with Γ = 36σ₁*. */
    @Override
    public Constants constants() {
        return constantsFor(36 * sigma1);
    }

    @Override
    public String name() {
        return "matrix-factorization(d=" + d + ", r=" + r + ")";
    }
}
