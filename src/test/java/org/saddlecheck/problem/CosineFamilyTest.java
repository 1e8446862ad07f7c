package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;

/** Cosine family (CLAIMS.md §7.2): critical points y ∈ {0, π}^d, spectra, Δ_f = 2ak. */
class CosineFamilyTest {
    @TestFactory
    Stream<DynamicTest> saddlesHaveZeroGradientAndKNegativeEigenvalues() {
        return IntStream.of(1, 2, 6).boxed().flatMap(d -> IntStream.rangeClosed(0, d).mapToObj(k -> dynamicTest("d=" + d + ", k=" + k, () -> {
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "cosine-saddles", d * 100L + k);
            UniformRandomProvider rng = Seeds.rng(seed);
            double a = 0.5 + rng.nextDouble();
            for (CosineFamily f : new CosineFamily[] {CosineFamily.haar(d, a, rng), CosineFamily.axisAligned(d, a)}) {
                double[] x = f.saddle(k), g = new double[d], h = new double[d * d];
                f.gradient(x, g);
                assertThat(Vec.norm(g)).as("seed %d", seed).isLessThanOrEqualTo(1e-14 * a * d);
                f.hessian(x, h);
                SymmetricEigen e = new SymmetricEigen(d);
                e.decompose(h);
                double[] ev = e.values();
                for (int i = 0; i < d; i++) assertThat(ev[i]).as("seed %d eig %d", seed, i).isCloseTo(i < k ? -a : a, within(1e-12));
                assertThat(f.value(x) - f.constants().fStar()).as("seed %d", seed).isCloseTo(f.deltaF(k), within(1e-12 * a * d));
                assertThat(f.deltaF(k)).isEqualTo(2 * a * k);
            }
        })));
    }

    @Test
    void criticalPointWithListedCoordinatesMatchesTheYDefinition() {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "cosine-y", 0));
        CosineFamily f = CosineFamily.haar(4, 1, rng);
        double[] x = f.criticalPoint(1, 3), q = f.basis();
        for (int i = 0; i < 4; i++) {
            double y = 0;
            for (int j = 0; j < 4; j++) y += q[i * 4 + j] * x[j];
            assertThat(y).isCloseTo(i == 1 || i == 3 ? Math.PI : 0, within(1e-14));
        }
        assertThat(f.value(x)).isCloseTo(0.0, within(1e-14)); // −(1 + 1 − 1 − 1)
    }

    @Test
    void constantsAreAAndMinusAD() {
        Constants c = CosineFamily.axisAligned(7, 0.3).constants();
        assertThat(c.smoothness()).isEqualTo(0.3);
        assertThat(c.hessianLipschitz()).isEqualTo(0.3);
        assertThat(c.fStar()).isCloseTo(-2.1, within(1e-15));
        assertThat(c.region()).isEqualTo("global");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> CosineFamily.axisAligned(3, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a = -1.0");
        assertThatThrownBy(() -> CosineFamily.axisAligned(3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a = 0.0");
        assertThatThrownBy(() -> CosineFamily.axisAligned(3, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a = NaN");
        assertThatThrownBy(() -> CosineFamily.axisAligned(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new CosineFamily(2, 1, new double[] {1, 1, 0, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orthogonal");
        assertThatThrownBy(() -> new CosineFamily(2, 1, new double[] {1, 0, 0})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basis has length 3");
        CosineFamily f = CosineFamily.axisAligned(3, 1);
        assertThatThrownBy(() -> f.value(new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has length 2");
        assertThatThrownBy(() -> f.saddle(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 4");
        assertThatThrownBy(() -> f.criticalPoint(1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
        assertThatThrownBy(() -> f.criticalPoint(3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("piCoordinate = 3");
        CosineFamily rot = CosineFamily.haar(3, 1, Seeds.rng(1));
        double[] x = new double[3];
        assertThatThrownBy(() -> rot.gradient(x, x)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different array");
    }
}
