package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/**
 * Hand-computed values of PgdBounds (CLAIMS.md JIN-T3 [DER] 2, JIN-L11 [DER], JIN-STUCK), the sampler diagnostics'
 * KS statistic and p-value, the Gaussian negative control's scaling, and the Trajectory / PgdEvent helpers.
 */
class PgdBoundsValuesTest {

    /** (Δ_f/f_thres + 1)(T_th + 1) + 2Δ_f/(η g_thres²) = (3 + 1)·5 + 12/(0.5·4) = 26. */
    @Test
    void iterationCapHandValue() {
        assertThat(PgdBounds.iterationCap(6, 2, 4, 0.5, 2)).isEqualTo(26.0);
        // explicit parameters with Δ_f passed: η = 0.25, g = 0.5, f = 0.1, T_th = ceil(2.5) = 3:
        // (10/0.1 + 1)·4 + 20/(0.25·0.25) = 404 + 320 = 724
        PgdParameters p = PgdParameters.explicit(0.25, 0.1, 0.5, 0.1, 2.5);
        assertThat(PgdBounds.iterationCap(p, 10)).isCloseTo(724, within(1e-9));
    }

    /** ℓΔ_f/ε² · ln⁴(dℓΔ_f/(ε²δ)) at d = 10, ℓ = 2, ε = 0.5, δ = 0.1, Δ_f = 3: 24·ln⁴(2400). */
    @Test
    void theorem3ScaleHandValue() {
        double l = Math.log(2400);
        double expected = 24 * l * l * l * l;
        assertThat(PgdBounds.theorem3Scale(10, 2, 0.5, 0.1, 3)).isCloseTo(expected, within(1e-12 * expected));
    }

