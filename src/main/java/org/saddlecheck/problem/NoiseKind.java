package org.saddlecheck.problem;

/**
 * Distribution of the standardised noise vector ζ in an additive gradient oracle g = ∇f(x) + S ζ
 * (CLAIMS.md §7.1 "Stochastic-gradient oracles").
 * <ul>
 *   <li>{@link #RADEMACHER}: ζ_j = ±1 independently with probability ½ each. Bounded (‖Sζ‖ ≤ ‖S‖√d), so it
 *       meets the bounded-noise assumptions of Staib et al. Thm 4.1 (CLAIMS.md §8.11). Equivalently, uniform
 *       sampling over the 2^d sign patterns (a finite sum).</li>
 *   <li>{@link #GAUSSIAN}: ζ ~ N(0, I). Unbounded; use as a labelled negative control for bounded-noise claims.</li>
 * </ul>
 * Both have E[ζ] = 0 and E[ζζᵀ] = I, so E[g] = ∇f and Cov(g) = S Sᵀ exactly.
 */
public enum NoiseKind {
    RADEMACHER,
    GAUSSIAN
}
