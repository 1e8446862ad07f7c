package org.saddlecheck.report;

/**
 * The {@code exponent} object of a rate claim in claims.json (CLAIMS.md §7.4): the fitted log-log slope, its
 * confidence interval and the slope the paper predicts. Missing or null numbers are {@code NaN}.
 */
public record ExponentData(double fitted, double ciLow, double ciHigh, double predicted) {}
