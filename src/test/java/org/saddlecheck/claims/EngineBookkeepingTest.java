package org.saddlecheck.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.jsonfixture.HiddenRecords;
import org.saddlecheck.rng.Seeds;

/** Bookkeeping of the claim engine: verdict algebra, budgets, alpha shares, progress, timing, tables, JSON values. */
class EngineBookkeepingTest {
    private static final long SEED = 424242L;

    private static Claim claim(String id, int tests, java.util.function.Function<ClaimContext, ClaimResult> check) {
        return TestClaims.of(id, ClaimKind.EXPECTATION, tests, check);
    }

    private static ClaimOutcome outcome(String id, Verdict v, String evidence, Tightness t, String error, long ms) {
        return new ClaimOutcome(id, "title " + id, "src", "exact", v, 12, 99, 0, 0, 0, evidence, "st", "bd", "pn", t, null,
                Map.of(), Map.of(), error, ms);
    }

    private static RunResults results(List<ClaimOutcome> claims, long ms) {
        return new RunResults(5, "abc", "quick", "cpu", "jdk", "cpu", 1e-4, 3, 2, "2026-01-01T00:00:00Z", ms, claims);
    }

    // ------------------------------------------------------------------ verdicts, budgets, small records

    @Test
    void verdictCombinationIsAMaxInTheDocumentedOrder() {
        Verdict[] order = {Verdict.HOLDS, Verdict.INCONCLUSIVE, Verdict.KNOWN_INCONSISTENCY, Verdict.VIOLATED};
        for (int i = 0; i < order.length; i++) {
            for (int j = 0; j < order.length; j++) {
                assertThat(order[i].and(order[j])).as("%s and %s", order[i], order[j]).isEqualTo(order[Math.max(i, j)]);
            }
        }
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS);
        assertThat(b.and(Verdict.INCONCLUSIVE).currentVerdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(b.and(Verdict.VIOLATED).and(Verdict.HOLDS).currentVerdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(b.verdict(Verdict.HOLDS).currentVerdict()).isEqualTo(Verdict.HOLDS);
        ClaimResult r = b.trials(5).addTrials(7).addTrials(3).appendEvidence("first.").appendEvidence("second.")
                .falseFailureRate(1e-6).build();
        assertThat(r.trials()).isEqualTo(15);
        assertThat(r.evidence()).isEqualTo("first. second.");
        assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isEqualTo(1e-6);
        assertThat(Verdict.KNOWN_INCONSISTENCY.label()).isEqualTo("KNOWN-INCONSISTENCY");
    }

    @Test
    void budgetsScaleAndParse() {
        assertThat(Budget.QUICK.scale()).isEqualTo(0.25);
        assertThat(Budget.STANDARD.scale()).isEqualTo(1.0);
        assertThat(Budget.THOROUGH.scale()).isEqualTo(4.0);
        assertThat(Budget.QUICK.scaled(10, 1)).isEqualTo(3); // round(2.5)
        assertThat(Budget.QUICK.scaled(10, 5)).isEqualTo(5); // at least min
        assertThat(Budget.THOROUGH.scaled(10, 1)).isEqualTo(40);
        assertThat(Budget.STANDARD.scaled(7, 1)).isEqualTo(7);
        assertThat(Budget.parse(" Thorough ")).isEqualTo(Budget.THOROUGH);
        assertThat(Budget.parse("quick")).isEqualTo(Budget.QUICK);
        assertThat(Budget.STANDARD.label()).isEqualTo("standard");
        assertThatThrownBy(() -> Budget.parse("huge")).hasMessageContaining("budget = huge")
                .hasMessageContaining("quick, standard, thorough");
    }

    @Test
    void tightnessSummaries() {
        Tightness odd = Tightness.of(new double[] {0.9, 0.1, 0.5}, "w");
        assertThat(odd.min()).isEqualTo(0.1);
        assertThat(odd.median()).isEqualTo(0.5);
        assertThat(odd.max()).isEqualTo(0.9);
        assertThat(odd.worst()).isEqualTo("w");
        Tightness even = Tightness.of(new double[] {0.8, 0.2, 0.4, 0.7}, "x");
        assertThat(even.median()).isCloseTo(0.55, within(1e-15)); // (0.4 + 0.7) / 2
        assertThat(even.min()).isEqualTo(0.2);
        assertThat(even.max()).isEqualTo(0.8);
        assertThat(Tightness.of(new double[] {3}, "y").median()).isEqualTo(3.0);
        assertThatThrownBy(() -> Tightness.of(new double[0], "z")).hasMessageContaining("ratios is empty");
    }

    @Test
    void contextSeedsAlphaAndProgress() {
        List<String> lines = new ArrayList<>();
        ClaimContext ctx = new ClaimContext("C-1", SEED, Budget.QUICK, 1e-5, null, lines::add);
        assertThat(ctx.claimSeed()).isEqualTo(Seeds.derive(SEED, "C-1", 0));
        assertThat(ctx.seed("s", 3)).isEqualTo(Seeds.derive(SEED, "C-1/s", 3));
        assertThat(ctx.rng("s", 3).nextLong()).isEqualTo(Seeds.rng(Seeds.derive(SEED, "C-1/s", 3)).nextLong());
        assertThat(ctx.alphaPerTest(4)).isCloseTo(2.5e-6, within(1e-20));
        assertThat(ctx.alphaPerTest(0)).isEqualTo(1e-5);
        ctx.progress("half way");
        assertThat(lines).containsExactly("C-1: half way");
        new ClaimContext("C-2", SEED, Budget.QUICK, 1e-5, null, null).progress("ignored"); // no sink: no error
    }

    @Test
    void infoSourcesCitationsAndOutcomeFlags() {
        ClaimInfo s = new ClaimInfo("A", "t", Paper.STAIB2019, "§4.1", ClaimKind.RATE, "st", "b", "p");
        assertThat(s.source()).isEqualTo("Staib et al. 2019, §4.1");
        assertThat(new ClaimInfo("A", "t", Paper.JIN2017, "Thm 3", ClaimKind.RATE, "st", "b", "p").source()).isEqualTo("Jin et al. 2017, Thm 3");
        assertThat(new ClaimInfo("A", "t", Paper.BOTH, "x", ClaimKind.RATE, "st", "b", "p").source())
                .isEqualTo("Staib et al. 2019 / Jin et al. 2017, x");
        assertThat(Paper.STAIB2019.citation()).contains("Staib").contains("ICML 2019");
        assertThat(Paper.JIN2017.citation()).contains("Jin").contains("ICML 2017");
        assertThat(outcome("A", Verdict.INCONCLUSIVE, NotImplementedClaim.EVIDENCE, null, null, 0).notImplemented()).isTrue();
        assertThat(outcome("A", Verdict.INCONCLUSIVE, "too few samples", null, null, 0).notImplemented()).isFalse();
        assertThat(outcome("A", Verdict.HOLDS, NotImplementedClaim.EVIDENCE, null, null, 0).notImplemented()).isFalse();
        RunResults r = results(List.of(outcome("A", Verdict.HOLDS, "", null, null, 0), outcome("B", Verdict.HOLDS, "", null, null, 0),
                outcome("C", Verdict.VIOLATED, "", null, null, 0), outcome("D", Verdict.KNOWN_INCONSISTENCY, "", null, null, 0)), 0);
        assertThat(r.count(Verdict.HOLDS)).isEqualTo(2);
        assertThat(r.count(Verdict.VIOLATED)).isEqualTo(1);
        assertThat(r.count(Verdict.INCONCLUSIVE)).isZero();
        assertThat(r.count(Verdict.KNOWN_INCONSISTENCY)).isEqualTo(1);
        assertThat(r.get("c").id()).isEqualTo("C");
        assertThat(r.get("nope")).isNull();
    }

    // ------------------------------------------------------------------ the runner

    @Test
    void alphaSharesSumToTheBudgetAndRejectNegativeTestCounts() {
        List<Claim> u = List.of(claim("A", 1, c -> null), claim("B", 0, c -> null), claim("C", 2, c -> null), claim("D", 5, c -> null));
        Map<String, Double> shares = ClaimRunner.alphaShares(u, 8e-5);
        assertThat(shares.keySet()).containsExactly("A", "B", "C", "D");
        assertThat(shares.get("A")).isCloseTo(1e-5, within(1e-20));
        assertThat(shares.get("B")).isZero();
        assertThat(shares.get("C")).isCloseTo(2e-5, within(1e-20));
        assertThat(shares.get("D")).isCloseTo(5e-5, within(1e-20));
        assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(8e-5, within(1e-18));
        assertThat(ClaimRunner.alphaShares(List.of(claim("Z", 0, c -> null)), 1e-4).get("Z")).isZero();
        assertThatThrownBy(() -> ClaimRunner.alphaShares(List.of(claim("NEG", -1, c -> null)), 1e-4))
                .hasMessageContaining("statisticalTests of NEG = -1");
    }

    @Test
    void overriddenBudgetIsSplitAndValidated() {
        ClaimRunner runner = new ClaimRunner(SEED, Budget.QUICK, 1).falseFailureBudget(5e-5);
        RunResults r = runner.run(List.of(claim("A", 1, c -> ClaimResult.builder(Verdict.HOLDS).falseFailureRate(c.alpha()).build()),
                claim("B", 4, c -> ClaimResult.builder(Verdict.HOLDS).build())));
        assertThat(r.falseFailureBudget()).isEqualTo(5e-5);
        assertThat(r.get("A").alpha()).isCloseTo(1e-5, within(1e-20));
        assertThat(r.get("B").alpha()).isCloseTo(4e-5, within(1e-20));
        assertThat(r.statisticalTests()).isEqualTo(5);
        assertThat(r.failed()).isFalse();
        // the bounds of (0, 1e-4]
        assertThat(new ClaimRunner(SEED, Budget.QUICK, 1).falseFailureBudget(1e-4)).isNotNull();
        assertThatThrownBy(() -> new ClaimRunner(SEED, Budget.QUICK, 1).falseFailureBudget(0)).hasMessageContaining("falseFailureBudget = 0.0");
        assertThatThrownBy(() -> new ClaimRunner(SEED, Budget.QUICK, 1).falseFailureBudget(-1e-5)).hasMessageContaining("falseFailureBudget = -1.0E-5");
        assertThatThrownBy(() -> new ClaimRunner(SEED, Budget.QUICK, 1).falseFailureBudget(Math.nextUp(1e-4))).hasMessageContaining("in (0, 1.0E-4]");
    }

    @Test
    void progressLinesTimingAndEnvironment() {
        List<String> lines = new ArrayList<>();
        Claim slow = claim("SLOW", 0, c -> {
            c.progress("working");
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ClaimResult.builder(Verdict.HOLDS).build();
        });
        RunResults r = new ClaimRunner(SEED, Budget.STANDARD, 1).progress(lines::add).gitCommit(null)
                .run(List.of(slow, TestClaims.throwing("BAD")));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("[1/2] SLOW ...");
        assertThat(lines.get(1)).isEqualTo("SLOW: working");
        assertThat(lines.get(2)).matches("\\[1/2\\] SLOW HOLDS \\((0\\.[3-9]|[1-9]\\d?\\.\\d) s\\)"); // seconds, not ms
        assertThat(lines.get(3)).isEqualTo("[2/2] BAD ...");
        assertThat(lines.get(4)).startsWith("[2/2] BAD INCONCLUSIVE (").contains(" HARNESS ERROR: java.lang.IllegalStateException: harness bug in BAD");
        assertThat(lines.get(2)).doesNotContain("HARNESS ERROR");
        assertThat(r.get("SLOW").durationMs()).isBetween(290L, 20_000L);
        assertThat(r.durationMs()).isBetween(290L, 20_000L);
        assertThat(r.gitCommit()).isEqualTo("unknown");
        assertThat(r.budget()).isEqualTo("standard");
        assertThat(r.backend()).isEqualTo("cpu");
        assertThat(r.masterSeed()).isEqualTo(SEED);
        assertThat(r.jdk()).isEqualTo(System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        assertThat(r.cpu()).isEqualTo(System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        assertThat(r.get("SLOW").seed()).isEqualTo(Seeds.derive(SEED, "SLOW", 0));
        // a null sink discards progress
        assertThat(new ClaimRunner(SEED, Budget.QUICK, 1).progress(null).run(List.of(slow)).get("SLOW").verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void harnessErrorsOfEveryKind() {
        Claim nullResult = claim("NULL", 0, c -> null);
        Claim nullVerdict = claim("NOVERDICT", 0, c -> new ClaimResult(null, 3, 0, null, null, "e", Map.of("k", 1), null));
        Claim nanRate = claim("NAN", 1, c -> ClaimResult.builder(Verdict.HOLDS).falseFailureRate(Double.NaN).build());
        Claim greedy = claim("GREEDY", 1, c -> ClaimResult.builder(Verdict.VIOLATED).trials(9).falseFailureRate(c.alpha() * 2)
                .detail("partial", 42).build());
        Claim exact = claim("EXACT", 1, c -> ClaimResult.builder(Verdict.HOLDS).falseFailureRate(c.alpha()).build());
        RunResults r = new ClaimRunner(SEED, Budget.QUICK, 1).run(List.of(nullResult, nullVerdict, nanRate, greedy, exact));
        assertThat(r.get("NULL").error()).isEqualTo("harness error: check returned null");
        assertThat(r.get("NULL").evidence()).isEqualTo("harness error (the check did not complete): harness error: check returned null");
        assertThat(r.get("NULL").details()).containsOnlyKeys("error");
        assertThat(r.get("NULL").trials()).isZero();
        assertThat(r.get("NOVERDICT").error()).isEqualTo("harness error: check returned a null verdict");
        assertThat(r.get("NOVERDICT").details().get("partialDetails")).isEqualTo(Map.of("k", 1));
        assertThat(r.get("NOVERDICT").trials()).isEqualTo(3);
        assertThat(r.get("NAN").error()).contains("falseFailureRate = NaN");
        ClaimOutcome g = r.get("GREEDY");
        assertThat(g.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(g.error()).contains("contract: falseFailureRate <= alpha");
        assertThat(g.details().get("partialDetails")).isEqualTo(Map.of("partial", 42));
        assertThat(g.falseFailureRate()).isEqualTo(g.alpha());
        assertThat(g.tightness()).isNull();
        assertThat(g.statisticalTests()).isEqualTo(1);
        assertThat(r.get("EXACT").error()).isNull();
        assertThat(r.get("EXACT").verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(r.harnessErrors()).extracting(ClaimOutcome::id).containsExactly("NULL", "NOVERDICT", "NAN", "GREEDY");
        // the thrown error: the evidence has only the first line of the summary
        RunResults t = new ClaimRunner(SEED, Budget.QUICK, 1).run(List.of(TestClaims.throwing("T")));
        assertThat(t.get("T").evidence()).isEqualTo("harness error (the check did not complete): java.lang.IllegalStateException: harness bug in T");
    }

    private static Throwable withFrames(Throwable t, String tag, int frames) {
        StackTraceElement[] st = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) st[i] = new StackTraceElement("C" + tag, "m" + i, "F.java", i + 1);
        t.setStackTrace(st);
        return t;
    }

    @Test
    void stackSummaryKeepsThreeLevelsAndTheTopFrames() {
        Throwable d = withFrames(new IllegalStateException("d"), "d", 10);
        Throwable c = withFrames(new IllegalArgumentException("c", d), "c", 10);
        Throwable b = withFrames(new RuntimeException("b", c), "b", 10);
        Throwable a = withFrames(new RuntimeException(null, b), "a", 10);
        String s = ClaimRunner.stackSummary(a);
        String[] lines = s.split("\n");
        // 1 + 8 frames, then 2 causes with 1 + 3 frames each
        assertThat(lines).hasSize(1 + 8 + 2 * (1 + 3));
        assertThat(lines[0]).isEqualTo("java.lang.RuntimeException");
        assertThat(lines[1]).isEqualTo("  at Ca.m0(F.java:1)");
        assertThat(lines[8]).isEqualTo("  at Ca.m7(F.java:8)");
        assertThat(lines[9]).isEqualTo("caused by java.lang.RuntimeException: b");
        assertThat(lines[12]).isEqualTo("  at Cb.m2(F.java:3)");
        assertThat(lines[13]).isEqualTo("caused by java.lang.IllegalArgumentException: c");
        assertThat(s).doesNotContain("Ca.m8").doesNotContain("Cb.m3").doesNotContain(": d");
        // fewer frames than the limit
        assertThat(ClaimRunner.stackSummary(withFrames(new IllegalStateException("x"), "x", 2)).split("\n")).hasSize(3);
    }

    // ------------------------------------------------------------------ Parallel

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void parallelRunsOnDaemonPoolThreadsOnlyWhenItHelps() {
        String caller = Thread.currentThread().getName();
        try (Parallel one = new Parallel(1); Parallel three = new Parallel(3)) {
            assertThat(one.threads()).isEqualTo(1);
            assertThat(three.threads()).isEqualTo(3);
            assertThat(one.map(20, i -> Thread.currentThread().getName())).containsOnly(caller);
            List<String> names = three.map(60, i -> {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "/daemon" : "/user");
            });
            assertThat(names).hasSize(60).containsOnly("saddlecheck-trial/daemon");
            // a single trial runs in the calling thread
            assertThat(three.map(1, i -> Thread.currentThread().getName())).containsExactly(caller);
            assertThat(three.map(0, i -> i)).isEmpty();
            // nested maps run inline in the pool thread
            List<List<String>> nested = three.map(6, i -> three.map(4, j -> Thread.currentThread().getName()));
            for (List<String> l : nested) assertThat(l).containsOnly("saddlecheck-trial");
            assertThatThrownBy(() -> three.map(10, i -> {
                if (i == 3) throw new AssertionError("trial 3 failed");
                return i;
            })).isInstanceOf(AssertionError.class).hasMessage("trial 3 failed");
            assertThatThrownBy(() -> three.map(10, i -> {
                if (i == 4) sneaky(new IOException("io"));
                return i;
            })).isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
        }
        try (Parallel all = Parallel.allCores()) {
            assertThat(all.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable t) throws E {
        throw (E) t;
    }

    // ------------------------------------------------------------------ GitCommit

    @Test
    void gitCommitRejectsWhatIsNotAHash(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Files.createDirectories(a.resolve(".git"));
        Files.writeString(a.resolve(".git/HEAD"), "not-a-hash\n");
        assertThat(GitCommit.read(a)).isEqualTo("unknown");
        String sha256 = "ab".repeat(32);
        Files.writeString(a.resolve(".git/HEAD"), sha256 + "\n");
        assertThat(GitCommit.read(a)).isEqualTo(sha256);
        Files.createDirectories(a.resolve(".git/refs/heads"));
        Files.writeString(a.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(a.resolve(".git/refs/heads/main"), "garbage\n");
        assertThat(GitCommit.read(a)).isEqualTo("unknown");
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        Files.writeString(b.resolve(".git"), "something else\n");
        assertThat(GitCommit.read(b)).isEqualTo("unknown");
        Path c = dir.resolve("c");
        Files.createDirectories(c.resolve(".git")); // no HEAD: unreadable
        assertThat(GitCommit.read(c)).isEqualTo("unknown");
    }

    // ------------------------------------------------------------------ VerdictTable

    @Test
    void verdictTableColumnsTruncationAndSummary() {
        String hundred = "x".repeat(100), long101 = "y".repeat(101);
        RunResults r = results(List.of(
                outcome("A-VERY-LONG-CLAIM-ID", Verdict.HOLDS, hundred, new Tightness(0.1, 0.2, 0.123456, "w"), null, 1500),
                outcome("B", Verdict.VIOLATED, long101, null, null, 0),
                outcome("C", Verdict.INCONCLUSIVE, null, null, "boom", 250),
                outcome("D", Verdict.INCONCLUSIVE, NotImplementedClaim.EVIDENCE, null, null, 0),
                outcome("E", Verdict.KNOWN_INCONSISTENCY, "line1\nline2", null, null, 0)), 2500);
        String t = VerdictTable.format(r);
        String[] lines = t.split("\n");
        assertThat(lines).hasSize(7);
        int w = "A-VERY-LONG-CLAIM-ID".length();
        assertThat(lines[0]).startsWith(String.format("%-" + w + "s  VERDICT", "ID"));
        assertThat(lines[1]).startsWith("A-VERY-LONG-CLAIM-ID  HOLDS ").contains(" 0.1235 ").contains(" 1.5  ").endsWith(hundred);
        assertThat(lines[2]).startsWith(String.format("%-" + w + "s  VIOLATED ", "B")).endsWith("y".repeat(97) + "...");
        assertThat(lines[3]).contains("INCONCLUSIVE!").contains(" 0.3  ");
        assertThat(lines[3].stripTrailing()).endsWith("0.3");
        assertThat(lines[5]).endsWith("line1 line2");
        assertThat(lines[6]).isEqualTo("5 claims: 1 HOLDS, 1 VIOLATED, 2 INCONCLUSIVE (1 not yet implemented), 1 KNOWN-INCONSISTENCY; "
                + "1 harness errors. Budget quick, master seed 5, 2 threads, false-failure budget 0.000100 over 3 statistical tests, 2.5 s.");
        String f = VerdictTable.failures(r, c -> "rerun " + c.id());
        assertThat(f).contains("VIOLATED B (title B, src)").contains("HARNESS ERROR in C").contains("  error: boom")
                .doesNotContain("in A-VERY").doesNotContain(" D (");
    }

    // ------------------------------------------------------------------ ResultsJson

    private enum Color { RED }

    record Point(int x, double y) {}

    @Test
    void jsonValuesOfEveryType() {
        assertThat(ResultsJson.value(null).isNull()).isTrue();
        assertThat(ResultsJson.value(JsonNodeFactory.instance.textNode("raw")).asText()).isEqualTo("raw");
        assertThat(ResultsJson.value("s").toString()).isEqualTo("\"s\"");
        assertThat(ResultsJson.value('c').toString()).isEqualTo("\"c\"");
        assertThat(ResultsJson.value(true).toString()).isEqualTo("true");
        assertThat(ResultsJson.value(1.5).toString()).isEqualTo("1.5");
        assertThat(ResultsJson.value(Double.NaN).toString()).isEqualTo("\"NaN\"");
        assertThat(ResultsJson.value(2.5f).toString()).isEqualTo("2.5");
        assertThat(ResultsJson.value(Float.NEGATIVE_INFINITY).toString()).isEqualTo("\"-Infinity\"");
        assertThat(ResultsJson.value(new BigDecimal("1.25")).toString()).isEqualTo("1.25");
        assertThat(ResultsJson.value(new BigInteger("123456789012345678901234567890")).toString()).isEqualTo("123456789012345678901234567890");
        assertThat(ResultsJson.value(7).toString()).isEqualTo("7");
        assertThat(ResultsJson.value(7L).toString()).isEqualTo("7");
        assertThat(ResultsJson.value((short) 3).toString()).isEqualTo("3");
        assertThat(ResultsJson.value(Verdict.KNOWN_INCONSISTENCY).toString()).isEqualTo("\"KNOWN-INCONSISTENCY\"");
        assertThat(ResultsJson.value(ClaimKind.HIGH_PROBABILITY).toString()).isEqualTo("\"high-probability\"");
        assertThat(ResultsJson.value(Color.RED).toString()).isEqualTo("\"RED\"");
        assertThat(ResultsJson.value(new double[] {1, Double.POSITIVE_INFINITY}).toString()).isEqualTo("[1.0,\"Infinity\"]");
        assertThat(ResultsJson.value(new float[] {0.5f, Float.NaN}).toString()).isEqualTo("[0.5,\"NaN\"]");
        assertThat(ResultsJson.value(new int[] {1, 2}).toString()).isEqualTo("[1,2]");
        assertThat(ResultsJson.value(new long[] {3L, 4L}).toString()).isEqualTo("[3,4]");
        assertThat(ResultsJson.value(new boolean[] {true, false}).toString()).isEqualTo("[true,false]");
        assertThat(ResultsJson.value(new double[][] {{1}, {2, 3}}).toString()).isEqualTo("[[1.0],[2.0,3.0]]");
        assertThat(ResultsJson.value(new Object[] {"a", 1, null}).toString()).isEqualTo("[\"a\",1,null]");
        assertThat(ResultsJson.value(List.of("b", 2.0)).toString()).isEqualTo("[\"b\",2.0]");
        Map<String, Object> hash = new HashMap<>();
        hash.put("zeta", 1);
        hash.put("alpha", 2);
        hash.put("mid", 3);
        assertThat(ResultsJson.value(hash).toString()).isEqualTo("{\"alpha\":2,\"mid\":3,\"zeta\":1}");
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("zeta", 1);
        linked.put("alpha", 2);
        assertThat(ResultsJson.value(linked).toString()).isEqualTo("{\"zeta\":1,\"alpha\":2}");
        assertThat(ResultsJson.value(new Point(3, 0.5)).toString()).isEqualTo("{\"x\":3,\"y\":0.5}");
        assertThat(ResultsJson.value(HiddenRecords.hidden(4, "h")).toString()).isEqualTo("{\"a\":4,\"b\":\"h\"}");
        assertThat(ResultsJson.value(HiddenRecords.throwing()).toString()).isEqualTo("{\"a\":\"<unreadable: InvocationTargetException>\"}");
        assertThat(ResultsJson.value(new StringBuilder("sb")).toString()).isEqualTo("\"sb\"");
        assertThat(ResultsJson.num(Double.NEGATIVE_INFINITY).asText()).isEqualTo("-Infinity");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonLayoutAndReadingBack() throws IOException {
        ClaimOutcome c = new ClaimOutcome("X", "t", "s", "rate", Verdict.HOLDS, 1, 2, 1e-5, 1e-6, 1, "ev", "st", "bd", "pn",
                null, new Exponent(0.5, 0.4, 0.6, 0.5), Map.of(), Map.of("ser", new double[] {1, 2}), null, 3);
        RunResults r = new RunResults(1, "g", "quick", "cpu", "j", "c", 1e-4, 1, 1, "now", 4, List.of(c));
        String json = ResultsJson.toJson(r);
        assertThat(json).startsWith("{\n  \"masterSeed\" : 1,\n  \"gitCommit\" : \"g\",\n");
        assertThat(json).contains("\n  \"claims\" : [\n    {\n      \"id\" : \"X\",\n");
        assertThat(json).contains("\n      \"series\" : {\n        \"ser\" : [\n          1.0,\n          2.0\n        ]\n      },\n");
        assertThat(json).contains("\"exponent\" : {\n        \"fitted\" : 0.5,");
        assertThat(json).endsWith("\n}\n");
        // reading back: nested details of every JSON type, missing numbers as NaN
        String text = "{\"masterSeed\":3,\"claims\":[{\"id\":\"Y\",\"verdict\":\"HOLDS\",\"trials\":2,"
                + "\"details\":{\"o\":{\"a\":[1,2.5,true,null,\"s\"]},\"big\":123456789012345678901234567890,\"neg\":false},"
                + "\"series\":{\"q\":[1,\"NaN\",null]},\"tightness\":{\"min\":0.1,\"median\":\"Infinity\",\"max\":2,\"worst\":\"w\"}}]}";
        RunResults back = ResultsJson.parse(text);
        assertThat(back.masterSeed()).isEqualTo(3);
        assertThat(back.falseFailureBudget()).isNaN();
        assertThat(back.gitCommit()).isNull();
        ClaimOutcome y = back.get("Y");
        assertThat(y.alpha()).isNaN();
        assertThat(y.trials()).isEqualTo(2);
        assertThat(y.exponent()).isNull();
        assertThat(y.error()).isNull();
        assertThat(y.tightness()).isEqualTo(new Tightness(0.1, Double.POSITIVE_INFINITY, 2, "w"));
        assertThat(y.series().get("q")).containsExactly(1, Double.NaN, Double.NaN);
        Map<String, Object> o = (Map<String, Object>) y.details().get("o");
        assertThat((List<Object>) o.get("a")).containsExactly(1L, 2.5, true, null, "s");
        assertThat(y.details().get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(y.details().get("neg")).isEqualTo(false);
    }
}
