package org.saddlecheck.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Result of one claim check. {@code evidence} is a one-paragraph human-readable summary; {@code details} holds
 * structured evidence (numbers, per-instance tables) that goes into claims.json. {@code tightness} is null
 * where the claim is not a bound; {@code exponent} is null except for rates. {@code series} holds named
 * numeric series for the report's charts (e.g. "ratios", "eta", "q95"), may be empty.
 */
public record ClaimResult(Verdict verdict, long trials, double falseFailureRate, Tightness tightness,
                          Exponent exponent, String evidence, Map<String, Object> details,
                          Map<String, double[]> series) {

    /**
     * Normalises the maps so that their iteration order is deterministic (claims.json must be byte-identical for
     * a seed): maps with an encounter order (LinkedHashMap, TreeMap, the builder's maps) keep it, other maps
     * (e.g. {@code Map.of}, whose order varies between JVM runs) are sorted by key. Null maps become empty.
     */
    public ClaimResult {
        details = ordered(details);
        series = ordered(series);
    }

    private static <V> Map<String, V> ordered(Map<String, V> m) {
        if (m == null) return Map.of();
        SequencedMap<String, V> copy = m instanceof SequencedMap<String, V> ? new LinkedHashMap<>(m) : new TreeMap<>(m);
        return Collections.unmodifiableSequencedMap(copy);
    }

    /** Convenience builder. */
    public static Builder builder(Verdict v) {
        return new Builder(v);
    }

    public static final class Builder {
        private Verdict verdict;
        private long trials;
        private double falseFailureRate;
        private Tightness tightness;
        private Exponent exponent;
        private String evidence = "";
        private final Map<String, Object> details = new LinkedHashMap<>();
        private final Map<String, double[]> series = new LinkedHashMap<>();

        private Builder(Verdict v) {
            this.verdict = v;
        }

        public Builder verdict(Verdict v) { this.verdict = v; return this; }
        /** Combine with another verdict (VIOLATED dominates). */
        public Builder and(Verdict v) { this.verdict = verdict.and(v); return this; }
        public Builder trials(long n) { this.trials = n; return this; }
        public Builder addTrials(long n) { this.trials += n; return this; }
        public Builder falseFailureRate(double a) { this.falseFailureRate = a; return this; }
        public Builder tightness(Tightness t) { this.tightness = t; return this; }
        public Builder exponent(Exponent e) { this.exponent = e; return this; }
        public Builder evidence(String s) { this.evidence = s; return this; }
        public Builder appendEvidence(String s) { this.evidence = evidence.isEmpty() ? s : evidence + " " + s; return this; }
        public Builder detail(String k, Object v) { details.put(k, v); return this; }
        public Builder series(String k, double[] v) { series.put(k, v); return this; }
        public Verdict currentVerdict() { return verdict; }

        public ClaimResult build() {
            return new ClaimResult(verdict, trials, falseFailureRate, tightness, exponent, evidence, details, series);
        }
    }
}
