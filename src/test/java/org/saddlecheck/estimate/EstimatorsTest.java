package org.saddlecheck.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Stubs;
import org.saddlecheck.problem.SecondMoments;
import org.saddlecheck.rng.Seeds;

/** Window, Adagrad, two-sample covariance, exact oracle, running max, burn-in. */
class EstimatorsTest {

    @Test
    void windowIsTheMeanOfTheLastWSamples() {
        int d = 2, w = 7;
        double[][] gs = EmaEstimatorTest.samples(4, 1000, d);
        var full = new WindowEstimator(d, Shape.FULL, w);
        var diag = new WindowEstimator(d, Shape.DIAGONAL, w);
        double[] ef = new double[4], ed = new double[2];
        full.estimate(null, ef);
        assertThat(ef).containsOnly(0.0);
        for (int t = 1; t <= gs.length; t++) {
            full.observe(null, gs[t - 1]);
            diag.observe(null, gs[t - 1]);
            int n = Math.min(t, w);
            double[] mf = new double[4], md = new double[2];
            for (int i = t - n; i < t; i++) {
                EmaEstimatorTest.addY(mf, 1.0 / n, gs[i], Shape.FULL, d);
                EmaEstimatorTest.addY(md, 1.0 / n, gs[i], Shape.DIAGONAL, d);
            }
            full.estimate(null, ef);
            diag.estimate(null, ed);
            assertThat(Stubs.relErr(ef, mf)).as("t=%d", t).isLessThan(1e-12);
            assertThat(Stubs.relErr(ed, md)).as("t=%d", t).isLessThan(1e-12);
            assertThat(Mat.asymmetry(ef, d)).isZero();
        }
    }

    @Test
    void adagradIsInitialPlusSum() {
        double[][] gs = EmaEstimatorTest.samples(5, 20, 3);
        var full = AdagradEstimator.of(3, Shape.FULL, 0.1);
        var diag = AdagradEstimator.of(3, Shape.DIAGONAL, 0.1);
        double[] sf = Mat.identity(3);
        Mat.symmetrize(sf, 3);
        for (int i = 0; i < 9; i++) sf[i] *= 0.1;
        double[] sd = {0.1, 0.1, 0.1};
        for (double[] g : gs) {
            full.observe(null, g);
            diag.observe(null, g);
            EmaEstimatorTest.addY(sf, 1, g, Shape.FULL, 3);
            EmaEstimatorTest.addY(sd, 1, g, Shape.DIAGONAL, 3);
        }
        double[] ef = new double[9], ed = new double[3];
        full.estimate(null, ef);
        diag.estimate(null, ed);
        assertThat(Stubs.relErr(ef, sf)).isLessThan(1e-14);
        assertThat(Stubs.relErr(ed, sd)).isLessThan(1e-14);
        assertThat(full.count()).isEqualTo(20);
        assertThatThrownBy(() -> AdagradEstimator.of(3, Shape.FULL, -1)).hasMessageContaining("initialValue = -1.0");
    }

    /** STAIB-S5.3 / CLAIMS.md I4: E[(g1 − g2)(g1 − g2)ᵀ/2] = Σ by exact enumeration of a finite oracle. */
    @Test
    void twoSampleYOverTwoIsUnbiasedForSigmaByExactEnumeration() {
        double[][] outcomes = {{1.0, 0.1}, {-1.0, 0.1}, {1.0, -0.1}, {-1.0, -0.1}, {0.5, 2.0}};
        int n = outcomes.length, d = 2;
        double[] mean = new double[d];
        for (double[] o : outcomes) for (int i = 0; i < d; i++) mean[i] += o[i] / n;
        double[] sigma = new double[4];
        for (double[] o : outcomes) {
            double[] c = {o[0] - mean[0], o[1] - mean[1]};
            EmaEstimatorTest.addY(sigma, 1.0 / n, c, Shape.FULL, d);
        }
        // every ordered pair (i, j), i.e. the exact expectation over two independent uniform draws
        var est = new TwoSampleCovariance(new WindowEstimator(d, Shape.FULL, n * n));
        var raw = new WindowEstimator(d, Shape.FULL, n * n);
        double[] x = {0.0, 0.0};
        for (double[] a : outcomes) {
            for (double[] b : outcomes) {
                est.observe(x, a);
                assertThat(est.pending()).isTrue();
                est.observe(x, b);
                assertThat(est.pending()).isFalse();
                raw.observe(x, new double[] {a[0] - b[0], a[1] - b[1]});
            }
        }
        assertThat(est.count()).isEqualTo((long) n * n);
        double[] e = new double[4], y = new double[4];
        est.estimate(x, e);
        assertThat(Stubs.relErr(e, sigma)).isLessThan(1e-14);
        raw.estimate(x, y); // E[Y] = 2Σ, not Σ (the paper's factor)
        double[] twoSigma = {2 * sigma[0], 2 * sigma[1], 2 * sigma[2], 2 * sigma[3]};
        assertThat(Stubs.relErr(y, twoSigma)).isLessThan(1e-14);
    }

