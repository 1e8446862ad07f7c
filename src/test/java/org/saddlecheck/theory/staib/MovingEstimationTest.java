package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.gen.LipschitzFields;
import org.saddlecheck.gen.MatrixOracle;
import org.saddlecheck.gen.MatrixOracles;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.theory.staib.MovingEstimation.Case;
import org.saddlecheck.theory.staib.MovingEstimation.Model;
import org.saddlecheck.theory.staib.MovingEstimation.Move;
import org.saddlecheck.theory.staib.MovingEstimation.Prepared;
import org.saddlecheck.theory.staib.MovingEstimation.Result;
import org.saddlecheck.theory.staib.MovingEstimation.Spec;

class MovingEstimationTest {

    private static double[] randomSymmetric(int d, UniformRandomProvider rng, double scale) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = i; j < d; j++) {
                double v = scale * (2 * rng.nextDouble() - 1);
                m[i * d + j] = v;
                m[j * d + i] = v;
            }
        return m;
    }

    @TestFactory
    List<DynamicTest> feedReproducesTheWeightedAverageOfIndefiniteReads() {
        List<DynamicTest> out = new ArrayList<>();
        for (int seed = 0; seed < 12; seed++) {
            final int s = seed;
            out.add(DynamicTest.dynamicTest("seed " + s, () -> {
                UniformRandomProvider rng = Seeds.rng(s);
                int d = 1 + rng.nextInt(5), t = 1 + rng.nextInt(80);
                double beta = 0.5 + 0.49 * rng.nextDouble();
                MatrixReadFeed norm = new MatrixReadFeed(EstimatorFactory.NORMALISED_EMA, d, beta);
                MatrixReadFeed raw = new MatrixReadFeed(EstimatorFactory.RAW_EMA, d, beta);
                double[][] ys = new double[t][];
                for (int i = 0; i < t; i++) {
                    ys[i] = i % 7 == 3 ? new double[d * d] : randomSymmetric(d, rng, Math.pow(10, 2 * rng.nextDouble() - 1));
                    norm.observe(null, ys[i]);
                    raw.observe(null, ys[i]);
                }
                double[] expectN = new double[d * d], expectR = new double[d * d], gotN = new double[d * d], gotR = new double[d * d];
                double scale = 0;
                for (int i = 1; i <= t; i++) {
                    double wn = EstimationBounds.weight(beta, i, t), wr = (1 - beta) * Math.pow(beta, t - i);
                    for (int k = 0; k < d * d; k++) {
                        expectN[k] += wn * ys[i - 1][k];
                        expectR[k] += wr * ys[i - 1][k];
                        scale = Math.max(scale, Math.abs(ys[i - 1][k]));
                    }
                }
                norm.estimate(null, gotN);
                raw.estimate(null, gotR);
                for (int k = 0; k < d * d; k++) {
                    assertThat(gotN[k]).as("normalised entry %d (seed %d)", k, s).isCloseTo(expectN[k], within(1e-12 * Math.max(1, scale)));
                    assertThat(gotR[k]).as("raw entry %d (seed %d)", k, s).isCloseTo(expectR[k], within(1e-12 * Math.max(1, scale)));
                }
                assertThat(norm.count()).isEqualTo(t);
            }));
        }
        return out;
    }

    @Test
    void stepsRespectTheSpeedBoundForEveryMove() {
        for (Move mv : Move.values()) {
            for (Model m : new Model[] {Model.AFFINE_HAAR, Model.SINE_HAAR, Model.ROTATING_HAAR, Model.GRADIENT_OUTER, Model.SINE_OUTER}) {
                Prepared p = new Prepared(new Case(3, m, mv, 1, 2, 0.5, 0.5), 9);
                double eta = 0.05;
                MovingEstimation.Trial tr = p.newTrial(eta, 500, Seeds.rng(1));
                double[] prev = tr.x.clone(), gx = new double[9], y = new double[9], mu = new double[3], noise = new double[9];
                UniformRandomProvider rng = Seeds.rng(2);
                double maxStep = 0;
                for (int t = 0; t < 500; t++) {
                    tr.mean(gx);
                    tr.read(gx, mu, rng, y);
                    for (int k = 0; k < 9; k++) noise[k] = y[k] - gx[k];
                    tr.move.advance(tr.x, tr.moveSeesNoise ? noise : y);
                    maxStep = Math.max(maxStep, Vec.distance(prev, tr.x));
                    System.arraycopy(tr.x, 0, prev, 0, 3);
                }
                assertThat(maxStep).as("%s %s", m, mv).isLessThanOrEqualTo(eta * 2 * (1 + 1e-12));
                if (mv == Move.STRAIGHT || mv == Move.RANDOM_WALK) assertThat(maxStep).as("full speed %s %s", m, mv).isCloseTo(eta * 2, within(1e-12));
            }
        }
    }

    @Test
    void readsAreUnbiasedWithTheDeclaredNoiseBounds() {
        for (Model m : new Model[] {Model.AFFINE_HAAR, Model.ROTATING_HAAR, Model.GRADIENT_OUTER, Model.SINE_OUTER, Model.WITNESS_MIN}) {
            Prepared p = new Prepared(new Case(3, m, Move.STILL, m == Model.WITNESS_MIN ? 0 : 1, 1, 0.4, 0.3), 5);
            MovingEstimation.Trial tr = p.newTrial(0.01, 10, Seeds.rng(3));
            double[] gx = new double[9], y = new double[9], mu = new double[3], sum = new double[9];
            tr.mean(gx);
            UniformRandomProvider rng = Seeds.rng(4);
            int n = 40_000;
            double maxDev = 0;
            for (int i = 0; i < n; i++) {
                tr.read(gx, mu, rng, y);
                double[] z = new double[9];
                for (int k = 0; k < 9; k++) {
                    sum[k] += y[k];
                    z[k] = y[k] - gx[k];
                }
                maxDev = Math.max(maxDev, org.saddlecheck.linalg.Mat.opNormSymmetric(z));
            }
            for (int k = 0; k < 9; k++) assertThat(sum[k] / n).as("%s entry %d", m, k).isCloseTo(gx[k], within(0.05 * Math.max(1, p.constants.r())));
            assertThat(maxDev).as("%s: observed ||Y - EY|| <= R", m).isLessThanOrEqualTo(p.constants.r() * (1 + 1e-12));
        }
    }

    @Test
    void outerNoiseBoundsDominateTheExactMomentsWithinTheMeanBall() {
        double[] s = MovingEstimation.noiseFactor(new Case(3, Model.GRADIENT_OUTER, Move.STILL, 1, 1, 0.7, 0.5), 11);
        double m = 1.3;
        double[] bounds = MovingEstimation.outerNoiseBounds(s, m);
        MatrixOracle or = MatrixOracles.rademacherOuter(s);
        UniformRandomProvider rng = Seeds.rng(12);
        for (int i = 0; i < 50; i++) {
            double[] mu = org.saddlecheck.gen.Gradients.withNorm(3, m * rng.nextDouble(), rng);
            MatrixOracle.NoiseMoments nm = or.moments(mu);
            assertThat(nm.r()).isLessThanOrEqualTo(bounds[0] * (1 + 1e-12));
            assertThat(nm.sigma()).isLessThanOrEqualTo(bounds[1] * (1 + 1e-12));
        }
    }

    @Test
    void sineOuterLipschitzBoundIsCertified() {
        Case c = new Case(3, Model.SINE_OUTER, Move.STRAIGHT, 1, 1, 0.5, 0.5);
        Prepared p = new Prepared(c, 17);
        MovingEstimation.Trial tr = p.newTrial(0.01, 10, Seeds.rng(1));
        LipschitzFields.Certificate cert = LipschitzFields.certify(tr.field, 3000, 40, Seeds.rng(2));
        assertThat(cert.maxRatio()).isLessThanOrEqualTo(p.constants.lipschitz());
        assertThat(p.constants.lipschitz()).isEqualTo(MovingEstimation.sineOuterLipschitzBound(c));
        // the slope along u at u.x = 0 is the case's L
        double[] x0 = new double[3], x1 = tr.sineOuter.u.clone(), g0 = new double[9], g1 = new double[9];
        Vec.scale(1e-6, x1);
        tr.field.value(x0, g0);
        tr.field.value(x1, g1);
        double[] diff = new double[9];
        for (int k = 0; k < 9; k++) diff[k] = g1[k] - g0[k];
        assertThat(org.saddlecheck.linalg.Mat.opNormSymmetric(diff) / 1e-6).isCloseTo(1, within(1e-4));
        assertThat(cert.minEigenvalue()).isGreaterThanOrEqualTo(p.lambdaMin * (1 - 1e-9));
    }

    @Test
    void runsAreReproducibleAndTheLemmaHoldsAlongThem() {
        Prepared p = new Prepared(new Case(3, Model.ROTATING_HAAR, Move.STRAIGHT, 1, 1, 0.2, 1), 3);
        Spec spec = new Spec(1e-2, EstimationChecks.beta(1e-2, 1), 30, 60, new int[] {30, 60}, 0.2, EstimatorFactory.NORMALISED_EMA);
        Result a = MovingEstimation.run(p, spec, Seeds.rng(8)), b = MovingEstimation.run(p, spec, Seeds.rng(8));
        assertThat(a.supG()).containsExactly(b.supG());
        assertThat(a.supA()).isEqualTo(b.supA());
        assertThat(a.lemmaMaxRatio()).isEqualTo(b.lemmaMaxRatio());
        assertThat(a.error()).isNaN();
        assertThat(a.supG()[0]).isLessThanOrEqualTo(a.supG()[1]);
        assertThat(a.lemmaChecks()).isEqualTo(60);
        assertThat(a.lemmaMaxExcess()).isLessThanOrEqualTo(0);
        assertThat(a.lemmaMaxRatio()).isBetween(0.0, 1.0);
        assertThat(a.supA()).isPositive();
        Spec fin = new Spec(1e-2, 0.9, 40, 0, null, Double.NaN, EstimatorFactory.NORMALISED_EMA);
        assertThat(MovingEstimation.run(p, fin, Seeds.rng(9)).error()).isPositive().isFinite();
    }

    @Test
    void rejectsBadCasesAndSpecs() {
        assertThatThrownBy(() -> new Case(1, Model.ROTATING_HAAR, Move.STRAIGHT, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d");
        assertThatThrownBy(() -> new Case(3, Model.AFFINE_HAAR, Move.STRAIGHT, 0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lipschitz");
        assertThatThrownBy(() -> new Case(3, Model.AFFINE_HAAR, Move.STRAIGHT, 1, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise");
        assertThatThrownBy(() -> new Case(3, Model.AFFINE_HAAR, Move.STRAIGHT, 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
        assertThatThrownBy(() -> new Spec(1e-2, 1, 10, 0, null, Double.NaN, EstimatorFactory.NORMALISED_EMA)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> new Spec(1e-2, 0.9, 0, 0, null, Double.NaN, EstimatorFactory.NORMALISED_EMA)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burnIn + window");
        assertThatThrownBy(() -> new Spec(1e-2, 0.9, 5, 10, new int[] {4}, Double.NaN, EstimatorFactory.NORMALISED_EMA)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoints");
        assertThatThrownBy(() -> new Spec(1e-2, 0.9, 5, 10, null, -1, EstimatorFactory.NORMALISED_EMA)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> EstimationChecks.beta(0.1, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C*eta^(2/3)");
        assertThatThrownBy(() -> new MatrixReadFeed(EstimatorFactory.NORMALISED_EMA, 0, 0.9)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d");
    }
}
