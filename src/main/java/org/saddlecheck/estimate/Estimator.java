package org.saddlecheck.estimate;

/**
 * Estimation, kept separate from preconditioning (Staib et al.'s key split; Distributed Shampoo's
 * {@code update_preconditioners} vs {@code precondition}). An estimator consumes stochastic gradients and
 * reports an estimate of G(x) = E[g gᵀ] (or of Σ(x), for the covariance estimator), full or diagonal.
 *
 * <p>State is explicit and serialisable ({@link #state()} / {@link #restore}). Implementations are not
 * thread-safe: one instance per trial. {@link #observe} and {@link #estimate} allocate nothing.
 */
public interface Estimator {
    int dim();

    Shape shape();

    /** Feeds one stochastic gradient g drawn at x. */
    void observe(double[] x, double[] g);

    /** Writes the current estimate valid at x into out (length {@code shape().length(dim())}). */
    void estimate(double[] x, double[] out);

    /** Number of samples observed since the last reset. */
    long count();

    void reset();

    /** A short description with parameters, e.g. "ema-full(beta=0.99, biasCorrected=false)". */
    String describe();

    EstimatorState state();

    void restore(EstimatorState state);

    /**
     * Stochastic gradients consumed per estimate update: 1 for most estimators, 2 for the two-sample
     * covariance estimator (Staib et al. §5.3). Burn-in and hallucination draw this many per update.
     */
    default int samplesPerUpdate() {
        return 1;
    }

    /** False for estimators that ignore samples (the exact oracle): optimizers then skip drawing for them. */
    default boolean usesSamples() {
        return true;
    }

    /** How many times a scheduled β_t had to be clamped into [0, 1) (CLAIMS.md §8.14); 0 if not applicable. */
    default long betaClamps() {
        return 0;
    }
}
