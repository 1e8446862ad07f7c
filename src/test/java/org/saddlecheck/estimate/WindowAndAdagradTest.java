package org.saddlecheck.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.Mat;

/** Hand-computed window means (eviction, drift control, reset) and Adagrad sums and labels. */
class WindowAndAdagradTest {

    private static double[] est(Estimator e) {
        double[] out = new double[e.shape().length(e.dim())];
        Arrays.fill(out, Double.NaN);
        e.estimate(null, out);
        return out;
    }

    // ---------------------------------------------------------------- window

    @Test
    void windowEvictsTheOldestSampleByHand() {
        var w = new WindowEstimator(1, Shape.DIAGONAL, 3);
        assertThat(w.window()).isEqualTo(3);
        assertThat(w.dim()).isEqualTo(1);
        double[] gs = {1, 2, 3, 4, 5};
        double[] expected = {1.0, 2.5, 14.0 / 3, 29.0 / 3, 50.0 / 3}; // means of the last ≤ 3 squares
        for (int t = 0; t < gs.length; t++) {
            w.observe(null, new double[] {gs[t]});
            assertThat(est(w)[0]).as("t=%d", t + 1).isCloseTo(expected[t], within(1e-12));
            assertThat(w.count()).isEqualTo(t + 1);
        }
    }

    @Test
    void windowFullEstimateIsTheMeanOfOuterProducts() {
        var w = new WindowEstimator(2, Shape.FULL, 2);
        w.observe(null, new double[] {1, 2}); // [[1,2],[2,4]]
        w.observe(null, new double[] {3, -1}); // [[9,-3],[-3,1]]
        assertThat(est(w)).containsExactly(5.0, -0.5, -0.5, 2.5);
        w.observe(null, new double[] {0, 2}); // evicts (1, 2): mean of [[9,-3],[-3,1]] and [[0,0],[0,4]]
        assertThat(est(w)).containsExactly(4.5, -1.5, -1.5, 2.5);
    }

    /**
     * The running sum is recomputed from the buffer every W samples: once a huge sample has left the window,
     * the estimate at the next multiple of W is exact even though add/subtract lost the small samples.
     */
    @Test
    void windowSumIsExactAgainAfterAHugeSampleLeaves() {
        var w = new WindowEstimator(1, Shape.DIAGONAL, 2);
        w.observe(null, new double[] {1.0});
        w.observe(null, new double[] {1e10}); // Y = 1e20 swamps the 1 in the running sum
        w.observe(null, new double[] {1.0});
        w.observe(null, new double[] {1.0}); // t = 4: window = {1, 1}
        assertThat(est(w)[0]).isEqualTo(1.0);
        w.observe(null, new double[] {2.0});
        w.observe(null, new double[] {2.0});
        assertThat(est(w)[0]).isEqualTo(4.0);
    }

    @Test
    void windowEstimateBeforeAnySampleOverwritesTheOutputWithZeros() {
        var w = new WindowEstimator(2, Shape.FULL, 4);
        assertThat(est(w)).containsOnly(0.0);
        w.observe(null, new double[] {1, 1});
        w.reset();
        assertThat(est(w)).containsOnly(0.0);
    }

    @Test
    void windowResetStateEqualsAFreshState() {
        var w = new WindowEstimator(2, Shape.DIAGONAL, 3);
        for (int i = 0; i < 4; i++) w.observe(null, new double[] {i + 1, -i});
        w.reset();
        EstimatorState s = w.state();
        EstimatorState fresh = new WindowEstimator(2, Shape.DIAGONAL, 3).state();
        assertThat(s.kind()).isEqualTo(fresh.kind());
        assertThat(s.count()).isZero();
        assertThat(s.accumulator()).containsExactly(fresh.accumulator());
        assertThat(s.auxiliary()).containsExactly(fresh.auxiliary());
    }

    @Test
    void windowDescriptionsAndKinds() {
        assertThat(new WindowEstimator(2, Shape.FULL, 5).describe()).isEqualTo("window-full(W=5)");
        assertThat(new WindowEstimator(2, Shape.DIAGONAL, 3).describe()).isEqualTo("window-diag(W=3)");
        // d = 1: full and diagonal states have the same lengths, only the kind tells them apart
        var full = new WindowEstimator(1, Shape.FULL, 2);
        var diag = new WindowEstimator(1, Shape.DIAGONAL, 2);
        assertThat(full.state().kind()).isEqualTo("window-full");
        assertThatThrownBy(() -> full.restore(diag.state())).hasMessageContaining("state.kind = window-diag");
    }

