package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;

/** JIN-MF: f(U) = ½‖UUᵀ − M*‖², its saddle at 0, its optima U*R and the Procrustes distance. */
class MatrixFactorizationTest {
    private static final long SEED = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "mf", 0);

    private static double[] rotate(double[] u, double[] rot, int d, int r) {
        double[] out = new double[d * r];
        for (int i = 0; i < d; i++)
            for (int k = 0; k < r; k++) {
                double s = 0;
                for (int m = 0; m < r; m++) s += u[i * r + m] * rot[m * r + k];
                out[i * r + k] = s;
            }
        return out;
    }

    @Test
    void targetHasThePrescribedSpectrum() {
        MatrixFactorization f = new MatrixFactorization(6, new double[] {3, 1, 0.25}, Seeds.rng(SEED));
        SymmetricEigen e = new SymmetricEigen(6);
        e.decompose(f.target());
        assertThat(e.values()).containsExactly(new double[] {0, 0, 0, 0.25, 1, 3}, within(1e-12));
        assertThat(f.dim()).isEqualTo(18);
        assertThat(f.sigmaMax()).isEqualTo(3);
        assertThat(f.sigmaMin()).isEqualTo(0.25);
    }

    @Test
    void optimaHaveZeroValueGradientAndDistance() {
        UniformRandomProvider rng = Seeds.rng(SEED + 1);
        MatrixFactorization f = new MatrixFactorization(5, new double[] {2, 0.5}, rng);
        double[] rot = RandomMatrices.haarOrthogonal(2, rng);
        double[] u = rotate(f.optimalFactor(), rot, 5, 2), g = new double[10];
        assertThat(f.value(u)).isCloseTo(0, within(1e-26));
        f.gradient(u, g);
        assertThat(Vec.norm(g)).isLessThanOrEqualTo(1e-14);
        assertThat(f.distanceToOptima(u)).isLessThanOrEqualTo(1e-14);
        // Hessian at an optimum: PSD with the rotation null direction U*S (S skew) of dimension r(r−1)/2 = 1
        double[] h = new double[100];
        f.hessian(u, h);
        SymmetricEigen e = new SymmetricEigen(10);
        e.decompose(h);
        assertThat(e.values()[0]).isCloseTo(0, within(1e-12));
        assertThat(e.values()[1]).isGreaterThan(0.1);
    }

    @Test
    void originIsAStrictSaddleWithLambdaMinMinusTwoSigmaOne() {
        MatrixFactorization f = new MatrixFactorization(4, new double[] {2, 0.5}, Seeds.rng(SEED + 2));
        double[] u = new double[8], g = new double[8], h = new double[64];
        f.gradient(u, g);
        assertThat(g).containsOnly(0.0);
        f.hessian(u, h);
        SymmetricEigen e = new SymmetricEigen(8);
        e.decompose(h);
        // H(0) = −2 M* ⊗ I_r: eigenvalues −2σ_k (r times each) and 0
        assertThat(e.values()).containsExactly(new double[] {-4, -4, -1, -1, 0, 0, 0, 0}, within(1e-12));
        Stationarity.Result res = Stationarity.isEpsSOSP(f, u, 1e-3, f.constants().hessianLipschitz());
        assertThat(res.firstOrder()).isTrue();
        assertThat(res.verdict()).isFalse();
        assertThat(f.value(u)).isCloseTo(0.5 * (4 + 0.25), within(1e-12));
    }

    @Test
    void procrustesMatchesBruteForceOverRotationsAndReflections() {
        UniformRandomProvider rng = Seeds.rng(SEED + 3);
        MatrixFactorization f = new MatrixFactorization(4, new double[] {1.5, 0.7}, rng);
        double[] us = f.optimalFactor();
        for (int t = 0; t < 20; t++) {
            double[] u = FixtureCatalog.gaussian(rng, 8, 1);
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 20000; k++) {
                double th = 2 * Math.PI * k / 20000;
                for (int refl = 0; refl < 2; refl++) {
                    double s = refl == 0 ? 1 : -1;
                    double[] rot = {Math.cos(th), -s * Math.sin(th), Math.sin(th), s * Math.cos(th)};
                    best = Math.min(best, Vec.distance(u, rotate(us, rot, 4, 2)));
                }
            }
            double dist = f.distanceToOptima(u);
            assertThat(dist).as("seed %d", SEED + 3).isLessThanOrEqualTo(best + 1e-12);
            assertThat(dist).as("seed %d", SEED + 3).isCloseTo(best, within(1e-6 * (1 + best)));
        }
        // r = 1: O(1) = {±1}
        MatrixFactorization f1 = new MatrixFactorization(3, new double[] {2}, rng);
        double[] u1 = FixtureCatalog.gaussian(rng, 3, 1), us1 = f1.optimalFactor(), neg = us1.clone();
        Vec.scale(-1, neg);
        assertThat(f1.distanceToOptima(u1)).isCloseTo(Math.min(Vec.distance(u1, us1), Vec.distance(u1, neg)), within(1e-14));
    }

    @Test
    void hessianQuadraticFormMatchesTheClosedForm() {
        UniformRandomProvider rng = Seeds.rng(SEED + 4);
        int d = 5, r = 2;
        MatrixFactorization f = new MatrixFactorization(d, new double[] {1, 0.3}, rng);
        double[] u = FixtureCatalog.gaussian(rng, d * r, 1), v = FixtureCatalog.gaussian(rng, d * r, 1);
        double[] h = new double[d * r * d * r];
        f.hessian(u, h);
        double quad = org.saddlecheck.linalg.Mat.quadForm(h, v);
        double[] m = f.target();
        double expect = 0;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double uvt = 0, vut = 0, vvt = 0, uut = 0;
                for (int k = 0; k < r; k++) {
                    uvt += u[i * r + k] * v[j * r + k];
                    vut += v[i * r + k] * u[j * r + k];
                    vvt += v[i * r + k] * v[j * r + k];
                    uut += u[i * r + k] * u[j * r + k];
                }
                expect += (uvt + vut) * (uvt + vut) + 2 * (uut - m[i * d + j]) * vvt;
            }
        assertThat(quad).isCloseTo(expect, within(1e-10 * Math.abs(expect)));
    }

    @Test
    void constantsAndRegion() {
        MatrixFactorization f = new MatrixFactorization(4, new double[] {2, 0.5}, Seeds.rng(SEED + 5));
        Constants c = f.constants();
        assertThat(c.smoothness()).isEqualTo(8 * 72.0);
        assertThat(c.hessianLipschitz()).isCloseTo(12 * Math.sqrt(72), within(1e-12));
        assertThat(c.fStar()).isZero();
        Constants tight = f.constantsFor(2);
        assertThat(tight.smoothness()).isEqualTo(16);
        assertThat(tight.region()).contains("||U||^2 < 2.0");
        // sampled check at the smallest allowed Γ = σ₁*: |∇²f(U)[V,V]| ≤ 8Γ on ‖U‖² < Γ
        UniformRandomProvider rng = Seeds.rng(SEED + 6);
        double[] h = new double[64];
        for (int t = 0; t < 200; t++) {
            double[] u = FixtureCatalog.gaussian(rng, 8, 1);
            Vec.scale(Math.sqrt(2 * rng.nextDouble() / f.spectralNormSquared(u)), u);
            f.hessian(u, h);
            assertThat(org.saddlecheck.linalg.Mat.opNormSymmetric(h)).isLessThanOrEqualTo(16 * (1 + 1e-12));
        }
    }

    @Test
    void rejectsBadInput() {
        UniformRandomProvider rng = Seeds.rng(SEED);
        assertThatThrownBy(() -> new MatrixFactorization(3, new double[] {1, -1}, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigmaStar[1] = -1.0");
        assertThatThrownBy(() -> new MatrixFactorization(3, new double[] {Double.NaN}, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigmaStar[0] = NaN");
        assertThatThrownBy(() -> new MatrixFactorization(2, new double[] {1, 1, 1}, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigmaStar.length = 3");
        assertThatThrownBy(() -> new MatrixFactorization(0, new double[] {1}, rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new MatrixFactorization(2, new double[0], rng)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigmaStar.length");
        assertThatThrownBy(() -> new MatrixFactorization(2, new double[] {1}, new double[] {1, 1, 1, 1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orthogonal");
        MatrixFactorization f = new MatrixFactorization(3, new double[] {2}, rng);
        assertThatThrownBy(() -> f.constantsFor(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gamma = 1.0");
        assertThatThrownBy(() -> f.value(new double[4])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U has length 4");
        assertThatThrownBy(() -> f.distanceToOptima(new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U has length 2");
        double[] u = new double[3];
        assertThatThrownBy(() -> f.gradient(u, u)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different array");
    }
}
