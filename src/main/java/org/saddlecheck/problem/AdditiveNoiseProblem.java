package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.util.Require;

/**
 * Any analytic {@link Objective} with the additive oracle g(x) = ∇f(x) + S ζ of a {@link GradientNoise}
 * (CLAIMS.md §7.1; STAIB-T4.2 harness: f = Σ log(1+x_i²) or the cosine family with g = ∇f + diag(σ)ζ).
 * Unbiased by construction; exact moments G(x) = ∇f∇fᵀ + Σ and Cov(g) = Σ (independent of x).
 * Thread-safe if the objective is; {@link #sample} allocates nothing (out must not alias x), nor does
 * {@link #secondMoment} after a thread's first call.
 */
public final class AdditiveNoiseProblem implements Problem, SecondMoments {
    private final Objective objective;
    private final GradientNoise noise;
    private final ThreadLocal<double[]> scratch;

    public AdditiveNoiseProblem(Objective objective, GradientNoise noise) {
        this.objective = Require.notNull("objective", objective);
        this.noise = Require.notNull("noise", noise);
        Require.sameDimension("noise", noise.dim(), objective.dim());
        final int d = objective.dim();
        this.scratch = ThreadLocal.withInitial(() -> new double[d]);
    }

    public Objective objective() {
        return objective;
    }

    public GradientNoise noise() {
        return noise;
    }

    @Override
    public int dim() {
        return objective.dim();
    }

    @Override
    public double value(double[] x) {
        return objective.value(x);
    }

    @Override
    public void gradient(double[] x, double[] out) {
        objective.gradient(x, out);
    }

    @Override
    public void hessian(double[] x, double[] out) {
        objective.hessian(x, out);
    }

    @Override
    public Constants constants() {
        return objective.constants();
    }

    @Override
    public Domain domain() {
        return objective.domain();
    }

    @Override
    public String name() {
        return objective.name() + "+" + noise.describe();
    }

    @Override
    public void sample(double[] x, UniformRandomProvider rng, double[] out) {
        objective.gradient(x, out);
        noise.addNoise(rng, out);
    }

    /**
     * out = G(x) = ∇f∇fᵀ + Σ. Allocation-free after a thread's first call (the gradient goes to a per-thread
     * scratch vector), since exact preconditioners G(x)^{-1/2} evaluate it every step.
     */
    @Override
    public void secondMoment(double[] x, double[] out) {
        int d = dim();
        Require.length("out", out, d * d);
        double[] grad = scratch.get();
        objective.gradient(x, grad);
        noise.covariance(out);
        Mat.addOuter(out, 1.0, grad);
    }

    /** out = Σ (independent of x). */
    @Override
    public void covariance(double[] x, double[] out) {
        Require.length("x", x, dim());
        noise.covariance(out);
    }
}
