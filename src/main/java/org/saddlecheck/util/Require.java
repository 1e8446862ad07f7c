package org.saddlecheck.util;

/**
 * Argument checks that throw {@link IllegalArgumentException} naming the parameter, the value and what
 * is allowed. Every public entry point of the core validates its inputs through this class so that the
 * messages read the same everywhere, e.g. {@code "beta = 1.0 is not allowed: beta must be in [0, 1)"}.
 */
public final class Require {
    private Require() {}

    private static IllegalArgumentException bad(String name, Object value, String allowed) {
        return new IllegalArgumentException(name + " = " + value + " is not allowed: " + name + " must be " + allowed);
    }

    /** A finite double (no NaN, no infinity). */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) throw bad(name, v, "a finite number");
        return v;
    }

    /** Finite and strictly positive. */
    public static double positive(String name, double v) {
        if (!Double.isFinite(v) || v <= 0) throw bad(name, v, "a finite number > 0");
        return v;
    }

    /** Finite and ≥ 0. */
    public static double nonNegative(String name, double v) {
        if (!Double.isFinite(v) || v < 0) throw bad(name, v, "a finite number >= 0");
        return v;
    }

    /** In the half-open interval [0, 1): EMA parameters β. */
    public static double beta(String name, double v) {
        if (!(v >= 0 && v < 1)) throw bad(name, v, "in [0, 1)");
        return v;
    }

    /** In the open interval (0, 1): probabilities such as δ. */
    public static double probability(String name, double v) {
        if (!(v > 0 && v < 1)) throw bad(name, v, "in (0, 1)");
        return v;
    }

    /** lo ≤ v ≤ hi and finite. */
    public static double inRange(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) throw bad(name, v, "in [" + lo + ", " + hi + "]");
        return v;
    }

    public static int positive(String name, int v) {
        if (v <= 0) throw bad(name, v, "an integer > 0");
        return v;
    }

    public static long positive(String name, long v) {
        if (v <= 0) throw bad(name, v, "an integer > 0");
        return v;
    }

    public static int nonNegative(String name, int v) {
        if (v < 0) throw bad(name, v, "an integer >= 0");
        return v;
    }

    public static <T> T notNull(String name, T v) {
        if (v == null) throw new IllegalArgumentException(name + " is null: " + name + " is required");
        return v;
    }

    /** Every entry finite. Reports the first offending index. */
    public static double[] finite(String name, double[] v) {
        notNull(name, v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i]
                        + " is not allowed: every entry of " + name + " must be a finite number");
            }
        }
        return v;
    }

    /** Array length must equal the expected length (vectors: d; dense matrices: d*d). */
    public static double[] length(String name, double[] v, int expected) {
        notNull(name, v);
        if (v.length != expected) {
            throw new IllegalArgumentException(name + " has length " + v.length
                    + ", which does not match the dimension: " + name + " must have length " + expected);
        }
        return v;
    }

    /** Dimensions of two objects must agree. */
    public static void sameDimension(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has dimension " + actual
                    + ", which does not match: " + name + " must have dimension " + expected);
        }
    }

    /** A condition with a free-form description of what is allowed. */
    public static void that(boolean ok, String name, Object value, String allowed) {
        if (!ok) throw bad(name, value, allowed);
    }
}
