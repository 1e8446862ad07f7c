package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

/** Quadratic saddles with prescribed spectrum (JIN-STUCK) and the quartic saddle (JIN-DIMFREE). */
class QuadraticAndQuarticTest {
    @Test
    void quadraticHasThePrescribedSpectrumAndBasis() {
        long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "quadratic-spectrum", 0);
        UniformRandomProvider rng = Seeds.rng(seed);
        double[] lambda = {-0.5, 2, 1e-3, 7, -3};
        double[] center = {1, 2, 3, 4, 5};
        QuadraticSaddle q = new QuadraticSaddle(lambda, RandomMatrices.haarOrthogonal(5, rng), center);
        double[] h = new double[25], g = new double[5], v = new double[5];
        q.hessian(new double[5], h);
        SymmetricEigen e = new SymmetricEigen(5);
        e.decompose(h);
        assertThat(e.values()).containsExactly(new double[] {-3, -0.5, 1e-3, 2, 7}, within(1e-12));
        q.gradient(center, g);
        assertThat(g).containsOnly(0.0);
        assertThat(q.value(center)).isZero();
        // H e_k = λ_k e_k for the stored eigenvectors; the minimum one is index 4
        assertThat(q.minEigenIndex()).isEqualTo(4);
        for (int k = 0; k < 5; k++) {
            q.eigenvector(k, v);
            double[] x = center.clone();
            for (int i = 0; i < 5; i++) x[i] += v[i];
            q.gradient(x, g);
            for (int i = 0; i < 5; i++) assertThat(g[i]).as("seed %d", seed).isCloseTo(lambda[k] * v[i], within(1e-12));
            assertThat(q.value(x)).isCloseTo(0.5 * lambda[k], within(1e-12));
        }
        Constants c = q.constants();
        assertThat(c.smoothness()).isEqualTo(7.0);
        assertThat(c.hessianLipschitz()).isZero();
        assertThat(c.fStar()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(QuadraticSaddle.diagonal(1, 2).constants().fStar()).isZero();
    }

    @Test
    void quadraticRejectsBadInput() {
        assertThatThrownBy(() -> QuadraticSaddle.diagonal(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eigenvalues[1]");
        assertThatThrownBy(() -> QuadraticSaddle.diagonal()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eigenvalues.length");
        assertThatThrownBy(() -> new QuadraticSaddle(new double[] {1, 2}, new double[] {1, 0, 0, 2}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orthogonal");
        assertThatThrownBy(() -> new QuadraticSaddle(new double[] {1, 2}, null, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("center has length 1");
        QuadraticSaddle q = QuadraticSaddle.diagonal(-1, 1);
        assertThatThrownBy(() -> q.withNoise(NoiseKind.RADEMACHER, new double[] {1, 0, 0, -0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive semidefinite");
        assertThatThrownBy(() -> q.withNoise(NoiseKind.GAUSSIAN, new double[] {1, 0.5, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> q.withNoise(NoiseKind.GAUSSIAN, new double[] {1, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance has length 3");
        assertThatThrownBy(() -> q.withNoise(GradientNoise.rademacherDiagonal(new double[] {1, 1, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise has dimension 3");
        assertThatThrownBy(() -> q.value(new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has length 3");
        double[] x = new double[2];
        assertThatThrownBy(() -> q.gradient(x, x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different array");
        assertThatThrownBy(() -> q.eigenvector(2, x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 2");
    }

    @Test
    void quarticHasSaddleAtOriginAndMinimaAtRootGamma() {
        QuarticSaddle f = QuarticSaddle.uniform(5, 0.1, 1.0, 2.0);
        double[] g = new double[5], h = new double[25];
        f.gradient(new double[5], g);
        assertThat(g).containsOnly(0.0);
        f.hessian(new double[5], h);
        assertThat(h[0]).isEqualTo(-0.1);
        for (boolean pos : new boolean[] {true, false}) {
            double[] m = f.minimizer(pos);
            f.gradient(m, g);
            for (double v : g) assertThat(v).isCloseTo(0, within(1e-16));
            assertThat(f.value(m)).isCloseTo(-0.01 / 4, within(1e-17));
            f.hessian(m, h);
            assertThat(h[0]).isCloseTo(0.2, within(1e-15)); // 3γ − γ
        }
        Constants c = f.constants();
        assertThat(c.fStar()).isCloseTo(-0.0025, within(1e-18));
        assertThat(c.smoothness()).isCloseTo(3 * 4 - 0.1, within(1e-14));
        assertThat(c.hessianLipschitz()).isEqualTo(12.0);
        assertThat(c.region()).isEqualTo("|x1| <= 2.0");
        Constants small = f.constantsOn(0.1);
        assertThat(small.smoothness()).isEqualTo(1.0); // h_max dominates
        assertThat(f.dim()).isEqualTo(5);
        assertThat(QuarticSaddle.uniform(1, 0.3, 1, 1).dim()).isEqualTo(1);
    }

    @Test
    void quarticRejectsBadInput() {
        assertThatThrownBy(() -> QuarticSaddle.uniform(3, -0.1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma = -0.1");
        assertThatThrownBy(() -> QuarticSaddle.uniform(3, Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma = NaN");
        assertThatThrownBy(() -> QuarticSaddle.uniform(3, 0.1, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h[0] = 0.0");
        assertThatThrownBy(() -> QuarticSaddle.uniform(3, 0.1, 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bound = 0.0");
        assertThatThrownBy(() -> QuarticSaddle.uniform(0, 0.1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        QuarticSaddle f = QuarticSaddle.uniform(3, 0.1, 1, 1);
        assertThatThrownBy(() -> f.gradient(new double[3], new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out has length 2");
        assertThatThrownBy(() -> f.constantsOn(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b = -1.0");
    }
}
