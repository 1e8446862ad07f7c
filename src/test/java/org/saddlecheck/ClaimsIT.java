package org.saddlecheck;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimRegistry;
import org.saddlecheck.claims.ClaimRunner;
import org.saddlecheck.claims.GitCommit;
import org.saddlecheck.claims.ResultsJson;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.claims.VerdictTable;
import org.saddlecheck.rng.Seeds;

/**
 * Runs the claims in {@code ./mvnw verify} (failsafe, after the unit tests). System properties (set by pom.xml's
 * failsafe configuration from {@code -D…}): saddlecheck.budget (quick|standard|thorough), saddlecheck.seed (master
 * seed), saddlecheck.threads (0 = all cores), saddlecheck.claims (comma-separated ids, empty = all),
 * saddlecheck.basedir. Writes target/claims/claims.json, prints the verdict table, and fails if a claim is
 * VIOLATED or a check threw (a harness error), naming the claim, its evidence, seeds and the command to rerun it.
 */
class ClaimsIT {

    private static String prop(String name, String def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    @Test
    void claimsHold() throws IOException {
        Budget budget = Budget.parse(prop("saddlecheck.budget", "standard"));
        long seed = Long.parseLong(prop("saddlecheck.seed", Long.toString(Seeds.DEFAULT_MASTER_SEED)));
        int threads = Integer.parseInt(prop("saddlecheck.threads", "0"));
        if (threads < 0) throw new IllegalArgumentException("saddlecheck.threads = " + threads + " is not allowed: it must be >= 0 (0 = all cores)");
        if (threads == 0) threads = Runtime.getRuntime().availableProcessors();
        List<String> ids = ClaimRegistry.parseIds(prop("saddlecheck.claims", ""));
        Path basedir = Path.of(prop("saddlecheck.basedir", "."));

        RunResults r = new ClaimRunner(seed, budget, threads).gitCommit(GitCommit.read(basedir))
                .progress(s -> System.err.println("saddlecheck " + s)).run(ClaimRegistry.all(), ids);
        Path out = basedir.resolve("target/claims/claims.json");
        ResultsJson.write(r, out);
        System.out.println();
        System.out.print(VerdictTable.format(r));
        System.out.println("results: " + out.toAbsolutePath());
        if (r.failed()) {
            fail("claims failed (results in " + out.toAbsolutePath() + "):\n" + VerdictTable.failures(r,
                    c -> "./mvnw -B -ntp verify -Dsaddlecheck.claims=" + c.id() + " -Dsaddlecheck.seed=" + seed
                            + " -Dsaddlecheck.budget=" + budget.label()));
        }
    }
}