    @Test
    void windowTooLargeForOneArrayIsRejectedUpFront() {
        // 2148 × 1000² doubles exceed one Java array
        assertThatThrownBy(() -> new WindowEstimator(1000, Shape.FULL, 2148)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window = 2148 is not allowed");
        assertThatThrownBy(() -> new WindowEstimator(2, Shape.FULL, 0)).hasMessageContaining("window = 0");
    }

    // ---------------------------------------------------------------- adagrad

    @Test
    void adagradSumsSquaresOnTopOfTheInitialValueByHand() {
        var diag = AdagradEstimator.of(2, Shape.DIAGONAL, 0.5);
        assertThat(diag.dim()).isEqualTo(2);
        diag.observe(null, new double[] {1, 2});
        diag.observe(null, new double[] {-3, 0.5});
        assertThat(est(diag)).containsExactly(0.5 + 1 + 9, 0.5 + 4 + 0.25);
        var full = AdagradEstimator.of(2, Shape.FULL, 1.0);
        full.observe(null, new double[] {1, 2});
        full.observe(null, new double[] {3, -1});
        assertThat(est(full)).containsExactly(1 + 1 + 9, 2 - 3, 2 - 3, 1 + 4 + 1);
        full.reset();
        assertThat(est(full)).containsExactly(1, 0, 0, 1);
        assertThat(full.count()).isZero();
    }

    @Test
    void adagradDescribesItsInitialAccumulator() {
        assertThat(AdagradEstimator.of(2, Shape.FULL, 0.1).describe()).isEqualTo("adagrad-full(initial=0.1)");
        assertThat(AdagradEstimator.of(3, Shape.DIAGONAL, 0.0).describe()).isEqualTo("adagrad-diag(initial=0.0)");
        assertThat(new AdagradEstimator(2, Shape.FULL, null).describe()).isEqualTo("adagrad-full(initial=0.0)");
        assertThat(new AdagradEstimator(2, Shape.DIAGONAL, new double[] {0.1, 0.2}).describe())
                .isEqualTo("adagrad-diag(initial=custom)");
        assertThat(new AdagradEstimator(2, Shape.FULL, new double[] {0.1, 0.05, 0.05, 0.1}).describe())
                .isEqualTo("adagrad-full(initial=custom)"); // off-diagonal: not v·I
        assertThat(new AdagradEstimator(2, Shape.FULL, new double[] {0.1, 0, 0, 0.2}).describe())
                .isEqualTo("adagrad-full(initial=custom)"); // unequal diagonal
        assertThat(AdagradEstimator.of(2, Shape.DIAGONAL, 1.0).state().kind()).isEqualTo("adagrad-diag");
    }

    @Test
    void adagradInitialMatrixIsStoredExactlySymmetric() {
        // asymmetric by 1e-12 (relative): accepted as rounding, stored symmetrised
        var a = new AdagradEstimator(2, Shape.FULL, new double[] {1, 0.5, 0.5 + 1e-12, 1});
        double[] e = est(a);
        assertThat(Mat.asymmetry(e, 2)).isZero();
        assertThat(e[1]).isCloseTo(0.5, within(1e-11));
        a.observe(null, new double[] {1, 1});
        assertThat(Mat.asymmetry(est(a), 2)).isZero();
    }

    @Test
    void restoringAFreshStateIsAReset() {
        var a = AdagradEstimator.of(2, Shape.DIAGONAL, 0.25);
        EstimatorState start = a.state();
        a.observe(null, new double[] {2, 2});
        a.restore(start); // count 0 is a valid state
        assertThat(a.count()).isZero();
        assertThat(est(a)).containsExactly(0.25, 0.25);
        var w = new WindowEstimator(1, Shape.DIAGONAL, 2);
        EstimatorState ws = w.state();
        w.observe(null, new double[] {3});
        w.restore(ws);
        assertThat(est(w)).containsExactly(0.0);
        assertThatThrownBy(() -> a.restore(new EstimatorState("adagrad-diag", -1, new double[2], new double[0])))
                .hasMessageContaining("state.count = -1");
    }
}
