package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.util.Require;

/**
 * Random matrices with controlled structure (CLAIMS.md §7.1, §8.19). All matrices are dense row-major
 * {@code double[d*d]}; all randomness comes from the caller's generator, so results are a pure function of
 * its state. These are construction-time helpers (they allocate).
 */
public final class RandomMatrices {
    private RandomMatrices() {}

    /**
     * A Haar-distributed orthogonal d×d matrix: QR-factorise a matrix Z of i.i.d. N(0,1) entries (EJML
     * Householder QR), then multiply column j of Q by sign(R_jj) (CLAIMS.md §7.1). Without that sign fix the
     * distribution of Q is not Haar (Mezzadri 2007).
     */
    public static double[] haarOrthogonal(int d, UniformRandomProvider rng) {
        return org.saddlecheck.gen.Haar.orthogonal(d, rng);
    }

    /** Q diag(λ) Qᵀ for an orthogonal Q (row-major d×d), symmetrised (CLAIMS.md §7.1). */
    public static double[] withSpectrum(double[] q, double[] lambda) {
        Require.finite("lambda", lambda);
        int d = lambda.length;
        Require.positive("lambda.length", d);
        Require.length("q", q, d * d);
        Require.finite("q", q);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[i * d + k] * lambda[k] * q[j * d + k];
                a[i * d + j] = s;
                a[j * d + i] = s;
            }
        return a;
    }

    /** A symmetric matrix with prescribed eigenvalues (any signs) and a Haar-random eigenbasis. */
    public static double[] symmetricWithSpectrum(double[] lambda, UniformRandomProvider rng) {
        Require.finite("lambda", lambda);
        Require.positive("lambda.length", lambda.length);
        return withSpectrum(haarOrthogonal(lambda.length, rng), lambda);
    }

    /** A symmetric positive definite matrix Q diag(λ) Qᵀ with prescribed eigenvalues λ_i > 0 and Haar Q. */
    public static double[] spdWithSpectrum(double[] lambda, UniformRandomProvider rng) {
        Require.notNull("lambda", lambda);
        for (int i = 0; i < lambda.length; i++) Require.positive("lambda[" + i + "]", lambda[i]);
        return symmetricWithSpectrum(lambda, rng);
    }

    /**
     * d eigenvalues log-uniform in [lo, hi] with both endpoints pinned (so κ = hi/lo exactly; CLAIMS.md §7.1),
     * returned in ascending order. d = 1 gives {hi}.
     */
    public static double[] logUniformSpectrum(int d, double lo, double hi, UniformRandomProvider rng) {
        Require.positive("d", d);
        Require.positive("lo", lo);
        Require.positive("hi", hi);
        Require.that(hi >= lo, "hi", hi, ">= lo = " + lo);
        double[] l = new double[d];
        if (d == 1) {
            l[0] = hi;
            return l;
        }
        double a = Math.log(lo), b = Math.log(hi);
        l[0] = lo;
        l[d - 1] = hi;
        for (int i = 1; i < d - 1; i++) l[i] = Math.exp(a + (b - a) * rng.nextDouble());
        java.util.Arrays.sort(l);
        return l;
    }

    /** max |QᵀQ − I|_ij: the orthogonality defect of a square row-major matrix. */
    public static double orthogonalityDefect(double[] q, int d) {
        Require.length("q", q, d * d);
        double m = 0;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += q[k * d + i] * q[k * d + j];
                m = Math.max(m, Math.abs(s - (i == j ? 1 : 0)));
            }
        return m;
    }

    /** Validates that q is a d×d orthogonal matrix (defect ≤ 1e-10). */
    static void requireOrthogonal(String name, double[] q, int d) {
        Require.length(name, q, d * d);
        Require.finite(name, q);
        double defect = orthogonalityDefect(q, d);
        if (!(defect <= 1e-10)) {
            throw new IllegalArgumentException(name + " has orthogonality defect max|QᵀQ − I| = " + defect
                    + ", which is not allowed: " + name + " must be an orthogonal matrix (defect <= 1e-10)");
        }
    }

    /** The transpose of a square row-major matrix. */
    static double[] transpose(double[] a, int d) {
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) t[j * d + i] = a[i * d + j];
        return t;
    }

    static double[] identity(int d) {
        return Mat.identity(d);
    }
}
