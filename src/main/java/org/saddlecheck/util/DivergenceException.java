package org.saddlecheck.util;

/**
 * Thrown when a run produces a non-finite iterate, gradient or objective value. A diverged run stops and
 * says so, with the iteration and the offending quantity; NaN never propagates silently.
 */
public final class DivergenceException extends RuntimeException {
    private final long iteration;

    public DivergenceException(String what, long iteration, double value) {
        super("run diverged at iteration " + iteration + ": " + what + " = " + value
                + " (non-finite); reduce the stepsize or check the problem");
        this.iteration = iteration;
    }

    public long iteration() {
        return iteration;
    }

    /** Throws if any entry of v is not finite. Allocation-free on the happy path. */
    public static void check(String what, double[] v, long iteration) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new DivergenceException(what + "[" + i + "]", iteration, v[i]);
        }
    }

    public static double check(String what, double v, long iteration) {
        if (!Double.isFinite(v)) throw new DivergenceException(what, iteration, v);
        return v;
    }
}
