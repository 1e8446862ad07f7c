package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.rng.Seeds;

/** The one-vs-rest model of the Figure 2 loop ({@link Fig2Model#ONE_VS_REST}): loss, analytic gradient, step. */
class OneVsRestRmspropTest {

    private static SoftmaxRmsprop ovr(Dataset d, int batch) {
        return new SoftmaxRmsprop(new SparseDigits(d), batch, 1e-3, 1e-8, Fig2Schedule.constantBeta(0.9), StartUp.ZERO,
                Fig2Model.ONE_VS_REST);
    }

    private static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    /**
     * Hand-computed: 2 examples, 1 feature, K = 2; x = (1, 0.5), labels (0, 1); θ: w_0 = ln 3, w_1 = b_0 = b_1 = 0.
     * z(ex 1) = (ln 3, 0), σ = (3/4, 1/2); z(ex 2) = (ln 3 / 2, 0), σ = (s, 1/2) with s = √3/(1 + √3).
     * Loss = ¼ [ln(4/3) + ln 2 + ln(1 + √3) + ln 2] (mean over the 2 examples of the mean over the 2 classes);
     * gradient of the summed binary losses, ½ Σ_i (σ − y) x: w_0 = ½(−¼ + s/2), w_1 = ½(½ − ¼), b_0 = ½(−¼ + s),
     * b_1 = ½(½ − ½).
     */
    @Test
    void handComputedTinyExample() {
        Dataset d = new Dataset("synthetic test data (hand example)", 2, 1, 2, new double[] {1, 0.5}, new int[] {0, 1});
        SoftmaxRmsprop opt = ovr(d, 2);
        assertThat(opt.model()).isEqualTo(Fig2Model.ONE_VS_REST);
        assertThat(opt.dim()).isEqualTo(4);
        assertThat(opt.fullLoss()).isCloseTo(Math.log(2), offset(1e-15)); // zero init: every binary loss is ln 2
        double[] g = new double[4];
        opt.minibatchGradient(all(2), 0, 2, g);
        // zero init: σ = 1/2; w_0 = ½(−½·1 + ½·0.5), w_1 = −w_0, biases ½(−½ + ½) = 0
        assertThat(g).containsExactly(new double[] {-0.125, 0.125, 0, 0}, offset(1e-16));
        double ln3 = Math.log(3), r3 = Math.sqrt(3), s = r3 / (1 + r3);
        opt.setTheta(new double[] {ln3, 0, 0, 0}); // internal layout: [w_0, w_1, b_0, b_1]
        assertThat(opt.fullLoss()).isCloseTo((Math.log(4.0 / 3) + Math.log(2) + Math.log(1 + r3) + Math.log(2)) / 4, offset(1e-15));
        opt.minibatchGradient(all(2), 0, 2, g);
        assertThat(g[0]).isCloseTo((-0.25 + s / 2) / 2, offset(1e-16));
        assertThat(g[1]).isCloseTo(0.125, offset(1e-16));
        assertThat(g[2]).isCloseTo((-0.25 + s) / 2, offset(1e-16));
        assertThat(g[3]).isCloseTo(0, offset(1e-16));
        // numbers: 0.033493649..., 0.191987298...
        assertThat(g[0]).isCloseTo(0.0334936491, offset(1e-9));
        assertThat(g[2]).isCloseTo(0.1919872981, offset(1e-9));
    }

