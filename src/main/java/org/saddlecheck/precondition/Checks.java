package org.saddlecheck.precondition;

import org.saddlecheck.linalg.Mat;
import org.saddlecheck.util.Require;

/** Package-private, allocation-free validation of estimates passed to {@link Preconditioner#update}. */
final class Checks {
    private Checks() {}

    /** Default relative tolerance for asymmetry and negative eigenvalues (rounding drift is ~1e-16). */
    static final double TOL = 1e-10;

    /** Finite entries and asymmetry ≤ tol·max|G_ij|; returns max|G_ij|. */
    static double symmetricFinite(String name, double[] g, int d, double tol) {
        double maxAbs = 0;
        for (int i = 0; i < d * d; i++) {
            double v = g[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + "[" + (i / d) + "," + (i % d) + "] = " + v
                        + " is not allowed: every entry of " + name + " must be a finite number");
            }
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double a = Math.abs(g[i * d + j] - g[j * d + i]);
                if (a > tol * maxAbs) {
                    throw new IllegalArgumentException(name + " is not symmetric: |" + name + "[" + i + "," + j + "] - "
                            + name + "[" + j + "," + i + "]| = " + a + " > " + tol + " * max|entry|; "
                            + name + " must be a symmetric positive semidefinite matrix");
                }
            }
        }
        return maxAbs;
    }

    static void notNegativeDefinite(String name, double minEigen, double maxAbs, int d, double tol) {
        if (minEigen < -tol * maxAbs * d) {
            throw new IllegalArgumentException(name + " has eigenvalue " + minEigen + " < 0 (beyond rounding, tolerance "
                    + tol + " * d * max|entry|): " + name + " must be a symmetric positive semidefinite matrix");
        }
    }

    /** Diagonal estimate: finite entries ≥ −tol·max|v_i|. Returns max|v_i|. */
    static double nonNegativeVector(String name, double[] v, int n, double tol) {
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + x + " is not allowed: every entry of "
                        + name + " must be a finite number");
            }
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        for (int i = 0; i < n; i++) {
            if (v[i] < -tol * maxAbs) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + " is not allowed: a diagonal "
                        + "second-moment estimate must be >= 0");
            }
        }
        return maxAbs;
    }

    /** The IllegalStateException of a preconditioner used before its first valid update (ready false). */
    static void requireReady(boolean ready, Preconditioner p) {
        if (!ready) throw new IllegalStateException(p.describe() + " has no valid estimate yet: call update() first");
    }

    /** {@link Preconditioner#apply} of a dense d×d matrix m (row-major): length and readiness checks, then out = m v. */
    static void applyDense(Preconditioner p, boolean ready, double[] m, int d, double[] v, double[] out) {
        Require.length("v", v, d);
        Require.length("out", out, d);
        requireReady(ready, p);
        Mat.mulVec(m, v, out);
    }

    /** {@link Preconditioner#matrix} of a dense d×d matrix m: length and readiness checks, then out = m. */
    static void copyDense(Preconditioner p, boolean ready, double[] m, int d, double[] out) {
        Require.length("out", out, d * d);
        requireReady(ready, p);
        System.arraycopy(m, 0, out, 0, d * d);
    }
}
