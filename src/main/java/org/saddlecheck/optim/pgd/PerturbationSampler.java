package org.saddlecheck.optim.pgd;

import org.saddlecheck.rng.Gaussian;

/**
 * Draws the perturbation ξ of PGD. The correct law is volume-uniform in the ball B_0(r)
 * ({@link UniformBallSampler}, Jin et al. Algorithm 2; CLAIMS.md §8.5). The {@code Wrong*} implementations are
 * deliberate negative controls that reproduce bugs of public ports (ANCHORS.md §1).
 *
 * <p>Implementations are stateless and thread-safe; all randomness comes from the caller's {@link Gaussian}
 * (and its {@link Gaussian#rng()}). {@link #sample} must not allocate.
 */
public interface PerturbationSampler {
    /** Fills {@code out} (length d) with one draw for radius r. */
    void sample(Gaussian gaussian, double r, double[] out);

    /** e.g. "uniform-ball". */
    String name();

    /** True for the deliberately wrong samplers (negative controls). */
    default boolean isNegativeControl() {
        return false;
    }

    /** The correct sampler of Algorithm 2 (uniform in the ball). */
    static PerturbationSampler uniformBall() {
        return UniformBallSampler.INSTANCE;
    }
}
