package org.saddlecheck.linalg;

/** Allocation-free operations on dense vectors stored as {@code double[]}. */
public final class Vec {
    private Vec() {}

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    public static double norm2(double[] a) {
        return dot(a, a);
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** y += a·x */
    public static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }

    public static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) x[i] *= a;
    }

    public static void copy(double[] src, double[] dst) {
        System.arraycopy(src, 0, dst, 0, src.length);
    }

    public static void fill(double[] x, double v) {
        java.util.Arrays.fill(x, v);
    }

    /** out = a − b */
    public static void sub(double[] a, double[] b, double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = a[i] - b[i];
    }

    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
