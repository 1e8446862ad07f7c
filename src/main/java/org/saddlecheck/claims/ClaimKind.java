package org.saddlecheck.claims;

/** What kind of statement a claim is (CLAIMS.md §0.3). */
public enum ClaimKind {
    /** Exact identity or inequality with explicit constants: one violation fails. */
    EXACT("exact"),
    /** Bound on an expectation, checked with a one-sided confidence bound. */
    EXPECTATION("expectation"),
    /** "With probability ≥ 1−δ": exact binomial test of the exceedance rate. */
    HIGH_PROBABILITY("high-probability"),
    /** Scaling exponent fitted on a log-log sweep with a bootstrap CI. */
    RATE("rate"),
    /** Comparison of two upper bounds. */
    BOUND_COMPARISON("bound-comparison"),
    /** Reproduction of a figure or experiment. */
    REPRODUCTION("reproduction");

    private final String label;

    ClaimKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
