package org.saddlecheck.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.optim.Stubs;
import org.saddlecheck.problem.SecondMoments;

/**
 * Exact oracle, two-sample covariance and running max: their values, descriptions, state round trips (the
 * pending pair's x, the inner estimator's auxiliary data) and the rejection of bad gradients and foreign states.
 */
class EstimatorBookkeepingTest {

    /** β_t = 1 − (1.5/√t)^(2/3): clamped to 0 at t = 1, 2, unclamped from t = 3 on. */
    private static final BetaSchedule CLAMPING = BetaSchedule.fromSteps(StepSchedule.inverseSqrt(1.5), 1.0);

    /** A named non-Objective moment source (constant G = diag(4, 9)). */
    static final class ConstantMoments implements SecondMoments {
        @Override
        public int dim() {
            return 2;
        }

        @Override
        public void secondMoment(double[] x, double[] out) {
            out[0] = 4;
            out[1] = 0;
            out[2] = 0;
            out[3] = 9;
        }
    }

    private static double[] nanFilled(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    // ---------------------------------------------------------------- exact oracle

    @Test
    void exactCovarianceIsGMinusGradGradTransposeByHand() {
        // f = ½(2x₁² + x₂²), Rademacher noise σ = (0.5, 3): ∇f(1, -2) = (2, -2), Σ = diag(0.25, 9)
        var q = new Stubs.NoisyQuadratic(new double[] {2, 1}, new double[] {0.5, 3});
        double[] x = {1, -2};
        double[] out = nanFilled(4);
        ExactEstimator.covariance(q).estimate(x, out);
        assertThat(out).containsExactly(0.25, 0, 0, 9);
        double[] diag = nanFilled(2);
        var sigmaDiag = new ExactEstimator(q, ExactEstimator.Moment.COVARIANCE, Shape.DIAGONAL);
        sigmaDiag.estimate(x, diag);
        assertThat(diag).containsExactly(0.25, 9.0);
        assertThat(sigmaDiag.dim()).isEqualTo(2);
        assertThat(sigmaDiag.shape()).isEqualTo(Shape.DIAGONAL);
        // G = ∇f∇fᵀ + diag(σ²)
        var gDiag = new ExactEstimator(q, ExactEstimator.Moment.SECOND_MOMENT, Shape.DIAGONAL);
        gDiag.estimate(x, diag);
        assertThat(diag).containsExactly(4.25, 13.0);
    }

    @Test
    void exactDescriptionsNameMomentShapeAndProblem() {
        var q = new Stubs.NoisyQuadratic(new double[] {1, 1}, new double[] {1, 1});
        assertThat(ExactEstimator.secondMoment(q).describe()).isEqualTo("exact-G-full(noisy-quadratic)");
        assertThat(new ExactEstimator(q, ExactEstimator.Moment.COVARIANCE, Shape.DIAGONAL).describe())
                .isEqualTo("exact-Sigma-diag(noisy-quadratic)");
        var m = new ExactEstimator(new ConstantMoments(), ExactEstimator.Moment.SECOND_MOMENT, Shape.DIAGONAL);
        assertThat(m.describe()).isEqualTo("exact-G-diag(ConstantMoments)");
        double[] out = new double[2];
        m.estimate(new double[2], out);
        assertThat(out).containsExactly(4.0, 9.0);
    }

    @Test
    void exactStateCarriesOnlyTheCount() {
        var q = new Stubs.NoisyQuadratic(new double[] {1, 1}, new double[] {1, 1});
        var a = ExactEstimator.covariance(q);
        a.observe(null, new double[] {1, 2});
        a.observe(null, new double[] {3, 4});
        EstimatorState s = a.state();
        assertThat(s.kind()).isEqualTo("exact-Sigma-full");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.accumulator()).isEmpty();
        var b = ExactEstimator.covariance(q);
        b.restore(s);
        assertThat(b.count()).isEqualTo(2);
        var g = ExactEstimator.secondMoment(q);
        assertThatThrownBy(() -> g.restore(s)).hasMessageContaining("state.kind = exact-Sigma-full")
                .hasMessageContaining("must be exact-G-full");
    }

