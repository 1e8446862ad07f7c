package org.saddlecheck.precondition;

/**
 * A preconditioner that needs the true gradient ∇f(x_t) at the current iterate before {@link Preconditioner#update}
 * (the adversarial inexact Â = A − Δ u uᵀ, u = ∇f/‖∇f‖, of CLAIMS.md STAIB-ALG4 / STAIB-T4.3). Optimizers
 * call {@link #setGradient} with ∇f(x_t) right before each update.
 */
public interface GradientAware {
    /** Copies ∇f(x_t) (length d); the next {@link Preconditioner#update} uses it. */
    void setGradient(double[] gradient);

    /** Whether the gradient is actually needed (optimizers skip computing it otherwise). */
    default boolean needsGradient() {
        return true;
    }
}
