package org.saddlecheck.report;

/**
 * The {@code exponent} object of a rate claim in claims.json (CLAIMS.md §7.4): the fitted log-log slope, its
 * confidence interval, the slope the paper predicts and the pass rule the check applied ("" when the results file
 * has none). Missing or null numbers are {@code NaN}.
 */
public record ExponentData(double fitted, double ciLow, double ciHigh, double predicted, String rule) {
    public ExponentData {
        rule = rule == null ? "" : rule;
    }

    public ExponentData(double fitted, double ciLow, double ciHigh, double predicted) {
        this(fitted, ciLow, ciHigh, predicted, "");
    }
}
