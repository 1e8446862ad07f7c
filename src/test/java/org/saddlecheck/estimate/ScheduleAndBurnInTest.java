package org.saddlecheck.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.optim.Stubs;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;

/** β schedules (values, clamping, descriptions), EMA bookkeeping, the burn-in length and run, and the Y(g) kernels. */
class ScheduleAndBurnInTest {

    // ---------------------------------------------------------------- beta schedules

    @Test
    void constantScheduleNeverClamps() {
        BetaSchedule b = BetaSchedule.constant(0.9);
        assertThat(b.beta(1)).isEqualTo(0.9);
        assertThat(b.beta(1_000_000)).isEqualTo(0.9);
        assertThat(b.clamped(1)).isFalse();
        assertThat(b.describe()).isEqualTo("constant(beta=0.9)");
        assertThatThrownBy(() -> BetaSchedule.constant(1.0)).hasMessageContaining("beta = 1.0");
    }

    @Test
    void betaFromEtaIsOneMinusCEtaToTheTwoThirds() {
        // 0.008^(2/3) = 0.04
        assertThat(BetaSchedule.fromEta(0.008, 2.0)).isCloseTo(0.92, within(1e-12));
        assertThat(BetaSchedule.fromEta(1.0, 2.0)).isEqualTo(0.0); // 1 − 2 < 0: clamped at 0
        assertThatThrownBy(() -> BetaSchedule.fromEta(0.0, 1.0)).hasMessageContaining("eta = 0.0");
        assertThatThrownBy(() -> BetaSchedule.fromEta(0.1, -1.0)).hasMessageContaining("C = -1.0");
    }

    @Test
    void betaFromStepsFollowsTheStepsizeAndReportsClamping() {
        BetaSchedule b = BetaSchedule.fromSteps(StepSchedule.constant(0.008), 2.0);
        assertThat(b.beta(5)).isCloseTo(0.92, within(1e-12));
        assertThat(b.clamped(5)).isFalse();
        assertThat(b.describe()).isEqualTo("1 - 2.0*eta_t^(2/3) with eta_t = constant(eta=0.008)");
        // η_t = 1.5/√t: C η_t^(2/3) = 1.31, 1.04, 0.91 at t = 1, 2, 3
        BetaSchedule s = BetaSchedule.fromSteps(StepSchedule.inverseSqrt(1.5), 1.0);
        assertThat(s.beta(1)).isEqualTo(0.0);
        assertThat(s.clamped(1)).isTrue();
        assertThat(s.clamped(2)).isTrue();
        assertThat(s.clamped(3)).isFalse();
        assertThat(s.beta(3)).isCloseTo(1 - Math.pow(1.5 / Math.sqrt(3), 2.0 / 3.0), within(1e-15));
        assertThat(s.describe()).endsWith("inverseSqrt(eta0=1.5)");
        // exactly C η^(2/3) = 1 gives β = 0, which counts as clamped (CLAIMS.md §8.14: clamped where C η^(2/3) >= 1)
        BetaSchedule edge = BetaSchedule.fromSteps(StepSchedule.constant(1.0), 1.0);
        assertThat(edge.beta(1)).isEqualTo(0.0);
        assertThat(edge.clamped(1)).isTrue();
    }

    // ---------------------------------------------------------------- EMA bookkeeping

    @Test
    void emaWithAClampedZeroBetaKeepsOnlyTheLastSample() {
        var e = new EmaEstimator(1, Shape.DIAGONAL, BetaSchedule.fromSteps(StepSchedule.constant(1.5), 1.0), false, null);
        e.observe(null, new double[] {3});
        e.observe(null, new double[] {2}); // β = 0 is a valid β: the estimate is Y = 4
        double[] out = new double[1];
        e.estimate(null, out);
        assertThat(out[0]).isEqualTo(4.0);
        assertThat(e.betaClamps()).isEqualTo(2);
    }

    @Test
    void emaRefusesAScheduleThatReachesBetaOne() {
        BetaSchedule frozen = new BetaSchedule() { // β = 1 would freeze the estimate forever
            @Override
            public double beta(long t) {
                return 1.0;
            }

            @Override
            public String describe() {
                return "frozen";
            }
        };
        var e = new EmaEstimator(1, Shape.DIAGONAL, frozen, false, null);
        assertThatThrownBy(() -> e.observe(null, new double[] {1})).hasMessageContaining("beta_t = 1.0 at t = 1")
                .hasMessageContaining("frozen");
        assertThat(e.count()).isZero();
    }

