package org.saddlecheck.theory.staib;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpdParams;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.MatrixFunctions;
import org.saddlecheck.linalg.SymmetricEigen;

/**
 * Small allocating dense-matrix helpers for the exact Staib checks (claim-level code, not per-step code:
 * allocation is fine here). Matrices are row-major double[d*d] as in {@link Mat}.
 */
final class ExactLinalg {
    private ExactLinalg() {}

    /** Unit roundoff of double. */
    static final double U = 0x1.0p-53;

    /** Eigenvalues (ascending) of the symmetric part of a. */
    static double[] eigenvalues(double[] a, int d) {
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(a);
        return e.values().clone();
    }

    /** λ_max/λ_min of an ascending spectrum (+∞ if λ_min ≤ 0). */
    static double kappa(double[] ascending) {
        double lo = ascending[0], hi = ascending[ascending.length - 1];
        return lo > 0 ? hi / lo : Double.POSITIVE_INFINITY;
    }

    /** (G + εI)^{−1/2} (INSIDE) or (G^{1/2} + εI)^{−1} (OUTSIDE), by symmetric eigendecomposition. */
    static double[] invRoot(double[] g, int d, double eps, EpsPlacement placement) {
        double[] out = new double[d * d];
        MatrixFunctions.invSqrt(g, eps, placement, new SymmetricEigen(d), out);
        return out;
    }

    /** G^{1/2} (eigenvalues clamped at 0). */
    static double[] sqrt(double[] g, int d) {
        double[] out = new double[d * d];
        MatrixFunctions.sqrt(g, new SymmetricEigen(d), out);
        return out;
    }

    /** A B Aᵀ for symmetric B, symmetrised. */
    static double[] sandwich(double[] a, double[] b, int d) {
        double[] tmp = new double[d * d], out = new double[d * d];
        Mat.sandwich(a, b, tmp, out, d);
        Mat.symmetrize(out, d);
        return out;
    }

    /** A B. */
    static double[] mul(double[] a, double[] b, int d) {
        double[] out = new double[d * d];
        Mat.mul(a, b, out, d);
        return out;
    }

    /** A v. */
    static double[] mulVec(double[] a, double[] v) {
        double[] out = new double[v.length];
        Mat.mulVec(a, v, out);
        return out;
    }

    /** Solves Σ x = b for symmetric positive definite Σ (EJML Cholesky; backward stable). */
    static double[] solveSpd(double[] sigma, int d, double[] b) {
        LinearSolverDense<DMatrixRMaj> s = LinearSolverFactory_DDRM.chol(d);
        DMatrixRMaj a = new DMatrixRMaj(d, d, true, sigma.clone());
        if (!s.setA(a)) throw new IllegalArgumentException("Sigma is not positive definite: Cholesky failed (d = " + d + ")");
        DMatrixRMaj rhs = new DMatrixRMaj(d, 1, true, b.clone());
        DMatrixRMaj x = new DMatrixRMaj(d, 1);
        s.solve(rhs, x);
        return x.getData().clone();
    }

    /** max |a_ij − b_ij|. */
    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** max_i |x_i − y_i| / max(max_i |y_i|, tiny): relative sup-norm error. */
    static double relErr(double[] x, double[] y) {
        double num = 0, den = 0;
        for (int i = 0; i < x.length; i++) {
            num = Math.max(num, Math.abs(x[i] - y[i]));
            den = Math.max(den, Math.abs(y[i]));
        }
        return den == 0 ? num : num / den;
    }

    /** A random SPD matrix with log-uniform spectrum, λ_max and κ exact (CLAIMS.md §7.1). */
    static Spd spd(int d, double lambdaMax, double kappa, SpectrumKind kind, UniformRandomProvider rng) {
        return Spd.random(new SpdParams(d, kind, lambdaMax, kappa), rng);
    }

    /** Uniform random unit vector. */
    static double[] unitVector(int d, UniformRandomProvider rng) {
        return org.saddlecheck.gen.Gradients.withNorm(d, 1.0, rng);
    }

    /** Short "%.4g" formatting (Locale.ROOT). */
    static String g4(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
