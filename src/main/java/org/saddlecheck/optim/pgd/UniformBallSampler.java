package org.saddlecheck.optim.pgd;

import org.saddlecheck.rng.Gaussian;

/**
 * The correct PGD perturbation: volume-uniform in B_0(r) (Jin et al. Algorithm 2). Delegates to
 * {@link Gaussian#uniformInBall}: direction = normalised Gaussian, radius = r·U^(1/d) (CLAIMS.md §8.5).
 */
public final class UniformBallSampler implements PerturbationSampler {
    public static final UniformBallSampler INSTANCE = new UniformBallSampler();

    private UniformBallSampler() {}

    @Override
    public void sample(Gaussian gaussian, double r, double[] out) {
        gaussian.uniformInBall(r, out);
    }

    @Override
    public String name() {
        return "uniform-ball";
    }
}
