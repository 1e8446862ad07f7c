package org.saddlecheck.gen;

/**
 * One evaluated case of a {@link Forall} check: parameters, the instance seed (reproduces the case with
 * {@link Forall#replay}), its score and, on an exception, the error summary.
 */
public record Case<P>(P params, long seed, double score, String error, String description) {
    /** True if this case violates a property with the given limit. */
    public boolean failsAt(double limit) {
        return error != null || Double.isNaN(score) || score > limit;
    }

    @Override
    public String toString() {
        return description + " seed=" + seed + " score=" + score + (error == null ? "" : " error=" + error);
    }
}
