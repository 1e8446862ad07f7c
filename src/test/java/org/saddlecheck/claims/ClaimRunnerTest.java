package org.saddlecheck.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.theory.staib.IntroAdagradEma;
import org.saddlecheck.theory.staib.S54BetaSchedule;

class ClaimRunnerTest {
    private static final long SEED = 20190126L;

    private static List<Claim> pipeline() {
        return List.of(new IntroAdagradEma(), new S54BetaSchedule(), TestClaims.monteCarlo("TEST-MC", 0.1, 0.1));
    }

    /** claims.json is byte-identical at 1 and 2 threads apart from the timing fields. */
    @Test
    void byteIdenticalAtOneAndTwoThreads(@TempDir Path dir) throws IOException {
        RunResults one = new ClaimRunner(SEED, Budget.QUICK, 1).run(pipeline());
        RunResults two = new ClaimRunner(SEED, Budget.QUICK, 2).run(pipeline());
        assertThat(one.threads()).isEqualTo(1);
        assertThat(two.threads()).isEqualTo(2);
        assertThat(ResultsJson.toJson(two, false)).isEqualTo(ResultsJson.toJson(one, false));
        Path a = dir.resolve("one/claims.json"), b = dir.resolve("two/claims.json");
        ResultsJson.write(one, a);
        ResultsJson.write(two, b);
        assertThat(withoutTimingLines(b)).isEqualTo(withoutTimingLines(a));
        assertThat(one.claims()).extracting(ClaimOutcome::verdict).containsOnly(Verdict.HOLDS);
    }

