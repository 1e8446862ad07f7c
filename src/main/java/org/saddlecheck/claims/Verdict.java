package org.saddlecheck.claims;

/** Outcome of a claim check. Only {@link #VIOLATED} fails the build. */
public enum Verdict {
    HOLDS("HOLDS"),
    VIOLATED("VIOLATED"),
    INCONCLUSIVE("INCONCLUSIVE"),
    KNOWN_INCONSISTENCY("KNOWN-INCONSISTENCY");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The label used in claims.json and the report. */
    public String label() {
        return label;
    }

    /** The verdict with this label (as written in claims.json), case-insensitive; also accepts the enum name. */
    public static Verdict fromLabel(String label) {
        for (Verdict v : values()) {
            if (v.label.equalsIgnoreCase(label) || v.name().equalsIgnoreCase(label)) return v;
        }
        throw new IllegalArgumentException("verdict = " + label + " is not allowed: verdict must be one of HOLDS, VIOLATED, INCONCLUSIVE, KNOWN-INCONSISTENCY");
    }

    /** Combines two verdicts: VIOLATED dominates, then KNOWN-INCONSISTENCY, then INCONCLUSIVE, then HOLDS. */
    public Verdict and(Verdict other) {
        return ordinal(this) >= ordinal(other) ? this : other;
    }

    private static int ordinal(Verdict v) {
        return switch (v) {
            case HOLDS -> 0;
            case INCONCLUSIVE -> 1;
            case KNOWN_INCONSISTENCY -> 2;
            case VIOLATED -> 3;
        };
    }
}