    /**
     * The analytic gradient against central finite differences of the full-batch loss, on random data and θ: the
     * optimizer's gradient is that of the summed binary losses, K times the gradient of the reported (mean) loss.
     */
    @TestFactory
    List<DynamicTest> gradientMatchesFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int trial = 0; trial < 6; trial++) {
            long seed = Seeds.derive(43, "fig2-ovr-gradient", trial);
            tests.add(DynamicTest.dynamicTest("seed " + seed, () -> {
                UniformRandomProvider rng = Seeds.rng(seed);
                int n = 10 + rng.nextInt(20), p = 3 + rng.nextInt(8), k = 2 + rng.nextInt(9);
                Dataset d = TinyDigits.make(n, p, k, seed);
                SoftmaxRmsprop opt = ovr(d, 5);
                int dim = opt.dim();
                double[] theta = new double[dim];
                for (int i = 0; i < dim; i++) theta[i] = 4 * (rng.nextDouble() - 0.5);
                opt.setTheta(theta);
                double[] g = new double[dim];
                opt.minibatchGradient(all(n), 0, n, g); // all examples once: the gradient of fullLoss
                double h = 1e-5, worst = 0, scale = 0;
                for (int u = 0; u < dim; u++) {
                    double[] tp = theta.clone(), tm = theta.clone();
                    tp[u] += h;
                    tm[u] -= h;
                    opt.setTheta(tp);
                    double lp = opt.fullLoss();
                    opt.setTheta(tm);
                    double lm = opt.fullLoss();
                    double fd = k * (lp - lm) / (2 * h);
                    worst = Math.max(worst, Math.abs(fd - g[u]));
                    scale = Math.max(scale, Math.abs(g[u]));
                }
                assertThat(scale).isGreaterThan(1e-3);
                assertThat(worst / scale).as("seed %d: max |fd - analytic| / max |analytic|", seed).isLessThan(1e-7);
            }));
        }
        return tests;
    }

    /** The minibatch gradient is the mean of single-example gradients, and the class blocks are independent binary problems. */
    @Test
    void minibatchGradientIsTheMeanOfExampleGradientsAndClassesDecouple() {
        Dataset d = TinyDigits.make(30, 7, 4, 8);
        SoftmaxRmsprop opt = ovr(d, 5);
        int dim = opt.dim(), k = 4;
        UniformRandomProvider rng = Seeds.rng(3);
        double[] theta = new double[dim];
        for (int i = 0; i < dim; i++) theta[i] = rng.nextDouble() - 0.5;
        opt.setTheta(theta);
        int[] idx = {3, 17, 3, 29, 0, 11};
        double[] g = new double[dim], one = new double[dim], want = new double[dim];
        opt.minibatchGradient(idx, 1, 4, g);
        for (int b = 1; b < 5; b++) {
            opt.minibatchGradient(idx, b, 1, one);
            for (int u = 0; u < dim; u++) want[u] += one[u] / 4;
        }
        for (int u = 0; u < dim; u++) assertThat(g[u]).isCloseTo(want[u], offset(1e-16));
        // changing class 2's parameters leaves the other classes' gradient blocks unchanged
        double[] t2 = theta.clone();
        for (int j = 0; j <= 7; j++) t2[j * k + 2] += 0.7;
        opt.setTheta(t2);
        double[] g2 = new double[dim];
        opt.minibatchGradient(idx, 1, 4, g2);
        for (int u = 0; u < dim; u++) {
            if (u % k != 2) assertThat(g2[u]).isEqualTo(g[u]);
        }
        assertThat(g2[2]).isNotEqualTo(g[2]);
    }

    @Test
    void sigmoidAndSoftplusAreStable() {
        assertThat(SoftmaxRmsprop.sigmoid(0)).isEqualTo(0.5);
        assertThat(SoftmaxRmsprop.sigmoid(800)).isEqualTo(1.0);
        assertThat(SoftmaxRmsprop.sigmoid(-800)).isEqualTo(0.0);
        assertThat(SoftmaxRmsprop.sigmoid(-30)).isCloseTo(Math.exp(-30), offset(1e-25));
        assertThat(SoftmaxRmsprop.sigmoid(2) + SoftmaxRmsprop.sigmoid(-2)).isCloseTo(1, offset(1e-16));
        assertThat(SoftmaxRmsprop.softplus(0)).isEqualTo(Math.log(2));
        assertThat(SoftmaxRmsprop.softplus(800)).isEqualTo(800);
        assertThat(SoftmaxRmsprop.softplus(-800)).isEqualTo(0);
        assertThat(SoftmaxRmsprop.softplus(-40)).isCloseTo(Math.exp(-40), offset(1e-30));
        assertThat(SoftmaxRmsprop.softplus(3)).isCloseTo(Math.log1p(Math.exp(3)), offset(1e-15));
        // huge logits: a finite loss
        Dataset d = new Dataset("synthetic test data (hand example)", 2, 1, 2, new double[] {1, 0.5}, new int[] {0, 1});
        SoftmaxRmsprop opt = ovr(d, 2);
        opt.setTheta(new double[] {900, -900, 0, 0});
        assertThat(opt.fullLoss()).isCloseTo((0 + 0 + 450 + 450) / 4.0, offset(1e-12)); // ex 2 is wrong by 450 in both classes
    }

    @Test
    void trainingLowersTheLossAndStepAllocatesNothing() {
        Dataset d = TinyDigits.make(200, 50, 10, 5);
        SoftmaxRmsprop opt = new SoftmaxRmsprop(new SparseDigits(d), 20, 1e-3, 1e-8, Fig2Schedule.decreasing(0.3), StartUp.ZERO,
                Fig2Model.ONE_VS_REST);
        int[] idx = all(200);
        double start = opt.fullLoss();
        assertThat(start).isCloseTo(Math.log(2), offset(1e-13)); // summed over 200 examples
        for (int i = 0; i < 2000; i++) opt.step(idx, (i % 10) * 20); // warm up
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1000; i++) opt.step(idx, (i % 10) * 20);
        double loss = opt.fullLoss();
        long after = mx.getThreadAllocatedBytes(tid);
        assertThat(after - before).as("bytes allocated by 1000 steps + a loss").isLessThan(1024);
        assertThat(loss).isLessThan(start);
    }

    /** Same data, same minibatches: the two models take different iterates, and softmax stays the default. */
    @Test
    void modelsDifferAndSoftmaxIsTheDefault() {
        SparseDigits d = new SparseDigits(TinyDigits.make(40, 9, 4, 2));
        Fig2Schedule s = Fig2Schedule.constantBeta(0.9);
        SoftmaxRmsprop def = new SoftmaxRmsprop(d, 8, 0.05, 1e-8, s);
        SoftmaxRmsprop soft = new SoftmaxRmsprop(d, 8, 0.05, 1e-8, s, StartUp.ZERO, Fig2Model.SOFTMAX);
        SoftmaxRmsprop o = new SoftmaxRmsprop(d, 8, 0.05, 1e-8, s, StartUp.ZERO, Fig2Model.ONE_VS_REST);
        assertThat(def.model()).isEqualTo(Fig2Model.SOFTMAX);
        int[] idx = all(40);
        for (int i = 0; i < 20; i++) {
            def.step(idx, (i % 5) * 8);
            soft.step(idx, (i % 5) * 8);
            o.step(idx, (i % 5) * 8);
        }
        assertThat(soft.theta()).containsExactly(def.theta());
        assertThat(o.theta()).isNotEqualTo(soft.theta());
        assertThat(def.fullLoss()).isLessThan(Math.log(4));
        assertThat(o.fullLoss()).isLessThan(Math.log(2));
        assertThatThrownBy(() -> new SoftmaxRmsprop(d, 8, 0.05, 1e-8, s, StartUp.ZERO, null)).hasMessageContaining("model");
    }

    @Test
    void parsesModelNames() {
        assertThat(Fig2Model.parse("softmax")).isEqualTo(Fig2Model.SOFTMAX);
        assertThat(Fig2Model.parse("one-vs-rest")).isEqualTo(Fig2Model.ONE_VS_REST);
        assertThat(Fig2Model.parse("ONE_VS_REST")).isEqualTo(Fig2Model.ONE_VS_REST);
        assertThat(Fig2Model.parse(" Softmax ")).isEqualTo(Fig2Model.SOFTMAX);
        assertThat(Fig2Model.ONE_VS_REST.cliName()).isEqualTo("one-vs-rest");
        assertThatThrownBy(() -> Fig2Model.parse("ovr")).hasMessageContaining("model = ovr").hasMessageContaining("one-vs-rest");
        assertThatThrownBy(() -> Fig2Model.parse(null)).hasMessageContaining("model = null");
    }
}