    @Test
    void twoSampleChecksThatBothDrawsShareX() {
        var est = TwoSampleCovariance.ema(2, Shape.FULL, 0.9, false);
        est.observe(new double[] {0, 0}, new double[] {1, 1});
        assertThatThrownBy(() -> est.observe(new double[] {0, 1e-300}, new double[] {1, 1}))
                .hasMessageContaining("same x");
        assertThat(est.samplesPerUpdate()).isEqualTo(2);
        assertThatThrownBy(() -> new TwoSampleCovariance(est)).hasMessageContaining("inner");
    }

    @Test
    void exactEstimatorReportsTrueMoments() {
        double[] b = {1.0, 0.3, 0.0, -0.2, 0.5, 0.1, 0.0, 0.4, 0.2};
        var q = new Stubs.CorrelatedQuadratic(new double[] {1, -0.1, 0.5}, b);
        double[] x = {0.3, -0.2, 0.7};
        double[] g = new double[9], grad = new double[3];
        q.secondMoment(x, g);
        q.gradient(x, grad);
        double[] sigma = g.clone();
        Mat.addOuter(sigma, -1, grad);
        double[] out = new double[9], outd = new double[3];
        ExactEstimator.secondMoment(q).estimate(x, out);
        assertThat(out).containsExactly(g);
        ExactEstimator.covariance(q).estimate(x, out);
        assertThat(Stubs.relErr(out, sigma)).isLessThan(1e-15);
        assertThat(Mat.asymmetry(out, 3)).isZero();
        new ExactEstimator(q, ExactEstimator.Moment.SECOND_MOMENT, Shape.DIAGONAL).estimate(x, outd);
        assertThat(outd).containsExactly(g[0], g[4], g[8]);
        var e = ExactEstimator.secondMoment(q);
        assertThat(e.usesSamples()).isFalse();
        e.observe(x, grad);
        assertThat(e.count()).isEqualTo(1);
    }

    @Test
    void exactEstimatorUsesAnOverriddenCovariance() {
        SecondMoments m = new SecondMoments() {
            public int dim() {
                return 1;
            }

            public void secondMoment(double[] x, double[] out) {
                out[0] = 5;
            }

            public void covariance(double[] x, double[] out) {
                out[0] = 2;
            }
        };
        double[] out = new double[1];
        ExactEstimator.covariance(m).estimate(new double[] {0}, out);
        assertThat(out[0]).isEqualTo(2.0);
        SecondMoments noGradient = new SecondMoments() {
            public int dim() {
                return 1;
            }

            public void secondMoment(double[] x, double[] out) {
                out[0] = 5;
            }
        };
        assertThatThrownBy(() -> ExactEstimator.covariance(noGradient)).hasMessageContaining("needs the gradient");
    }

    @Test
    void runningMaxVariants() {
        double[][] gs = {{3.0}, {0.1}, {0.2}};
        var torch = new RunningMaxEstimator(EmaEstimator.diagonal(1, 0.5), RunningMaxEstimator.Variant.TORCH);
        var optax = new RunningMaxEstimator(new EmaEstimator(1, Shape.DIAGONAL, 0.5, true, null), RunningMaxEstimator.Variant.OPTAX);
        double v = 0, vmaxRaw = 0, vmaxHat = 0;
        double[] o = new double[1];
        for (int t = 1; t <= 3; t++) {
            torch.observe(null, gs[t - 1]);
            optax.observe(null, gs[t - 1]);
            v = 0.5 * v + 0.5 * gs[t - 1][0] * gs[t - 1][0];
            vmaxRaw = Math.max(vmaxRaw, v);
            vmaxHat = Math.max(vmaxHat, v / (1 - Math.pow(0.5, t)));
            torch.estimate(null, o);
            assertThat(o[0]).isCloseTo(vmaxRaw / (1 - Math.pow(0.5, t)), org.assertj.core.api.Assertions.within(1e-14));
            optax.estimate(null, o);
            assertThat(o[0]).isCloseTo(vmaxHat, org.assertj.core.api.Assertions.within(1e-14));
        }
        assertThatThrownBy(() -> new RunningMaxEstimator(EmaEstimator.full(2, 0.5), RunningMaxEstimator.Variant.OPTAX))
                .hasMessageContaining("DIAGONAL");
        assertThatThrownBy(() -> new RunningMaxEstimator(new EmaEstimator(1, Shape.DIAGONAL, 0.5, true, null),
                RunningMaxEstimator.Variant.TORCH)).hasMessageContaining("without bias correction");
    }

