package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.rng.Seeds;

/** CLAIMS.md JIN-GD: per-step descent inequality and the ε-FOSP iteration bound with η = 1/ℓ. */
class GradientDescentTest {

    private record Case(String name, Objective f, double ell, double fStar) {}

    private static Case logSum(int d) {
        return new Case("logSum(d=" + d + ")", TestObjectives.logSum(d), 2, 0);
    }

    private static Case cosine(int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = 1 + i;
        return new Case("cosine(d=" + d + ")", new TestObjectives.Cosine(1.5, v), 1.5, -1.5 * d);
    }

    /** Seeded loop over functions, dimensions and starts: every step satisfies f(x_{t+1}) ≤ f(x_t) − ‖∇f‖²/(2ℓ). */
    @TestFactory
    Stream<DynamicTest> descentInequalityAndIterationBound() {
        return Stream.of(logSum(1), logSum(5), logSum(50), cosine(3), cosine(20)).flatMap(c -> LongStream.range(0, 3)
                .mapToObj(trial -> DynamicTest.dynamicTest(c.name + " trial " + trial, () -> {
                    long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "gd-" + c.name, trial);
                    UniformRandomProvider rng = Seeds.rng(seed);
                    int d = c.f.dim();
                    double[] x0 = new double[d];
                    for (int i = 0; i < d; i++) x0[i] = 6 * rng.nextDouble() - 3;
                    double eps = 1e-4;
                    Trajectory traj = new Trajectory(100_000);
                    GdResult res = GradientDescent.withSmoothness(c.f, c.ell).run(x0, eps, 100_000, traj);
                    String ctx = c.name + " seed " + seed + " " + res.status();
                    assertThat(res.reachedEps()).as(ctx).isTrue();
                    assertThat(traj.dropped()).isZero();
                    assertThat(traj.size()).isEqualTo(res.iterations() + 1);
                    for (int t = 0; t + 1 < traj.size(); t++) {
                        double ft = traj.value(t);
                        double g = traj.gradNorm(t);
                        double bound = ft - g * g / (2 * c.ell);
                        assertThat(traj.value(t + 1)).as(ctx + " t=" + t)
                                .isLessThanOrEqualTo(bound + 1e-12 * Math.max(1, Math.abs(ft)));
                    }
                    double f0 = c.f.value(x0);
                    double bound = PgdBounds.gdIterationBound(c.ell, f0 - c.fStar, eps);
                    assertThat((double) res.iterations()).as(ctx).isLessThan(bound);
                    assertThat(res.gradNormFinal()).isLessThanOrEqualTo(eps);
                    assertThat(res.fFinal()).isEqualTo(c.f.value(res.finalPoint()));
                    assertThat(res.eta()).isEqualTo(1 / c.ell);
                })));
    }

    @Test
    void stopsAtCapAndAtStationaryStart() {
        Objective f = TestObjectives.diagQuadratic(1, 1);
        GdResult capped = new GradientDescent(f, 0.1).run(new double[] {1, 1}, 1e-12, 5);
        assertThat(capped.reachedEps()).isFalse();
        assertThat(capped.status()).isEqualTo("cap reached");
        assertThat(capped.iterations()).isEqualTo(5);
        assertThat(capped.finalPoint()[0]).isEqualTo(Math.pow(0.9, 5), org.assertj.core.api.Assertions.within(1e-15));
        GdResult atMin = new GradientDescent(f, 0.1).run(new double[] {0, 0}, 0, 5);
        assertThat(atMin.reachedEps()).isTrue();
        assertThat(atMin.iterations()).isZero();
        // x ← x − ηhx with ηh = 1: one step to the minimum
        GdResult oneStep = GradientDescent.withSmoothness(f, 1).run(new double[] {3, -2}, 1e-12, 10);
        assertThat(oneStep.iterations()).isEqualTo(1);
    }

    @TestFactory
    Stream<DynamicTest> badInputsRejected() {
        Objective f = TestObjectives.diagQuadratic(1, 1);
        record Bad(String name, Runnable call, String fragment) {}
        return Stream.of(
                new Bad("eta=0", () -> new GradientDescent(f, 0), "eta = 0.0"),
                new Bad("eta=NaN", () -> new GradientDescent(f, Double.NaN), "eta = NaN"),
                new Bad("ell<0", () -> GradientDescent.withSmoothness(f, -1), "ell = -1.0"),
                new Bad("null objective", () -> new GradientDescent(null, 1), "objective is null"),
                new Bad("eps<0", () -> new GradientDescent(f, 0.1).run(new double[2], -1, 5), "eps = -1.0"),
                new Bad("maxSteps<0", () -> new GradientDescent(f, 0.1).run(new double[2], 0.1, -1), "maxSteps = -1"),
                new Bad("x0 length", () -> new GradientDescent(f, 0.1).run(new double[1], 0.1, 5), "x0 has length 1"),
                new Bad("x0 inf", () -> new GradientDescent(f, 0.1).run(new double[] {Double.POSITIVE_INFINITY, 0}, 0.1, 5), "x0[0]"))
                .map(b -> DynamicTest.dynamicTest(b.name, () -> assertThatThrownBy(b.call::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(b.fragment)));
    }
}
