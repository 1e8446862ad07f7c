package org.saddlecheck.optim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * One stochastic first-order method bound to its oracle. {@link #step} updates x in place, drawing all
 * randomness from the caller's generator; it allocates nothing and throws
 * {@link org.saddlecheck.util.DivergenceException} on a non-finite iterate or gradient.
 * Not thread-safe: one instance per trial.
 */
public interface Optimizer {
    int dim();

    /** One iteration from x (in place). */
    void step(double[] x, UniformRandomProvider rng);

    /** Number of steps taken. */
    long iteration();

    /** e.g. "rmsprop-diag(eta=0.001, beta=0.99, eps=1e-8 inside)". */
    String describe();

    OptimizerState state();

    void restore(OptimizerState state);

    /** Stochastic-gradient oracle calls so far (steps, estimator draws, burn-in, hallucination); -1 if unknown. */
    default long oracleCalls() {
        return -1;
    }

    /** How often a scheduled β_t was clamped into [0, 1) (CLAIMS.md §8.14); 0 when no schedule is used. */
    default long betaClamps() {
        return 0;
    }
}
