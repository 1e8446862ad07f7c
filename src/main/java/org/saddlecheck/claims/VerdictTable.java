package org.saddlecheck.claims;

import java.util.Locale;
import java.util.function.Function;

/** Plain-text verdict table and failure report of a run (printed by ClaimsIT and {@code saddlecheck check}). */
public final class VerdictTable {
    private VerdictTable() {}

    /** One row per claim: id, verdict, trials, tightness max, seconds, evidence (truncated); then a summary line. */
    public static String format(RunResults r) {
        int idw = 4;
        for (ClaimOutcome c : r.claims()) idw = Math.max(idw, c.id().length());
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + idw + "s  %-19s  %9s  %10s  %7s  %s%n";
        sb.append(String.format(Locale.ROOT, fmt, "ID", "VERDICT", "TRIALS", "TIGHT.MAX", "TIME s", "EVIDENCE"));
        for (ClaimOutcome c : r.claims()) {
            String tight = c.tightness() == null ? "-" : String.format(Locale.ROOT, "%.4g", c.tightness().max());
            String ev = c.evidence() == null ? "" : c.evidence().replace('\n', ' ');
            if (ev.length() > 100) ev = ev.substring(0, 97) + "...";
            sb.append(String.format(Locale.ROOT, fmt, c.id(), c.verdict().label() + (c.harnessError() ? "!" : ""),
                    c.trials(), tight, String.format(Locale.ROOT, "%.1f", c.durationMs() / 1000.0), ev));
        }
        long notImpl = r.claims().stream().filter(ClaimOutcome::notImplemented).count();
        sb.append(String.format(Locale.ROOT,
                "%d claims: %d HOLDS, %d VIOLATED, %d INCONCLUSIVE (%d not yet implemented), %d KNOWN-INCONSISTENCY; %d harness errors. "
                        + "Budget %s, master seed %d, %d threads, false-failure budget %.3g over %d statistical tests, %.1f s.%n",
                r.claims().size(), r.count(Verdict.HOLDS), r.count(Verdict.VIOLATED), r.count(Verdict.INCONCLUSIVE), notImpl,
                r.count(Verdict.KNOWN_INCONSISTENCY), r.harnessErrors().size(), r.budget(), r.masterSeed(), r.threads(),
                r.falseFailureBudget(), r.statisticalTests(), r.durationMs() / 1000.0));
        return sb.toString();
    }

    /**
     * For every VIOLATED claim and every harness error: the claim, its evidence, the claim seed and master seed,
     * and the command that reruns it ({@code rerun} maps an outcome to that command).
     */
    public static String failures(RunResults r, Function<ClaimOutcome, String> rerun) {
        StringBuilder sb = new StringBuilder();
        for (ClaimOutcome c : r.claims()) {
            if (!c.violated() && !c.harnessError()) continue;
            sb.append(c.harnessError() ? "HARNESS ERROR in " : "VIOLATED ").append(c.id()).append(" (").append(c.title())
                    .append(", ").append(c.source()).append(")\n");
            sb.append("  evidence: ").append(c.evidence()).append('\n');
            if (c.harnessError()) sb.append("  error: ").append(c.error().replace("\n", "\n    ")).append('\n');
            sb.append("  claim seed ").append(c.seed()).append(" (master seed ").append(r.masterSeed())
                    .append(", budget ").append(r.budget()).append(")\n");
            sb.append("  rerun: ").append(rerun.apply(c)).append('\n');
        }
        return sb.toString();
    }
}
