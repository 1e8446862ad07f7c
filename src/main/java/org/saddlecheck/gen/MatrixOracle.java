package org.saddlecheck.gen;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * An unbiased noisy matrix oracle: draws Y with E[Y | at] = mean(at) (Staib et al. Thm. 4.1's reads of G(x);
 * CLAIMS.md §7.1 (i)–(iv)). What {@code at} is depends on the oracle: the mean matrix itself (Haar-sign noise) or
 * the gradient mean μ (outer-product oracles). Instances hold scratch buffers: one per trial.
 */
public interface MatrixOracle {
    int dim();

    /** E[Y | at] into out (d*d). */
    void mean(double[] at, double[] out);

    /** One draw of Y into out (d*d), symmetric. */
    void sample(double[] at, UniformRandomProvider rng, double[] out);

    /** Exact R = ess sup ‖Y − EY‖ and σ = ‖E[(Y − EY)²]‖^{1/2} (operator norms) at {@code at}. */
    NoiseMoments moments(double[] at);

    String describe();

    /** R (almost-sure bound, +∞ if unbounded) and σ of the noise. */
    record NoiseMoments(double r, double sigma) {}
}
