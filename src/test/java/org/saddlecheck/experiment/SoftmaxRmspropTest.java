package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.DiagonalInverseRoot;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.problem.SoftmaxRegression;
import org.saddlecheck.problem.StochasticOracle;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;

/** The specialised Figure 2 loop against SoftmaxRegression (gradient, loss) and Algorithms' diagonal RMSProp (iterates). */
class SoftmaxRmspropTest {

    private static double maxRelDiff(double[] a, double[] b) {
        double scale = 0, diff = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff / Math.max(scale, 1e-300);
    }

    @TestFactory
    List<DynamicTest> minibatchGradientAndLossMatchSoftmaxRegression() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int trial = 0; trial < 8; trial++) {
            long seed = Seeds.derive(42, "fig2-gradient", trial);
            tests.add(DynamicTest.dynamicTest("seed " + seed, () -> {
                UniformRandomProvider rng = Seeds.rng(seed);
                int n = 20 + rng.nextInt(30), p = 3 + rng.nextInt(15), k = 2 + rng.nextInt(9);
                Dataset d = TinyDigits.make(n, p, k, seed);
                SoftmaxRegression sr = new SoftmaxRegression(d, 0, 1);
                SoftmaxRmsprop opt = new SoftmaxRmsprop(new SparseDigits(d), 5, 1e-3, 1e-8, Fig2Schedule.constantBeta(0.9));
                int dim = opt.dim();
                double[] thetaSr = new double[dim];
                for (int i = 0; i < dim; i++) thetaSr[i] = 3 * (rng.nextDouble() - 0.5);
                double[] internal = new double[dim];
                SoftmaxRmsprop.fromProblemLayout(thetaSr, p, k, internal);
                opt.setTheta(internal);
                int count = 1 + rng.nextInt(n);
                int[] idx = new int[count + 3];
                for (int i = 0; i < idx.length; i++) idx[i] = rng.nextInt(n);
                double[] g = new double[dim], gSr = new double[dim], want = new double[dim], one = new double[dim];
                opt.minibatchGradient(idx, 2, count, g);
                for (int b = 0; b < count; b++) {
                    sr.exampleGradient(idx[2 + b], thetaSr, one);
                    for (int i = 0; i < dim; i++) want[i] += one[i] / count;
                }
                SoftmaxRmsprop.toProblemLayout(g, p, k, gSr);
                assertThat(maxRelDiff(gSr, want)).as("seed %d: gradient", seed).isLessThan(1e-13);
                assertThat(opt.fullLoss()).as("seed %d: loss", seed).isCloseTo(sr.value(thetaSr), org.assertj.core.data.Offset.offset(1e-13 * sr.value(thetaSr)));
            }));
        }
        return tests;
    }

    @Test
    void layoutConversionsAreInverse() {
        int p = 5, k = 3, dim = (p + 1) * k;
        double[] a = new double[dim], b = new double[dim], c = new double[dim];
        for (int i = 0; i < dim; i++) a[i] = i;
        SoftmaxRmsprop.fromProblemLayout(a, p, k, b);
        SoftmaxRmsprop.toProblemLayout(b, p, k, c);
        assertThat(c).containsExactly(a);
        assertThat(b[2 * k + 1]).isEqualTo(1 * p + 2); // feature 2, class 1
        assertThat(b[p * k + 2]).isEqualTo(k * p + 2); // bias of class 2
    }

    /** Replays a fixed index sequence: the minibatch gradient of SoftmaxRegression on the next B indices. */
    private static final class ReplayOracle implements StochasticOracle {
        final SoftmaxRegression sr;
        final int[] order;
        final int batch;
        int pos;
        final double[] one;

        ReplayOracle(SoftmaxRegression sr, int[] order, int batch) {
            this.sr = sr;
            this.order = order;
            this.batch = batch;
            this.one = new double[sr.dim()];
        }

        @Override
        public int dim() {
            return sr.dim();
        }

        @Override
        public void sample(double[] x, UniformRandomProvider rng, double[] out) {
            java.util.Arrays.fill(out, 0);
            for (int b = 0; b < batch; b++) {
                sr.exampleGradient(order[pos++], x, one);
                for (int i = 0; i < out.length; i++) out[i] += one[i] / batch;
            }
        }
    }

    @TestFactory
    List<DynamicTest> iteratesMatchAlgorithmsDiagonalRmsprop() {
        List<DynamicTest> tests = new ArrayList<>();
        Fig2Schedule[] schedules = {Fig2Schedule.constantBeta(0.7), Fig2Schedule.constantBeta(0.99), Fig2Schedule.decreasing(0.3),
            Fig2Schedule.decreasing(1)};
        for (Fig2Schedule s : schedules) {
            for (StartUp su : StartUp.values()) {
                tests.add(DynamicTest.dynamicTest(s.name() + ", " + su, () -> {
                    long seed = Seeds.derive(7, s.name() + su, 0);
                    int n = 40, p = 9, k = 4, batch = 8, steps = 60;
                    Dataset d = TinyDigits.make(n, p, k, seed);
                    double eta0 = 0.05, eps = 1e-8;
                    SoftmaxRmsprop opt = new SoftmaxRmsprop(new SparseDigits(d), batch, eta0, eps, s, su);
                    UniformRandomProvider rng = Seeds.rng(seed);
                    int[] perm = new int[n];
                    for (int i = 0; i < n; i++) perm[i] = i;
                    int[] order = new int[steps * batch];
                    int filled = 0;
                    while (filled < order.length) {
                        Fig2Experiment.shuffle(perm, rng);
                        for (int st = 0; st < n / batch && filled < order.length; st++) {
                            for (int b = 0; b < batch; b++) order[filled + b] = perm[st * batch + b];
                            opt.step(perm, st * batch);
                            filled += batch;
                        }
                    }
                    SoftmaxRegression sr = new SoftmaxRegression(d, 0, batch);
                    ReplayOracle oracle = new ReplayOracle(sr, order, batch);
                    StepSchedule eta = StepSchedule.inverseSqrt(eta0);
                    BetaSchedule beta = s.constant() ? BetaSchedule.constant(s.value()) : BetaSchedule.fromSteps(eta, s.value());
                    int dim = sr.dim();
                    PreconditionedSgd ref = switch (su) {
                        case ZERO -> Algorithms.rmspropDiagonal(oracle, eta, beta, eps, EpsPlacement.INSIDE, false);
                        case BIAS_CORRECTED -> Algorithms.rmspropDiagonal(oracle, eta, beta, eps, EpsPlacement.INSIDE, true);
                        case ONES -> {
                            double[] ones = new double[dim];
                            java.util.Arrays.fill(ones, 1.0);
                            yield PreconditionedSgd.builder(oracle, eta).name("rmsprop-diag-ones")
                                    .estimator(new EmaEstimator(dim, Shape.DIAGONAL, beta, false, ones))
                                    .preconditioner(new DiagonalInverseRoot(dim, eps, EpsPlacement.INSIDE))
                                    .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
                        }
                    };
                    double[] x = new double[dim];
                    for (int t = 0; t < steps; t++) ref.step(x, rng);
                    double[] mine = new double[dim];
                    SoftmaxRmsprop.toProblemLayout(opt.theta(), p, k, mine);
                    assertThat(opt.steps()).isEqualTo(steps);
                    assertThat(maxRelDiff(mine, x)).as("seed %d", seed).isLessThan(1e-11);
                    assertThat(java.util.Arrays.stream(x).map(Math::abs).max().orElse(0)).isGreaterThan(0.05);
                }));
            }
        }
        return tests;
    }

    @Test
    void startUpConventionsDifferOnTheFirstStep() {
        Dataset d = TinyDigits.make(20, 6, 3, 3);
        int[] idx = new int[20];
        for (int i = 0; i < 20; i++) idx[i] = i;
        double[] first = new double[StartUp.values().length];
        for (StartUp su : StartUp.values()) {
            SoftmaxRmsprop opt = new SoftmaxRmsprop(new SparseDigits(d), 10, 1e-3, 0, Fig2Schedule.constantBeta(0.99), su);
            opt.step(idx, 0);
            double m = 0;
            for (double v : opt.theta()) m = Math.max(m, Math.abs(v));
            first[su.ordinal()] = m;
        }
        // (eps = 0) v_0 = 0: |step| = eta |g| / sqrt(0.01 g^2) = 10 eta; bias-corrected: eta; v_0 = 1: eta |g| / sqrt(0.99 + 0.01 g^2) < eta
        assertThat(first[StartUp.ZERO.ordinal()]).isCloseTo(10e-3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first[StartUp.BIAS_CORRECTED.ordinal()]).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first[StartUp.ONES.ordinal()]).isLessThan(1e-3);
    }

    @Test
    void stepAllocatesNothing() {
        Dataset d = TinyDigits.make(200, 50, 10, 5);
        SoftmaxRmsprop opt = new SoftmaxRmsprop(new SparseDigits(d), 20, 1e-3, 1e-8, Fig2Schedule.decreasing(0.3));
        int[] idx = new int[200];
        for (int i = 0; i < 200; i++) idx[i] = i;
        for (int i = 0; i < 2000; i++) opt.step(idx, (i % 10) * 20); // warm up
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1000; i++) opt.step(idx, (i % 10) * 20);
        double loss = opt.fullLoss();
        long after = mx.getThreadAllocatedBytes(tid);
        assertThat(after - before).as("bytes allocated by 1000 steps + a loss").isLessThan(1024);
        assertThat(loss).isLessThan(Math.log(10));
    }

    @Test
    void divergenceIsReported() {
        Dataset d = TinyDigits.make(20, 6, 3, 3);
        SoftmaxRmsprop opt = new SoftmaxRmsprop(new SparseDigits(d), 10, 1e308, 0, Fig2Schedule.constantBeta(0.5));
        double[] huge = new double[opt.dim()];
        java.util.Arrays.fill(huge, 1e308);
        opt.setTheta(huge);
        assertThatThrownBy(opt::fullLoss).isInstanceOf(DivergenceException.class).hasMessageContaining("training loss");
        int[] idx = new int[20];
        for (int i = 0; i < 20; i++) idx[i] = i;
        assertThatThrownBy(() -> opt.step(idx, 0)).isInstanceOf(DivergenceException.class).hasMessageContaining("theta[");
    }

    @Test
    void rejectsBadArguments() {
        SparseDigits d = new SparseDigits(TinyDigits.make(20, 6, 3, 3));
        Fig2Schedule s = Fig2Schedule.constantBeta(0.9);
        assertThatThrownBy(() -> new SoftmaxRmsprop(null, 10, 1e-3, 1e-8, s)).hasMessageContaining("data");
        assertThatThrownBy(() -> new SoftmaxRmsprop(d, 0, 1e-3, 1e-8, s)).hasMessageContaining("batch = 0");
        assertThatThrownBy(() -> new SoftmaxRmsprop(d, 10, 0, 1e-8, s)).hasMessageContaining("eta0 = 0");
        assertThatThrownBy(() -> new SoftmaxRmsprop(d, 10, 1e-3, -1, s)).hasMessageContaining("eps = -1");
        assertThatThrownBy(() -> new SoftmaxRmsprop(d, 10, 1e-3, 1e-8, null)).hasMessageContaining("schedule");
        assertThatThrownBy(() -> new SoftmaxRmsprop(d, 10, 1e-3, 1e-8, s, null)).hasMessageContaining("startUp");
        SoftmaxRmsprop opt = new SoftmaxRmsprop(d, 10, 1e-3, 1e-8, s);
        assertThatThrownBy(() -> opt.minibatchGradient(new int[5], 0, 1, new double[3])).hasMessageContaining("out");
        assertThatThrownBy(() -> opt.minibatchGradient(new int[5], 3, 3, new double[opt.dim()])).hasMessageContaining("from/count");
        assertThatThrownBy(() -> opt.minibatchGradient(new int[5], 0, 0, new double[opt.dim()])).hasMessageContaining("from/count");
        assertThatThrownBy(() -> SoftmaxRmsprop.toProblemLayout(new double[3], 6, 3, new double[21])).hasMessageContaining("internal");
    }

    @Test
    void schedulesAndClamping() {
        assertThat(Fig2Schedule.paper()).extracting(Fig2Schedule::name).containsExactly("beta=0.7", "beta=0.9", "beta=0.97", "beta=0.99",
                "beta_t=1-0.1*eta_t^(2/3)", "beta_t=1-0.3*eta_t^(2/3)", "beta_t=1-1*eta_t^(2/3)");
        Fig2Schedule c1 = Fig2Schedule.decreasing(1);
        assertThat(c1.beta(1e-3)).isCloseTo(0.99, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(c1.beta(1e-3)).isEqualTo(BetaSchedule.fromEta(1e-3, 1));
        assertThat(c1.clamped(1e-3)).isFalse();
        Fig2Schedule big = Fig2Schedule.decreasing(30); // 30 * 0.01^(2/3) = 1.39 >= 1
        assertThat(big.beta(0.01)).isZero();
        assertThat(big.clamped(0.01)).isTrue();
        assertThat(Fig2Schedule.constantBeta(0.97).beta(0.5)).isEqualTo(0.97);
        assertThatThrownBy(() -> Fig2Schedule.constantBeta(1)).hasMessageContaining("beta = 1.0");
        assertThatThrownBy(() -> Fig2Schedule.decreasing(0)).hasMessageContaining("C = 0.0");
        assertThatThrownBy(() -> new Fig2Schedule(null, true, 0.5)).hasMessageContaining("name");
    }
}
