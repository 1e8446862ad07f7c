package org.saddlecheck.experiment;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * Where an experiment takes its per-trial randomness from: a seed for each (stream, trial). The command line uses
 * {@link #of(long, String)} (master seed and experiment name); a claim passes {@code ctx::seed}, so that the claim
 * and the experiment share the same code and the claim's results follow the claim's seed (CLAIMS-HELPER.md).
 */
@FunctionalInterface
public interface SeedSource {
    /** Seed of trial {@code trial} of the named stream. */
    long seed(String stream, long trial);

    /** The generator of that seed. */
    default UniformRandomProvider rng(String stream, long trial) {
        return Seeds.rng(seed(stream, trial));
    }

    /** How the seeds are made, for the experiments' JSON summaries (reproducing a run needs it). */
    default String describe() {
        return "per-(stream, trial) seeds of the calling claim (see the claim's seed in claims.json)";
    }

    /** Seeds derived from a master seed and a name: {@code Seeds.derive(master, name + "/" + stream, trial)}. */
    static SeedSource of(long master, String name) {
        Require.notNull("name", name);
        return new SeedSource() {
            @Override
            public long seed(String stream, long trial) {
                return Seeds.derive(master, name + "/" + stream, trial);
            }

            @Override
            public String describe() {
                return "master seed " + master + ": Seeds.derive(" + master + ", \"" + name + "/<stream>\", trial)";
            }
        };
    }
}
