package org.saddlecheck.problem;

/** A feasible set with a Euclidean projection (e.g. Reddi et al.'s [−1, 1]). */
public interface Domain {
    /** Projects x onto the set in place. */
    void project(double[] x);

    default boolean unconstrained() {
        return false;
    }

    Domain UNCONSTRAINED = new Domain() {
        @Override
        public void project(double[] x) {}

        @Override
        public boolean unconstrained() {
            return true;
        }
    };

    /** The box [lo, hi]^d. */
    static Domain box(double lo, double hi) {
        return x -> {
            for (int i = 0; i < x.length; i++) x[i] = Math.min(hi, Math.max(lo, x[i]));
        };
    }
}
