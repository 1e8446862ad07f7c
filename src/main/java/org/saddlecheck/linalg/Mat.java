package org.saddlecheck.linalg;

/**
 * Allocation-free operations on dense square matrices stored row-major in {@code double[d*d]}
 * ({@code a[i*d + j]} is row i, column j). The dimension is recovered as {@code sqrt(a.length)} where
 * needed, or passed explicitly.
 */
public final class Mat {
    private Mat() {}

    public static int dim(double[] a) {
        int d = (int) Math.round(Math.sqrt(a.length));
        if (d * d != a.length) throw new IllegalArgumentException("matrix array has length " + a.length + ", which is not a square d*d");
        return d;
    }

    public static double[] identity(int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) a[i * d + i] = 1;
        return a;
    }

    public static void setIdentity(double[] a, int d) {
        java.util.Arrays.fill(a, 0);
        for (int i = 0; i < d; i++) a[i * d + i] = 1;
    }

    public static double[] diag(double[] v) {
        int d = v.length;
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) a[i * d + i] = v[i];
        return a;
    }

    /** out = A x (out must not alias x). */
    public static void mulVec(double[] a, double[] x, double[] out) {
        int d = x.length;
        for (int i = 0; i < d; i++) {
            double s = 0;
            int r = i * d;
            for (int j = 0; j < d; j++) s += a[r + j] * x[j];
            out[i] = s;
        }
    }

    /** xᵀ A x */
    public static double quadForm(double[] a, double[] x) {
        int d = x.length;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double t = 0;
            int r = i * d;
            for (int j = 0; j < d; j++) t += a[r + j] * x[j];
            s += x[i] * t;
        }
        return s;
    }

    /** out = A B (out must alias neither). */
    public static void mul(double[] a, double[] b, double[] out, int d) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double aik = a[i * d + k];
                if (aik == 0) continue;
                int rb = k * d, ro = i * d;
                for (int j = 0; j < d; j++) out[ro + j] += aik * b[rb + j];
            }
        }
    }

    /** out = A B Aᵀ for symmetric B (tmp is a d*d scratch buffer). */
    public static void sandwich(double[] a, double[] b, double[] tmp, double[] out, int d) {
        mul(a, b, tmp, d);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += tmp[i * d + k] * a[j * d + k];
                out[i * d + j] = s;
            }
        }
    }

    /** a += s·g gᵀ */
    public static void addOuter(double[] a, double s, double[] g) {
        int d = g.length;
        for (int i = 0; i < d; i++) {
            double sg = s * g[i];
            int r = i * d;
            for (int j = 0; j < d; j++) a[r + j] += sg * g[j];
        }
    }

    /** a ← (a + aᵀ)/2 */
    public static void symmetrize(double[] a, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double m = 0.5 * (a[i * d + j] + a[j * d + i]);
                a[i * d + j] = m;
                a[j * d + i] = m;
            }
        }
    }

    public static void addDiagonal(double[] a, double s, int d) {
        for (int i = 0; i < d; i++) a[i * d + i] += s;
    }

    public static double trace(double[] a, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) s += a[i * d + i];
        return s;
    }

    /** out = a − b */
    public static void sub(double[] a, double[] b, double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = a[i] - b[i];
    }

    public static double frobenius(double[] a) {
        return Vec.norm(a);
    }

    /** max |a_ij − a_ji| */
    public static double asymmetry(double[] a, int d) {
        double m = 0;
        for (int i = 0; i < d; i++)
            for (int j = i + 1; j < d; j++) m = Math.max(m, Math.abs(a[i * d + j] - a[j * d + i]));
        return m;
    }

    public static double maxAbs(double[] a) {
        return Vec.maxAbs(a);
    }

    /** Operator (spectral) norm of a symmetric matrix: max |eigenvalue| (CLAIMS.md §8.4). Allocates a workspace. */
    public static double opNormSymmetric(double[] a) {
        SymmetricEigen e = new SymmetricEigen(dim(a));
        e.decompose(a);
        return Math.max(Math.abs(e.min()), Math.abs(e.max()));
    }

    /** Operator norm of a general square matrix: sqrt(λ_max(AᵀA)). Allocates. */
    public static double opNorm(double[] a) {
        int d = dim(a);
        double[] ata = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += a[k * d + i] * a[k * d + j];
                ata[i * d + j] = s;
            }
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(ata);
        return Math.sqrt(Math.max(0, e.max()));
    }
}
