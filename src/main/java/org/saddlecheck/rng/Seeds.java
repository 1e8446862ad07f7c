package org.saddlecheck.rng;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Deterministic derivation of independent random streams. Every trial's stream is a pure function of
 * (master seed, stream name, trial index), so results do not depend on thread count or scheduling.
 *
 * <p>Mixing uses SplitMix64's finaliser (Steele, Lea, Flood 2014), the standard way to turn structured
 * integers into well-spread 64-bit seeds; the generator itself is Commons RNG's XoShiRo256++.
 */
public final class Seeds {
    private Seeds() {}

    /** Default master seed of the project (the arXiv submission date of Staib et al., 2019-01-26). */
    public static final long DEFAULT_MASTER_SEED = 20190126L;

    /** SplitMix64 finaliser. */
    public static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Stable 64-bit hash of a name (FNV-1a over UTF-8, then mixed). */
    public static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** Seed of trial {@code trial} of stream {@code name} under master seed {@code master}. */
    public static long derive(long master, String name, long trial) {
        return mix(mix(master ^ hash(name)) + mix(trial * 0x632BE59BD9B4E019L + 1));
    }

    /** A generator seeded from a 64-bit seed. */
    public static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(new long[] {mix(seed), mix(seed + 1), mix(seed + 2), mix(seed + 3)});
    }

    /** Shorthand: the generator of trial {@code trial} of stream {@code name}. */
    public static UniformRandomProvider rng(long master, String name, long trial) {
        return rng(derive(master, name, trial));
    }
}
