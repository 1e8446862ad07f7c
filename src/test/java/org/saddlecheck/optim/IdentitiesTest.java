package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.MatrixFunctions;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.rng.Seeds;

/** Algebraic identities between optimizers (Optax test_rms_match_adam style, ANCHORS.md §2.5). */
class IdentitiesTest {
    static final double[] H = {1.0, -0.1, 0.5};
    static final double[] SIGMA = {1.0, 0.1, 0.3};

    static double[] start() {
        return new double[] {0.3, -0.2, 0.1};
    }

    @TestFactory
    Stream<DynamicTest> preconditionedSgdWithIdentityIsSgdBitForBit() {
        return IntStream.range(0, 5).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var q = new Stubs.NoisyQuadratic(H, SIGMA);
            var sgd = Algorithms.sgd(q, StepSchedule.inverseSqrt(0.05));
            var pre = Algorithms.preconditionedSgd(q, StepSchedule.inverseSqrt(0.05), null, new IdentityPreconditioner(3));
            // with an estimator that is fed but not used as well
            var pre2 = Algorithms.preconditionedSgd(q, StepSchedule.inverseSqrt(0.05), EmaEstimator.diagonal(3, 0.9),
                    new IdentityPreconditioner(3));
            double[] a = start(), b = start(), c = start();
            UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed), rc = Seeds.rng(seed);
            for (int t = 0; t < 2000; t++) {
                sgd.step(a, ra);
                pre.step(b, rb);
                pre2.step(c, rc);
                assertThat(b).as("seed %d step %d", seed, t).containsExactly(a);
                assertThat(c).as("seed %d step %d", seed, t).containsExactly(a);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> fullMatrixRmspropWithDiagonalSamplesIsDiagonalRmsprop() {
        return IntStream.range(0, 5).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var oracle = new Stubs.AxisAligned(new double[] {1.0, 0.2, 3.0});
            for (EpsPlacement p : EpsPlacement.values()) {
                for (boolean bc : new boolean[] {false, true}) {
                    var full = PreconditionedSgd.builder(oracle, StepSchedule.constant(0.01)).name("full")
                            .estimator(new EmaEstimator(3, Shape.FULL, 0.95, bc, null))
                            .preconditioner(new FullInverseRoot(3, 1e-3, p))
                            .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
                    var diag = Algorithms.rmspropDiagonal(oracle, StepSchedule.constant(0.01), 0.95, 1e-3, p, bc);
                    double[] a = start(), b = start();
                    UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed);
                    for (int t = 0; t < 500; t++) {
                        full.step(a, ra);
                        diag.step(b, rb);
                        assertThat(Stubs.relErr(a, b)).as("seed %d %s bc=%s step %d", seed, p, bc, t).isLessThan(1e-12);
                    }
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> adamWithBeta1ZeroIsBiasCorrectedRmspropWithEpsOutside() {
        return IntStream.range(0, 5).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var q = new Stubs.NoisyQuadratic(H, SIGMA);
            var adam = Algorithms.adam(q, StepSchedule.constant(0.01), 0.0, 0.99, 1e-8);
            var rms = Algorithms.rmspropDiagonal(q, StepSchedule.constant(0.01), 0.99, 1e-8, EpsPlacement.OUTSIDE, true);
            double[] a = start(), b = start();
            UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed);
            for (int t = 0; t < 1000; t++) {
                adam.step(a, ra);
                rms.step(b, rb);
                assertThat(Stubs.relErr(a, b)).as("seed %d step %d", seed, t).isLessThan(1e-14);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> exactOracleMethodIsAlg1WithTrueInverseRoot() {
        return IntStream.range(0, 5).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            double[] b = {1.0, 0.3, 0.0, -0.2, 0.5, 0.1, 0.0, 0.4, 0.2};
            var q = new Stubs.CorrelatedQuadratic(H, b);
            double eps = 1e-3, eta = 0.02;
            var opt = Algorithms.idealizedRmsprop(q, StepSchedule.constant(eta), eps);
            double[] x = start(), y = start();
            UniformRandomProvider rx = Seeds.rng(seed), ry = Seeds.rng(seed);
            double[] gm = new double[9], a = new double[9], g = new double[3], ag = new double[3];
            SymmetricEigen eig = new SymmetricEigen(3);
            for (int t = 0; t < 300; t++) {
                opt.step(x, rx);
                q.secondMoment(y, gm); // A_t = (G(x_t) + εI)^{-1/2}, then draw g_t
                MatrixFunctions.invSqrt(gm, eps, EpsPlacement.INSIDE, eig, a);
                q.sample(y, ry, g);
                Mat.mulVec(a, g, ag);
                for (int i = 0; i < 3; i++) y[i] -= eta * ag[i];
                assertThat(Stubs.relErr(x, y)).as("seed %d step %d", seed, t).isLessThan(1e-12);
            }
        }));
    }

    @Test
    void idealizedCovarianceWithDiagonalSigmaIsDiagonalScaling() {
        var q = new Stubs.NoisyQuadratic(H, SIGMA);
        double eps = 1e-4, eta = 0.01;
        var opt = Algorithms.idealizedCovarianceSgd(q, StepSchedule.constant(eta), eps);
        double[] x = start(), y = start(), g = new double[3];
        UniformRandomProvider rx = Seeds.rng(3), ry = Seeds.rng(3);
        for (int t = 0; t < 500; t++) {
            opt.step(x, rx);
            q.sample(y, ry, g);
            for (int i = 0; i < 3; i++) y[i] -= eta * g[i] / Math.sqrt(SIGMA[i] * SIGMA[i] + eps);
            assertThat(Stubs.relErr(x, y)).as("step %d", t).isLessThan(1e-12);
        }
    }

    @Test
    void fullAdagradWithDiagonalSamplesIsDiagonalAdagrad() {
        var oracle = new Stubs.AxisAligned(new double[] {1.0, 0.2, 3.0});
        for (EpsPlacement p : EpsPlacement.values()) {
            var full = Algorithms.adagradFull(oracle, StepSchedule.constant(0.05), 1e-6, p, 0.1);
            var diag = Algorithms.adagradDiagonal(oracle, StepSchedule.constant(0.05), 1e-6, p, 0.1);
            double[] a = start(), b = start();
            UniformRandomProvider ra = Seeds.rng(9), rb = Seeds.rng(9);
            for (int t = 0; t < 500; t++) {
                full.step(a, ra);
                diag.step(b, rb);
                assertThat(Stubs.relErr(a, b)).as("%s step %d", p, t).isLessThan(1e-12);
            }
        }
    }

    @Test
    void alg4WithHugeThresholdIsAlg1() {
        var q = new Stubs.CorrelatedQuadratic(H, new double[] {1, 0, 0, 0.2, 1, 0, 0, 0.3, 1});
        var alg4 = Algorithms.alg4Exact(q, StepSchedule.constant(0.01), 0.01, Long.MAX_VALUE, 1e-3);
        var alg1 = Algorithms.idealizedRmsprop(q, StepSchedule.constant(0.01), 1e-3);
        double[] a = start(), b = start();
        UniformRandomProvider ra = Seeds.rng(5), rb = Seeds.rng(5);
        for (int t = 0; t < 200; t++) {
            alg4.step(a, ra);
            alg1.step(b, rb);
            assertThat(a).containsExactly(b); // first step: r = η, so identical arithmetic
        }
    }
}