    // ---------------------------------------------------------------- shared input checks

    @Test
    void everyEstimatorRejectsANonFiniteGradientNamingTheEntry() {
        var q = new Stubs.NoisyQuadratic(new double[] {1, 1}, new double[] {1, 1});
        List<Estimator> all = List.of(new WindowEstimator(2, Shape.FULL, 3), AdagradEstimator.of(2, Shape.DIAGONAL, 0.1),
                TwoSampleCovariance.ema(2, Shape.FULL, 0.9, false), ExactEstimator.secondMoment(q),
                new RunningMaxEstimator(EmaEstimator.diagonal(2, 0.9), RunningMaxEstimator.Variant.TORCH));
        for (Estimator e : all) {
            assertThatThrownBy(() -> e.observe(null, new double[] {0.5, Double.NaN})).as(e.describe())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g[1] = NaN");
            assertThatThrownBy(() -> e.observe(new double[3], new double[] {1, 1})).as(e.describe())
                    .hasMessageContaining("x has length 3");
            assertThat(e.count()).as(e.describe()).isZero();
        }
    }

    @Test
    void everyEstimatorRejectsAStateOfAnotherKind() {
        int d = 2;
        var w = new WindowEstimator(d, Shape.DIAGONAL, 2);
        assertThatThrownBy(() -> w.restore(new EstimatorState("ema-diag", 0, new double[2 * d], new double[d])))
                .hasMessageContaining("state.kind = ema-diag").hasMessageContaining("window-diag");
        var a = AdagradEstimator.of(d, Shape.DIAGONAL, 0.0);
        assertThatThrownBy(() -> a.restore(new EstimatorState("ema-diag", 0, new double[d], new double[0])))
                .hasMessageContaining("state.kind = ema-diag");
        // the running max's own kind wraps the inner one; an inner state with matching lengths is still refused
        var r = new RunningMaxEstimator(EmaEstimator.diagonal(d, 0.5), RunningMaxEstimator.Variant.TORCH);
        assertThat(r.state().kind()).isEqualTo("running-max/ema-diag");
        assertThatThrownBy(() -> r.restore(new EstimatorState("ema-diag", 0, new double[d], new double[d + 2])))
                .hasMessageContaining("state.kind = ema-diag");
        var c = TwoSampleCovariance.ema(d, Shape.DIAGONAL, 0.5, false);
        assertThat(c.state().kind()).isEqualTo("two-sample-cov/ema-diag");
        assertThatThrownBy(() -> c.restore(new EstimatorState("ema-diag", 0, new double[d], new double[2 + 2 * d + 2])))
                .hasMessageContaining("state.kind = ema-diag");
    }

    // ---------------------------------------------------------------- two-sample covariance

    @Test
    void twoSamplePairFeedsHalfTheSquaredDifference() {
        var inner = AdagradEstimator.of(2, Shape.DIAGONAL, 0.0);
        var c = new TwoSampleCovariance(inner);
        assertThat(c.inner()).isSameAs(inner);
        assertThat(c.shape()).isEqualTo(Shape.DIAGONAL);
        c.observe(null, new double[] {3, 1});
        assertThat(c.count()).isZero();
        c.observe(null, new double[] {1, 5}); // (g1 − g2)²/2 = (2, 8)
        double[] out = new double[2];
        c.estimate(null, out);
        assertThat(out[0]).isCloseTo(2.0, within(1e-15));
        assertThat(out[1]).isCloseTo(8.0, within(1e-14));
        assertThat(c.count()).isEqualTo(1);
    }

    @Test
    void restoredPendingPairStillRequiresTheSameX() {
        double[] x1 = {0.5, -1.5};
        var a = TwoSampleCovariance.ema(2, Shape.FULL, 0.9, false);
        a.observe(x1, new double[] {1, 2});
        EstimatorState s = a.state();
        var b = TwoSampleCovariance.ema(2, Shape.FULL, 0.9, false);
        b.restore(s);
        assertThat(b.pending()).isTrue();
        assertThatThrownBy(() -> b.observe(new double[] {0.5, 0.0}, new double[] {0, 0})).hasMessageContaining("same x")
                .hasMessageContaining("x[1] = -1.5");
        b.observe(x1, new double[] {-1, 0}); // the right x is accepted and completes the restored pair
        a.observe(x1, new double[] {-1, 0});
        double[] ea = new double[4], eb = new double[4];
        a.estimate(x1, ea);
        b.estimate(x1, eb);
        assertThat(eb).containsExactly(ea);
        assertThat(b.pending()).isFalse();
        assertThat(b.count()).isEqualTo(1);
    }

