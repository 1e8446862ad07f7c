package org.saddlecheck.precondition;

/**
 * Thrown by an inverse-root preconditioner when ε = 0 and the estimate is singular (policy
 * {@link Singular#THROW}): the inverse square root is undefined (CLAIMS.md §8.1).
 */
public final class SingularEstimateException extends RuntimeException {
    public SingularEstimateException(String message) {
        super(message);
    }
}