    /**
     * Theorem 3 union bound (dℓΔ_f/(cε²))·χ³e^{−χ} at (d, ℓ, ρ, ε, c, δ, Δ_f) = (10, 2, 0.5, 0.1, 0.25, 0.1, 3):
     * dℓΔ_f/(cε²) = 60/0.0025 = 24000. With χ = 3 ln(dℓΔ_f/(cε²δ)) the bound is ≤ δ (CLAIMS.md JIN-L11 [DER]).
     */
    @Test
    void theorem3UnionFailureBoundHandValue() {
        PgdParameters p = PgdParameters.fromPaper(10, 2, 0.5, 0.1, 0.25, 0.1, 3);
        double chi = p.chi();
        double expected = 24000 * chi * chi * chi * Math.exp(-chi);
        double got = PgdBounds.theorem3UnionFailureBound(p);
        assertThat(got).isCloseTo(expected, within(1e-10 * expected));
        assertThat(got).isLessThanOrEqualTo(p.delta());
        assertThatThrownBy(() -> PgdBounds.theorem3UnionFailureBound(PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p.source() = explicit");
    }

    /** (w/a)·√(d/π) at w = 2, a = 4, d = 3. */
    @Test
    void slabRatioBoundHandValue() {
        assertThat(PgdBounds.ballSlabRatioBound(2, 4, 3)).isCloseTo(0.5 * Math.sqrt(3 / Math.PI), within(1e-15));
        assertThat(PgdBounds.ballSlabRatio(2, 4, 3)).isLessThanOrEqualTo(PgdBounds.ballSlabRatioBound(2, 4, 3));
    }

    /** T = 0 steps: f(x_0) − f(x̃) = ½(−γu_1² + Σ h_i u_i²) and s*² = (2f_thres + Σ h_i u_i²)/γ. */
    @Test
    void quadraticSaddleAtZeroSteps() {
        // ½(−2·1 + 3·4) = 5
        assertThat(PgdBounds.quadraticSaddleDecrease(2, new double[] {3}, 0.1, 0, new double[] {1, 2})).isEqualTo(5.0);
        // s*² = (2·0.5 + 3·4)/2 = 6.5
        assertThat(PgdBounds.stuckSlabHalfWidth(2, new double[] {3}, 0.1, 0, 0.5, new double[] {2}))
                .isCloseTo(Math.sqrt(6.5), within(1e-14));
    }

    @Test
    void zeroCurvatureRejected() {
        assertThatThrownBy(() -> PgdBounds.quadraticSaddleDecrease(2, new double[] {1, 0}, 0.1, 3, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h[1] = 0.0");
        assertThatThrownBy(() -> PgdBounds.stuckSlabHalfWidth(2, new double[] {1}, 0.1, -1, 0.5, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steps = -1");
    }

    // ------------------------------------------------------------------ sampler diagnostics

    /** d = 1: the coordinate is uniform on [−a, a], F(u) = (1 + u)/2 for a = 1; D_n computed by hand. */
    @Test
    void ksStatisticHandValues() {
        // F = 0.05, 0.1, 0.8, 0.95 against steps 1/4..1: sup is 2/4 − 0.1 = 0.4 (just after the 2nd point)
        assertThat(SamplerDiagnostics.ksStatistic(new double[] {-0.9, -0.8, 0.6, 0.9}, 1, 1)).isCloseTo(0.4, within(1e-12));
        // F = 0.05, 0.975: sup is 0.975 − 1/2 = 0.475 (just before the 2nd point)
        assertThat(SamplerDiagnostics.ksStatistic(new double[] {-0.9, 0.95}, 1, 1)).isCloseTo(0.475, within(1e-12));
        // one point at 0.5: F = 0.75, sup = 0.75 (just below it)
        assertThat(SamplerDiagnostics.ksStatistic(new double[] {0.5}, 1, 1)).isCloseTo(0.75, within(1e-12));
        // radius 2: u = 1 has F = 0.75
        assertThat(SamplerDiagnostics.ksStatistic(new double[] {1.0}, 2, 1)).isCloseTo(0.75, within(1e-12));
    }

    /**
     * Stephens-corrected p-values at small n, against scipy.special.kolmogorov(λ) with λ = (√n + 0.12 + 0.11/√n)·D
     * (reference values computed with SciPy 1.17). Covers both series branches (λ below and above 1.18).
     */
    @Test
    void kolmogorovPValueSmallN() {
        assertThat(SamplerDiagnostics.kolmogorovPValue(0.5, 4)).isCloseTo(0.18768427419801334, within(1e-10)); // λ = 1.0875
        assertThat(SamplerDiagnostics.kolmogorovPValue(0.9, 1)).isCloseTo(0.17232175426128882, within(1e-10)); // λ = 1.107
        assertThat(SamplerDiagnostics.kolmogorovPValue(0.6, 4)).isCloseTo(0.06634152076875872, within(1e-10)); // λ = 1.305
        assertThat(SamplerDiagnostics.kolmogorovPValue(0.4, 9)).isCloseTo(0.08244885495414779, within(1e-10)); // λ ≈ 1.263
    }

    @Test
    void checkAcceptsMinimumSampleSize() {
        SamplerDiagnostics.Report rep = SamplerDiagnostics.check(PerturbationSampler.uniformBall(), 3, 0.5, 100,
                Seeds.rng(11));
        assertThat(rep.n()).isEqualTo(100);
        assertThat(rep.d()).isEqualTo(3);
        assertThat(rep.expectedMeanSquaredNorm()).isCloseTo(3 * 0.25 / 5, within(1e-15));
        assertThat(rep.supportOk()).isTrue();
        assertThat(rep.sampler()).isEqualTo("uniform-ball");
    }

    /** The report's thresholds are inclusive: |z| ≤ zMax, p ≥ pMin, max‖ξ‖/r ≤ 1 + 1e-12. */
    @Test
    void reportThresholdsInclusive() {
        SamplerDiagnostics.Report rep = new SamplerDiagnostics.Report("x", 2, 1, 100, 0.5, 0.5, -2.5, 0.1, 0.05, 1 + 1e-12);
        assertThat(rep.momentOk(2.5)).isTrue();
        assertThat(rep.momentOk(2.4)).isFalse();
        assertThat(rep.marginalOk(0.05)).isTrue();
        assertThat(rep.marginalOk(0.06)).isFalse();
        assertThat(rep.supportOk()).isTrue();
        assertThat(rep.passes(2.5, 0.05)).isTrue();
        SamplerDiagnostics.Report out = new SamplerDiagnostics.Report("x", 2, 1, 100, 0.5, 0.5, 0, 0.1, 0.5, 1 + 1e-11);
        assertThat(out.supportOk()).isFalse();
        assertThat(out.passes(2.5, 0.05)).isFalse();
    }

    /** WRONG Gaussian control: ξ = σ·z coordinatewise, with σ = r or the fixed σ (same Gaussian stream). */
    @Test
    void wrongGaussianScalesEveryCoordinate() {
        double[] z = new double[8];
        new Gaussian(Seeds.rng(5)).fill(z);
        double[] a = new double[8];
        WrongGaussianSampler.stdEqualToRadius().sample(new Gaussian(Seeds.rng(5)), 1e-3, a);
        double[] b = new double[8];
        WrongGaussianSampler.withStd(0.25).sample(new Gaussian(Seeds.rng(5)), 7, b);
        for (int i = 0; i < z.length; i++) {
            assertThat(a[i]).isEqualTo(z[i] * 1e-3);
            assertThat(b[i]).isEqualTo(z[i] * 0.25);
        }
    }

    // ------------------------------------------------------------------ Trajectory, PgdEvent

    @Test
    void trajectoryAccessorsAndRangeChecks() {
        Trajectory tr = new Trajectory(10);
        tr.observe(0, new double[1], 3.0, 0.5);
        tr.observe(1, new double[1], 2.0, 0.25);
        assertThat(tr.size()).isEqualTo(2);
        assertThat(tr.iterations()).containsExactly(0L, 1L);
        assertThat(tr.gradNorms()).containsExactly(0.5, 0.25);
        assertThat(tr.values()).containsExactly(3.0, 2.0);
        assertThat(tr.iteration(1)).isEqualTo(1L);
        assertThat(tr.gradNorm(1)).isEqualTo(0.25);
        assertThat(tr.value(0)).isEqualTo(3.0);
        assertThat(tr.needsValue()).isTrue();
        assertThatThrownBy(() -> tr.iteration(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("i = 2 is not allowed: i must be in [0, 1]");
        assertThatThrownBy(() -> tr.gradNorm(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i = 2");
        assertThatThrownBy(() -> tr.value(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i = -1");
        Trajectory strided = new Trajectory(2, 3, false);
        for (long t = 0; t < 10; t++) strided.observe(t, new double[1], Double.NaN, t);
        assertThat(strided.needsValue()).isFalse();
        assertThat(strided.iterations()).containsExactly(0L, 3L);
        assertThat(strided.dropped()).isEqualTo(2); // t = 6, 9
    }

    @Test
    void eventToString() {
        assertThat(new PgdEvent(PgdEvent.Type.PERTURB, 3, 1.0, 0.5, 0.25).toString())
                .isEqualTo("PERTURB(t=3, f=1.0, |grad|=0.5, aux=0.25)");
    }
}
