package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/**
 * The ball sampler against E‖ξ‖² = d r²/(d+2) (5 SE) and the exact one-coordinate marginal (KS), for
 * d ∈ {1, 2, 10, 1000} (CLAIMS.md §8.5, JIN-STUCK harness 2); the planted wrong samplers must fail the same checks.
 */
class PerturbationSamplerTest {
    private static final int N = 40_000;
    private static final double Z_MAX = 5;
    private static final double P_MIN = 1e-6;
    private static final int[] DIMS = {1, 2, 10, 1000};

    private static SamplerDiagnostics.Report check(PerturbationSampler s, int d, double r, String stream) {
        long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, stream, d);
        return SamplerDiagnostics.check(s, d, r, N, Seeds.rng(seed));
    }

    @TestFactory
    Stream<DynamicTest> uniformBallPassesMomentMarginalAndSupport() {
        return Stream.of(1e-3, 1.0).flatMap(r -> java.util.Arrays.stream(DIMS).mapToObj(d -> DynamicTest.dynamicTest(
                "d=" + d + " r=" + r, () -> {
                    SamplerDiagnostics.Report rep = check(PerturbationSampler.uniformBall(), d, r, "ball-ok-" + r);
                    String ctx = rep.toString() + " seed " + Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "ball-ok-" + r, d);
                    assertThat(Math.abs(rep.momentZ())).as(ctx).isLessThanOrEqualTo(Z_MAX);
                    assertThat(rep.ksPValue()).as(ctx).isGreaterThanOrEqualTo(P_MIN);
                    assertThat(rep.supportOk()).as(ctx).isTrue();
                    assertThat(rep.passes(Z_MAX, P_MIN)).isTrue();
                    assertThat(rep.expectedMeanSquaredNorm()).isCloseTo(d * r * r / (d + 2.0), within(1e-15));
                })));
    }

    /** The sphere fails the norm check in every d; the KS check alone also catches it in low d. */
    @TestFactory
    Stream<DynamicTest> wrongSphereFails() {
        return java.util.Arrays.stream(DIMS).mapToObj(d -> DynamicTest.dynamicTest("d=" + d, () -> {
            SamplerDiagnostics.Report rep = check(WrongSphereSampler.INSTANCE, d, 1e-3, "sphere");
            assertThat(rep.passes(Z_MAX, P_MIN)).as(rep.toString()).isFalse();
            assertThat(rep.momentOk(Z_MAX)).as(rep.toString()).isFalse();
            if (d <= 10) assertThat(rep.marginalOk(P_MIN)).as(rep.toString()).isFalse();
            assertThat(rep.maxNormOverR()).isCloseTo(1.0, within(1e-12));
        }));
    }

    /** (r·U)^(1/d) fails every check for d ≥ 2 at r ≪ 1; at d = 1 it is the correct law (documented blind spot). */
    @TestFactory
    Stream<DynamicTest> wrongRadiusLawFails() {
        return java.util.Arrays.stream(DIMS).mapToObj(d -> DynamicTest.dynamicTest("d=" + d, () -> {
            SamplerDiagnostics.Report rep = check(WrongRadiusLawSampler.INSTANCE, d, 1e-3, "radius");
            if (d == 1) {
                SamplerDiagnostics.Report ok = check(PerturbationSampler.uniformBall(), d, 1e-3, "radius");
                assertThat(rep.passes(Z_MAX, P_MIN)).as(rep.toString()).isTrue();
                assertThat(rep.meanSquaredNorm()).isEqualTo(ok.meanSquaredNorm()); // identical draws
            } else {
                assertThat(rep.momentOk(Z_MAX)).as(rep.toString()).isFalse();
                assertThat(rep.marginalOk(P_MIN)).as(rep.toString()).isFalse();
                assertThat(rep.supportOk()).as(rep.toString()).isFalse();
                assertThat(rep.maxNormOverR()).as("norm ≈ 1 ≫ r").isGreaterThan(10);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> wrongGaussianFails() {
        return java.util.Arrays.stream(DIMS).mapToObj(d -> DynamicTest.dynamicTest("d=" + d, () -> {
            SamplerDiagnostics.Report rep = check(WrongGaussianSampler.stdEqualToRadius(), d, 1e-3, "gauss");
            assertThat(rep.momentOk(Z_MAX)).as(rep.toString()).isFalse();
            assertThat(rep.marginalOk(P_MIN)).as(rep.toString()).isFalse();
            assertThat(rep.supportOk()).as(rep.toString()).isFalse();
        }));
    }

    @Test
    void namesAndControlFlags() {
        List<PerturbationSampler> wrong = List.of(WrongSphereSampler.INSTANCE, WrongRadiusLawSampler.INSTANCE,
                WrongGaussianSampler.stdEqualToRadius(), WrongGaussianSampler.withStd(0.1));
        for (PerturbationSampler s : wrong) {
            assertThat(s.isNegativeControl()).as(s.name()).isTrue();
            assertThat(s.name()).startsWith("WRONG");
        }
        assertThat(PerturbationSampler.uniformBall().isNegativeControl()).isFalse();
        assertThat(PerturbationSampler.uniformBall().name()).isEqualTo("uniform-ball");
        assertThat(WrongGaussianSampler.withStd(0.1).name()).contains("0.1");
    }

    @Test
    void fixedStdGaussianIgnoresRadius() {
        Gaussian g1 = new Gaussian(Seeds.rng(9));
        Gaussian g2 = new Gaussian(Seeds.rng(9));
        double[] a = new double[50];
        double[] b = new double[50];
        WrongGaussianSampler.withStd(0.5).sample(g1, 1e-6, a);
        WrongGaussianSampler.withStd(0.5).sample(g2, 7.0, b);
        assertThat(a).containsExactly(b);
        assertThat(Vec.norm(a)).isGreaterThan(1.0); // ≈ 0.5·√50
    }

    @Test
    void kolmogorovPValueMatchesKnownQuantiles() {
        // Asymptotic Kolmogorov distribution: P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01 (large n, correction → 0).
        int n = 1_000_000;
        assertThat(SamplerDiagnostics.kolmogorovPValue(1.3581 / Math.sqrt(n), n)).isCloseTo(0.05, within(2e-4));
        assertThat(SamplerDiagnostics.kolmogorovPValue(1.6276 / Math.sqrt(n), n)).isCloseTo(0.01, within(1e-4));
        assertThat(SamplerDiagnostics.kolmogorovPValue(0.8276 / Math.sqrt(n), n)).isCloseTo(0.50, within(1e-3));
        assertThat(SamplerDiagnostics.kolmogorovPValue(0, n)).isEqualTo(1.0);
        assertThat(SamplerDiagnostics.kolmogorovPValue(1, n)).isEqualTo(0.0);
    }

    @TestFactory
    Stream<DynamicTest> badInputsRejected() {
        record Bad(String name, Runnable call, String fragment) {}
        return Stream.of(
                new Bad("sigma=0", () -> WrongGaussianSampler.withStd(0), "sigma = 0.0"),
                new Bad("n small", () -> SamplerDiagnostics.check(PerturbationSampler.uniformBall(), 2, 1, 10, Seeds.rng(1)), "n = 10"),
                new Bad("d=0", () -> SamplerDiagnostics.check(PerturbationSampler.uniformBall(), 0, 1, 1000, Seeds.rng(1)), "d = 0"),
                new Bad("r=0", () -> SamplerDiagnostics.check(PerturbationSampler.uniformBall(), 2, 0, 1000, Seeds.rng(1)), "r = 0.0"),
                new Bad("null sampler", () -> SamplerDiagnostics.check(null, 2, 1, 1000, Seeds.rng(1)), "sampler is null"),
                new Bad("null rng", () -> SamplerDiagnostics.check(PerturbationSampler.uniformBall(), 2, 1, 1000, null), "rng is null"),
                new Bad("ks n=0", () -> SamplerDiagnostics.kolmogorovPValue(0.1, 0), "n = 0"),
                new Bad("ks D<0", () -> SamplerDiagnostics.kolmogorovPValue(-0.1, 10), "dStat = -0.1"),
                new Bad("ks empty", () -> SamplerDiagnostics.ksStatistic(new double[0], 1, 2), "sorted.length = 0"))
                .map(b -> DynamicTest.dynamicTest(b.name, () -> assertThatThrownBy(b.call::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(b.fragment)));
    }
}
