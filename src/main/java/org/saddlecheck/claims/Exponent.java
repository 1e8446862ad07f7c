package org.saddlecheck.claims;

/** A fitted scaling exponent with its confidence interval and the predicted value. */
public record Exponent(double fitted, double ciLow, double ciHigh, double predicted) {}
