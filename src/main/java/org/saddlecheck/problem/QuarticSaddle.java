package org.saddlecheck.problem;

import org.saddlecheck.util.Require;

/**
 * The quartic saddle f(x) = −(γ/2) x₁² + x₁⁴/4 + ½ Σ_{i≥2} h_i x_i² (CLAIMS.md §7.2; JIN-DIMFREE uses γ = 0.1,
 * h_i = 1). The origin is a strict saddle with λ_min = −γ; the minima are x = (±√γ, 0, …, 0) with f* = −γ²/4.
 *
 * <p>Constants hold only locally: on |x₁| ≤ B, ℓ = max(h_max, γ, 3B² − γ) and ρ = 6B (∂₁²f = 3x₁² − γ,
 * ∂₁³f = 6x₁; all other second derivatives are constant). B is a constructor parameter. Deterministic
 * (wrap with {@link AdditiveNoiseProblem} for a stochastic oracle). Immutable, allocation-free.
 */
public final class QuarticSaddle implements Objective {
    private final int d;
    private final double gamma;
    private final double[] h; // h[i-1] for coordinate i >= 2 (0-based index i)
    private final double bound;

    /**
     * @param gamma γ > 0 (negative curvature at the saddle)
     * @param h curvatures h_2..h_d (length d − 1 ≥ 0, each > 0)
     * @param bound B > 0, the region |x₁| ≤ B of {@link #constants()}
     */
    public QuarticSaddle(double gamma, double[] h, double bound) {
        this.gamma = Require.positive("gamma", gamma);
        Require.notNull("h", h);
        for (int i = 0; i < h.length; i++) Require.positive("h[" + i + "]", h[i]);
        this.h = h.clone();
        this.d = h.length + 1;
        this.bound = Require.positive("bound", bound);
    }

    /** d-dimensional instance with h_i = hRest for all i ≥ 2. */
    public static QuarticSaddle uniform(int d, double gamma, double hRest, double bound) {
        Require.positive("d", d);
        double[] h = new double[d - 1];
        java.util.Arrays.fill(h, hRest);
        return new QuarticSaddle(gamma, h, bound);
    }

    @Override
    public int dim() {
        return d;
    }

    public double gamma() {
        return gamma;
    }

    public double bound() {
        return bound;
    }

    /** The two global minimisers (±√γ, 0, …, 0); index 0 is the positive one. */
    public double[] minimizer(boolean positive) {
        double[] x = new double[d];
        x[0] = positive ? Math.sqrt(gamma) : -Math.sqrt(gamma);
        return x;
    }

    @Override
    public double value(double[] x) {
        Require.length("x", x, d);
        double x1 = x[0];
        double x12 = x1 * x1;
        double v = -0.5 * gamma * x12 + 0.25 * x12 * x12;
        for (int i = 1; i < d; i++) v += 0.5 * h[i - 1] * x[i] * x[i];
        return v;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d);
        double x1 = x[0];
        out[0] = -gamma * x1 + x1 * x1 * x1;
        for (int i = 1; i < d; i++) out[i] = h[i - 1] * x[i];
    }

    @Override
    public void hessian(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        java.util.Arrays.fill(out, 0);
        out[0] = 3 * x[0] * x[0] - gamma;
        for (int i = 1; i < d; i++) out[i * d + i] = h[i - 1];
    }

    /** Certified ℓ, ρ on |x₁| ≤ b, with f* = −γ²/4. */
    public Constants constantsOn(double b) {
        Require.positive("b", b);
        double hMax = 0;
        for (double v : h) hMax = Math.max(hMax, v);
        double ell = Math.max(hMax, Math.max(gamma, 3 * b * b - gamma));
        return new Constants(ell, 6 * b, -gamma * gamma / 4, "|x1| <= " + b);
    }

    @Override
    public Constants constants() {
        return constantsOn(bound);
    }

    @Override
    public String name() {
        return "quartic-saddle(d=" + d + ", gamma=" + gamma + ")";
    }
}
