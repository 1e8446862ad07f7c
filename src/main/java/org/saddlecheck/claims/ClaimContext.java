package org.saddlecheck.claims;

import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.rng.Seeds;

/**
 * Everything a claim check may depend on: the master seed, the budget, its share {@code alpha} of the
 * run's false-failure budget, the trial executor and a progress sink. Randomness must come from
 * {@link #rng(String, long)} (or {@link #seed(String, long)}), which derives per-trial streams from
 * (master seed, claim id, stream name, trial).
 */
public record ClaimContext(String claimId, long masterSeed, Budget budget, double alpha, Parallel parallel,
                           Consumer<String> progress) {

    /** The claim's own seed: an identifier printed on failure. The check itself reruns from (master seed, claim id). */
    public long claimSeed() {
        return Seeds.derive(masterSeed, claimId, 0);
    }

    /** Seed of trial {@code trial} of the named sub-stream of this claim. */
    public long seed(String stream, long trial) {
        return Seeds.derive(masterSeed, claimId + "/" + stream, trial);
    }

    /** Generator of trial {@code trial} of the named sub-stream of this claim. */
    public UniformRandomProvider rng(String stream, long trial) {
        return Seeds.rng(seed(stream, trial));
    }

    /** Reports progress on long checks (e.g. "eta=1e-4: 200/400 trials"). */
    public void progress(String msg) {
        if (progress != null) progress.accept(claimId + ": " + msg);
    }

    /** alpha split evenly across {@code tests} sub-tests (Bonferroni). */
    public double alphaPerTest(int tests) {
        return alpha / Math.max(1, tests);
    }
}
