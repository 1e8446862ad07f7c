package org.saddlecheck.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

class HaarTest {

    @TestFactory
    Stream<DynamicTest> orthogonalToRounding() {
        return Stream.of(1, 2, 3, 5, 10, 30).map(d -> DynamicTest.dynamicTest("d=" + d, () -> {
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "haar-orth", d);
            double[] q = Haar.orthogonal(d, Seeds.rng(seed));
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += q[k * d + i] * q[k * d + j];
                    assertThat(s).as("(Q^T Q)_%d%d, seed %d", i, j, seed).isCloseTo(i == j ? 1 : 0, within(1e-12));
                }
        }));
    }

    /** With the sign fix E[Q_jj] = 0, E[Q_jj²] = 1/d and P(det Q = +1) = 1/2 (Haar on O(d)). */
    @Test
    void signFixGivesHaarMoments() {
        int d = 3, n = 6000;
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "haar-moments", 0));
        Haar h = new Haar(d);
        Gaussian g = new Gaussian(rng);
        double[] q = new double[d * d];
        double[] sum = new double[d], sum2 = new double[d];
        int positiveDet = 0;
        for (int r = 0; r < n; r++) {
            h.sample(g, q);
            for (int j = 0; j < d; j++) {
                sum[j] += q[j * d + j];
                sum2[j] += q[j * d + j] * q[j * d + j];
            }
            if (CommonOps_DDRM.det(new DMatrixRMaj(d, d, true, q)) > 0) positiveDet++;
        }
        double se = Math.sqrt(1.0 / d / n);
        for (int j = 0; j < d; j++) {
            assertThat(sum[j] / n).as("E[Q_%d%d]", j, j).isCloseTo(0, within(5 * se));
            assertThat(sum2[j] / n).as("E[Q_%d%d^2]", j, j).isCloseTo(1.0 / d, within(0.02));
        }
        assertThat((double) positiveDet / n).isCloseTo(0.5, within(5 * Math.sqrt(0.25 / n)));
    }

    @Test
    void sameSeedSameMatrix() {
        assertThat(Haar.orthogonal(4, Seeds.rng(9))).containsExactly(Haar.orthogonal(4, Seeds.rng(9)));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Haar(0)).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new Haar(3).sample(new Gaussian(Seeds.rng(1)), new double[8])).hasMessageContaining("length 8");
        assertThatThrownBy(() -> Haar.orthogonal(2, null)).hasMessageContaining("rng is null");
    }
}
