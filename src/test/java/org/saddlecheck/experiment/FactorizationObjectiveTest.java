package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/** The fast O(dr²) objective and the allocation-free distance agree with {@link MatrixFactorization}. */
class FactorizationObjectiveTest {

    @TestFactory
    Stream<DynamicTest> agreesWithTheDenseImplementation() {
        return IntStream.range(0, 12).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            UniformRandomProvider rng = Seeds.rng(seed, "fact", 0);
            int d = 3 + rng.nextInt(8), r = 1 + rng.nextInt(Math.min(3, d));
            double[] sigma = MatrixFactorizationExperiment.spectrum(r, 1 + 9 * rng.nextDouble());
            MatrixFactorization mf = new MatrixFactorization(d, sigma, rng);
            FactorizationObjective f = new FactorizationObjective(mf);
            FactorizationDistance dist = new FactorizationDistance(mf);
            double[] u = new double[mf.dim()];
            Gaussian g = new Gaussian(rng);
            for (double scale : new double[] {0, 1e-3, 0.5, 2}) {
                g.fill(u);
                for (int i = 0; i < u.length; i++) u[i] *= scale;
                assertThat(f.value(u)).as("seed %d scale %g", seed, scale).isCloseTo(mf.value(u), org.assertj.core.data.Offset.offset(1e-12 * (1 + mf.value(u))));
                double[] g1 = new double[u.length], g2 = new double[u.length];
                f.gradient(u, g1);
                mf.gradient(u, g2);
                for (int i = 0; i < u.length; i++) assertThat(g1[i]).isCloseTo(g2[i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(g2[i]))));
                assertThat(dist.distance(u)).isCloseTo(mf.distanceToOptima(u), org.assertj.core.data.Offset.offset(1e-9));
            }
            // near the optimum the direct formula keeps relative accuracy
            double[] near = mf.optimalFactor();
            g.fill(u);
            for (int i = 0; i < u.length; i++) near[i] += 1e-7 * u[i];
            double want = mf.distanceToOptima(near);
            assertThat(dist.distance(near)).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6 * want));
        }));
    }

    @Test
    void rejectsBadInput() {
        MatrixFactorization mf = new MatrixFactorization(3, new double[] {1}, Seeds.rng(1, "x", 0));
        FactorizationObjective f = new FactorizationObjective(mf);
        assertThatThrownBy(() -> f.value(new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U has length 2");
        double[] u = new double[3];
        assertThatThrownBy(() -> f.gradient(u, u)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different array");
        assertThatThrownBy(() -> new FactorizationObjective(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FactorizationDistance(mf).distance(new double[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
