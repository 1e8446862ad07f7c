package org.saddlecheck.optim;

import org.saddlecheck.util.Require;

/** Stepsize η_t for the t-th step, t = 1, 2, ... (t = 0 is rejected: η0/√t needs t ≥ 1, CLAIMS.md §8.14). */
public interface StepSchedule {
    double eta(long t);

    String describe();

    static StepSchedule constant(double eta) {
        Require.positive("eta", eta);
        return new StepSchedule() {
            @Override
            public double eta(long t) {
                return eta;
            }

            @Override
            public String describe() {
                return "constant(eta=" + eta + ")";
            }
        };
    }

    /** η_t = η0/√t. */
    static StepSchedule inverseSqrt(double eta0) {
        Require.positive("eta0", eta0);
        return new StepSchedule() {
            @Override
            public double eta(long t) {
                if (t < 1) throw new IllegalArgumentException("t = " + t + " is not allowed: t must be an integer >= 1 for eta_t = eta0/sqrt(t)");
                return eta0 / Math.sqrt(t);
            }

            @Override
            public String describe() {
                return "inverseSqrt(eta0=" + eta0 + ")";
            }
        };
    }
}
