package org.saddlecheck.precondition;

/**
 * What an inverse-root preconditioner does with ε = 0 and a (numerically) singular estimate, where
 * G^{−1/2} is undefined (CLAIMS.md §8.1; Staib et al.'s footnote on rank-deficient G).
 */
public enum Singular {
    /** Throw {@link SingularEstimateException} (the default: the run cannot continue honestly). */
    THROW,
    /** Use the pseudo-inverse root: directions with (numerically) zero eigenvalue get A-eigenvalue 0. */
    PSEUDO_INVERSE
}
