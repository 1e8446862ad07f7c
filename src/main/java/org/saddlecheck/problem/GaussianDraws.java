package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Standard normal draws from a caller-supplied generator without per-call allocation. Commons RNG's ziggurat
 * sampler is a small object bound to one generator; it keeps no state besides that generator, so caching it
 * per thread (re-created only when the caller passes a different generator) changes no result: the draws are
 * a pure function of the generator's state. Package-private helper of the problem fixtures.
 */
final class GaussianDraws {
    private GaussianDraws() {}

    private static final class Slot {
        UniformRandomProvider rng;
        NormalizedGaussianSampler sampler;
    }

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    /** The thread's ziggurat sampler bound to {@code rng}. Allocates only when rng changes. */
    static NormalizedGaussianSampler sampler(UniformRandomProvider rng) {
        Slot s = SLOT.get();
        if (s.rng != rng) {
            s.sampler = ZigguratSampler.NormalizedGaussian.of(rng);
            s.rng = rng;
        }
        return s.sampler;
    }
}
