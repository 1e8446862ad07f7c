package org.saddlecheck.claims;

import java.util.Locale;

/**
 * How deep a run goes ({@code -Dsaddlecheck.budget} / {@code --budget}). Claims scale their sweeps and
 * trial counts by {@link #scale()}; trial counts for statistical tests still come from the error budget
 * and the power wanted (see {@code org.saddlecheck.stats.Power}) and are never cut below what the stated
 * false-failure rate and power need.
 */
public enum Budget {
    QUICK(0.25), STANDARD(1.0), THOROUGH(4.0);

    private final double scale;

    Budget(double scale) {
        this.scale = scale;
    }

    public double scale() {
        return scale;
    }

    /** Scales a base count, at least {@code min}. */
    public int scaled(int base, int min) {
        return Math.max(min, (int) Math.round(base * scale));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Budget parse(String s) {
        for (Budget b : values()) if (b.label().equalsIgnoreCase(s.trim())) return b;
        throw new IllegalArgumentException("budget = " + s + " is not allowed: budget must be one of quick, standard, thorough");
    }
}
