package org.saddlecheck.precondition;

import org.saddlecheck.estimate.Shape;

/**
 * A preconditioner A built from an estimate (G, diag(G), Σ, ...) and applied to a vector. Building
 * ({@link #update}, the expensive part: an eigendecomposition for full matrices) is separate from applying
 * ({@link #apply}). Not thread-safe: one instance per trial. {@code update} and {@code apply} allocate nothing.
 */
public interface Preconditioner {
    int dim();

    /** The estimate shape {@link #update} expects. */
    Shape input();

    /** Rebuilds A from an estimate of shape {@link #input()} (null when {@link #needsEstimate()} is false). */
    void update(double[] estimate);

    /** out = A v (out must not alias v). */
    void apply(double[] v, double[] out);

    /** Writes the dense A (row-major d×d) into out. */
    void matrix(double[] out);

    String describe();

    /**
     * Internal state that is not a function of the estimate (e.g. the random stream of a benign perturbation),
     * for optimizer state round trips; empty for pure functions of the estimate.
     */
    default double[] saveState() {
        return new double[0];
    }

    /** Restores what {@link #saveState()} returned. */
    default void restoreState(double[] state) {
        if (state == null || state.length != 0) {
            throw new IllegalArgumentException("state has length " + (state == null ? "null" : state.length)
                    + ", which does not match: " + describe() + " has no internal state (length 0)");
        }
    }

    /** False for preconditioners that ignore estimates (the identity): optimizers then skip estimating. */
    default boolean needsEstimate() {
        return true;
    }

    /**
     * Whether {@link #update} must run before every step even without an estimate (then it gets null): true for a
     * perturbed Â, which draws a fresh perturbation of a fixed A (e.g. the identity) at every x_t.
     */
    default boolean needsUpdate() {
        return needsEstimate();
    }
}
