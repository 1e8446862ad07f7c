package org.saddlecheck.report;

/**
 * The {@code tightness} object of one claim in claims.json: observed/bound ratios summarised over the instances
 * the claim examined (CLAIMS.md §0.3 "Tightness ratio"). Missing or null numbers are {@code NaN}; {@code worst}
 * describes the instance with the largest ratio and is never null (empty when absent).
 */
public record TightnessData(double min, double median, double max, String worst) {
    public TightnessData {
        worst = worst == null ? "" : worst;
    }
}
