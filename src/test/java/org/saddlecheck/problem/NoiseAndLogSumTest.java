package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Seeds;

/** GradientNoise, AdditiveNoiseProblem and the log-sum test function (STAIB-T4.2 harness). */
class NoiseAndLogSumTest {
    @Test
    void logSumConstantsAndExtremes() {
        LogSum f = new LogSum(3);
        assertThat(f.constants().smoothness()).isEqualTo(2.0);
        assertThat(f.constants().fStar()).isZero();
        assertThat(LogSum.RHO).isCloseTo(2.9142135623730950, within(1e-15));
        // |∂³f| is maximal at x = √2 − 1 where it equals ρ: check by differencing the Hessian
        Objective f1 = new LogSum(1);
        double x = Math.sqrt(2) - 1, h = 1e-5;
        double[] hp = new double[1], hm = new double[1];
        f1.hessian(new double[] {x + h}, hp);
        f1.hessian(new double[] {x - h}, hm);
        assertThat(Math.abs((hp[0] - hm[0]) / (2 * h))).isCloseTo(LogSum.RHO, within(1e-8));
        double[] g = new double[3];
        f.gradient(new double[] {1, -1, 1e200}, g);
        assertThat(g).containsExactly(1, -1, 0);
        assertThat(f.value(new double[3])).isZero();
    }

    @Test
    void logSumNoiseHasExactSecondMoment() {
        AdditiveNoiseProblem p = new LogSum(4).withNoise(new double[] {1, 0.5, 0.1, 0.02});
        double[] x = {3, 3, 3, 3}, g = new double[4], second = new double[16];
        p.gradient(x, g);
        p.secondMoment(x, second);
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++) {
                double s = a == b ? new double[] {1, 0.25, 0.01, 0.0004}[a] : 0;
                assertThat(second[a * 4 + b]).isCloseTo(g[a] * g[b] + s, within(1e-15));
            }
        assertThat(p.constants()).isEqualTo(p.objective().constants());
        assertThat(p.name()).contains("logsum").contains("rademacher");
        assertThat(p.noise().radiusBound()).isCloseTo(Math.sqrt(1 + 0.25 + 0.01 + 0.0004), within(1e-15));
        assertThat(GradientNoise.gaussianDiagonal(new double[] {1}).radiusBound()).isInfinite();
        assertThat(GradientNoise.none(2).isZero()).isTrue();
    }

    @Test
    void factorNoiseHasCovarianceSSt() {
        double[] s = {1, 2, 0, 3};
        GradientNoise n = GradientNoise.withFactor(NoiseKind.RADEMACHER, s, 2);
        double[] cov = new double[4];
        n.covariance(cov);
        assertThat(cov).containsExactly(5, 6, 6, 9);
        double[] out = new double[2];
        n.addNoise(new double[] {1, -1}, out);
        assertThat(out).containsExactly(-1, -3);
        assertThat(n.isDiagonal()).isFalse();
        assertThatThrownBy(n::sigma).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> GradientNoise.rademacherDiagonal(new double[] {1, -1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma[1] = -1.0");
        assertThatThrownBy(() -> GradientNoise.gaussianDiagonal(new double[] {Double.NaN})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma[0] = NaN");
        assertThatThrownBy(() -> GradientNoise.rademacherDiagonal(new double[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma.length");
        assertThatThrownBy(() -> GradientNoise.withCovariance(NoiseKind.GAUSSIAN, new double[] {1, 2, 2, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive semidefinite");
        assertThatThrownBy(() -> GradientNoise.withCovariance(NoiseKind.GAUSSIAN, new double[] {1, Double.NaN, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance[1]");
        assertThatThrownBy(() -> GradientNoise.withCovariance(null, new double[] {1}, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> GradientNoise.withFactor(NoiseKind.GAUSSIAN, new double[] {1, 2, 3}, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factorS has length 3");
        assertThatThrownBy(() -> GradientNoise.none(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new AdditiveNoiseProblem(null, GradientNoise.none(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("objective");
        assertThatThrownBy(() -> new AdditiveNoiseProblem(new LogSum(2), GradientNoise.none(3))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise has dimension 3");
        assertThatThrownBy(() -> new LogSum(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new LogSum(3).withNoise(new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma has length 2");
        assertThatThrownBy(() -> new LogSum(3).hessian(new double[3], new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out has length 3");
        AdditiveNoiseProblem p = new LogSum(2).withNoise(new double[] {1, 1});
        assertThatThrownBy(() -> p.secondMoment(new double[2], new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out has length 3");
        assertThatThrownBy(() -> GradientNoise.none(2).addNoise(new double[3], new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zeta has length 3");
        assertThat(Seeds.rng(1)).isNotNull();
    }
}
