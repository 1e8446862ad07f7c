package org.saddlecheck.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.optim.Stubs;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/** STAIB-INTRO-ADAGRAD: the EMA recursion equals the closed-form weighted sum; its weights sum to 1 − β^t. */
class EmaEstimatorTest {

    static double[][] samples(long seed, int n, int d) {
        Gaussian g = new Gaussian(Seeds.rng(seed));
        double[][] s = new double[n][d];
        for (double[] v : s) g.fill(v);
        return s;
    }

    @TestFactory
    Stream<DynamicTest> recursionEqualsClosedFormSum() {
        return IntStream.range(0, 8).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            int d = 1 + seed % 4, n = 50 + 20 * seed;
            double beta = new double[] {0.0, 0.5, 0.9, 0.99}[seed % 4];
            double[][] gs = samples(seed, n, d);
            for (Shape shape : Shape.values()) {
                var raw = new EmaEstimator(d, shape, beta, false, null);
                var bc = new EmaEstimator(d, shape, beta, true, null);
                double[] closed = new double[shape.length(d)];
                double wsum = 0;
                for (int t = 1; t <= n; t++) {
                    raw.observe(null, gs[t - 1]);
                    bc.observe(null, gs[t - 1]);
                    java.util.Arrays.fill(closed, 0);
                    wsum = 0;
                    for (int i = 1; i <= t; i++) {
                        double w = (1 - beta) * Math.pow(beta, t - i);
                        wsum += w;
                        addY(closed, w, gs[i - 1], shape, d);
                    }
                    double[] est = new double[closed.length];
                    raw.estimate(null, est);
                    assertThat(Stubs.relErr(est, closed)).as("seed %d %s t=%d", seed, shape, t).isLessThan(1e-12);
                    assertThat(raw.weightSum()).as("seed %d t=%d", seed, t).isCloseTo(1 - Math.pow(beta, t),
                            org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(wsum).isCloseTo(1 - Math.pow(beta, t), org.assertj.core.api.Assertions.within(1e-12));
                    bc.estimate(null, est);
                    for (int i = 0; i < closed.length; i++) closed[i] /= wsum;
                    assertThat(Stubs.relErr(est, closed)).as("bias-corrected seed %d t=%d", seed, t).isLessThan(1e-12);
                    if (shape == Shape.FULL) {
                        raw.estimate(null, est);
                        assertThat(Mat.asymmetry(est, d)).isZero(); // exactly symmetric (CLAIMS.md §8.2)
                    }
                }
            }
        }));
    }

    static void addY(double[] a, double w, double[] g, Shape shape, int d) {
        if (shape == Shape.DIAGONAL) {
            for (int i = 0; i < d; i++) a[i] += w * g[i] * g[i];
        } else {
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) a[i * d + j] += w * g[i] * g[j];
        }
    }

    @Test
    void scheduledBetaWeightsAreProducts() {
        int d = 2, n = 30;
        double[][] gs = samples(11, n, d);
        BetaSchedule sched = BetaSchedule.fromSteps(StepSchedule.inverseSqrt(0.5), 1.0);
        var e = new EmaEstimator(d, Shape.FULL, sched, true, null);
        for (double[] g : gs) e.observe(null, g);
        double[] closed = new double[d * d];
        double prod = 1, wsum = 0;
        for (int i = n; i >= 1; i--) { // w_i = (1 − β_i) Π_{j>i} β_j
            double b = sched.beta(i);
            double w = (1 - b) * prod;
            wsum += w;
            addY(closed, w, gs[i - 1], Shape.FULL, d);
            prod *= b;
        }
        assertThat(wsum).isCloseTo(1 - prod, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(e.weightSum()).isCloseTo(1 - prod, org.assertj.core.api.Assertions.within(1e-14));
        for (int i = 0; i < closed.length; i++) closed[i] /= wsum;
        double[] est = new double[d * d];
        e.estimate(null, est);
        assertThat(Stubs.relErr(est, closed)).isLessThan(1e-12);
        assertThat(e.betaClamps()).isZero();
    }

    @Test
    void initialEstimateDecaysWithBetaToTheT() {
        double[] g0 = {2.0, 0.5, 0.5, 1.0};
        var e = new EmaEstimator(2, Shape.FULL, 0.8, false, g0);
        double[] g = {1.0, -1.0};
        for (int t = 0; t < 3; t++) e.observe(null, g);
        double[] est = new double[4];
        e.estimate(null, est);
        double c = 1 - Math.pow(0.8, 3);
        double p = Math.pow(0.8, 3);
        double[] exp = {p * 2 + c, p * 0.5 - c, p * 0.5 - c, p + c};
        assertThat(Stubs.relErr(est, exp)).isLessThan(1e-14);
        e.reset();
        e.estimate(null, est);
        assertThat(est).containsExactly(g0);
        assertThat(e.count()).isZero();
    }

    @Test
    void beforeAnySampleTheEstimateIsTheInitialValue() {
        var e = new EmaEstimator(3, Shape.DIAGONAL, 0.9, true, null);
        double[] est = {1, 1, 1};
        e.estimate(null, est);
        assertThat(est).containsExactly(0, 0, 0);
        assertThat(e.weightSum()).isZero();
    }

    @Test
    void stateRoundTrip() {
        var sched = BetaSchedule.fromSteps(StepSchedule.inverseSqrt(3.0), 1.0);
        var a = new EmaEstimator(2, Shape.FULL, sched, true, null);
        var b = new EmaEstimator(2, Shape.FULL, sched, true, null);
        double[][] gs = samples(3, 40, 2);
        for (int i = 0; i < 20; i++) a.observe(null, gs[i]);
        b.restore(a.state());
        assertThat(b.count()).isEqualTo(20);
        assertThat(b.betaClamps()).isEqualTo(a.betaClamps()).isPositive();
        for (int i = 20; i < 40; i++) {
            a.observe(null, gs[i]);
            b.observe(null, gs[i]);
        }
        double[] ea = new double[4], eb = new double[4];
        a.estimate(null, ea);
        b.estimate(null, eb);
        assertThat(eb).containsExactly(ea);
        assertThat(b.state().auxiliary()).containsExactly(a.state().auxiliary());
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.FULL, 1.0, false, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta = 1.0");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.FULL, -0.1, false, null)).hasMessageContaining("beta");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.FULL, Double.NaN, false, null)).hasMessageContaining("beta = NaN");
        assertThatThrownBy(() -> new EmaEstimator(0, Shape.FULL, 0.9, false, null)).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.FULL, 0.9, false, new double[] {1, 2, 0, 1}))
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.FULL, 0.9, false, new double[] {1, 2, 2, 1}))
                .hasMessageContaining("eigenvalue");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.DIAGONAL, 0.9, false, new double[] {1, -1}))
                .hasMessageContaining("initial[1] = -1.0");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.DIAGONAL, 0.9, false, new double[] {1, 1, 1}))
                .hasMessageContaining("length 3");
        assertThatThrownBy(() -> new EmaEstimator(2, Shape.DIAGONAL, 0.9, true, new double[] {1, 1}))
                .hasMessageContaining("biasCorrected");
        var e = EmaEstimator.full(2, 0.9);
        assertThatThrownBy(() -> e.observe(null, new double[] {1, 2, 3})).hasMessageContaining("g has length 3");
        assertThatThrownBy(() -> e.observe(null, new double[] {1, Double.NaN})).hasMessageContaining("g[1] = NaN");
        assertThatThrownBy(() -> e.observe(new double[] {1}, new double[] {1, 2})).hasMessageContaining("x has length 1");
        assertThatThrownBy(() -> e.estimate(null, new double[2])).hasMessageContaining("out has length 2");
        assertThatThrownBy(() -> e.restore(EmaEstimator.diagonal(2, 0.9).state())).hasMessageContaining("state.kind");
        BetaSchedule bad = new BetaSchedule() {
            public double beta(long t) {
                return 1.5;
            }

            public String describe() {
                return "bad";
            }
        };
        var s = new EmaEstimator(1, Shape.DIAGONAL, bad, false, null);
        assertThatThrownBy(() -> s.observe(null, new double[] {1})).hasMessageContaining("beta_t = 1.5");
    }
}
