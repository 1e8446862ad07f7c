package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

/** CLAIMS.md §7.1 generators: Haar orthogonal matrices (with the sign fix) and prescribed spectra. */
class RandomMatricesTest {
    private static final long SEED = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "random-matrices", 0);

    @Test
    void haarMatricesAreOrthogonalAndReproducible() {
        for (int d : new int[] {1, 2, 5, 40}) {
            double[] q = RandomMatrices.haarOrthogonal(d, Seeds.rng(SEED + d));
            assertThat(RandomMatrices.orthogonalityDefect(q, d)).isLessThanOrEqualTo(1e-13);
            assertThat(RandomMatrices.haarOrthogonal(d, Seeds.rng(SEED + d))).containsExactly(q);
        }
    }

    /**
     * For Haar Q ∈ O(d): E[tr Q] = 0, E[(tr Q)²] = 1, E[Q_11] = 0. Without the sign fix Householder QR gives a biased
     * law (e.g. E[tr Q] ≠ 0), so these moments test the fix. Monte Carlo, 5 standard errors.
     */
    @Test
    void haarMomentsMatchWithinFiveStandardErrors() {
        UniformRandomProvider rng = Seeds.rng(SEED + 100);
        int d = 3, n = 20000;
        double s1 = 0, s1sq = 0, s2 = 0, s2sq = 0, q11 = 0, q11sq = 0, dets = 0;
        for (int t = 0; t < n; t++) {
            double[] q = RandomMatrices.haarOrthogonal(d, rng);
            double tr = q[0] + q[4] + q[8];
            s1 += tr;
            s1sq += tr * tr;
            s2 += tr * tr;
            s2sq += tr * tr * tr * tr;
            q11 += q[0];
            q11sq += q[0] * q[0];
            double det = q[0] * (q[4] * q[8] - q[5] * q[7]) - q[1] * (q[3] * q[8] - q[5] * q[6]) + q[2] * (q[3] * q[7] - q[4] * q[6]);
            dets += det;
        }
        double m1 = s1 / n, se1 = Math.sqrt((s1sq / n - m1 * m1) / n);
        double m2 = s2 / n, se2 = Math.sqrt((s2sq / n - m2 * m2) / n);
        double m3 = q11 / n, se3 = Math.sqrt((q11sq / n - m3 * m3) / n);
        assertThat(Math.abs(m1)).as("E tr Q, seed %d", SEED + 100).isLessThanOrEqualTo(5 * se1);
        assertThat(Math.abs(m2 - 1)).as("E (tr Q)^2, seed %d", SEED + 100).isLessThanOrEqualTo(5 * se2);
        assertThat(Math.abs(m3)).as("E Q11").isLessThanOrEqualTo(5 * se3);
        assertThat(q11sq / n).as("E Q11^2 = 1/d").isCloseTo(1.0 / d, within(5 * Math.sqrt(1.0 / n)));
        assertThat(Math.abs(dets / n)).as("both components of O(d) equally likely").isLessThanOrEqualTo(5 / Math.sqrt(n));
    }

    @Test
    void prescribedSpectraAreRecovered() {
        UniformRandomProvider rng = Seeds.rng(SEED + 200);
        double[] lambda = RandomMatrices.logUniformSpectrum(6, 1e-6, 1e2, rng);
        assertThat(lambda[0]).isEqualTo(1e-6);
        assertThat(lambda[5]).isEqualTo(1e2);
        for (int i = 1; i < 6; i++) assertThat(lambda[i]).isGreaterThanOrEqualTo(lambda[i - 1]);
        double[] g = RandomMatrices.spdWithSpectrum(lambda, rng);
        assertThat(Mat.asymmetry(g, 6)).isZero();
        SymmetricEigen e = new SymmetricEigen(6);
        e.decompose(g);
        for (int i = 0; i < 6; i++) assertThat(e.values()[i]).isCloseTo(lambda[i], within(1e-12 * 1e2));
        double[] s = RandomMatrices.symmetricWithSpectrum(new double[] {-2, 0, 3}, rng);
        e = new SymmetricEigen(3);
        e.decompose(s);
        assertThat(e.values()).containsExactly(new double[] {-2, 0, 3}, within(1e-13));
        assertThat(RandomMatrices.logUniformSpectrum(1, 1, 5, rng)).containsExactly(5);
    }

    @Test
    void rejectsBadInput() {
        UniformRandomProvider rng = Seeds.rng(1);
        assertThatThrownBy(() -> RandomMatrices.haarOrthogonal(0, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> RandomMatrices.haarOrthogonal(2, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rng");
        assertThatThrownBy(() -> RandomMatrices.spdWithSpectrum(new double[] {1, 0}, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda[1] = 0.0");
        assertThatThrownBy(() -> RandomMatrices.symmetricWithSpectrum(new double[] {1, Double.NaN}, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda[1]");
        assertThatThrownBy(() -> RandomMatrices.withSpectrum(new double[3], new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q has length 3");
        assertThatThrownBy(() -> RandomMatrices.logUniformSpectrum(3, 2, 1, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hi = 1.0");
        assertThatThrownBy(() -> RandomMatrices.logUniformSpectrum(3, 0, 1, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lo = 0.0");
    }
}
