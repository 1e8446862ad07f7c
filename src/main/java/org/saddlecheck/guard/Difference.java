package org.saddlecheck.guard;

/**
 * One entry of a golden trajectory that moved: where ({@code path}, e.g. {@code x[1]} or
 * {@code state.estimator.accumulator[0]}), the recorded value, the recomputed value, and for numbers the relative
 * change |now − was|/max(|was|, |now|) (NaN for text, structure, or non-finite values).
 *
 * @param path           location in the snapshot (JSON path with dots and [index])
 * @param was            recorded value as displayed ({@code "absent"} if the baseline lacks the entry)
 * @param now            recomputed value as displayed ({@code "absent"} if the recomputation lacks it)
 * @param relativeChange relative change for numbers, NaN otherwise
 */
public record Difference(String path, String was, String now, double relativeChange) {
    /** E.g. {@code "x[1] was -0.0123456 now -0.0125 (rel. change 1.3e-2 > 1e-9)"}. */
    public String describe(Tolerance tolerance) {
        String s = path + " was " + was + " now " + now;
        if (!Double.isNaN(relativeChange)) {
            // a failed tolerance test implies relativeChange > tolerance.relative() (the absolute part only widens it)
            s += " (rel. change " + Tolerance.shortNumber(relativeChange) + " > " + Tolerance.shortNumber(tolerance.relative()) + ")";
        }
        return s;
    }
}
