package org.saddlecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One entry of the {@code claims} array of claims.json, as the report reads it (the report's own input model;
 * it deliberately does not depend on the claim engine's classes). Strings are never null (empty when absent);
 * numbers that are absent or null are {@code NaN} (or {@code null} for the integral {@code trials} and
 * {@code seed}). {@code verdict} is normalised to the labels of {@link #VERDICTS} when it matches one of them.
 *
 * @param details  the claim's free-form {@code details} object (empty object when absent)
 * @param series   named numeric series in file order; JSON nulls and non-numbers become {@code NaN}
 * @param raw      the claim's JSON object exactly as read, used to detect conflicting duplicates when shards merge
 */
public record ClaimRecord(String id, String title, String source, String kind, String verdict, Long trials,
                          Long seed, double falseFailureRate, double durationMs, String statement, String bound,
                          String proofNote, String evidence, ObjectNode details, TightnessData tightness,
                          ExponentData exponent, Map<String, double[]> series, JsonNode raw) {

    /** The four verdict labels of claims.json, most severe first (the order of the index's filter boxes). */
    public static final java.util.List<String> VERDICTS =
            java.util.List.of("VIOLATED", "KNOWN-INCONSISTENCY", "INCONCLUSIVE", "HOLDS");

    /** Severity rank used for sorting: 0 = VIOLATED ... 3 = HOLDS, 4 = anything else. */
    public int verdictRank() {
        int i = VERDICTS.indexOf(verdict);
        return i < 0 ? VERDICTS.size() : i;
    }

    /** A named series, or null when the claim has none of that name. */
    public double[] series(String name) {
        return series.get(name);
    }
}
