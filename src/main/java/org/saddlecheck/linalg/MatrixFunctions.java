package org.saddlecheck.linalg;

import org.saddlecheck.util.Require;

/**
 * Matrix functions by symmetric eigendecomposition of the symmetrised input, with eigenvalues clamped at 0
 * before ε is added (CLAIMS.md §8.1–8.2). No Newton–Schulz iterations: they are unreliable for ill-conditioned
 * inputs.
 */
public final class MatrixFunctions {
    private MatrixFunctions() {}

    /**
     * out = (G + εI)^(-1/2) (INSIDE) or (G^(1/2) + εI)^(-1) (OUTSIDE). Throws when the result is undefined
     * (ε = 0 and G singular after clamping).
     */
    public static void invSqrt(double[] g, double eps, EpsPlacement placement, SymmetricEigen eig, double[] out) {
        Require.nonNegative("eps", eps);
        eig.decompose(g);
        double lo = Math.max(eig.min(), 0.0);
        if (lo + eps <= 0) {
            throw new IllegalArgumentException("G has smallest eigenvalue " + eig.min()
                    + " and eps = " + eps + ": the inverse square root is undefined; G + eps*I must be positive definite (use eps > 0)");
        }
        eig.reconstruct(l -> placement.invRoot(l, eps), out);
    }

    /** out = G^(1/2) with negative eigenvalues clamped to 0. */
    public static void sqrt(double[] g, SymmetricEigen eig, double[] out) {
        eig.decompose(g);
        eig.reconstruct(l -> Math.sqrt(Math.max(l, 0.0)), out);
    }

    /** out = G^p for symmetric positive definite G. */
    public static void power(double[] g, double p, SymmetricEigen eig, double[] out) {
        eig.decompose(g);
        if (p < 0 && eig.min() <= 0) {
            throw new IllegalArgumentException("G has smallest eigenvalue " + eig.min() + ": a negative power needs G positive definite");
        }
        eig.reconstruct(l -> Math.pow(Math.max(l, 0.0), p), out);
    }

    /**
     * Validates that g is a symmetric positive semidefinite d×d matrix: finite entries, asymmetry and
     * negative eigenvalues within tol·max(1, ||G||).
     */
    public static void requireSymmetricPsd(String name, double[] g, int d, double tol) {
        Require.length(name, g, d * d);
        Require.finite(name, g);
        double scale = Math.max(1.0, Mat.maxAbs(g));
        double asym = Mat.asymmetry(g, d);
        if (asym > tol * scale) {
            throw new IllegalArgumentException(name + " is not symmetric (max |G_ij - G_ji| = " + asym
                    + "): " + name + " must be a symmetric positive semidefinite matrix");
        }
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(g);
        if (e.min() < -tol * scale) {
            throw new IllegalArgumentException(name + " has eigenvalue " + e.min()
                    + " < 0: " + name + " must be a symmetric positive semidefinite matrix");
        }
    }
}
