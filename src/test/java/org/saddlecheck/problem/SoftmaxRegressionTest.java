package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

/** Softmax regression (STAIB-FIG2 model) and the in-memory Dataset. */
class SoftmaxRegressionTest {
    private static final long SEED = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "softmax", 0);

    @Test
    void atZeroParametersTheLossIsLogK() {
        Dataset data = Dataset.gaussianBlobs(30, 4, 5, 1.0, Seeds.rng(SEED));
        SoftmaxRegression f = new SoftmaxRegression(data, 0.3, 8);
        assertThat(f.dim()).isEqualTo(5 * 5);
        assertThat(f.value(new double[25])).isCloseTo(Math.log(5), within(1e-14));
        // gradient of the bias block at 0: mean of (1/K − e_y)
        double[] g = new double[25];
        f.gradient(new double[25], g);
        int[] counts = new int[5];
        for (int y : data.labels()) counts[y]++;
        for (int c = 0; c < 5; c++) assertThat(g[20 + c]).isCloseTo(0.2 - counts[c] / 30.0, within(1e-15));
    }

    @Test
    void hessianIsPsdAndBoundedByTheCertifiedSmoothness() {
        UniformRandomProvider rng = Seeds.rng(SEED + 1);
        Dataset data = Dataset.gaussianBlobs(25, 3, 3, 2.0, rng);
        SoftmaxRegression f = new SoftmaxRegression(data, 0.0, 1);
        double ell = f.constants().smoothness();
        assertThat(f.constants().hessianLipschitz()).isNaN();
        assertThat(f.constants().fStar()).isNaN();
        double[] h = new double[f.dim() * f.dim()];
        SymmetricEigen e = new SymmetricEigen(f.dim());
        for (int t = 0; t < 30; t++) {
            double[] theta = FixtureCatalog.gaussian(rng, f.dim(), t < 5 ? 0.01 : 1);
            f.hessian(theta, h);
            e.decompose(h);
            assertThat(e.min()).as("seed %d: convex", SEED + 1).isGreaterThanOrEqualTo(-1e-12);
            assertThat(e.max()).as("seed %d", SEED + 1).isLessThanOrEqualTo(ell * (1 + 1e-12));
        }
        // the Hessian is invariant to adding the same vector to every class (softmax shift): a null direction
        double[] theta = FixtureCatalog.gaussian(rng, f.dim(), 1), v = new double[f.dim()];
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 3; j++) v[c * 3 + j] = 0.3 * (j + 1);
            v[9 + c] = -0.7;
        }
        f.hessian(theta, h);
        assertThat(org.saddlecheck.linalg.Mat.quadForm(h, v)).isCloseTo(0, within(1e-12));
    }

    @Test
    void exampleLossesAverageToTheObjective() {
        UniformRandomProvider rng = Seeds.rng(SEED + 2);
        Dataset data = Dataset.gaussianBlobs(12, 2, 4, 1.0, rng);
        SoftmaxRegression f = new SoftmaxRegression(data, 0.1, 2);
        double[] theta = FixtureCatalog.gaussian(rng, f.dim(), 2);
        double s = 0, reg = 0;
        for (int i = 0; i < 12; i++) s += f.exampleLoss(i, theta) / 12;
        for (int i = 0; i < 8; i++) reg += theta[i] * theta[i];
        assertThat(f.value(theta)).isCloseTo(s + 0.05 * reg, within(1e-13));
        // huge logits stay finite (max-shifted log-sum-exp)
        double[] big = theta.clone();
        for (int i = 0; i < big.length; i++) big[i] *= 1e4;
        assertThat(f.value(big)).isFinite();
    }

    @Test
    void datasetFrom2dArrayAndValidation() {
        Dataset d = Dataset.of("toy", new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 1}, 2);
        assertThat(d.n()).isEqualTo(3);
        assertThat(d.p()).isEqualTo(2);
        assertThat(d.feature(2, 1)).isEqualTo(6.0);
        assertThatThrownBy(() -> Dataset.of("bad", new double[][] {{1, 2}, {3}}, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1].length");
        assertThatThrownBy(() -> Dataset.of("bad", new double[][] {{1}, {2}}, new int[] {0, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] = 2");
        assertThatThrownBy(() -> Dataset.of("bad", new double[][] {{1}, {2}}, new int[] {0, -1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] = -1");
        assertThatThrownBy(() -> Dataset.of("bad", new double[][] {{1}, {Double.NaN}}, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features[1]");
        assertThatThrownBy(() -> new Dataset("bad", 2, 2, 2, new double[3], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features.length = 3");
        assertThatThrownBy(() -> new Dataset("bad", 2, 1, 1, new double[2], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes = 1");
        assertThatThrownBy(() -> new Dataset("bad", 2, 1, 2, new double[2], new int[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels.length = 3");
        assertThatThrownBy(() -> new Dataset(null, 2, 1, 2, new double[2], new int[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> Dataset.gaussianBlobs(10, 2, 2, -1, Seeds.rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separation = -1.0");
    }

    @Test
    void rejectsBadInput() {
        Dataset data = Dataset.gaussianBlobs(10, 2, 3, 1.0, Seeds.rng(SEED));
        assertThatThrownBy(() -> new SoftmaxRegression(data, -0.1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda = -0.1");
        assertThatThrownBy(() -> new SoftmaxRegression(data, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda = NaN");
        assertThatThrownBy(() -> new SoftmaxRegression(data, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize = 0");
        assertThatThrownBy(() -> new SoftmaxRegression(null, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        SoftmaxRegression f = new SoftmaxRegression(data, 0, 1);
        assertThatThrownBy(() -> f.value(new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("theta has length 3");
        assertThatThrownBy(() -> f.exampleLoss(10, new double[9])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i = 10");
        double[] t = new double[9];
        assertThatThrownBy(() -> f.gradient(t, t)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different array");
        assertThatThrownBy(() -> f.sample(t, Seeds.rng(1), new double[8])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out has length 8");
    }
}
