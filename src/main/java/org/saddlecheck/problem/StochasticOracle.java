package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * An unbiased stochastic gradient oracle: E[g(x)] = ∇f(x). Thread-safe; all randomness comes from the
 * caller's generator so runs are reproducible per trial. Implementations must not allocate per call.
 */
public interface StochasticOracle {
    int dim();

    /** Writes one stochastic gradient at x into out. */
    void sample(double[] x, UniformRandomProvider rng, double[] out);
}
