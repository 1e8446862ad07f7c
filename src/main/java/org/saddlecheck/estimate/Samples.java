package org.saddlecheck.estimate;

import org.saddlecheck.linalg.MatrixFunctions;
import org.saddlecheck.util.Require;

/**
 * Package-private kernels shared by the estimators: the sample Y = g gᵀ (full) or g ⊙ g (diagonal) and
 * the validation of initial values and restored states. Full updates are computed on the upper triangle
 * and mirrored, so every stored matrix is exactly symmetric after every step (CLAIMS.md §8.2).
 */
final class Samples {
    private Samples() {}

    /** Relative tolerance for "symmetric PSD" checks of user-supplied matrices. */
    static final double PSD_TOL = 1e-10;

    /** a ← b·a + c·Y(g); exactly symmetric for FULL. */
    static void blend(double[] a, double b, double c, double[] g, Shape shape, int d) {
        if (shape == Shape.DIAGONAL) {
            for (int i = 0; i < d; i++) a[i] = b * a[i] + c * (g[i] * g[i]);
            return;
        }
        for (int i = 0; i < d; i++) {
            double gi = g[i];
            int r = i * d;
            for (int j = i; j < d; j++) {
                double v = b * a[r + j] + c * (gi * g[j]);
                a[r + j] = v;
                a[j * d + i] = v;
            }
        }
    }

    /** a ← a + s·Y(g); exactly symmetric for FULL. */
    static void add(double[] a, double s, double[] g, Shape shape, int d) {
        if (shape == Shape.DIAGONAL) {
            for (int i = 0; i < d; i++) a[i] += s * (g[i] * g[i]);
            return;
        }
        for (int i = 0; i < d; i++) {
            double gi = g[i];
            int r = i * d;
            for (int j = i; j < d; j++) {
                double v = a[r + j] + s * (gi * g[j]);
                a[r + j] = v;
                a[j * d + i] = v;
            }
        }
    }

    /** out ← Y(g). */
    static void write(double[] out, double[] g, Shape shape, int d) {
        if (shape == Shape.DIAGONAL) {
            for (int i = 0; i < d; i++) out[i] = g[i] * g[i];
            return;
        }
        for (int i = 0; i < d; i++) {
            double gi = g[i];
            int r = i * d;
            for (int j = i; j < d; j++) {
                double v = gi * g[j];
                out[r + j] = v;
                out[j * d + i] = v;
            }
        }
    }

    /** Validates an observed (x, g) pair: lengths and finiteness of g. Allocation-free on the happy path. */
    static void checkSample(double[] x, double[] g, int d) {
        if (x != null) Require.length("x", x, d);
        Require.length("g", g, d);
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException("g[" + i + "] = " + g[i]
                        + " is not allowed: every entry of the observed gradient g must be a finite number");
            }
        }
    }

    /** A symmetric PSD d×d matrix (FULL) or a nonnegative vector (DIAGONAL). Returns a copy. */
    static double[] psdCopy(String name, double[] m, Shape shape, int d) {
        Require.length(name, m, shape.length(d));
        Require.finite(name, m);
        if (shape == Shape.FULL) {
            MatrixFunctions.requireSymmetricPsd(name, m, d, PSD_TOL);
            double[] c = m.clone();
            org.saddlecheck.linalg.Mat.symmetrize(c, d);
            return c;
        }
        for (int i = 0; i < d; i++) {
            if (m[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + m[i]
                        + " is not allowed: a diagonal second-moment estimate must have every entry >= 0");
            }
        }
        return m.clone();
    }

    static boolean allZero(double[] a) {
        for (double v : a) if (v != 0) return false;
        return true;
    }

    /** Checks the kind and the array lengths of a state to restore. */
    static void checkState(EstimatorState s, String kind, int accLength, int auxLength) {
        Require.notNull("state", s);
        if (!kind.equals(s.kind())) {
            throw new IllegalArgumentException("state.kind = " + s.kind() + " is not allowed: state.kind must be " + kind);
        }
        if (s.count() < 0) throw new IllegalArgumentException("state.count = " + s.count() + " is not allowed: state.count must be >= 0");
        Require.length("state.accumulator", s.accumulator(), accLength);
        Require.length("state.auxiliary", s.auxiliary(), auxLength);
        Require.finite("state.accumulator", s.accumulator());
        Require.finite("state.auxiliary", s.auxiliary());
    }
}
