package org.saddlecheck.gen;

/**
 * A sequence x_0, x_1, … with ‖x_t − x_{t−1}‖ ≤ s = ηM (Staib et al. Thm. 4.1; CLAIMS.md §7.1). Instances keep
 * state (parity, generator, scratch): one per trial. Create them with {@link Moves}.
 */
public interface MovingSequence {
    int dim();

    /** The step bound s = ηM. */
    double stepBound();

    /**
     * Advances {@code x} from x_{t−1} to x_t in place. {@code lastRead} is the last noisy matrix read Y_{t−1}
     * (d*d) observed at x_{t−1}; only adaptive sequences use it, others accept null.
     */
    void advance(double[] x, double[] lastRead);

    String describe();
}
