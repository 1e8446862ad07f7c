package org.saddlecheck.gen;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A parameter space for property-based checks (ANCHORS.md §6.2 "in-house option"). A case is a parameter value
 * P plus an instance seed; the property builds its random objects from both. The space says how to draw P, how to
 * make it simpler (shrinking: smaller d, simpler spectrum) and how to move locally (targeted search).
 *
 * @param <P> an immutable parameter value with a readable {@code toString}
 */
public interface Space<P> {
    /** A random parameter value. */
    P draw(UniformRandomProvider rng);

    /**
     * Strictly simpler candidates than {@code p}, simplest first (e.g. the smallest d, then d/2, d−1, then simpler
     * spectra). Must not contain {@code p}; repeated shrinking must terminate. Default: none.
     */
    default List<P> shrink(P p) {
        return List.of();
    }

    /** A random neighbour of {@code p} for hill climbing. Default: a fresh draw. */
    default P mutate(P p, UniformRandomProvider rng) {
        return draw(rng);
    }

    /** Human-readable description of {@code p}. */
    default String describe(P p) {
        return String.valueOf(p);
    }
}
