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
import org.saddlecheck.guard.ClaimsBaseline;
import org.saddlecheck.report.ReportGenerator;
import org.saddlecheck.rng.Seeds;

/**
 * Runs the claims in {@code ./mvnw verify} (failsafe, after the unit tests). System properties (set by pom.xml's
 * failsafe configuration from {@code -D…}): saddlecheck.budget (quick|standard|thorough), saddlecheck.seed (master
 * seed), saddlecheck.threads (0 = all cores), saddlecheck.claims (comma-separated ids, empty = all),
 * saddlecheck.basedir. Writes target/claims/claims.json, prints the verdict table, and fails if a claim is
 * VIOLATED or a check threw (a harness error), naming the claim, its evidence, seeds and the command to rerun it.
 * Before failing it writes the HTML report to reports/ from the saved results.
 *
 * <p>A subset run ({@code -Dsaddlecheck.claims=ID,...}) writes {@link #SUBSET_RESULTS} and the report
 * {@link #SUBSET_REPORT} instead, so the full run's claims.json and reports/ are left as they were.
 * {@code ReportBrowserIT} (after this class: failsafe runs the ITs in alphabetical order) opens the report written here.
 */
class ClaimsIT {
    /** Results of a full run (all claims), relative to the project root; the report goes to reports/. */
    static final String FULL_RESULTS = "target/claims/claims.json";
    /** Results of a subset run ({@code -Dsaddlecheck.claims=...}). */
    static final String SUBSET_RESULTS = "target/claims/claims-subset.json";
    /** The report of a subset run. */
    static final String SUBSET_REPORT = "target/reports-subset";

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
        boolean subset = !ids.isEmpty();
        Path out = basedir.resolve(subset ? SUBSET_RESULTS : FULL_RESULTS);
        ResultsJson.write(r, out);
        System.out.println();
        System.out.print(VerdictTable.format(r));
        System.out.println("results: " + out.toAbsolutePath());
        // the report is written from the saved results (also when a claim failed, so the evidence can be read)
        ReportGenerator.GeneratedReport report = subset
                ? ReportGenerator.generate(List.of(out), basedir.resolve("target/experiments"), basedir, basedir.resolve(SUBSET_REPORT))
                : ReportGenerator.generateDefault(basedir);
        System.out.println("report: " + report.index().toAbsolutePath());
        if (subset) {
            System.out.println("subset run (saddlecheck.claims=" + String.join(",", ids) + "): results in " + SUBSET_RESULTS
                    + " and the report in " + SUBSET_REPORT + "/; the full run's " + FULL_RESULTS + " and reports/ are left as they were");
        }
        // regression guard: verdicts, tightness and exponents against the baseline in git
        Path baselineFile = ClaimsBaseline.file(basedir);
        ClaimsBaseline.Baseline baseline = ClaimsBaseline.read(baselineFile);
        List<String> moved = List.of();
        if (ClaimsBaseline.rebaselineRequested(System.getProperty("saddlecheck.rebaseline"))) {
            ClaimsBaseline.write(r, baseline, baselineFile);
            System.out.println("baseline rewritten: " + baselineFile + " (review with git diff)");
        } else if (baseline != null) {
            moved = ClaimsBaseline.compare(baseline, r, ids.isEmpty());
            if (baseline.masterSeed() != r.masterSeed() || !baseline.budget().equals(r.budget())) {
                System.out.println("regression guard: comparing verdicts only (the baseline was recorded at master seed "
                        + baseline.masterSeed() + ", budget " + baseline.budget() + "; tightness and exponents are compared "
                        + "only at that seed and budget)");
            }
        } else {
            System.out.println("WARNING regression guard: no baseline at " + baselineFile + ", nothing is guarded "
                    + "(record one with ./mvnw verify -Dsaddlecheck.rebaseline)");
        }
        List<String> unguarded = ClaimsBaseline.unguarded(baseline, r);
        if (!unguarded.isEmpty() && !ClaimsBaseline.rebaselineRequested(System.getProperty("saddlecheck.rebaseline"))) {
            System.out.println("WARNING regression guard: " + unguarded.size() + " claim(s) have no baseline entry yet and are not guarded: "
                    + String.join(", ", unguarded) + " (record them with ./mvnw verify -Dsaddlecheck.rebaseline)");
        }
        // one failure message with both parts: a flip to VIOLATED is also named as a move from the baseline
        String guard = moved.isEmpty() ? "" : "regression guard: " + moved.size() + " claim result(s) moved from the baseline in "
                + baselineFile + " (if the change is intended, rewrite it with ./mvnw verify -Dsaddlecheck.rebaseline and review the diff):\n  "
                + String.join("\n  ", moved);
        if (r.failed()) {
            fail("claims failed (results in " + out.toAbsolutePath() + "):\n" + VerdictTable.failures(r,
                    c -> "./mvnw -B -ntp verify -Dsaddlecheck.claims=" + c.id() + " -Dsaddlecheck.seed=" + seed
                            + " -Dsaddlecheck.budget=" + budget.label()) + (guard.isEmpty() ? "" : "\n" + guard));
        }
        if (!guard.isEmpty()) fail(guard);
    }
}