    @Test
    void burnInFeedsWUpdatesAtX0() {
        var oracle = new Stubs.Scripted(new double[][] {{1, 0}, {0, 2}, {3, 3}});
        var e = EmaEstimator.full(2, 0.5);
        double[] x0 = {0.5, 0.5};
        long calls = BurnIn.run(e, oracle, x0, 3, Seeds.rng(1));
        assertThat(calls).isEqualTo(3);
        assertThat(e.count()).isEqualTo(3);
        assertThat(oracle.drawnAt).allSatisfy(p -> assertThat(p).containsExactly(x0));
        var cov = TwoSampleCovariance.ema(2, Shape.FULL, 0.5, false);
        assertThat(BurnIn.run(cov, oracle, x0, 3, Seeds.rng(1))).isEqualTo(6);
        assertThat(cov.count()).isEqualTo(3);
        assertThat(BurnIn.length(0.001)).isEqualTo(100);
        assertThat(BurnIn.length(1e-4)).isEqualTo(465); // ceil(10^(8/3)) = ceil(464.16)
        assertThatThrownBy(() -> BurnIn.run(e, oracle, x0, -1, Seeds.rng(1))).hasMessageContaining("w = -1");
        assertThatThrownBy(() -> BurnIn.length(0)).hasMessageContaining("eta = 0.0");
        assertThatThrownBy(() -> BurnIn.run(e, new Stubs.Scripted(new double[][] {{1, 2, 3}}), x0, 1, Seeds.rng(1)))
                .hasMessageContaining("oracle has dimension 3");
    }

    /** Every estimator: state() → restore() into a fresh instance continues identically; reset() returns to the start. */
    @TestFactory
    Stream<DynamicTest> stateRoundTripAndReset() {
        List<Supplier<Estimator>> makers = List.of(
                () -> EmaEstimator.full(3, 0.9),
                () -> new EmaEstimator(3, Shape.DIAGONAL, 0.9, true, null),
                () -> new WindowEstimator(3, Shape.FULL, 5),
                () -> new WindowEstimator(3, Shape.DIAGONAL, 4),
                () -> AdagradEstimator.of(3, Shape.FULL, 0.1),
                () -> AdagradEstimator.of(3, Shape.DIAGONAL, 0.0),
                () -> TwoSampleCovariance.ema(3, Shape.FULL, 0.8, true),
                () -> new TwoSampleCovariance(new WindowEstimator(3, Shape.DIAGONAL, 3)),
                () -> new RunningMaxEstimator(EmaEstimator.diagonal(3, 0.7), RunningMaxEstimator.Variant.TORCH),
                () -> new RunningMaxEstimator(new EmaEstimator(3, Shape.DIAGONAL, 0.7, true, null), RunningMaxEstimator.Variant.OPTAX));
        return makers.stream().map(mk -> {
            Estimator probe = mk.get();
            return DynamicTest.dynamicTest(probe.describe(), () -> {
                double[][] gs = EmaEstimatorTest.samples(8, 41, 3);
                double[] x = {0, 0, 0};
                Estimator a = mk.get(), b = mk.get();
                for (int i = 0; i < 17; i++) a.observe(x, gs[i]); // odd: a pair is pending for the covariance ones
                b.restore(a.state());
                assertThat(b.count()).isEqualTo(a.count());
                int len = a.shape().length(3);
                double[] ea = new double[len], eb = new double[len];
                for (int i = 17; i < 41; i++) {
                    a.observe(x, gs[i]);
                    b.observe(x, gs[i]);
                    a.estimate(x, ea);
                    b.estimate(x, eb);
                    assertThat(eb).containsExactly(ea);
                }
                Estimator fresh = mk.get();
                a.reset();
                for (int i = 0; i < 5; i++) {
                    a.observe(x, gs[i]);
                    fresh.observe(x, gs[i]);
                }
                a.estimate(x, ea);
                fresh.estimate(x, eb);
                assertThat(ea).containsExactly(eb);
                assertThat(a.count()).isEqualTo(fresh.count());
            });
        });
    }
}