    private static String withoutTimingLines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).stream()
                .filter(l -> ResultsJson.TIMING_FIELDS.stream().noneMatch(f -> l.trim().startsWith("\"" + f + "\"")))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aDeliberatelyBrokenImplementationIsViolated() {
        RunResults r = new ClaimRunner(SEED, Budget.QUICK, 2).run(List.of(new BrokenEmaClaim()));
        ClaimOutcome o = r.get("TEST-BROKEN-EMA");
        assertThat(o.verdict()).isEqualTo(Verdict.VIOLATED);
        // the evidence names the failing case; the rerun command with the master seed is in the failure report below
        assertThat(o.evidence()).contains("failed").contains("Forall seed");
        assertThat(r.failed()).isTrue();
        assertThat(r.harnessErrors()).isEmpty();
        String report = VerdictTable.failures(r, c -> "rerun " + c.id());
        assertThat(report).contains("VIOLATED TEST-BROKEN-EMA").contains("claim seed " + o.seed())
                .contains("master seed " + SEED).contains("rerun TEST-BROKEN-EMA");
    }

    @Test
    void aMonteCarloClaimWithThreeTimesTheClaimedRateIsViolated() {
        RunResults r = new ClaimRunner(SEED, Budget.QUICK, 2).run(List.of(TestClaims.monteCarlo("TEST-MC-BAD", 0.05, 0.2)));
        assertThat(r.claims().get(0).verdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.claims().get(0).falseFailureRate()).isEqualTo(ClaimRunner.FALSE_FAILURE_BUDGET);
    }

    @Test
    void aThrowingCheckIsAHarnessError() {
        RunResults r = new ClaimRunner(SEED, Budget.QUICK, 1).run(List.of(TestClaims.throwing("TEST-THROW"), TestClaims.fixed("TEST-OK", Verdict.HOLDS)));
        ClaimOutcome o = r.get("TEST-THROW");
        assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(o.error()).contains("IllegalStateException: harness bug in TEST-THROW").contains("caused by java.lang.ArithmeticException: root cause")
                .contains("at ");
        assertThat(o.details()).containsKey("error");
        assertThat(o.evidence()).startsWith("harness error");
        assertThat(r.failed()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(r.get("TEST-OK").verdict()).isEqualTo(Verdict.HOLDS); // the run goes on
        assertThat(VerdictTable.failures(r, c -> "x")).contains("HARNESS ERROR in TEST-THROW");
        assertThat(VerdictTable.format(r)).contains("INCONCLUSIVE!").contains("1 harness errors");
    }

    @Test
    void bonferroniSplitOverTheUniverseAndContractCheck() {
        List<Claim> universe = List.of(TestClaims.fixed("A", Verdict.HOLDS), TestClaims.monteCarlo("B", 0.1, 0.1),
                TestClaims.greedy("C", 3));
        Map<String, Double> shares = ClaimRunner.alphaShares(universe, 1e-4);
        assertThat(shares.get("A")).isZero();
        assertThat(shares.get("B")).isCloseTo(2.5e-5, within(1e-20));
        assertThat(shares.get("C")).isCloseTo(7.5e-5, within(1e-20));
        RunResults r = new ClaimRunner(SEED, Budget.QUICK, 1).run(universe);
        assertThat(r.statisticalTests()).isEqualTo(4);
        assertThat(r.get("B").alpha()).isCloseTo(2.5e-5, within(1e-20));
        assertThat(r.get("B").falseFailureRate()).isLessThanOrEqualTo(r.get("B").alpha());
        double total = r.claims().stream().mapToDouble(ClaimOutcome::alpha).sum();
        assertThat(total).isLessThanOrEqualTo(1e-4 * (1 + 1e-12));
        // C reports more than its share: harness error
        assertThat(r.get("C").error()).contains("falseFailureRate");
        assertThat(r.failed()).isTrue();
    }

    /** Running a subset gives the claim the same alpha, seed and result as the full run (reproducible reruns). */
    @Test
    void subsetRunsReproduceTheFullRun() {
        List<Claim> universe = List.of(TestClaims.monteCarlo("B", 0.1, 0.1), TestClaims.monteCarlo("D", 0.1, 0.1));
        RunResults full = new ClaimRunner(SEED, Budget.QUICK, 2).run(universe);
        RunResults sub = new ClaimRunner(SEED, Budget.QUICK, 1).run(universe, List.of("d"));
        assertThat(sub.claims()).hasSize(1);
        ClaimOutcome a = full.get("D"), b = sub.get("D");
        assertThat(b.alpha()).isEqualTo(a.alpha());
        assertThat(b.seed()).isEqualTo(a.seed());
        assertThat(b.details()).isEqualTo(a.details());
        assertThatThrownBy(() -> new ClaimRunner(SEED, Budget.QUICK, 1).run(universe, List.of("NOPE")))
                .hasMessageContaining("claim id = NOPE");
    }

    @Test
    void registryCoversTheCatalogWithPlaceholders() {
        List<Claim> all = ClaimRegistry.all();
        assertThat(all).extracting(c -> c.info().id()).containsExactlyElementsOf(Catalog.ALL.stream().map(ClaimInfo::id).toList());
        assertThat(all).filteredOn(c -> !(c instanceof NotImplementedClaim)).extracting(c -> c.info().id())
                .contains("STAIB-S5.4", "STAIB-INTRO-ADAGRAD");
        List<Claim> extra = new ArrayList<>(ClaimRegistry.implemented());
        extra.add(TestClaims.fixed("TEST-EXTRA", Verdict.HOLDS));
        assertThat(ClaimRegistry.withPlaceholders(extra)).last().extracting(c -> c.info().id()).isEqualTo("TEST-EXTRA");
        // placeholders: a universe where only STAIB-S5.4 is implemented
        List<Claim> partial = ClaimRegistry.withPlaceholders(List.of(new org.saddlecheck.theory.staib.S54BetaSchedule()));
        RunResults r = new ClaimRunner(SEED, Budget.QUICK, 1).run(partial, List.of("JIN-T3", "staib-s5.4"));
        assertThat(r.claims()).extracting(ClaimOutcome::id).containsExactly("STAIB-S5.4", "JIN-T3"); // catalog order
        assertThat(r.get("JIN-T3").notImplemented()).isTrue();
        assertThat(r.get("JIN-T3").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.failed()).isFalse();
        assertThat(ClaimRegistry.parseIds(" A, ,b ,")).containsExactly("A", "b");
        assertThatThrownBy(() -> ClaimRegistry.withPlaceholders(List.of(TestClaims.fixed("X", Verdict.HOLDS), TestClaims.fixed("x", Verdict.HOLDS))))
                .hasMessageContaining("unique");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new ClaimRunner(1, Budget.QUICK, 0)).hasMessageContaining("threads = 0");
        assertThatThrownBy(() -> new ClaimRunner(1, null, 1)).hasMessageContaining("budget is null");
        assertThatThrownBy(() -> new ClaimRunner(1, Budget.QUICK, 1).falseFailureBudget(1e-3)).hasMessageContaining("falseFailureBudget = 0.001");
    }
}
