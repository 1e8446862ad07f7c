package org.saddlecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimRegistry;
import org.saddlecheck.claims.ClaimRunner;
import org.saddlecheck.claims.ResultsJson;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.rng.Seeds;

/**
 * The same master seed gives a byte-identical claims.json (timing fields aside) at 1 and at 2 threads, for the claims
 * whose checks run their trials in parallel: Monte Carlo sweeps, targeted searches (Forall climbs), experiments. Runs
 * in verify (failsafe) at the quick budget; the α split is over the whole registry, as in a full run.
 */
class ThreadInvarianceIT {
    static final List<String> PARALLEL_CLAIMS = List.of("STAIB-T4.1", "STAIB-P4.2", "STAIB-P4.4", "STAIB-EQ3", "STAIB-T4.2",
            "STAIB-C4.2", "STAIB-FIG1", "JIN-ALG2", "JIN-DIMFREE", "JIN-MF", "X3");

    @Test
    void claimsJsonIsByteIdenticalAtOneAndTwoThreads(@TempDir Path scratch) {
        long seed = Seeds.DEFAULT_MASTER_SEED;
        // the experiments these claims drive write under <basedir>/target/experiments: keep the full run's files intact
        String basedir = System.getProperty("saddlecheck.basedir");
        System.setProperty("saddlecheck.basedir", scratch.toString());
        RunResults one, two;
        try {
            one = new ClaimRunner(seed, Budget.QUICK, 1).run(ClaimRegistry.all(), PARALLEL_CLAIMS);
            two = new ClaimRunner(seed, Budget.QUICK, 2).run(ClaimRegistry.all(), PARALLEL_CLAIMS);
        } finally {
            if (basedir == null) System.clearProperty("saddlecheck.basedir");
            else System.setProperty("saddlecheck.basedir", basedir);
        }
        assertThat(one.claims()).hasSize(PARALLEL_CLAIMS.size());
        assertThat(ResultsJson.toJson(two, false)).as("claims.json at 2 threads vs 1 thread (master seed %d)", seed)
                .isEqualTo(ResultsJson.toJson(one, false));
    }
}
