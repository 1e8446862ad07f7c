package org.saddlecheck.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.problem.RandomMatrices;
import org.saddlecheck.rng.Seeds;

class SymmetricEigenTest {

    /** Q diag(λ) Qᵀ with a prescribed spectrum is decomposed back to λ (sorted), with orthonormal vectors. */
    @TestFactory
    Stream<DynamicTest> recoversPrescribedSpectrum() {
        return IntStream.of(1, 2, 3, 5, 10, 40).boxed().flatMap(d -> IntStream.range(0, 5).mapToObj(trial -> {
            long seed = Seeds.derive(7, "eig", d * 100L + trial);
            return DynamicTest.dynamicTest("d=" + d + " seed=" + seed, () -> {
                UniformRandomProvider rng = Seeds.rng(seed);
                double[] lambda = new double[d];
                for (int i = 0; i < d; i++) lambda[i] = (rng.nextDouble() - 0.3) * Math.pow(10, 3 * rng.nextDouble());
                double[] a = RandomMatrices.symmetricWithSpectrum(lambda, rng);
                SymmetricEigen e = new SymmetricEigen(d);
                for (int rep = 0; rep < 2; rep++) { // the workspace is reusable
                    e.decompose(a);
                    double[] sorted = lambda.clone();
                    java.util.Arrays.sort(sorted);
                    double scale = Vec.maxAbs(lambda);
                    for (int i = 0; i < d; i++) assertThat(e.values()[i]).as("seed %d", seed).isCloseTo(sorted[i], org.assertj.core.data.Offset.offset(1e-11 * scale));
                    double[] v = e.vectors();
                    for (int k = 0; k < d; k++)
                        for (int l = 0; l < d; l++) {
                            double dot = 0;
                            for (int i = 0; i < d; i++) dot += v[k * d + i] * v[l * d + i];
                            assertThat(dot).isCloseTo(k == l ? 1 : 0, org.assertj.core.data.Offset.offset(1e-12));
                        }
                    // A v_k = λ_k v_k
                    double[] vk = new double[d], av = new double[d];
                    for (int k = 0; k < d; k++) {
                        e.vector(k, vk);
                        Mat.mulVec(a, vk, av);
                        for (int i = 0; i < d; i++) assertThat(av[i]).isCloseTo(e.values()[k] * vk[i], org.assertj.core.data.Offset.offset(1e-10 * scale));
                    }
                    double[] rec = new double[d * d];
                    e.reconstruct(l -> l, rec);
                    for (int i = 0; i < d * d; i++) assertThat(rec[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-10 * scale));
                }
            });
        }));
    }

    @Test
    void inverseSquareRootBothPlacements() {
        double[] g = {4, 0, 0, 9};
        double[] out = new double[4];
        SymmetricEigen e = new SymmetricEigen(2);
        MatrixFunctions.invSqrt(g, 0.5, EpsPlacement.INSIDE, e, out);
        assertThat(out[0]).isCloseTo(1 / Math.sqrt(4.5), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(out[3]).isCloseTo(1 / Math.sqrt(9.5), org.assertj.core.data.Offset.offset(1e-15));
        MatrixFunctions.invSqrt(g, 0.5, EpsPlacement.OUTSIDE, e, out);
        assertThat(out[0]).isCloseTo(1 / 2.5, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(out[3]).isCloseTo(1 / 3.5, org.assertj.core.data.Offset.offset(1e-15));
        // a negative rounding eigenvalue is clamped at 0 before ε is added
        MatrixFunctions.invSqrt(new double[] {-1e-18, 0, 0, 1}, 1e-2, EpsPlacement.INSIDE, e, out);
        assertThat(out[0]).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void rejectsBadInput() {
        SymmetricEigen e = new SymmetricEigen(2);
        assertThatThrownBy(() -> e.decompose(new double[3])).hasMessageContaining("length 3");
        assertThatThrownBy(() -> e.decompose(new double[] {1, Double.NaN, Double.NaN, 1})).hasMessageContaining("finite");
        assertThatThrownBy(() -> new SymmetricEigen(0)).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> MatrixFunctions.invSqrt(new double[] {0, 0, 0, 1}, 0, EpsPlacement.INSIDE, e, new double[4]))
                .hasMessageContaining("positive definite");
        assertThatThrownBy(() -> MatrixFunctions.invSqrt(new double[] {1, 0, 0, 1}, -1, EpsPlacement.INSIDE, e, new double[4]))
                .hasMessageContaining("eps = -1.0");
        assertThatThrownBy(() -> MatrixFunctions.requireSymmetricPsd("G", new double[] {1, 2, 0, 1}, 2, 1e-12))
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> MatrixFunctions.requireSymmetricPsd("G", new double[] {1, 0, 0, -1}, 2, 1e-12))
                .hasMessageContaining("eigenvalue -1.0");
    }
}
