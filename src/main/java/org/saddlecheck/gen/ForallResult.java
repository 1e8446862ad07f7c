package org.saddlecheck.gen;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.saddlecheck.claims.Tightness;

/**
 * Summary of a {@link Forall} check: the random cases in order, the worst case found (random phase plus targeted
 * climb), the first failure (shrunk) if any, and the evaluation count. {@link #tightness()} gives the claim's
 * tightness record: min and median over the random cases, max = the worst score found (a worst case found by the
 * targeted search when one ran).
 */
public record ForallResult<P>(String name, long masterSeed, double limit, List<Case<P>> cases, Case<P> worst,
                              Failure<P> failure, int evaluations, double randomMax) {

    /** A failing case and its shrunk form; {@code phase} says where it was found. */
    public record Failure<P>(Case<P> original, Case<P> shrunk, int shrinkSteps, String phase) {}

    public boolean passed() {
        return failure == null;
    }

    /** Scores of the random cases, in case order (NaN where a case threw). */
    public double[] scores() {
        double[] s = new double[cases.size()];
        for (int i = 0; i < s.length; i++) s[i] = cases.get(i).score();
        return s;
    }

    /** Worst score found minus the random phase's maximum (≥ 0; &gt; 0 when the targeted search improved). */
    public double targetedGain() {
        return worst == null ? 0 : worst.score() - randomMax;
    }

    /**
     * Tightness over the scores that are not NaN (+∞ stays: a violation shows as max = +∞); {@code worst} describes
     * the argmax case with its seed.
     */
    public Tightness tightness() {
        double[] s = Arrays.stream(scores()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (s.length == 0) return new Tightness(Double.NaN, Double.NaN, Double.NaN, "no score (every case threw)");
        int n = s.length;
        double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        double max = worst != null && !Double.isNaN(worst.score()) ? Math.max(s[n - 1], worst.score()) : s[n - 1];
        String w = worst == null ? "" : worst.description() + " (seed " + worst.seed() + ")";
        return new Tightness(s[0], med, max, w);
    }

    /** Failure message naming the property, the original and shrunk cases and how to reproduce them. */
    public String failureMessage() {
        if (failure == null) return "property " + name + " holds on " + cases.size() + " cases (master seed " + masterSeed + ")";
        Case<P> o = failure.original(), s = failure.shrunk();
        // -Dsaddlecheck.seed reruns this Forall only when it took the master seed itself (unit tests); a claim seeds its
        // Forall from (master seed, claim id, stream), so there the claim's own rerun command (master seed) applies
        String rerun = masterSeed == Forall.systemSeed() ? "rerun with -Dsaddlecheck.seed=" + masterSeed
                : "Forall seed " + masterSeed + " (derived by the caller: rerun the calling claim with its master seed)";
        return String.format(Locale.ROOT,
                "property %s failed (limit %.6g) at %s: %s%n  shrunk in %d steps to: %s%n  reproduce: %s, or Forall.replay(<params above>, %d, property)",
                name, limit, failure.phase(), o, failure.shrinkSteps(), s, rerun, s.seed());
    }

    /** Throws an AssertionError with {@link #failureMessage()} unless the property passed. */
    public ForallResult<P> assertPassed() {
        if (failure != null) throw new AssertionError(failureMessage());
        return this;
    }
}
