package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;

/** Property checks over every fixture: derivatives vs finite differences, certified ℓ and ρ, f* ≤ f. */
class FixturePropertiesTest {
    private static final int POINTS = 25;
    private static final int PAIRS = 300;

    private static long seed(String test, String fixture) {
        return Seeds.derive(Seeds.DEFAULT_MASTER_SEED, test + "/" + fixture, 0);
    }

    @TestFactory
    Stream<DynamicTest> gradientMatchesCentralDifferences() {
        return FixtureCatalog.all().stream().map(c -> dynamicTest(c.name(), () -> {
            long seed = seed("grad-fd", c.name());
            UniformRandomProvider rng = Seeds.rng(seed);
            Objective f = c.f();
            double[] g = new double[f.dim()];
            for (int t = 0; t < POINTS; t++) {
                double[] x = c.sampler().draw(rng);
                f.gradient(x, g);
                double[] fd = FixtureCatalog.fdGradient(f, x);
                double scale = Math.max(1, Math.max(Math.abs(f.value(x)), Vec.maxAbs(g)));
                for (int i = 0; i < g.length; i++) {
                    assertThat(Math.abs(fd[i] - g[i]))
                            .as("seed %d, point %d, x = %s, component %d", seed, t, java.util.Arrays.toString(x), i)
                            .isLessThanOrEqualTo(1e-7 * scale);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> hessianMatchesDifferencesOfGradient() {
        return FixtureCatalog.all().stream().map(c -> dynamicTest(c.name(), () -> {
            long seed = seed("hess-fd", c.name());
            UniformRandomProvider rng = Seeds.rng(seed);
            Objective f = c.f();
            int d = f.dim();
            double[] h = new double[d * d];
            double[] g = new double[d];
            for (int t = 0; t < POINTS; t++) {
                double[] x = c.sampler().draw(rng);
                f.hessian(x, h);
                f.gradient(x, g);
                assertThat(Mat.asymmetry(h, d)).as("seed %d: Hessian symmetric", seed).isLessThanOrEqualTo(1e-12 * Math.max(1, Mat.maxAbs(h)));
                double[] fd = FixtureCatalog.fdHessian(f, x);
                double scale = Math.max(1, Math.max(Mat.maxAbs(h), Vec.maxAbs(g)));
                for (int i = 0; i < d * d; i++) {
                    assertThat(Math.abs(fd[i] - h[i]))
                            .as("seed %d, point %d, x = %s, entry (%d,%d)", seed, t, java.util.Arrays.toString(x), i / d, i % d)
                            .isLessThanOrEqualTo(1e-6 * scale);
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> certifiedSmoothnessHoldsOnRegion() {
        return FixtureCatalog.all().stream().filter(c -> Double.isFinite(c.f().constants().smoothness()))
                .map(c -> dynamicTest(c.name(), () -> {
                    long seed = seed("ell", c.name());
                    UniformRandomProvider rng = Seeds.rng(seed);
                    Objective f = c.f();
                    double ell = f.constants().smoothness();
                    int d = f.dim();
                    double[] gx = new double[d], gy = new double[d], diff = new double[d], h = new double[d * d];
                    double worst = 0;
                    for (int t = 0; t < PAIRS; t++) {
                        double[] x = c.sampler().draw(rng);
                        double[] y = pairPartner(c, x, rng);
                        if (y == null) continue;
                        f.gradient(x, gx);
                        f.gradient(y, gy);
                        Vec.sub(gx, gy, diff);
                        double dist = Vec.distance(x, y);
                        if (dist > 0) worst = Math.max(worst, Vec.norm(diff) / dist);
                        if (t % 10 == 0) {
                            f.hessian(x, h);
                            worst = Math.max(worst, Mat.opNormSymmetric(h));
                        }
                    }
                    assertThat(worst).as("seed %d: sampled gradient-Lipschitz ratio vs certified ell = %s (%s)", seed, ell,
                            f.constants().region()).isLessThanOrEqualTo(ell * (1 + 1e-9) + 1e-12);
                }));
    }

    @TestFactory
    Stream<DynamicTest> certifiedHessianLipschitzHoldsOnRegion() {
        return FixtureCatalog.all().stream().filter(c -> Double.isFinite(c.f().constants().hessianLipschitz()))
                .map(c -> dynamicTest(c.name(), () -> {
                    long seed = seed("rho", c.name());
                    UniformRandomProvider rng = Seeds.rng(seed);
                    Objective f = c.f();
                    double rho = f.constants().hessianLipschitz();
                    int d = f.dim();
                    double[] hx = new double[d * d], hy = new double[d * d], diff = new double[d * d];
                    double worst = 0;
                    for (int t = 0; t < PAIRS / 3; t++) {
                        double[] x = c.sampler().draw(rng);
                        double[] y = pairPartner(c, x, rng);
                        if (y == null) continue;
                        f.hessian(x, hx);
                        f.hessian(y, hy);
                        Mat.sub(hx, hy, diff);
                        double dist = Vec.distance(x, y);
                        if (dist > 0) worst = Math.max(worst, Mat.opNormSymmetric(diff) / dist);
                    }
                    assertThat(worst).as("seed %d: sampled Hessian-Lipschitz ratio vs certified rho = %s (%s)", seed, rho,
                            f.constants().region()).isLessThanOrEqualTo(rho * (1 + 1e-9) + 1e-9);
                }));
    }

    @TestFactory
    Stream<DynamicTest> fStarIsALowerBound() {
        return FixtureCatalog.all().stream().filter(c -> !Double.isNaN(c.f().constants().fStar()))
                .map(c -> dynamicTest(c.name(), () -> {
                    long seed = seed("fstar", c.name());
                    UniformRandomProvider rng = Seeds.rng(seed);
                    double fStar = c.f().constants().fStar();
                    for (int t = 0; t < PAIRS; t++) {
                        double[] x = c.sampler().draw(rng);
                        assertThat(c.f().value(x)).as("seed %d, x = %s", seed, java.util.Arrays.toString(x))
                                .isGreaterThanOrEqualTo(fStar - 1e-12 * Math.max(1, Math.abs(fStar)));
                    }
                }));
    }

    /** A second point: a far one (another sample), or a near one x + δu with δ ∈ {1e-1, 1e-3} × scale. */
    private static double[] pairPartner(FixtureCatalog.Case c, double[] x, UniformRandomProvider rng) {
        double[] y;
        int kind = rng.nextInt(3);
        if (kind == 0) {
            y = c.sampler().draw(rng);
        } else {
            double[] other = c.sampler().draw(rng);
            double delta = kind == 1 ? 1e-1 : 1e-3;
            y = x.clone();
            for (int i = 0; i < y.length; i++) y[i] += delta * (other[i] - x[i]);
        }
        return c.segment().ok(x, y) ? y : null;
    }

    @TestFactory
    List<DynamicTest> catalogCoversEveryFixtureType() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("all fixture classes present", () -> {
            List<Object> types = FixtureCatalog.all().stream().map(c -> (Object) c.f().getClass()).distinct().toList();
            assertThat(types).contains(Fig1Saddle.class, QuadraticSaddle.class, QuarticSaddle.class, CosineFamily.class,
                    ReddiCounterexample.class, Octopus.class, MatrixFactorization.class, LogSum.class, SoftmaxRegression.class);
        }));
        return tests;
    }
}