    @Test
    void nextBetaIsTheBetaOfTheComingSample() {
        assertThat(EmaEstimator.full(2, 0.95).nextBeta()).isEqualTo(0.95);
        BetaSchedule s = BetaSchedule.fromSteps(StepSchedule.inverseSqrt(0.01), 1.0);
        var e = new EmaEstimator(1, Shape.DIAGONAL, s, true, null);
        assertThat(e.nextBeta()).isEqualTo(s.beta(1));
        e.observe(null, new double[] {1});
        e.observe(null, new double[] {1});
        assertThat(e.nextBeta()).isEqualTo(s.beta(3)).isNotEqualTo(s.beta(1));
        assertThat(e.count()).isEqualTo(2); // nextBeta does not consume anything
    }

    @Test
    void emaDescriptions() {
        assertThat(EmaEstimator.full(2, 0.99).describe()).isEqualTo("ema-full(beta=0.99, biasCorrected=false)");
        assertThat(new EmaEstimator(2, Shape.DIAGONAL, 0.9, true, null).describe())
                .isEqualTo("ema-diag(beta=0.9, biasCorrected=true)");
        assertThat(new EmaEstimator(2, Shape.DIAGONAL, 0.9, false, new double[] {1, 0}).describe())
                .isEqualTo("ema-diag(beta=0.9, biasCorrected=false, initial=nonzero)");
        assertThat(EmaEstimator.diagonal(2, 0.5).state().kind()).isEqualTo("ema-diag");
    }

    // ---------------------------------------------------------------- burn-in

    @Test
    void burnInLengthSnapsOnlyWithinOneBillionthOfAnInteger() {
        // c·η^(−2/3) = 10.000000001 · 100 = 1000.0000001: rounding-size excess, taken as 1000
        assertThat(BurnIn.length(1e-3, 10.000000001)).isEqualTo(1000);
        // 10.00001 · 100 = 1000.001: a real excess, rounded up
        assertThat(BurnIn.length(1e-3, 10.00001)).isEqualTo(1001);
        assertThat(BurnIn.length(1e-3, 2.5)).isEqualTo(250);
        assertThat(BurnIn.length(1.0, 1e-3)).isEqualTo(1); // at least one update
    }

    @Test
    void burnInLengthMustFitInAnInt() {
        assertThat(BurnIn.length(1.0, 2147483647.0)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> BurnIn.length(1.0, 2147483648.0)).hasMessageContaining("must fit in an int");
    }

    @Test
    void burnInFeedsTheOraclesGradientsIntoTheEstimator() {
        var oracle = new Stubs.Scripted(new double[][] {{1, 0}, {0, 2}, {3, 3}});
        var w = new WindowEstimator(2, Shape.DIAGONAL, 3);
        double[] x0 = {0.5, -0.5};
        assertThat(BurnIn.run(w, oracle, x0, 3, Seeds.rng(1))).isEqualTo(3);
        double[] out = new double[2];
        w.estimate(x0, out);
        assertThat(out[0]).isCloseTo(10.0 / 3, within(1e-15)); // (1 + 0 + 9)/3
        assertThat(out[1]).isCloseTo(13.0 / 3, within(1e-15)); // (0 + 4 + 9)/3
        assertThat(oracle.calls()).isEqualTo(3);
    }

    @Test
    void burnInReportsANonFiniteGradientAsDivergence() {
        var e = EmaEstimator.diagonal(1, 0.5);
        assertThatThrownBy(() -> BurnIn.run(e, new Stubs.NaNAfter(1, 2), new double[] {0}, 5, Seeds.rng(1)))
                .isInstanceOf(DivergenceException.class).hasMessageContaining("burn-in gradient");
        assertThat(e.count()).isEqualTo(2); // the two finite draws were fed, the NaN was not
    }

    // ---------------------------------------------------------------- Y(g) kernels

    @Test
    void writeIsTheOuterProductOrTheSquaresAndAgreesWithAddAndBlend() {
        double[] g = {1, -2, 3};
        double[] full = new double[9];
        Arrays.fill(full, Double.NaN);
        Samples.write(full, g, Shape.FULL, 3);
        assertThat(full).containsExactly(1, -2, 3, -2, 4, -6, 3, -6, 9);
        double[] diag = new double[3];
        Arrays.fill(diag, Double.NaN);
        Samples.write(diag, g, Shape.DIAGONAL, 3);
        assertThat(diag).containsExactly(1, 4, 9);
        double[] added = new double[9];
        Samples.add(added, 1.0, g, Shape.FULL, 3);
        assertThat(added).containsExactly(full);
        double[] blended = new double[9];
        Arrays.fill(blended, 7.0);
        Samples.blend(blended, 0.0, 1.0, g, Shape.FULL, 3);
        assertThat(blended).containsExactly(full);
    }
}
