package org.saddlecheck.problem;

import org.saddlecheck.util.Require;

/**
 * The first-order test function f(x) = Σ_i log(1 + x_i²) (CLAIMS.md §7.2 "First-order family"; STAIB-T4.2).
 * ∂_i f = 2x_i/(1 + x_i²) (so |∂_i f| ≤ 1), ∂_i²f = 2(1 − x_i²)/(1 + x_i²)² ∈ [−1/4, 2],
 * ∂_i³f = 4x_i(x_i² − 3)/(1 + x_i²)³.
 *
 * <p>Constants (global, exact): ℓ = 2 (at x_i = 0), ρ = (3 + 2√2)/2 ≈ 2.914 (max |∂³f| at x_i = √2 − 1; the
 * Hessian is diagonal, so ‖D³f[v]‖ = max_i |∂_i³f · v_i| ≤ ρ‖v‖), f* = 0 at x = 0. Use {@link #withNoise} for
 * the oracle g = ∇f + diag(σ) ζ with ζ Rademacher (exact G(x) = ∇f∇fᵀ + diag(σ²)). Immutable, allocation-free.
 */
public final class LogSum implements Objective {
    /** ρ = (3 + 2√2)/2. */
    public static final double RHO = (3 + 2 * Math.sqrt(2)) / 2;

    private final int d;

    public LogSum(int d) {
        this.d = Require.positive("d", d);
    }

    /** The problem with oracle g = ∇f + diag(σ) ζ, ζ Rademacher (σ_j ≥ 0, length d). */
    public AdditiveNoiseProblem withNoise(double[] sigma) {
        Require.length("sigma", sigma, d);
        return new AdditiveNoiseProblem(this, GradientNoise.rademacherDiagonal(sigma));
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public double value(double[] x) {
        Require.length("x", x, d);
        double v = 0;
        for (double xi : x) v += Math.log1p(xi * xi);
        return v;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d);
        for (int i = 0; i < d; i++) {
            double xi = x[i];
            out[i] = 2 * xi / (1 + xi * xi);
        }
    }

    @Override
    public void hessian(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d; i++) {
            double x2 = x[i] * x[i];
            double q = 1 + x2;
            out[i * d + i] = 2 * (1 - x2) / (q * q);
        }
    }

    @Override
    public Constants constants() {
        return Constants.global(2.0, RHO, 0.0);
    }

    @Override
    public String name() {
        return "logsum(d=" + d + ")";
    }
}
