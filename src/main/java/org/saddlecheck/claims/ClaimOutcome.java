package org.saddlecheck.claims;

import java.util.Map;

/**
 * One entry of claims.json: the claim's metadata, its verdict and evidence, the seed that reproduces it, its share
 * {@code alpha} of the run's false-failure budget and the false-failure rate it reports, tightness (null unless a
 * bound), exponent (null unless a rate), chart series, and {@code error}: the stack-trace summary when the check
 * threw (a harness error: verdict INCONCLUSIVE, and the build fails), else null. {@code durationMs} is timing.
 */
public record ClaimOutcome(String id, String title, String source, String kind, Verdict verdict, long trials,
                           long seed, double alpha, double falseFailureRate, int statisticalTests, String evidence,
                           String statement, String bound, String proofNote, Tightness tightness, Exponent exponent,
                           Map<String, Object> details, Map<String, double[]> series, String error, long durationMs) {

    public boolean violated() {
        return verdict == Verdict.VIOLATED;
    }

    public boolean harnessError() {
        return error != null;
    }

    /** True for the INCONCLUSIVE placeholders of catalog ids without an implementation. */
    public boolean notImplemented() {
        return verdict == Verdict.INCONCLUSIVE && NotImplementedClaim.EVIDENCE.equals(evidence);
    }
}
