package org.saddlecheck.linalg;

/**
 * Where the regulariser ε enters the inverse square root (CLAIMS.md §8.13).
 * <ul>
 *   <li>{@link #INSIDE}: (G + εI)^(-1/2) — Staib et al.'s analysed preconditioner; Optax {@code eps_in_sqrt=True}.</li>
 *   <li>{@link #OUTSIDE}: (G^(1/2) + εI)^(-1) — full-matrix Adam with β1 = 0; torch.optim RMSprop/Adam/Adagrad.</li>
 * </ul>
 */
public enum EpsPlacement {
    INSIDE, OUTSIDE;

    /** The scalar map λ ↦ a(λ) applied to a (clamped) eigenvalue. */
    public double invRoot(double lambda, double eps) {
        double l = Math.max(lambda, 0.0);
        return this == INSIDE ? 1.0 / Math.sqrt(l + eps) : 1.0 / (Math.sqrt(l) + eps);
    }
}
