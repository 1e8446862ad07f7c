package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.RunningMaxEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.estimate.TwoSampleCovariance;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.precondition.DiagonalInverseRoot;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;

/**
 * Generic contracts over a table of optimizer configurations (torch's optim_db style, ANCHORS.md §2.6):
 * state round trip, reproducibility, domain projection, divergence detection, rejected inputs.
 */
class OptimizerContractTest {
    static final double[] H = {1.0, -0.1, 0.5};
    static final double[] B = {1.0, 0.3, 0.0, -0.2, 0.5, 0.1, 0.0, 0.4, 0.2};

    static Stubs.CorrelatedQuadratic problem() {
        return new Stubs.CorrelatedQuadratic(H, B);
    }

    /** Every named configuration, built on a fresh problem. */
    static Map<String, Function<Stubs.CorrelatedQuadratic, Optimizer>> table() {
        Map<String, Function<Stubs.CorrelatedQuadratic, Optimizer>> t = new LinkedHashMap<>();
        StepSchedule eta = StepSchedule.constant(0.01);
        t.put("sgd", q -> Algorithms.sgd(q, StepSchedule.inverseSqrt(0.05)));
        t.put("alg1-idealized", q -> Algorithms.idealizedRmsprop(q, eta, 1e-3));
        t.put("alg1-idealized-diag", q -> Algorithms.idealizedDiagonalRmsprop(q, eta, 1e-3));
        t.put("alg1-ema", q -> Algorithms.preconditionedSgd(q, eta, EmaEstimator.full(3, 0.9), new FullInverseRoot(3, 1e-3, EpsPlacement.INSIDE)));
        t.put("alg2", q -> Algorithms.fullMatrixRmsprop(q, eta, 0.9, 1e-3));
        t.put("alg2-estimate-first", q -> Algorithms.fullMatrixRmspropEstimateFirst(q, eta, 0.9, 1e-3));
        t.put("alg3", q -> Algorithms.rmspropWithBurnIn(q, eta, 0.9, 1e-3, 20));
        t.put("alg4-exact", q -> Algorithms.alg4Exact(q, eta, 0.05, 7, 1e-3));
        t.put("alg4-benign", q -> Algorithms.alg4Perturbed(q, eta, 0.05, 7, 1e-3, 0.01, PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(77)));
        t.put("alg4-adversarial", q -> Algorithms.alg4Perturbed(q, eta, 0.05, 7, 1e-3, 0.01, PerturbedPreconditioner.Mode.ADVERSARIAL, null));
        t.put("alg4-rmsprop", q -> Algorithms.alg4Rmsprop(q, eta, 0.05, 7, 0.9, 1e-3, 10, 3));
        t.put("rmsprop-diag-scheduled", q -> Algorithms.rmspropDiagonal(q, StepSchedule.inverseSqrt(0.01),
                BetaSchedule.fromSteps(StepSchedule.inverseSqrt(0.01), 1.0), 1e-8, EpsPlacement.INSIDE, true));
        t.put("torch-rmsprop", q -> Algorithms.torchRmsprop(q, 0.01, 0.99, 1e-8));
        t.put("adam", q -> Algorithms.adam(q, eta, 0.9, 0.999, 1e-8));
        t.put("amsgrad-torch", q -> Algorithms.amsgrad(q, eta, 0.9, 0.99, 1e-8, RunningMaxEstimator.Variant.TORCH));
        t.put("amsgrad-optax", q -> Algorithms.amsgrad(q, eta, 0.9, 0.99, 1e-8, RunningMaxEstimator.Variant.OPTAX));
        t.put("adagrad-diag", q -> Algorithms.optaxAdagrad(q, 0.05, 0.1, 1e-7));
        t.put("adagrad-full", q -> Algorithms.adagradFull(q, eta, 1e-6, EpsPlacement.OUTSIDE, 0.0));
        t.put("full-adam", q -> Algorithms.fullMatrixAdam(q, eta, 0.99, 1e-8, true));
        t.put("covariance-sgd", q -> Algorithms.covarianceSgd(q, eta, 0.9, 1e-3, true));
        t.put("idealized-covariance", q -> Algorithms.idealizedCovarianceSgd(q, eta, 1e-3));
        return t;
    }

