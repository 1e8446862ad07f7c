package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.rng.Seeds;

/** Unbiasedness and exact second moments of every stochastic oracle; determinism, thread safety, no allocation. */
class OracleTest {
    private static final long MASTER = Seeds.DEFAULT_MASTER_SEED;

    /** Rademacher signs exactly as GradientNoise draws them: bit j of the k-th long, set ↦ −1. */
    private static double[] signsFromBits(UniformRandomProvider rng, int d) {
        double[] z = new double[d];
        long bits = 0;
        for (int j = 0; j < d; j++) {
            if ((j & 63) == 0) bits = rng.nextLong();
            z[j] = ((bits >>> (j & 63)) & 1L) == 0 ? 1 : -1;
        }
        return z;
    }

    private static double[] pattern(int index, int d) {
        double[] z = new double[d];
        for (int j = 0; j < d; j++) z[j] = ((index >>> j) & 1) == 0 ? 1 : -1;
        return z;
    }

    // ---- FIG1 finite sum --------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> fig1FiniteSumIsExactlyUnbiasedWithExactSecondMoment() {
        return Stream.of(Fig1Saddle.finiteSum(), Fig1Saddle.finiteSum(new double[] {1, -0.1, 0.5, -0.3}, new double[] {1, 0.1, 0.3, 0.2}))
                .map(f -> dynamicTest(f.name(), () -> {
                    long seed = Seeds.derive(MASTER, "fig1-exact", f.dim());
                    UniformRandomProvider rng = Seeds.rng(seed);
                    int d = f.dim(), n = f.numComponents();
                    assertThat(n).isEqualTo(1 << d);
                    double[] gi = new double[d], g = new double[d], mean = new double[d], second = new double[d * d], exact = new double[d * d];
                    for (int t = 0; t < 20; t++) {
                        double[] x = FixtureCatalog.uniform(rng, d, -1, 1);
                        java.util.Arrays.fill(mean, 0);
                        java.util.Arrays.fill(second, 0);
                        for (int i = 0; i < n; i++) {
                            f.componentGradient(i, x, gi);
                            for (int a = 0; a < d; a++) mean[a] += gi[a] / n;
                            Mat.addOuter(second, 1.0 / n, gi);
                            assertThat(f.componentValue(i, x)).isCloseTo(f.value(x) + dotShift(f, i, x), within(1e-14));
                        }
                        f.gradient(x, g);
                        f.secondMoment(x, exact);
                        for (int a = 0; a < d; a++) assertThat(mean[a]).as("seed %d", seed).isCloseTo(g[a], within(1e-14));
                        for (int a = 0; a < d * d; a++) assertThat(second[a]).as("seed %d", seed).isCloseTo(exact[a], within(1e-13));
                    }
                }));
    }

    private static double dotShift(Fig1Saddle f, int i, double[] x) {
        double[] b = new double[f.dim()];
        f.componentShift(i, b);
        double s = 0;
        for (int j = 0; j < b.length; j++) s += b[j] * x[j];
        return s;
    }

    @Test
    void fig1ShiftsAreTheFourSignPairsWithMeanZeroAndCovarianceDiag() {
        Fig1Saddle f = Fig1Saddle.finiteSum();
        double[] b = new double[2], mean = new double[2], cov = new double[4];
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            f.componentShift(i, b);
            seen.add(b[0] + "," + b[1]);
            mean[0] += b[0] / 4;
            mean[1] += b[1] / 4;
            Mat.addOuter(cov, 0.25, b);
        }
        assertThat(seen).containsExactlyInAnyOrder("1.0,0.1", "-1.0,0.1", "1.0,-0.1", "-1.0,-0.1");
        assertThat(mean).containsExactly(0, 0);
        assertThat(cov[0]).isEqualTo(1.0);
        assertThat(cov[1]).isEqualTo(0.0);
        assertThat(cov[3]).isCloseTo(0.01, within(1e-17));
        double[] sigma = new double[4];
        f.covariance(new double[2], sigma);
        assertThat(sigma[0]).isEqualTo(1.0);
        assertThat(sigma[3]).isCloseTo(0.01, within(1e-17));
    }

    @Test
    void fig1SampleIsTheComponentIndexedByTheFirstLong() {
        Fig1Saddle f = Fig1Saddle.finiteSum(new double[] {1, -0.1, 0.5}, new double[] {1, 0.1, 0.3});
        long seed = Seeds.derive(MASTER, "fig1-replay", 0);
        UniformRandomProvider a = Seeds.rng(seed), b = Seeds.rng(seed);
        double[] x = {0.3, -0.2, 0.7}, g = new double[3], gi = new double[3];
        for (int t = 0; t < 200; t++) {
            f.sample(x, a, g);
            int index = (int) (b.nextLong() & 7);
            f.componentGradient(index, x, gi);
            assertThat(g).as("seed %d, draw %d", seed, t).containsExactly(gi);
        }
    }

    // ---- additive noise: Rademacher (exact) and Gaussian (Monte Carlo) -----------------------------------------

    private static AdditiveNoiseProblem rotatedQuadraticWithNoise(NoiseKind kind, int d, long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        double[] lambda = new double[d];
        for (int i = 0; i < d; i++) lambda[i] = i == 0 ? -1 : 0.5 * i;
        QuadraticSaddle q = QuadraticSaddle.haar(lambda, rng);
        double[] sigma = RandomMatrices.spdWithSpectrum(RandomMatrices.logUniformSpectrum(d, 1e-2, 2, rng), rng);
        return q.withNoise(kind, sigma);
    }

    @Test
    void rademacherFullFactorIsExactlyUnbiasedByEnumeration() {
        int d = 4;
        long seed = Seeds.derive(MASTER, "rademacher-enum", d);
        AdditiveNoiseProblem p = rotatedQuadraticWithNoise(NoiseKind.RADEMACHER, d, seed);
        UniformRandomProvider rng = Seeds.rng(seed + 1);
        double[] g = new double[d], gi = new double[d], mean = new double[d], second = new double[d * d], exact = new double[d * d];
        double[] cov = new double[d * d], sigma = new double[d * d];
        for (int t = 0; t < 10; t++) {
            double[] x = FixtureCatalog.gaussian(rng, d, 1);
            p.gradient(x, g);
            java.util.Arrays.fill(mean, 0);
            java.util.Arrays.fill(second, 0);
            for (int i = 0; i < (1 << d); i++) {
                System.arraycopy(g, 0, gi, 0, d);
                p.noise().addNoise(pattern(i, d), gi);
                for (int a = 0; a < d; a++) mean[a] += gi[a] / (1 << d);
                Mat.addOuter(second, 1.0 / (1 << d), gi);
            }
            p.secondMoment(x, exact);
            p.covariance(x, cov);
            p.noise().covariance(sigma);
            for (int a = 0; a < d; a++) assertThat(mean[a]).as("seed %d", seed).isCloseTo(g[a], within(1e-13));
            for (int a = 0; a < d * d; a++) {
                assertThat(second[a]).as("seed %d", seed).isCloseTo(exact[a], within(1e-12));
                assertThat(cov[a]).isCloseTo(exact[a] - g[a / d] * g[a % d], within(1e-12));
            }
        }
        // the factor is Σ^{1/2}: S Sᵀ reproduces the prescribed Σ
        double[] s = p.noise().factor(), ss = new double[d * d];
        Mat.mul(s, RandomMatrices.transpose(s, d), ss, d);
        for (int a = 0; a < d * d; a++) assertThat(ss[a]).isCloseTo(sigma[a], within(1e-12));
    }

    @TestFactory
    Stream<DynamicTest> rademacherSampleReplaysTheBitSigns() {
        return Stream.of(4, 70).map(d -> dynamicTest("d=" + d, () -> {
            long seed = Seeds.derive(MASTER, "rademacher-replay", d);
            AdditiveNoiseProblem p = d <= 8 ? rotatedQuadraticWithNoise(NoiseKind.RADEMACHER, d, seed)
                    : new LogSum(d).withNoise(FixtureCatalog.uniform(Seeds.rng(seed), d, 0, 2));
            UniformRandomProvider a = Seeds.rng(seed + 7), b = Seeds.rng(seed + 7);
            double[] x = FixtureCatalog.gaussian(Seeds.rng(seed + 3), d, 1);
            double[] g = new double[d], expect = new double[d];
            for (int t = 0; t < 50; t++) {
                p.sample(x, a, g);
                p.gradient(x, expect);
                p.noise().addNoise(signsFromBits(b, d), expect);
                assertThat(g).as("seed %d, draw %d", seed, t).containsExactly(expect);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> gaussianOraclesAreUnbiasedWithinFiveStandardErrors() {
        long seed = Seeds.derive(MASTER, "gaussian-mc", 0);
        List<Problem> problems = List.of(Fig1Saddle.gaussian(), rotatedQuadraticWithNoise(NoiseKind.GAUSSIAN, 3, seed),
                Fig1Saddle.finiteSum());
        return problems.stream().map(p -> dynamicTest(p.name(), () -> {
            int d = p.dim(), n = 20000;
            UniformRandomProvider rng = Seeds.rng(seed + d);
            double[] x = FixtureCatalog.uniform(rng, d, -0.8, 0.8);
            double[] g = new double[d], grad = new double[d], exact = new double[d * d];
            p.gradient(x, grad);
            ((SecondMoments) p).secondMoment(x, exact);
            double[] sum = new double[d], sumSq = new double[d], mom = new double[d * d], momSq = new double[d * d];
            for (int t = 0; t < n; t++) {
                p.sample(x, rng, g);
                for (int a = 0; a < d; a++) {
                    sum[a] += g[a];
                    sumSq[a] += g[a] * g[a];
                    for (int b = 0; b < d; b++) {
                        double v = g[a] * g[b];
                        mom[a * d + b] += v;
                        momSq[a * d + b] += v * v;
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                double m = sum[a] / n, se = Math.sqrt((sumSq[a] / n - m * m) / n);
                assertThat(Math.abs(m - grad[a])).as("seed %d, coordinate %d mean", seed, a).isLessThanOrEqualTo(5 * se);
            }
            for (int a = 0; a < d * d; a++) {
                double m = mom[a] / n, se = Math.sqrt((momSq[a] / n - m * m) / n);
                assertThat(Math.abs(m - exact[a])).as("seed %d, G entry %d", seed, a).isLessThanOrEqualTo(5 * se);
            }
        }));
    }

    // ---- Reddi --------------------------------------------------------------------------------------------------

    @Test
    void reddiOracleTakesTwoValuesWithProbabilityP() {
        ReddiCounterexample r = new ReddiCounterexample(20, 0.1);
        long seed = Seeds.derive(MASTER, "reddi-mc", 0);
        UniformRandomProvider rng = Seeds.rng(seed);
        double[] g = new double[1], x = {0.4};
        int n = 50000, hits = 0;
        for (int t = 0; t < n; t++) {
            r.sample(x, rng, g);
            assertThat(g[0]).isIn(20.0, -1.0);
            if (g[0] == 20.0) hits++;
        }
        double pHat = (double) hits / n, se = Math.sqrt(r.p() * (1 - r.p()) / n);
        assertThat(Math.abs(pHat - r.p())).as("seed %d", seed).isLessThanOrEqualTo(5 * se);
        // exact mean of the two-point law equals ∇F = ζ
        assertThat(r.p() * 20 + (1 - r.p()) * -1).isCloseTo(0.1, within(1e-15));
    }

    // ---- softmax minibatches ------------------------------------------------------------------------------------

    private static SoftmaxRegression smallSoftmax(int batch) {
        Dataset data = Dataset.gaussianBlobs(9, 2, 3, 1.5, Seeds.rng(Seeds.derive(MASTER, "softmax-data", 0)));
        return new SoftmaxRegression(data, 0.2, batch);
    }

    @Test
    void softmaxMinibatchOfTwoIsExactlyUnbiasedWithExactCovariance() {
        SoftmaxRegression f = smallSoftmax(2);
        int n = f.data().n(), dim = f.dim();
        long seed = Seeds.derive(MASTER, "softmax-enum", 0);
        double[] theta = FixtureCatalog.gaussian(Seeds.rng(seed), dim, 1);
        double[][] a = new double[n][dim];
        for (int i = 0; i < n; i++) f.exampleGradient(i, theta, a[i]);
        double[] reg = new double[dim];
        for (int i = 0; i < 3 * 2; i++) reg[i] = 0.2 * theta[i];
        double[] mean = new double[dim], second = new double[dim * dim], g = new double[dim];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                for (int u = 0; u < dim; u++) g[u] = 0.5 * (a[i][u] + a[j][u]) + reg[u];
                for (int u = 0; u < dim; u++) mean[u] += g[u] / (n * n);
                Mat.addOuter(second, 1.0 / (n * n), g);
            }
        double[] grad = new double[dim], exact = new double[dim * dim], cov = new double[dim * dim];
        f.gradient(theta, grad);
        f.secondMoment(theta, exact);
        f.covariance(theta, cov);
        for (int u = 0; u < dim; u++) assertThat(mean[u]).as("seed %d", seed).isCloseTo(grad[u], within(1e-13));
        for (int u = 0; u < dim * dim; u++) {
            assertThat(second[u]).as("seed %d", seed).isCloseTo(exact[u], within(1e-12));
            assertThat(cov[u]).isCloseTo(second[u] - mean[u / dim] * mean[u % dim], within(1e-12));
        }
    }

    @Test
    void softmaxSampleUsesUniformIndicesWithReplacement() {
        SoftmaxRegression f = smallSoftmax(3);
        int dim = f.dim(), n = f.data().n();
        long seed = Seeds.derive(MASTER, "softmax-replay", 0);
        UniformRandomProvider a = Seeds.rng(seed), b = Seeds.rng(seed);
        double[] theta = FixtureCatalog.gaussian(Seeds.rng(seed + 1), dim, 1);
        double[] g = new double[dim], ai = new double[dim], expect = new double[dim];
        for (int t = 0; t < 30; t++) {
            f.sample(theta, a, g);
            java.util.Arrays.fill(expect, 0);
            for (int k = 0; k < 3; k++) {
                f.exampleGradient(b.nextInt(n), theta, ai);
                for (int u = 0; u < dim; u++) expect[u] += ai[u] / 3;
            }
            for (int u = 0; u < 3 * 2; u++) expect[u] += 0.2 * theta[u];
            for (int u = 0; u < dim; u++) assertThat(g[u]).as("seed %d, draw %d", seed, t).isCloseTo(expect[u], within(1e-14));
        }
    }

    // ---- determinism, thread safety, allocation ----------------------------------------------------------------

    private static List<Problem> stochasticFixtures() {
        long seed = Seeds.derive(MASTER, "stochastic-fixtures", 0);
        return List.of(Fig1Saddle.finiteSum(), Fig1Saddle.gaussian(), rotatedQuadraticWithNoise(NoiseKind.RADEMACHER, 5, seed),
                rotatedQuadraticWithNoise(NoiseKind.GAUSSIAN, 5, seed), new LogSum(6).withNoise(new double[] {1, .5, .1, .02, 0, 2}),
                new AdditiveNoiseProblem(CosineFamily.haar(4, 1, Seeds.rng(seed)), GradientNoise.gaussianDiagonal(new double[] {1, 1, 1, 1})),
                new ReddiCounterexample(5, 0.1), smallSoftmax(4));
    }

    private static double[] run(Problem p, long seed, int steps) {
        UniformRandomProvider rng = Seeds.rng(seed);
        double[] x = FixtureCatalog.uniform(Seeds.rng(seed ^ 1), p.dim(), -0.5, 0.5), g = new double[p.dim()];
        double[] trace = new double[steps * p.dim()];
        for (int t = 0; t < steps; t++) {
            p.sample(x, rng, g);
            System.arraycopy(g, 0, trace, t * p.dim(), p.dim());
        }
        return trace;
    }

    @TestFactory
    Stream<DynamicTest> samplesAreReproducibleAndThreadSafe() {
        return stochasticFixtures().stream().map(p -> dynamicTest(p.name(), () -> {
            int trials = 8, steps = 400;
            double[][] sequential = new double[trials][];
            for (int k = 0; k < trials; k++) sequential[k] = run(p, 1000 + k, steps);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                for (int k = 0; k < trials; k++) {
                    final long s = 1000 + k;
                    futures.add(pool.submit(() -> run(p, s, steps)));
                }
                for (int k = 0; k < trials; k++) assertThat(futures.get(k).get()).as("trial %d", k).containsExactly(sequential[k]);
            } finally {
                pool.shutdownNow();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> sampleAndGradientAllocateNothing() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return stochasticFixtures().stream().map(p -> dynamicTest(p.name(), () -> {
            UniformRandomProvider rng = Seeds.rng(5);
            double[] x = FixtureCatalog.uniform(rng, p.dim(), -0.5, 0.5), g = new double[p.dim()];
            for (int t = 0; t < 20000; t++) {
                p.sample(x, rng, g);
                p.gradient(x, g);
            }
            long tid = Thread.currentThread().threadId();
            long before = bean.getThreadAllocatedBytes(tid);
            for (int t = 0; t < 20000; t++) {
                p.sample(x, rng, g);
                p.gradient(x, g);
            }
            long allocated = bean.getThreadAllocatedBytes(tid) - before;
            assertThat(allocated).as("bytes allocated by 20000 sample+gradient calls").isLessThan(20000);
        }));
    }

    @TestFactory
    Stream<DynamicTest> exactSecondMomentAllocatesNothingWhereItIsCheap() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return stochasticFixtures().stream().filter(p -> !(p instanceof SoftmaxRegression)).map(p -> dynamicTest(p.name(), () -> {
            SecondMoments m = (SecondMoments) p;
            double[] x = FixtureCatalog.uniform(Seeds.rng(6), p.dim(), -0.5, 0.5), out = new double[p.dim() * p.dim()];
            for (int t = 0; t < 20000; t++) m.secondMoment(x, out);
            long tid = Thread.currentThread().threadId();
            long before = bean.getThreadAllocatedBytes(tid);
            for (int t = 0; t < 20000; t++) m.secondMoment(x, out);
            assertThat(bean.getThreadAllocatedBytes(tid) - before).as("bytes allocated by 20000 secondMoment calls").isLessThan(20000);
        }));
    }
}