    @Test
    void twoSampleRoundTripKeepsTheInnerScheduleBookkeeping() {
        double[][] gs = EmaEstimatorTest.samples(21, 16, 2);
        var a = new TwoSampleCovariance(new EmaEstimator(2, Shape.DIAGONAL, CLAMPING, true, null));
        for (int i = 0; i < 8; i++) a.observe(null, gs[i]); // 4 pairs: t = 1, 2 clamped
        assertThat(a.betaClamps()).isEqualTo(2);
        var b = new TwoSampleCovariance(new EmaEstimator(2, Shape.DIAGONAL, CLAMPING, true, null));
        b.restore(a.state());
        assertThat(b.betaClamps()).isEqualTo(2);
        double[] ea = new double[2], eb = new double[2];
        for (int i = 8; i < 16; i++) {
            a.observe(null, gs[i]);
            b.observe(null, gs[i]);
            a.estimate(null, ea);
            b.estimate(null, eb);
            assertThat(eb).containsExactly(ea);
        }
    }

    // ---------------------------------------------------------------- running max

    @Test
    void runningMaxBeforeAnySampleIsZeroNotNaN() {
        var torch = new RunningMaxEstimator(EmaEstimator.diagonal(2, 0.9), RunningMaxEstimator.Variant.TORCH);
        double[] out = nanFilled(2);
        torch.estimate(null, out);
        assertThat(out).containsExactly(0.0, 0.0);
        assertThat(torch.dim()).isEqualTo(2);
        assertThat(torch.shape()).isEqualTo(Shape.DIAGONAL);
    }

    @Test
    void runningMaxForwardsCountsClampsAndSampleNeedsOfItsInner() {
        var cov = new TwoSampleCovariance(new EmaEstimator(1, Shape.DIAGONAL, CLAMPING, false, null));
        var r = new RunningMaxEstimator(cov, RunningMaxEstimator.Variant.OPTAX);
        assertThat(r.samplesPerUpdate()).isEqualTo(2);
        for (double g : new double[] {1, 3, 2, 2, 5, 1}) r.observe(null, new double[] {g});
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.betaClamps()).isEqualTo(2);
        // inner pairs: (1−3)²/2 = 2 at t = 1 (β = 0), (2−2)²/2 = 0 at t = 2 (β = 0), (5−1)²/2 = 8 at t = 3
        double b3 = CLAMPING.beta(3);
        double[] out = new double[1];
        r.estimate(null, out);
        assertThat(out[0]).isCloseTo(Math.max(2.0, (1 - b3) * 8.0), within(1e-12));
    }

    @Test
    void runningMaxRoundTripKeepsTheInnerScheduleBookkeeping() {
        double[][] gs = EmaEstimatorTest.samples(22, 20, 2);
        var a = new RunningMaxEstimator(new EmaEstimator(2, Shape.DIAGONAL, CLAMPING, true, null), RunningMaxEstimator.Variant.OPTAX);
        for (int i = 0; i < 6; i++) a.observe(null, gs[i]);
        var b = new RunningMaxEstimator(new EmaEstimator(2, Shape.DIAGONAL, CLAMPING, true, null), RunningMaxEstimator.Variant.OPTAX);
        b.restore(a.state());
        assertThat(b.count()).isEqualTo(6);
        assertThat(b.betaClamps()).isEqualTo(a.betaClamps()).isEqualTo(2);
        double[] ea = new double[2], eb = new double[2];
        for (int i = 6; i < 20; i++) {
            a.observe(null, gs[i]);
            b.observe(null, gs[i]);
            a.estimate(null, ea);
            b.estimate(null, eb);
            assertThat(eb).containsExactly(ea);
        }
    }
}
