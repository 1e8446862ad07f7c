package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.theory.staib.EstimationBounds.Constants;

class EstimationBoundsTest {

    /** Direct sums over t = 1..T of w_t = β^{T−t}(1−β)/(1−β^T), in long double-free compensated form. */
    private static double[] direct(double beta, int t) {
        double[] w = new double[t];
        double sum = 0;
        for (int i = 1; i <= t; i++) {
            w[i - 1] = Math.pow(beta, t - i);
            sum += w[i - 1];
        }
        double s1 = 0, s2 = 0, lag = 0;
        for (int i = 1; i <= t; i++) {
            double wi = w[i - 1] / sum;
            s1 += wi;
            s2 += wi * wi;
            lag += wi * (t - i);
        }
        return new double[] {s1, s2, lag, w[t - 1] / sum};
    }

    @TestFactory
    List<DynamicTest> weightSumsMatchDirectSummation() {
        List<DynamicTest> out = new ArrayList<>();
        long seed = 41;
        UniformRandomProvider rng = Seeds.rng(seed);
        List<double[]> cases = new ArrayList<>();
        for (double beta : new double[] {0, 0.1, 0.5, 0.9, 0.99, 0.999, 0.99999}) for (int t : new int[] {1, 2, 3, 10, 47, 216, 1000, 4642}) cases.add(new double[] {beta, t});
        for (int i = 0; i < 200; i++) cases.add(new double[] {1 - Math.pow(10, -6 * rng.nextDouble()), 1 + rng.nextInt(20000)});
        for (double[] c : cases) {
            double beta = c[0];
            int t = (int) c[1];
            out.add(DynamicTest.dynamicTest("beta=" + beta + " T=" + t + " (seed " + seed + ")", () -> {
                double[] d = direct(beta, t);
                assertThat(d[0]).isCloseTo(1, within(1e-12));
                assertThat(EstimationBounds.sumSquares(beta, t)).as("sum w^2").isCloseTo(d[1], within(1e-12 * d[1]));
                assertThat(EstimationBounds.lastWeight(beta, t)).as("w_T").isCloseTo(d[3], within(1e-12 * d[3]));
                assertThat(EstimationBounds.weight(beta, t, t)).as("weight(T)").isCloseTo(d[3], within(1e-12 * d[3]));
                double tol = 1e-11 * Math.max(1, d[2]);
                assertThat(EstimationBounds.lagSum(beta, t)).as("sum w (T-t)").isCloseTo(d[2], within(tol));
            }));
        }
        return out;
    }

    @Test
    void weightsSumToOneAndDecreaseWithAge() {
        double s = 0;
        for (int t = 1; t <= 300; t++) s += EstimationBounds.weight(0.97, t, 300);
        assertThat(s).isCloseTo(1, within(1e-13));
        assertThat(EstimationBounds.weight(0.97, 1, 300)).isLessThan(EstimationBounds.weight(0.97, 300, 300));
        assertThat(EstimationBounds.weight(0, 3, 3)).isEqualTo(1);
        assertThat(EstimationBounds.weight(0, 2, 3)).isEqualTo(0);
    }

    @Test
    void closedFormAndDirectLagSumAgreeAtTheSwitch() {
        // T(1-beta) just above and below 1e-3: both branches must agree
        double beta = 1 - 1e-7;
        long below = 9_999, above = 10_001;
        assertThat(EstimationBounds.lagSum(beta, below)).isCloseTo(EstimationBounds.directLagSum(beta, below), within(1e-9));
        double closed = beta / (1 - beta) - above * EstimationBounds.betaPower(beta, above) / EstimationBounds.oneMinusBetaPower(beta, above);
        assertThat(closed).isCloseTo(EstimationBounds.directLagSum(beta, above), within(1e-6 * (above - 1) / 2.0));
        // small T(1-beta): lag ~ (T-1)/2
        assertThat(EstimationBounds.lagSum(beta, 101)).isCloseTo(50, within(1e-3));
    }

    @Test
    void largeTLimits() {
        double beta = 0.99;
        long t = 100_000;
        assertThat(EstimationBounds.sumSquares(beta, t)).isCloseTo((1 - beta) / (1 + beta), within(1e-15));
        assertThat(EstimationBounds.lagSum(beta, t)).isCloseTo(beta / (1 - beta), within(1e-9));
        assertThat(EstimationBounds.lastWeight(beta, t)).isCloseTo(1 - beta, within(1e-15));
    }

