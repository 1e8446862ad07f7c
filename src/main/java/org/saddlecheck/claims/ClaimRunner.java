package org.saddlecheck.claims;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.saddlecheck.util.Require;

/**
 * Runs claims and collects a {@link RunResults} (the claim engine; CLAIMS.md §7.3, §8.16).
 *
 * <p><b>False-failure budget.</b> One run spends at most {@link #FALSE_FAILURE_BUDGET} = 1e-4 in total. It is
 * split over the <em>universe</em> of claims (normally {@link ClaimRegistry#all()}, whatever subset is selected,
 * so that rerunning one claim reproduces its verdict exactly) in proportion to their
 * {@link Claim#statisticalTests()} (Bonferroni): claim i gets alpha_i = 1e-4 · tests_i / Σ tests. A deterministic
 * claim (0 tests) gets alpha = 0. A claim must report a falseFailureRate ≤ its alpha; reporting more is a contract
 * breach treated as a harness error.
 *
 * <p><b>Harness errors.</b> A check that throws (or returns null, or breaks the alpha contract) is recorded as
 * INCONCLUSIVE with the stack-trace summary in {@code details.error} and {@link ClaimOutcome#error()}, and
 * {@link RunResults#failed()} is true: harness bugs must fail the build rather than be hidden.
 *
 * <p><b>Determinism.</b> Claims run one after another; trials within a claim run on the shared {@link Parallel}
 * pool, whose results are in trial order, so the results do not depend on the thread count.
 */
public final class ClaimRunner {
    /** The run's total false-failure budget. */
    public static final double FALSE_FAILURE_BUDGET = 1e-4;

    private final long masterSeed;
    private final Budget budget;
    private final int threads;
    private double falseFailureBudget = FALSE_FAILURE_BUDGET;
    private Consumer<String> progress = s -> { };
    private String gitCommit = "unknown";

    public ClaimRunner(long masterSeed, Budget budget, int threads) {
        this.masterSeed = masterSeed;
        this.budget = Require.notNull("budget", budget);
        this.threads = Require.positive("threads", threads);
    }

    /** Progress lines ("[3/44] STAIB-T4.1 ...") and the claims' own progress messages; default: discarded. */
    public ClaimRunner progress(Consumer<String> sink) {
        this.progress = sink == null ? s -> { } : sink;
        return this;
    }

    public ClaimRunner gitCommit(String commit) {
        this.gitCommit = commit == null ? "unknown" : commit;
        return this;
    }

    /** Overrides the total false-failure budget (tests only; must be in (0, 1e-4]). */
    public ClaimRunner falseFailureBudget(double total) {
        Require.that(total > 0 && total <= FALSE_FAILURE_BUDGET, "falseFailureBudget", total, "in (0, " + FALSE_FAILURE_BUDGET + "]");
        this.falseFailureBudget = total;
        return this;
    }

    /** Bonferroni shares of the total budget over the universe, keyed by claim id. */
    public static Map<String, Double> alphaShares(List<Claim> universe, double total) {
        int sum = totalTests(universe);
        Map<String, Double> m = new LinkedHashMap<>();
        for (Claim c : universe) {
            int t = c.statisticalTests();
            m.put(c.info().id(), sum == 0 || t <= 0 ? 0.0 : total * t / sum);
        }
        return m;
    }

    private static int totalTests(List<Claim> universe) {
        int sum = 0;
        for (Claim c : universe) {
            int t = c.statisticalTests();
            Require.that(t >= 0, "statisticalTests of " + c.info().id(), t, ">= 0");
            sum += t;
        }
        return sum;
    }

    /** Runs every claim of the list (the list is also the budget universe). */
    public RunResults run(List<Claim> claims) {
        return run(claims, List.of());
    }

    /**
     * Runs the claims of {@code universe} whose ids are in {@code selectedIds} (all when empty), in universe
     * order; the alpha split is over the whole universe.
     */
    public RunResults run(List<Claim> universe, Collection<String> selectedIds) {
        List<Claim> selected = ClaimRegistry.select(universe, selectedIds);
        Map<String, Double> shares = alphaShares(universe, falseFailureBudget);
        int tests = totalTests(universe);
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        List<ClaimOutcome> out = new ArrayList<>();
        try (Parallel parallel = new Parallel(threads)) {
            for (int i = 0; i < selected.size(); i++) {
                Claim c = selected.get(i);
                String tag = "[" + (i + 1) + "/" + selected.size() + "] ";
                progress.accept(tag + c.info().id() + " ...");
                ClaimOutcome o = runOne(c, shares.get(c.info().id()), parallel);
                out.add(o);
                progress.accept(String.format(Locale.ROOT, "%s%s %s (%.1f s)", tag, c.info().id(), o.verdict().label(), o.durationMs() / 1000.0)
                        + (o.error() != null ? " HARNESS ERROR: " + o.error() : ""));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new RunResults(masterSeed, gitCommit, budget.label(), "cpu", jdk(), cpu(), falseFailureBudget, tests,
                threads, started.toString(), ms, List.copyOf(out));
    }

    private ClaimOutcome runOne(Claim claim, double alpha, Parallel parallel) {
        ClaimInfo info = claim.info();
        ClaimContext ctx = new ClaimContext(info.id(), masterSeed, budget, alpha, parallel, progress);
        long t0 = System.nanoTime();
        ClaimResult r = null;
        String error = null;
        try {
            r = claim.check(ctx);
            if (r == null) error = "harness error: check returned null";
            else if (r.verdict() == null) error = "harness error: check returned a null verdict";
            else if (!(r.falseFailureRate() >= 0) || r.falseFailureRate() > alpha * (1 + 1e-9)) {
                error = "harness error: claim reports falseFailureRate = " + r.falseFailureRate()
                        + " but its share of the run's budget is alpha = " + alpha + " (contract: falseFailureRate <= alpha)";
            }
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            error = stackSummary(e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (error != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("error", error);
            if (r != null && r.details() != null) details.put("partialDetails", r.details());
            return new ClaimOutcome(info.id(), info.title(), info.source(), info.kind().label(), Verdict.INCONCLUSIVE,
                    r == null ? 0 : r.trials(), ctx.claimSeed(), alpha, alpha, claim.statisticalTests(),
                    "harness error (the check did not complete): " + firstLine(error), info.statement(), info.bound(),
                    info.proofNote(), null, null, details, Map.of(), error, ms);
        }
        return new ClaimOutcome(info.id(), info.title(), info.source(), info.kind().label(), r.verdict(), r.trials(),
                ctx.claimSeed(), alpha, r.falseFailureRate(), claim.statisticalTests(),
                r.evidence() == null ? "" : r.evidence(), info.statement(), info.bound(), info.proofNote(),
                r.tightness(), r.exponent(), r.details(), r.series(), null, ms);
    }

    /** Exception class, message, cause chain and the top stack frames, on one line per element. */
    public static String stackSummary(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth < 3) {
            if (depth > 0) sb.append("\ncaused by ");
            sb.append(t.getClass().getName());
            if (t.getMessage() != null) sb.append(": ").append(t.getMessage());
            StackTraceElement[] st = t.getStackTrace();
            for (int i = 0; i < Math.min(depth == 0 ? 8 : 3, st.length); i++) sb.append("\n  at ").append(st[i]);
            t = t.getCause() == t ? null : t.getCause();
            depth++;
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    static String jdk() {
        return System.getProperty("java.version", "?") + " (" + System.getProperty("java.vendor", "?") + ")";
    }

    static String cpu() {
        return System.getProperty("os.arch", "?") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
