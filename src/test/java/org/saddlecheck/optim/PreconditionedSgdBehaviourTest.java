package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.ExactEstimator;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.precondition.DiagonalInverseRoot;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;

/**
 * The configuration a run reports (describe, accessors, state layout), the adversarial preconditioner's use of
 * the true gradient, stepsize validation and the iteration numbers of divergences.
 */
class PreconditionedSgdBehaviourTest {

    private static StepSchedule fixed(double eta) {
        return new StepSchedule() {
            @Override
            public double eta(long t) {
                return eta;
            }

            @Override
            public String describe() {
                return "fixed(" + eta + ")";
            }
        };
    }

    @Test
    void plainSgdReportsItsDefaults() {
        var oracle = new Stubs.Scripted(new double[][] {{1, 2}});
        var sgd = PreconditionedSgd.builder(oracle, StepSchedule.constant(0.1)).build();
        assertThat(sgd.dim()).isEqualTo(2);
        assertThat(sgd.estimator()).isNull();
        assertThat(sgd.preconditioner().describe()).isEqualTo("identity");
        assertThat(sgd.timing()).isEqualTo(PreconditionedSgd.Timing.BEFORE_SAMPLE);
        assertThat(sgd.feed()).isEqualTo(PreconditionedSgd.Feed.NONE);
        assertThat(sgd.isLargeStep(0)).isFalse(); // no large steps configured
        assertThat(sgd.isLargeStep(10)).isFalse();
        assertThat(sgd.describe()).isEqualTo("preconditioned-sgd(eta=constant(eta=0.1), preconditioner=identity)");
        double[] x = {1, 1};
        sgd.step(x, Seeds.rng(1));
        assertThat(x[0]).isCloseTo(0.9, within(1e-15));
        assertThat(x[1]).isCloseTo(0.8, within(1e-15));
        // a stateless run saves only its counters
        assertThat(sgd.state().arrays()).isEmpty();
        assertThat(sgd.state().scalars()).containsOnlyKeys("oracleCalls", "burnedIn");
    }

