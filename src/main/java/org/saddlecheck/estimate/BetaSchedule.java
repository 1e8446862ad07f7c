package org.saddlecheck.estimate;

import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.util.Require;

/**
 * EMA parameter β_t for the t-th sample (t ≥ 1): constant, or Staib et al.'s β_t = 1 − C·η_t^(2/3) (§5.4),
 * clamped into [0, 1) where C·η_t^(2/3) ≥ 1 (CLAIMS.md §8.14). {@link #clamped(long)} reports clamping.
 */
public interface BetaSchedule {
    double beta(long t);

    /** True if β_t had to be clamped. */
    default boolean clamped(long t) {
        return false;
    }

    String describe();

    static BetaSchedule constant(double beta) {
        Require.beta("beta", beta);
        return new BetaSchedule() {
            @Override
            public double beta(long t) {
                return beta;
            }

            @Override
            public String describe() {
                return "constant(beta=" + beta + ")";
            }
        };
    }

    /** β = 1 − C·η^(2/3) for a constant η. */
    static double fromEta(double eta, double c) {
        Require.positive("eta", eta);
        Require.positive("C", c);
        double b = 1.0 - c * Math.pow(eta, 2.0 / 3.0);
        return Math.max(0.0, b);
    }

    /** β_t = 1 − C·η_t^(2/3), clamped at 0. */
    static BetaSchedule fromSteps(StepSchedule eta, double c) {
        Require.notNull("eta", eta);
        Require.positive("C", c);
        return new BetaSchedule() {
            @Override
            public double beta(long t) {
                return Math.max(0.0, 1.0 - c * Math.pow(eta.eta(t), 2.0 / 3.0));
            }

            @Override
            public boolean clamped(long t) {
                return c * Math.pow(eta.eta(t), 2.0 / 3.0) >= 1.0;
            }

            @Override
            public String describe() {
                return "1 - " + c + "*eta_t^(2/3) with eta_t = " + eta.describe();
            }
        };
    }
}
