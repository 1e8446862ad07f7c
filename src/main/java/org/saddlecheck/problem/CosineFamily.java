package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.util.Require;

/**
 * The cosine family f(x) = −a Σ_i cos((Qx)_i) with Q orthogonal (identity or Haar) (CLAIMS.md §7.2; Jin tests
 * JIN-T3, JIN-L11, JIN-SS; STAIB-T4.2 alternative). With y = Qx: ∇f = Qᵀ (a sin y), ∇²f = Qᵀ diag(a cos y) Q.
 *
 * <p>Constants (global, exact): ℓ = a (‖∇²f‖ ≤ a), ρ = a (‖D³f[v]‖ = ‖Qᵀ diag(a sin(y)∘Qv) Q‖ ≤ a‖v‖),
 * f* = −a d. Critical points: y ∈ {0, π}^d (mod 2π). A point with k π-coordinates has Hessian eigenvalues
 * −a (k times) and +a (d − k times), so 1 ≤ k ≤ d − 1 gives a strict saddle with λ_min = −a, k = d a local
 * maximum, k = 0 a global minimum; its gap to f* is Δ_f = 2ak.
 *
 * <p>Immutable; gradient/Hessian allocate nothing (out must not alias x). Wrap with
 * {@link AdditiveNoiseProblem} for a stochastic oracle.
 */
public final class CosineFamily implements Objective {
    private final int d;
    private final double a;
    private final double[] q; // row-major; y = Q x
    private final boolean identity;

    /** @param basis orthogonal Q (row-major d×d) or null for the identity */
    public CosineFamily(int d, double a, double[] basis) {
        this.d = Require.positive("d", d);
        this.a = Require.positive("a", a);
        this.identity = basis == null;
        if (basis == null) {
            this.q = null;
        } else {
            RandomMatrices.requireOrthogonal("basis", basis, d);
            this.q = basis.clone();
        }
    }

    /** Q = I: f = −a Σ cos x_i. */
    public static CosineFamily axisAligned(int d, double a) {
        return new CosineFamily(d, a, null);
    }

    /** Q Haar-random from rng. */
    public static CosineFamily haar(int d, double a, UniformRandomProvider rng) {
        return new CosineFamily(d, a, RandomMatrices.haarOrthogonal(d, rng));
    }

    @Override
    public int dim() {
        return d;
    }

    public double amplitude() {
        return a;
    }

    /** Q (row-major), the identity if axis-aligned. */
    public double[] basis() {
        return identity ? RandomMatrices.identity(d) : q.clone();
    }

    private double y(double[] x, int i) {
        if (identity) return x[i];
        double s = 0;
        int r = i * d;
        for (int j = 0; j < d; j++) s += q[r + j] * x[j];
        return s;
    }

    @Override
    public double value(double[] x) {
        Require.length("x", x, d);
        double v = 0;
        for (int i = 0; i < d; i++) v += Math.cos(y(x, i));
        return -a * v;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d);
        if (identity) {
            for (int i = 0; i < d; i++) out[i] = a * Math.sin(x[i]);
            return;
        }
        Require.that(out != x, "out", "x", "a different array from x");
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            double c = a * Math.sin(y(x, i));
            int r = i * d;
            for (int j = 0; j < d; j++) out[j] += q[r + j] * c;
        }
    }

    @Override
    public void hessian(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        java.util.Arrays.fill(out, 0);
        if (identity) {
            for (int i = 0; i < d; i++) out[i * d + i] = a * Math.cos(x[i]);
            return;
        }
        for (int i = 0; i < d; i++) {
            double c = a * Math.cos(y(x, i));
            int r = i * d;
            for (int j = 0; j < d; j++) {
                double cj = c * q[r + j];
                for (int k = j; k < d; k++) out[j * d + k] += cj * q[r + k];
            }
        }
        for (int j = 0; j < d; j++)
            for (int k = 0; k < j; k++) out[j * d + k] = out[k * d + j];
    }

    /**
     * The critical point x = Qᵀ y with y_i = π for the indices in {@code piCoordinates} and 0 elsewhere.
     * Indices must be distinct and in [0, d).
     */
    public double[] criticalPoint(int... piCoordinates) {
        Require.notNull("piCoordinates", piCoordinates);
        double[] y = new double[d];
        for (int idx : piCoordinates) {
            Require.inRange("piCoordinate", idx, 0, d - 1);
            Require.that(y[idx] == 0, "piCoordinate", idx, "distinct (listed once)");
            y[idx] = Math.PI;
        }
        return fromY(y);
    }

    /** The strict saddle (1 ≤ k ≤ d − 1) or extremum with π in the first k coordinates of y = Qx. */
    public double[] saddle(int k) {
        Require.inRange("k", k, 0, d);
        double[] y = new double[d];
        for (int i = 0; i < k; i++) y[i] = Math.PI;
        return fromY(y);
    }

    private double[] fromY(double[] y) {
        if (identity) return y;
        double[] x = new double[d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) x[j] += q[i * d + j] * y[i]; // x = Qᵀ y
        return x;
    }

    /** Δ_f = f(saddle(k)) − f* = 2ak. */
    public double deltaF(int k) {
        Require.inRange("k", k, 0, d);
        return 2 * a * k;
    }

    @Override
    public Constants constants() {
        return Constants.global(a, a, -a * d);
    }

    @Override
    public String name() {
        return "cosine(d=" + d + ", a=" + a + (identity ? ")" : ", haar)");
    }
}