    @Test
    void fullConfigurationIsSpelledOutInTheDescription() {
        var q = new Stubs.NoisyQuadratic(new double[] {1, 2}, new double[] {0.1, 0.1});
        var pre = new DiagonalInverseRoot(2, 1e-8, EpsPlacement.OUTSIDE);
        var adam = PreconditionedSgd.builder(q, StepSchedule.inverseSqrt(0.5)).name("adam")
                .estimator(EmaEstimator.diagonal(2, 0.99)).preconditioner(pre)
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).momentum(0.9, true)
                .largeSteps(0.25, 10).hallucinations(3).burnIn(4).domain(Domain.box(-1, 1)).build();
        assertThat(adam.describe()).isEqualTo("adam(eta=inverseSqrt(eta0=0.5), beta1=0.9 bias-corrected, "
                + "estimator=ema-diag(beta=0.99, biasCorrected=false), "
                + "preconditioner=(diag(v)^1/2 + eps I)^-1(eps=1.0E-8, outside), timing=after_sample, feed=step_gradient, "
                + "r=0.25, tThresh=10, S=3, burnIn=4, projected)");
        assertThat(adam.preconditioner()).isSameAs(pre);
        assertThat(adam.timing()).isEqualTo(PreconditionedSgd.Timing.AFTER_SAMPLE);
        assertThat(adam.feed()).isEqualTo(PreconditionedSgd.Feed.STEP_GRADIENT);
        assertThat(adam.isLargeStep(0)).isTrue();
        assertThat(adam.isLargeStep(5)).isFalse();
        assertThat(adam.isLargeStep(20)).isTrue();
        assertThat(adam.state().arrays()).containsOnlyKeys("estimator.accumulator", "estimator.auxiliary", "momentum");
        var heavyBall = PreconditionedSgd.builder(q, StepSchedule.constant(0.1)).momentum(0.5, false).build();
        assertThat(heavyBall.describe()).isEqualTo("preconditioned-sgd(eta=constant(eta=0.1), beta1=0.5, preconditioner=identity)");
        // the box projection configured through the builder is applied
        double[] x = {0.95, -0.95};
        PreconditionedSgd.builder(new Stubs.Scripted(new double[][] {{-10, 10}}), StepSchedule.constant(1.0))
                .domain(Domain.box(-1, 1)).build().step(x, Seeds.rng(1));
        assertThat(x).containsExactly(1.0, -1.0);
    }

    /** G = diag(3, 0) constant, ε = 1: A = diag(1/2, 1); ∇f(0, 2) = (0, 2), so u = e₂ and Â = diag(1/2, 1 − Δ). */
    @Test
    void adversarialPreconditionerIsBuiltFromTheObjectivesTrueGradient() {
        var oracle = new Stubs.Scripted(new double[][] {{1, 1}}, new double[] {3, 0, 0, 0});
        var f = new Stubs.NoisyQuadratic(new double[] {1, 1}, new double[] {0, 0});
        var p = new PerturbedPreconditioner(new FullInverseRoot(2, 1.0, EpsPlacement.INSIDE), 0.1,
                PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        var opt = PreconditionedSgd.builder(oracle, StepSchedule.constant(0.5)).estimator(ExactEstimator.secondMoment(oracle))
                .preconditioner(p).objective(f).build();
        double[] x = {0, 2};
        opt.step(x, Seeds.rng(1));
        double[] hat = new double[4];
        opt.appliedPreconditioner(hat);
        assertThat(hat[0]).isCloseTo(0.5, within(1e-14));
        assertThat(hat[3]).isCloseTo(0.9, within(1e-14));
        assertThat(Math.abs(hat[1])).isLessThan(1e-15);
        assertThat(x[0]).isCloseTo(-0.25, within(1e-14)); // 0 − 0.5 · 0.5 · 1
        assertThat(x[1]).isCloseTo(1.55, within(1e-14)); // 2 − 0.5 · 0.9 · 1
    }

    @Test
    void nonFiniteTrueGradientIsADivergence() {
        var oracle = new Stubs.Scripted(new double[][] {{1, 1}}, new double[] {1, 0, 0, 1});
        var broken = new Stubs.NoisyQuadratic(new double[] {1, 1}, new double[] {0, 0}) {
            @Override
            public void gradient(double[] x, double[] out) {
                Arrays.fill(out, Double.NaN);
            }
        };
        var p = new PerturbedPreconditioner(new FullInverseRoot(2, 1.0, EpsPlacement.INSIDE), 0.1,
                PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        var opt = PreconditionedSgd.builder(oracle, StepSchedule.constant(0.5)).estimator(ExactEstimator.secondMoment(oracle))
                .preconditioner(p).objective(broken).build();
        assertThatThrownBy(() -> opt.step(new double[] {1, 1}, Seeds.rng(1))).isInstanceOf(DivergenceException.class)
                .hasMessageContaining("true gradient");
    }

    @Test
    void objectiveOfAnotherDimensionIsRejected() {
        var oracle = new Stubs.Scripted(new double[][] {{1, 1}});
        var f3 = new Stubs.NoisyQuadratic(new double[] {1, 1, 1}, new double[] {0, 0, 0});
        assertThatThrownBy(() -> PreconditionedSgd.builder(oracle, StepSchedule.constant(0.1)).objective(f3).build())
                .hasMessageContaining("objective has dimension 3");
    }

    @Test
    void stepsizeMustBeFiniteAndPositiveAtEveryStep() {
        var oracle = new Stubs.Scripted(new double[][] {{1}});
        var zero = PreconditionedSgd.builder(oracle, fixed(0.0)).build();
        assertThatThrownBy(() -> zero.step(new double[] {1}, Seeds.rng(1))).hasMessageContaining("eta_t = 0.0 at t = 1")
                .hasMessageContaining("fixed(0.0)");
        var inf = PreconditionedSgd.builder(oracle, fixed(Double.POSITIVE_INFINITY)).build();
        assertThatThrownBy(() -> inf.step(new double[] {1}, Seeds.rng(1))).hasMessageContaining("eta_t = Infinity");
    }

    @Test
    void divergencesCarryTheIndexOfTheOffendingIterate() {
        var oracle = new Stubs.Scripted(new double[][] {{1.0}, {1e300}});
        var sgd = PreconditionedSgd.builder(oracle, StepSchedule.constant(1e300)).build();
        // a non-finite x_0 is bad input, refused before anything is drawn
        assertThatThrownBy(() -> sgd.step(new double[] {Double.NaN}, Seeds.rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x0[0] = NaN");
        assertThat(sgd.oracleCalls()).isZero();
        // g_0 = 1: x_1 = −1e300 is finite; g_1 = 1e300: x_2 = −1e300 − 1e300 · 1e300 overflows: iterate number 2
        double[] x = {0.0};
        sgd.step(x, Seeds.rng(1));
        assertThat(x[0]).isEqualTo(-1e300);
        var overflow = catchDivergence(() -> sgd.step(x, Seeds.rng(1)));
        assertThat(overflow.iteration()).isEqualTo(2);
        assertThat(overflow.getMessage()).contains("iterate[0] = -Infinity");
    }

    private static DivergenceException catchDivergence(Runnable r) {
        try {
            r.run();
        } catch (DivergenceException e) {
            return e;
        }
        throw new AssertionError("expected a DivergenceException");
    }

    @Test
    void benignPerturbationStreamIsPartOfTheSavedState() {
        var q = new Stubs.NoisyQuadratic(new double[] {1, 2}, new double[] {0.5, 0.5});
        var p = new PerturbedPreconditioner(new FullInverseRoot(2, 1e-2, EpsPlacement.INSIDE), 0.01,
                PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(4));
        var opt = PreconditionedSgd.builder(q, StepSchedule.constant(0.1)).estimator(ExactEstimator.secondMoment(q))
                .preconditioner(p).build();
        assertThat(opt.state().arrays()).containsOnlyKeys("estimator.accumulator", "estimator.auxiliary", "preconditioner");
    }

    @Test
    void interfaceDefaultsMeanUnknownCallsAndNoClamps() {
        Optimizer minimal = new Optimizer() {
            public int dim() {
                return 1;
            }

            public void step(double[] x, UniformRandomProvider rng) {}

            public long iteration() {
                return 0;
            }

            public String describe() {
                return "minimal";
            }

            public OptimizerState state() {
                return null;
            }

            public void restore(OptimizerState state) {}
        };
        assertThat(minimal.oracleCalls()).isEqualTo(-1);
        assertThat(minimal.betaClamps()).isZero();
    }
}
