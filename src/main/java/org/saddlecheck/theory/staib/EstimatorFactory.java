package org.saddlecheck.theory.staib;

import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.Shape;

/**
 * Makes the estimator under test for one trial (Staib et al. §4.1; the injection point of the broken-estimator
 * controls required by CLAIMS-HELPER): a fresh full-matrix {@link Estimator} of dimension d with EMA parameter β.
 * The estimation claims feed it rank-one samples (see {@link MatrixReadFeed}), so any estimator that is linear in
 * its samples and weights them by their time only can be checked.
 */
@FunctionalInterface
public interface EstimatorFactory {
    Estimator create(int d, double beta);

    /** Human-readable name for evidence strings. */
    default String describe() {
        return create(1, 0.5).describe();
    }

    /** The estimator of Theorem 4.1: a bias-corrected EMA, i.e. weights β^{T−t} normalised to sum 1. */
    EstimatorFactory NORMALISED_EMA = new EstimatorFactory() {
        @Override
        public Estimator create(int d, double beta) {
            return new EmaEstimator(d, Shape.FULL, beta, true, null);
        }

        @Override
        public String describe() {
            return "ema-full(biasCorrected=true): normalised weights (Thm 4.1)";
        }
    };

    /**
     * Algorithm 2's raw EMA from Ĝ_{−1} = 0 (weights sum to 1 − β^t; CLAIMS.md I10, §8.3): not what Theorem 4.1
     * assumes; used as a labelled variant.
     */
    EstimatorFactory RAW_EMA = new EstimatorFactory() {
        @Override
        public Estimator create(int d, double beta) {
            return new EmaEstimator(d, Shape.FULL, beta, false, null);
        }

        @Override
        public String describe() {
            return "ema-full(biasCorrected=false): weights sum to 1 - beta^t (Alg. 2)";
        }
    };
}