    static double[] start() {
        return new double[] {0.3, -0.2, 0.1};
    }

    @TestFactory
    Stream<DynamicTest> stateRoundTripContinuesIdentically() {
        return table().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Optimizer a = e.getValue().apply(problem());
            double[] x = start();
            UniformRandomProvider r1 = Seeds.rng(42);
            for (int i = 0; i < 23; i++) a.step(x, r1);
            OptimizerState s = a.state();
            assertThat(s.iteration()).isEqualTo(23);
            assertThat(s.algorithm()).isEqualTo(a.describe());
            Optimizer b = e.getValue().apply(problem());
            b.restore(s);
            assertThat(b.iteration()).isEqualTo(23);
            assertThat(b.oracleCalls()).isEqualTo(a.oracleCalls());
            double[] y = x.clone();
            UniformRandomProvider ra = Seeds.rng(7), rb = Seeds.rng(7);
            for (int i = 0; i < 30; i++) {
                a.step(x, ra);
                b.step(y, rb);
                assertThat(y).as("%s step %d", e.getKey(), i).containsExactly(x);
            }
            assertThat(b.state().arrays().keySet()).isEqualTo(a.state().arrays().keySet());
            for (var k : a.state().arrays().keySet()) {
                assertThat(b.state().arrays().get(k)).as(k).containsExactly(a.state().arrays().get(k));
            }
            assertThat(b.state().scalars()).isEqualTo(a.state().scalars());
        }));
    }

    @TestFactory
    Stream<DynamicTest> sameSeedSameTrajectoryDifferentSeedDifferent() {
        return table().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            double[] x = start(), y = start(), z = start();
            Optimizer a = e.getValue().apply(problem()), b = e.getValue().apply(problem()), c = e.getValue().apply(problem());
            UniformRandomProvider ra = Seeds.rng(11), rb = Seeds.rng(11), rc = Seeds.rng(12);
            for (int i = 0; i < 100; i++) {
                a.step(x, ra);
                b.step(y, rb);
                c.step(z, rc);
            }
            assertThat(y).containsExactly(x);
            assertThat(z).isNotEqualTo(x);
            assertThat(a.describe()).isEqualTo(b.describe()).isNotBlank();
        }));
    }

    @TestFactory
    Stream<DynamicTest> nanGradientThrowsDivergence() {
        List<Function<Stubs.NaNAfter, Optimizer>> makers = List.of(
                o -> Algorithms.sgd(o, 0.1),
                o -> Algorithms.fullMatrixRmsprop(o, StepSchedule.constant(0.1), 0.9, 1e-3),
                o -> Algorithms.adam(o, StepSchedule.constant(0.1), 0.9, 0.99, 1e-8),
                o -> Algorithms.covarianceSgd(o, StepSchedule.constant(0.1), 0.9, 1e-3, false),
                o -> Algorithms.rmspropWithBurnIn(o, StepSchedule.constant(0.1), 0.9, 1e-3, 3),
                o -> Algorithms.alg4Rmsprop(o, StepSchedule.constant(0.1), 0.2, 2, 0.9, 1e-3, 0, 4));
        return makers.stream().map(mk -> DynamicTest.dynamicTest(mk.apply(new Stubs.NaNAfter(2, 0)).describe(), () -> {
            for (int from = 0; from < 6; from++) {
                Optimizer o = mk.apply(new Stubs.NaNAfter(2, from));
                double[] x = {1, 1};
                UniformRandomProvider rng = Seeds.rng(1);
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 10; i++) o.step(x, rng);
                }).isInstanceOf(DivergenceException.class).hasMessageContaining("NaN");
                assertThat(x).as("NaN never reaches x").doesNotContain(Double.NaN);
            }
        }));
    }

    @Test
    void nonFiniteIterateThrowsDivergence() {
        var q = new Stubs.NoisyQuadratic(new double[] {-1e308}, new double[] {1});
        var sgd = Algorithms.sgd(q, 10.0);
        double[] x = {1};
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) sgd.step(x, Seeds.rng(1));
        }).isInstanceOf(DivergenceException.class).hasMessageContaining("iterate");
        // a non-finite start point is bad input, named as such
        var fresh = Algorithms.sgd(q, 10.0);
        assertThatThrownBy(() -> fresh.step(new double[] {Double.NaN}, Seeds.rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x0");
    }

    @Test
    void stepsRespectTheDomain() {
        // constant push outward: g = Hx + noise with H = -1 (concave): without projection x would run off
        var q = new Stubs.NoisyQuadratic(new double[] {-1, -1}, new double[] {0.1, 0.1}, Domain.box(-1, 1));
        for (Optimizer o : List.<Optimizer>of(Algorithms.sgd(q, 0.5), Algorithms.adam(q, StepSchedule.constant(0.5), 0.9, 0.99, 1e-8),
                Algorithms.fullMatrixRmsprop(q, StepSchedule.constant(0.5), 0.9, 1e-3))) {
            double[] x = {0.5, -0.5};
            UniformRandomProvider rng = Seeds.rng(3);
            for (int i = 0; i < 200; i++) {
                o.step(x, rng);
                assertThat(x[0]).isBetween(-1.0, 1.0);
                assertThat(x[1]).isBetween(-1.0, 1.0);
            }
            assertThat(Math.abs(x[0])).as(o.describe()).isEqualTo(1.0);
            assertThat(o.describe()).contains("projected");
        }
    }

    @Test
    void oracleCallBookkeeping() {
        var q = problem();
        var alg4 = Algorithms.alg4Rmsprop(q, StepSchedule.constant(0.01), 0.05, 5, 0.9, 1e-3, 12, 4);
        double[] x = start();
        UniformRandomProvider rng = Seeds.rng(1);
        for (int i = 0; i < 20; i++) alg4.step(x, rng);
        // burn-in 12 + 20 steps + 4 large steps (k = 0, 5, 10, 15) × S = 4
        assertThat(alg4.oracleCalls()).isEqualTo(12 + 20 + 16);
        assertThat(((PreconditionedSgd) alg4).estimator().count()).isEqualTo(12 + 20 + 16);
        var cov = Algorithms.covarianceSgd(q, StepSchedule.constant(0.01), 0.9, 1e-3, true);
        for (int i = 0; i < 20; i++) cov.step(x, rng);
        assertThat(cov.oracleCalls()).isEqualTo(60);
        assertThat(cov.estimator().count()).isEqualTo(20);
    }

    @Test
    void rejectsBadParameters() {
        var q = problem();
        assertThatThrownBy(() -> Algorithms.sgd(q, Double.NaN)).hasMessageContaining("eta = NaN");
        assertThatThrownBy(() -> Algorithms.sgd(q, Double.POSITIVE_INFINITY)).hasMessageContaining("eta = Infinity");
        assertThatThrownBy(() -> Algorithms.sgd(q, 0.0)).hasMessageContaining("eta = 0.0");
        assertThatThrownBy(() -> Algorithms.sgd(q, -1.0)).hasMessageContaining("eta = -1.0");
        assertThatThrownBy(() -> StepSchedule.inverseSqrt(Double.NaN)).hasMessageContaining("eta0 = NaN");
        StepSchedule eta = StepSchedule.constant(0.01);
        assertThatThrownBy(() -> Algorithms.fullMatrixRmsprop(q, eta, 1.0, 1e-3)).hasMessageContaining("beta = 1.0");
        assertThatThrownBy(() -> Algorithms.fullMatrixRmsprop(q, eta, -0.5, 1e-3)).hasMessageContaining("beta = -0.5");
        assertThatThrownBy(() -> Algorithms.rmspropDiagonal(q, eta, Double.NaN, 1e-3, EpsPlacement.INSIDE, false))
                .hasMessageContaining("beta = NaN");
        assertThatThrownBy(() -> Algorithms.adam(q, eta, 1.0, 0.99, 1e-8)).hasMessageContaining("beta1 = 1.0");
        assertThatThrownBy(() -> Algorithms.adam(q, eta, 0.9, 1.5, 1e-8)).hasMessageContaining("beta2 = 1.5");
        assertThatThrownBy(() -> Algorithms.fullMatrixRmsprop(q, eta, 0.9, -1e-3)).hasMessageContaining("eps = -0.001");
        assertThatThrownBy(() -> Algorithms.adam(q, eta, 0.9, 0.99, Double.NaN)).hasMessageContaining("eps = NaN");
        assertThatThrownBy(() -> Algorithms.alg4Exact(q, eta, 0.0, 5, 1e-3)).hasMessageContaining("r = 0.0");
        assertThatThrownBy(() -> Algorithms.alg4Exact(q, eta, 0.1, 0, 1e-3)).hasMessageContaining("tThresh = 0");
        assertThatThrownBy(() -> Algorithms.alg4Rmsprop(q, eta, 0.1, 5, 0.9, 1e-3, 10, -1)).hasMessageContaining("S = -1");
        assertThatThrownBy(() -> Algorithms.rmspropWithBurnIn(q, eta, 0.9, 1e-3, -1)).hasMessageContaining("burnIn = -1");
        assertThatThrownBy(() -> Algorithms.sgd(null, eta)).hasMessageContaining("oracle is null");
        assertThatThrownBy(() -> Algorithms.alg4Perturbed(q, eta, 0.1, 5, 1e-3, 0.1, PerturbedPreconditioner.Mode.BENIGN, null))
                .hasMessageContaining("rng is null");
    }

    @Test
    void rejectsInconsistentComposition() {
        var q = problem();
        StepSchedule eta = StepSchedule.constant(0.01);
        assertThatThrownBy(() -> Algorithms.preconditionedSgd(q, eta, EmaEstimator.full(2, 0.9), new FullInverseRoot(3, 1e-3, EpsPlacement.INSIDE)))
                .hasMessageContaining("estimator has dimension 2");
        assertThatThrownBy(() -> Algorithms.preconditionedSgd(q, eta, EmaEstimator.full(3, 0.9), new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE)))
                .hasMessageContaining("preconditioner has dimension 2");
        assertThatThrownBy(() -> Algorithms.preconditionedSgd(q, eta, EmaEstimator.diagonal(3, 0.9), new FullInverseRoot(3, 1e-3, EpsPlacement.INSIDE)))
                .hasMessageContaining("estimator shape = DIAGONAL");
        assertThatThrownBy(() -> Algorithms.preconditionedSgd(q, eta, null, new DiagonalInverseRoot(3, 1e-3, EpsPlacement.INSIDE)))
                .hasMessageContaining("needs an estimator");
        assertThatThrownBy(() -> PreconditionedSgd.builder(q, eta).estimator(TwoSampleCovariance.ema(3, Shape.FULL, 0.9, false))
                .preconditioner(FullInverseRoot.sigmaInvSqrt(3, 1e-3)).feed(PreconditionedSgd.Feed.STEP_GRADIENT).build())
                .hasMessageContaining("use INDEPENDENT");
        assertThatThrownBy(() -> PreconditionedSgd.builder(q, eta).estimator(EmaEstimator.full(3, 0.9))
                .preconditioner(new FullInverseRoot(3, 1e-3, EpsPlacement.INSIDE)).hallucinations(3).build())
                .hasMessageContaining("without large steps");
        assertThatThrownBy(() -> PreconditionedSgd.builder(q, eta).burnIn(3).build()).hasMessageContaining("burnIn = 3");
        // the adversarial Â needs ∇f: a bare oracle is not an Objective
        Stubs.Scripted bare = new Stubs.Scripted(new double[][] {{1, 2, 3}}, new double[9]);
        assertThatThrownBy(() -> Algorithms.alg4Perturbed(bare, eta, 0.1, 5, 1e-3, 0.1, PerturbedPreconditioner.Mode.ADVERSARIAL, null))
                .hasMessageContaining("objective is null");
        assertThatThrownBy(() -> PreconditionedSgd.builder(q, eta).estimator(EmaEstimator.full(3, 0.9))
                .preconditioner(new PerturbedPreconditioner(new FullInverseRoot(3, 1e-3, EpsPlacement.INSIDE), 0.1,
                        PerturbedPreconditioner.Mode.ADVERSARIAL, null))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build()).hasMessageContaining("timing = AFTER_SAMPLE");
    }

    @Test
    void rejectsBadStepInputAndState() {
        var q = problem();
        var o = Algorithms.adam(q, StepSchedule.constant(0.01), 0.9, 0.99, 1e-8);
        assertThatThrownBy(() -> o.step(new double[2], Seeds.rng(1))).hasMessageContaining("x has length 2");
        assertThatThrownBy(() -> o.step(start(), null)).hasMessageContaining("rng is null");
        var other = Algorithms.adam(q, StepSchedule.constant(0.02), 0.9, 0.99, 1e-8);
        assertThatThrownBy(() -> o.restore(other.state())).hasMessageContaining("state.algorithm");
        OptimizerState s = o.state();
        var broken = new OptimizerState(s.algorithm(), s.iteration(), Map.of("momentum", new double[2]), s.scalars());
        assertThatThrownBy(() -> o.restore(broken)).hasMessageContaining("momentum");
        var noScalar = new OptimizerState(s.algorithm(), s.iteration(), s.arrays(), Map.of());
        assertThatThrownBy(() -> o.restore(noScalar)).hasMessageContaining("oracleCalls");
        StepSchedule bad = new StepSchedule() {
            public double eta(long t) {
                return t > 2 ? Double.NaN : 0.1;
            }

            public String describe() {
                return "bad";
            }
        };
        var sgd = Algorithms.sgd(q, bad);
        double[] x = start();
        sgd.step(x, Seeds.rng(1));
        sgd.step(x, Seeds.rng(1));
        assertThatThrownBy(() -> sgd.step(x, Seeds.rng(1))).hasMessageContaining("eta_t = NaN at t = 3");
    }

    @Test
    void currentPreconditionerMatchesTheExactInverseRoot() {
        var q = problem();
        var alg1 = (PreconditionedSgd) Algorithms.idealizedRmsprop(q, StepSchedule.constant(0.01), 1e-3);
        double[] x = start(), a = new double[9], g = new double[9], expected = new double[9];
        alg1.currentPreconditioner(x, a);
        q.secondMoment(x, g);
        org.saddlecheck.linalg.MatrixFunctions.invSqrt(g, 1e-3, EpsPlacement.INSIDE, new org.saddlecheck.linalg.SymmetricEigen(3), expected);
        assertThat(Stubs.relErr(a, expected)).isLessThan(1e-13);
        var sgd = (PreconditionedSgd) Algorithms.preconditionedSgd(q, StepSchedule.constant(0.01), null, new IdentityPreconditioner(3));
        sgd.currentPreconditioner(x, a);
        assertThat(a).containsExactly(org.saddlecheck.linalg.Mat.identity(3));
    }

    /** STAIB-EQ1-2 plumbing: the A_t and g_t of the last step give x_{t+1} = x_t − η A_t g_t exactly. */
    @Test
    void appliedPreconditionerAndLastGradientReproduceTheStep() {
        var q = problem();
        for (var o : List.of((PreconditionedSgd) Algorithms.fullMatrixRmsprop(q, StepSchedule.constant(0.05), 0.9, 1e-3),
                (PreconditionedSgd) Algorithms.idealizedRmsprop(q, StepSchedule.constant(0.05), 1e-3))) {
            double[] x = start(), a = new double[9], g = new double[3], ag = new double[3];
            assertThatThrownBy(() -> o.lastGradient(new double[3])).isInstanceOf(IllegalStateException.class);
            UniformRandomProvider rng = Seeds.rng(2);
            for (int i = 0; i < 5; i++) o.step(x, rng);
            double[] before = x.clone();
            o.step(x, rng);
            o.appliedPreconditioner(a);
            o.lastGradient(g);
            org.saddlecheck.linalg.Mat.mulVec(a, g, ag);
            for (int i = 0; i < 3; i++) assertThat(x[i]).isCloseTo(before[i] - 0.05 * ag[i], org.assertj.core.api.Assertions.within(1e-15));
        }
    }
}
