package org.saddlecheck.claims;

/**
 * A fitted scaling exponent with its confidence interval, the predicted value and the pass rule the check applies
 * (e.g. "= 1/3 ± 0.05 (CI must meet the band)", "≤ 0.1 (one-sided)"): a one-sided or banded rule is not an
 * equality with {@code predicted}, and a reader must not be left to guess which.
 */
public record Exponent(double fitted, double ciLow, double ciHigh, double predicted, String rule) {
    public Exponent {
        rule = rule == null ? "" : rule;
    }

    /** Without a stated rule (read from older results files). */
    public Exponent(double fitted, double ciLow, double ciHigh, double predicted) {
        this(fitted, ciLow, ciHigh, predicted, "");
    }
}
