package org.saddlecheck.gen;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A property evaluated on one case: returns a score, usually the ratio observed/bound of a claim (≤ 1 means the
 * bound holds). {@link Forall} treats a score above its limit, a NaN score or an exception as a failure. The
 * generator {@code rng} is the case's own stream (seeded from the case seed): build every random object from it.
 */
@FunctionalInterface
public interface Property<P> {
    double score(P params, UniformRandomProvider rng);

    /** A boolean predicate as a property: score 0 when it holds, 1 when it does not (use limit 0.5). */
    static <P> Property<P> of(Predicate<P> predicate) {
        return (p, rng) -> predicate.test(p, rng) ? 0.0 : 1.0;
    }

    /** A boolean property of one case. */
    @FunctionalInterface
    interface Predicate<P> {
        boolean test(P params, UniformRandomProvider rng);
    }
}
