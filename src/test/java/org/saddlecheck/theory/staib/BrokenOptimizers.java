package org.saddlecheck.theory.staib;

import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.EstimatorState;
import org.saddlecheck.estimate.ExactEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.Preconditioner;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.linalg.EpsPlacement;

/** Deliberately broken optimizers planted into the first-order claims to show that they go VIOLATED. */
final class BrokenOptimizers {
    private BrokenOptimizers() {}

    /** A = (G + εI)^{−1}: the square root dropped. */
    static final class NoSquareRoot implements Preconditioner {
        private final int d;
        private final double eps;
        private final SymmetricEigen eig;
        private final double[] a;
        private final double[] fv;

        NoSquareRoot(int d, double eps) {
            this.d = d;
            this.eps = eps;
            this.eig = new SymmetricEigen(d);
            this.a = new double[d * d];
            this.fv = new double[d];
        }

        @Override
        public int dim() {
            return d;
        }

        @Override
        public Shape input() {
            return Shape.FULL;
        }

        @Override
        public void update(double[] estimate) {
            eig.decompose(estimate);
            double[] lam = eig.values();
            for (int k = 0; k < d; k++) fv[k] = 1.0 / (Math.max(lam[k], 0) + eps);
            eig.reconstructValues(fv, a);
        }

        @Override
        public void apply(double[] v, double[] out) {
            Mat.mulVec(a, v, out);
        }

        @Override
        public void matrix(double[] out) {
            System.arraycopy(a, 0, out, 0, d * d);
        }

        @Override
        public String describe() {
            return "BROKEN (G + eps I)^-1";
        }
    }

    /** The idealized method with the square root dropped. */
    static PreconditionedSgd idealizedNoSqrt(AdditiveNoiseProblem p, double eta, double eps) {
        return PreconditionedSgd.builder(p, StepSchedule.constant(eta)).name("broken-no-sqrt")
                .estimator(ExactEstimator.secondMoment(p)).preconditioner(new NoSquareRoot(p.dim(), eps)).build();
    }

    /** Full EMA that drops the (1 − β) factor: Ĝ ← βĜ + g gᵀ (so Ĝ ≈ G/(1 − β)). */
    static final class UndampedEma implements Estimator {
        private final int d;
        private final double beta;
        private final double[] acc;
        private long count;

        UndampedEma(int d, double beta) {
            this.d = d;
            this.beta = beta;
            this.acc = new double[d * d];
        }

        @Override
        public int dim() {
            return d;
        }

        @Override
        public Shape shape() {
            return Shape.FULL;
        }

        @Override
        public void observe(double[] x, double[] g) {
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) acc[i * d + j] = beta * acc[i * d + j] + g[i] * g[j];
            count++;
        }

        @Override
        public void estimate(double[] x, double[] out) {
            System.arraycopy(acc, 0, out, 0, d * d);
        }

        @Override
        public long count() {
            return count;
        }

        @Override
        public void reset() {
            java.util.Arrays.fill(acc, 0);
            count = 0;
        }

        @Override
        public String describe() {
            return "BROKEN ema without (1 - beta)";
        }

        @Override
        public EstimatorState state() {
            return new EstimatorState("broken-ema", count, acc.clone(), new double[0]);
        }

        @Override
        public void restore(EstimatorState s) {
            System.arraycopy(s.accumulator(), 0, acc, 0, d * d);
            count = s.count();
        }
    }

    /** Alg. 3 with the undamped EMA. */
    static PreconditionedSgd alg3UndampedEma(AdditiveNoiseProblem p, double eta, double beta, double eps, int w) {
        int d = p.dim();
        return PreconditionedSgd.builder(p, StepSchedule.constant(eta)).name("broken-alg3")
                .estimator(new UndampedEma(d, beta)).preconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).burnIn(w).build();
    }
}
