package org.saddlecheck.optim.pgd;

/**
 * Per-iteration callback of the runners in this package, with primitive arguments only (no allocation per step).
 * {@code x} is the runner's live buffer: read it, never keep or modify it.
 */
public interface StepObserver {
    /**
     * Called once per iteration t with the point x_t at which the gradient step is taken (for PGD: after the
     * perturbation of that iteration, if any), f(x_t) (NaN when {@link #needsValue()} is false and the runner did
     * not need it), and ‖∇f(x_t)‖.
     */
    void observe(long t, double[] x, double f, double gradNorm);

    /** Whether the runner must evaluate f(x_t) at every step for this observer (costs one value call per step). */
    default boolean needsValue() {
        return true;
    }
}
