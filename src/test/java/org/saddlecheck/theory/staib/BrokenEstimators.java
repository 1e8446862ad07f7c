package org.saddlecheck.theory.staib;

import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.EstimatorState;
import org.saddlecheck.estimate.Shape;

/** Deliberately broken estimators for the negative-control tests of the estimation claims. */
final class BrokenEstimators {
    private BrokenEstimators() {}

    /**
     * The EMA with the (1 − β) factor of the update dropped: Ĝ_t = βĜ_{t−1} + g_t g_tᵀ, then divided by 1 − β^t as if
     * it were the bias-corrected EMA. Its weights sum to 1/(1 − β), so it estimates G/(1 − β).
     */
    static final EstimatorFactory DROP_ONE_MINUS_BETA = new EstimatorFactory() {
        @Override
        public Estimator create(int d, double beta) {
            return new DropFactor(d, beta);
        }

        @Override
        public String describe() {
            return "BROKEN ema without the (1-beta) factor";
        }
    };

    private static final class DropFactor implements Estimator {
        private final int d;
        private final double beta;
        private final double[] acc;
        private long count;

        DropFactor(int d, double beta) {
            this.d = d;
            this.beta = beta;
            this.acc = new double[d * d];
        }

        @Override public int dim() { return d; }
        @Override public Shape shape() { return Shape.FULL; }

        @Override
        public void observe(double[] x, double[] g) {
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) acc[i * d + j] = beta * acc[i * d + j] + g[i] * g[j]; // BUG: no (1 - beta)
            count++;
        }

        @Override
        public void estimate(double[] x, double[] out) {
            double w = 1 - Math.pow(beta, count);
            for (int i = 0; i < acc.length; i++) out[i] = acc[i] / w;
        }

        @Override public long count() { return count; }
        @Override public void reset() { java.util.Arrays.fill(acc, 0); count = 0; }
        @Override public String describe() { return "broken-ema(beta=" + beta + ")"; }
        @Override public EstimatorState state() { return new EstimatorState("broken", count, acc.clone(), new double[0]); }
        @Override public void restore(EstimatorState s) { System.arraycopy(s.accumulator(), 0, acc, 0, acc.length); count = s.count(); }
    }
}
