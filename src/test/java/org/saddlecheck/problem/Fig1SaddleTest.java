package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.SymmetricEigen;

/** STAIB-FIG1 landscape facts [DER] (CLAIMS.md §2). */
class Fig1SaddleTest {
    @Test
    void fStarMatchesTheClosedForm() {
        Fig1Saddle f = Fig1Saddle.finiteSum();
        double expected = -0.05 * Math.pow(10, -0.5) + Math.pow(10, -2.5);
        assertThat(f.fStar()).isCloseTo(expected, within(1e-16));
        assertThat(f.fStar()).isCloseTo(-0.0126491, within(5e-8));
        assertThat(f.constants().fStar()).isEqualTo(f.fStar());
    }

    @Test
    void localMinimaAreZeroAndPlusMinusTheEighthRootOfOneHundredth() {
        Fig1Saddle f = Fig1Saddle.finiteSum();
        List<double[]> minima = f.localMinima();
        assertThat(minima).hasSize(2);
        double t = Math.pow(0.01, 0.125);
        assertThat(t).isCloseTo(0.562341, within(1e-6));
        double[] g = new double[2], h = new double[4];
        for (double[] m : minima) {
            assertThat(m[0]).isEqualTo(0.0);
            assertThat(Math.abs(m[1])).isCloseTo(t, within(1e-15));
            f.gradient(m, g);
            assertThat(g[0]).isEqualTo(0.0);
            assertThat(g[1]).isCloseTo(0.0, within(1e-16));
            assertThat(f.value(m)).isCloseTo(f.fStar(), within(1e-17));
            f.hessian(m, h);
            assertThat(h[0]).isEqualTo(1.0);
            assertThat(h[3]).isCloseTo(0.8, within(1e-14));
            assertThat(h[1]).isEqualTo(0.0);
        }
    }

    @Test
    void originIsASaddleWithValueZeroAndEscapeDirectionX2() {
        Fig1Saddle f = Fig1Saddle.gaussian();
        double[] o = {0, 0}, g = new double[2], h = new double[4];
        assertThat(f.value(o)).isEqualTo(0.0);
        f.gradient(o, g);
        assertThat(g).containsExactly(0, 0);
        f.hessian(o, h);
        assertThat(h).containsExactly(1, 0, 0, -0.1);
        double[] sigma = new double[4];
        f.covariance(o, sigma);
        assertThat(sigma[3]).as("little noise along the escape direction").isCloseTo(0.01, within(1e-17));
    }

    @Test
    void higherDimensionalLandscapeHasAllSignCombinations() {
        Fig1Saddle f = Fig1Saddle.finiteSum(new double[] {1, -0.1, -0.4}, new double[] {1, 0.1, 0.2});
        List<double[]> minima = f.localMinima();
        assertThat(minima).hasSize(4);
        SymmetricEigen e = new SymmetricEigen(3);
        double[] g = new double[3], h = new double[9];
        double expected = 0.4 * -0.1 * Math.pow(0.01, 0.25) + 0.4 * -0.4 * Math.pow(0.04, 0.25);
        assertThat(f.fStar()).isCloseTo(expected, within(1e-15));
        for (double[] m : minima) {
            f.gradient(m, g);
            for (double v : g) assertThat(v).isCloseTo(0, within(1e-15));
            f.hessian(m, h);
            e.decompose(h);
            assertThat(e.min()).isGreaterThan(0);
            assertThat(f.value(m)).isCloseTo(f.fStar(), within(1e-15));
        }
    }

    @Test
    void constantsOnTheUnitBox() {
        Constants c = Fig1Saddle.finiteSum().constants();
        assertThat(c.smoothness()).isEqualTo(91.0);
        assertThat(c.hessianLipschitz()).isEqualTo(720.0);
        assertThat(c.region()).contains("1.0");
        Constants half = Fig1Saddle.finiteSum().constantsOnBox(0.5);
        assertThat(half.smoothness()).isCloseTo(1 + 90 * Math.pow(0.5, 8), within(1e-14));
        assertThat(half.hessianLipschitz()).isCloseTo(720 * Math.pow(0.5, 7), within(1e-13));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Fig1Saddle(new double[] {1, Double.NaN}, new double[] {1, 1}, NoiseKind.RADEMACHER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h[1]");
        assertThatThrownBy(() -> Fig1Saddle.finiteSum(new double[] {1, -0.1}, new double[] {1, -0.1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma[1]");
        assertThatThrownBy(() -> Fig1Saddle.finiteSum(new double[] {1, -0.1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s has length 1");
        assertThatThrownBy(() -> Fig1Saddle.finiteSum(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("h.length");
        assertThatThrownBy(() -> new Fig1Saddle(new double[] {1}, new double[] {1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        Fig1Saddle f = Fig1Saddle.finiteSum();
        assertThatThrownBy(() -> f.value(new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has length 3");
        assertThatThrownBy(() -> f.gradient(new double[2], new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> f.hessian(new double[2], new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
        assertThatThrownBy(() -> f.componentGradient(4, new double[2], new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i = 4");
        assertThatThrownBy(() -> f.constantsOnBox(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bound");
        assertThatThrownBy(() -> Fig1Saddle.finiteSum(new double[31], new double[31]).numComponents())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 31");
    }
}