    @Test
    void bRefIsTheSumOfItsExplicitTerms() {
        Constants c = new Constants(3, 1, 1, 1, 1);
        double eta = 1e-3, beta = 0.99;
        long t = EstimationBounds.horizon(beta);
        assertThat(t).isEqualTo(1000);
        double l = Math.log(2 * 3 / 0.05);
        double v = EstimationBounds.sumSquares(beta, t);
        double expect = Math.sqrt(2 * v * l) + 2.0 / 3 * EstimationBounds.lastWeight(beta, t) * l + eta * EstimationBounds.lagSum(beta, t);
        assertThat(EstimationBounds.bRef(c, eta, beta, t, 0.05)).isCloseTo(expect, within(1e-15));
        EstimationBounds.Parts p = EstimationBounds.parts(c, eta, beta, t, 0.05);
        assertThat(p.total()).isCloseTo(expect, within(1e-15));
        assertThat(p.bias()).isCloseTo(eta * (beta / (1 - beta) - 1000 * Math.pow(beta, 1000) / (1 - Math.pow(beta, 1000))), within(1e-14));
        assertThat(EstimationBounds.bernsteinBound(c, eta, beta, t, 0.05)).isLessThanOrEqualTo(expect);
        // the threshold s solves s^2/2 = l (v + R_w s/3)
        double s = EstimationBounds.bernsteinBound(c, eta, beta, t, 0.05) - p.bias();
        assertThat(s * s / 2).isCloseTo(l * (v + EstimationBounds.lastWeight(beta, t) * s / 3), within(1e-12));
        assertThat(EstimationBounds.logFactor(3, 0.05)).isCloseTo(l, within(1e-15));
    }

    @Test
    void optimalOneMinusBetaMinimisesTheTwoTermForm() {
        double a = 1.7, b = 0.03;
        double s = EstimationBounds.optimalOneMinusBeta(a, b);
        double f = a * Math.sqrt(s) + b / s;
        for (double r : new double[] {0.9, 0.99, 1.01, 1.1}) assertThat(a * Math.sqrt(s * r) + b / (s * r)).isGreaterThan(f);
        // C* is the eta-free constant of the small-eta optimum of the stationary B_ref without the range term
        Constants c = new Constants(3, 2, 0.5, 0, 1.3);
        for (double eta : new double[] {1e-6, 1e-8}) {
            double om = EstimationBounds.argminStationaryBRef(c, eta, 0.05);
            assertThat(om / Math.pow(eta, 2.0 / 3)).isCloseTo(EstimationBounds.optimalC(c, 0.05), within(0.01 * EstimationBounds.optimalC(c, 0.05)));
        }
    }

    @Test
    void windowBoundIsTheWorstUnionBoundTerm() {
        Constants c = new Constants(2, 1, 1, 1, 1);
        double eta = 1e-2, beta = 0.95;
        double w = EstimationBounds.windowBound(c, eta, beta, 20, 60, 0.05);
        double max = 0;
        for (long t = 21; t <= 80; t++) max = Math.max(max, EstimationBounds.bRef(c, eta, beta, t, 0.05 / 60));
        assertThat(w).isEqualTo(max);
        assertThat(w).isGreaterThan(EstimationBounds.bRef(c, eta, beta, 80, 0.05));
        assertThat(EstimationBounds.invSqrtWindowBound(0.1, 0.5, 1)).isCloseTo(0.5 * Math.pow(1.0, -1.5) * 0.1, within(1e-15));
        assertThat(EstimationBounds.invSqrtWindowBound(0.6, 0.5, 1)).isNaN();
        assertThat(EstimationBounds.invSqrtLipschitz(4)).isCloseTo(1.0 / 16, within(1e-16));
    }

    @Test
    void rejectsBeta() {
        assertThatThrownBy(() -> EstimationBounds.sumSquares(1, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> EstimationBounds.lagSum(-0.1, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> EstimationBounds.horizon(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
    }

    @Test
    void rejectsHorizon() {
        assertThatThrownBy(() -> EstimationBounds.lastWeight(0.9, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T");
        assertThatThrownBy(() -> EstimationBounds.weight(0.9, 11, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t = 11");
    }

    @Test
    void rejectsDeltaAndDimension() {
        Constants c = new Constants(2, 1, 1, 1, 1);
        assertThatThrownBy(() -> EstimationBounds.bRef(c, 0.1, 0.9, 10, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta");
        assertThatThrownBy(() -> EstimationBounds.logFactor(0, 0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d");
    }

    @Test
    void rejectsNegativeConstants() {
        assertThatThrownBy(() -> new Constants(2, -1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lipschitz");
        assertThatThrownBy(() -> new Constants(2, 1, 1, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r");
        assertThatThrownBy(() -> new Constants(2, 1, 1, 1, -2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
    }

    @Test
    void rejectsNonPositiveScalesOfTheOptimaAndLemma() {
        assertThatThrownBy(() -> EstimationBounds.optimalOneMinusBeta(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
        assertThatThrownBy(() -> EstimationBounds.invSqrtLipschitz(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
        assertThatThrownBy(() -> EstimationBounds.invSqrtWindowBound(0.1, -1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> EstimationBounds.windowBound(new Constants(2, 1, 1, 1, 1), 0.1, 0.9, 0, 0, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }
}
