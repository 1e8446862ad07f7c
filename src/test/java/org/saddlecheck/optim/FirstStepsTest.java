package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.saddlecheck.optim.Stubs.invSqrt2x2;
import static org.saddlecheck.optim.Stubs.mul2;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.RunningMaxEstimator;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.rng.Seeds;

/**
 * First steps of every algorithm computed by hand (closed forms: rank-one inverse roots, the 2×2 formula
 * M^{1/2} = (M + √det I)/√(tr M + 2√det)) from a fixed gradient sequence (a deterministic stub oracle).
 */
class FirstStepsTest {
    static final double[] G0 = {0.5, -1.0};
    static final double[] G1 = {2.0, 0.25};
    static final double[] G2 = {-1.0, 1.5};
    static final double[] G3 = {0.3, 0.7};
    static final double[][] SCRIPT = {G0, G1, G2, G3};
    static final double TOL = 1e-13;

    final UniformRandomProvider rng = Seeds.rng(1);

    static double[] x0() {
        return new double[] {1.0, -2.0};
    }

    static Stubs.Scripted oracle() {
        return new Stubs.Scripted(SCRIPT);
    }

    static double[] minus(double[] x, double h, double[] v) {
        return new double[] {x[0] - h * v[0], x[1] - h * v[1]};
    }

    static double[] outer(double c, double[] g) {
        return new double[] {c * g[0] * g[0], c * g[0] * g[1], c * g[1] * g[0], c * g[1] * g[1]};
    }

    static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]};
    }

    static double[] scale(double c, double[] a) {
        return new double[] {c * a[0], c * a[1], c * a[2], c * a[3]};
    }

    static double[] epsI(double e) {
        return new double[] {e, 0, 0, e};
    }

    static double norm2(double[] g) {
        return g[0] * g[0] + g[1] * g[1];
    }

    void assertClose(double[] actual, double[] expected) {
        assertThat(Stubs.relErr(actual, expected)).as("actual %s vs expected %s", java.util.Arrays.toString(actual),
                java.util.Arrays.toString(expected)).isLessThan(TOL);
    }

    @Test
    void sgdWithInverseSqrtSchedule() {
        var opt = Algorithms.sgd(oracle(), StepSchedule.inverseSqrt(0.1));
        double[] x = x0();
        opt.step(x, rng);
        double[] e1 = minus(x0(), 0.1, G0);
        assertThat(x).containsExactly(e1);
        opt.step(x, rng);
        assertThat(x).containsExactly(minus(e1, 0.1 / Math.sqrt(2), G1));
        assertThat(opt.iteration()).isEqualTo(2);
        assertThat(opt.oracleCalls()).isEqualTo(2);
    }

    @Test
    void alg1IdealizedWithConstantG() {
        double[] g = {2.0, 0.5, 0.5, 1.0};
        var oracle = new Stubs.Scripted(SCRIPT, g);
        double eps = 1e-3, eta = 0.1;
        var opt = Algorithms.idealizedRmsprop(oracle, StepSchedule.constant(eta), eps);
        double[] x = x0();
        opt.step(x, rng);
        double[] a = invSqrt2x2(plus(g, epsI(eps)));
        double[] e1 = minus(x0(), eta, mul2(a, G0));
        assertClose(x, e1);
        opt.step(x, rng);
        assertClose(x, minus(e1, eta, mul2(a, G1)));
    }

    @Test
    void alg2LiteralUsesCurrentGradient() {
        double beta = 0.9, eps = 1e-3, eta = 0.1;
        var opt = Algorithms.fullMatrixRmsprop(oracle(), StepSchedule.constant(eta), beta, eps);
        double[] x = x0();
        opt.step(x, rng);
        // Ĝ0 = (1-β) g0 g0ᵀ is rank one: A0 g0 = g0 / sqrt((1-β)|g0|² + ε)
        double[] e1 = minus(x0(), eta / Math.sqrt((1 - beta) * norm2(G0) + eps), G0);
        assertClose(x, e1);
        opt.step(x, rng);
        double[] gh1 = plus(scale(beta, outer(1 - beta, G0)), outer(1 - beta, G1));
        assertClose(x, minus(e1, eta, mul2(invSqrt2x2(plus(gh1, epsI(eps))), G1)));
    }

    @Test
    void alg2EstimateFirstUsesPreviousEstimate() {
        double beta = 0.9, eps = 1e-3, eta = 0.1;
        var opt = Algorithms.fullMatrixRmspropEstimateFirst(oracle(), StepSchedule.constant(eta), beta, eps);
        double[] x = x0();
        opt.step(x, rng);
        double[] e1 = minus(x0(), eta / Math.sqrt(eps), G0); // Ĝ_{-1} = 0
        assertClose(x, e1);
        opt.step(x, rng);
        double[] a = invSqrt2x2(plus(outer(1 - beta, G0), epsI(eps)));
        assertClose(x, minus(e1, eta, mul2(a, G1)));
    }

    @Test
    void alg3BurnInFeedsWSamplesAtX0() {
        double beta = 0.9, eps = 1e-3, eta = 0.1;
        var oracle = oracle();
        var opt = Algorithms.rmspropWithBurnIn(oracle, StepSchedule.constant(eta), beta, eps, 2);
        double[] x = x0();
        opt.step(x, rng);
        double[] burn = plus(scale(beta, outer(1 - beta, G0)), outer(1 - beta, G1));
        double[] gh0 = plus(scale(beta, burn), outer(1 - beta, G2));
        assertClose(x, minus(x0(), eta, mul2(invSqrt2x2(plus(gh0, epsI(eps))), G2)));
        assertThat(oracle.drawnAt).hasSize(3).allSatisfy(p -> assertThat(p).containsExactly(x0()));
        assertThat(opt.oracleCalls()).isEqualTo(3);
        assertThat(opt.iteration()).isEqualTo(1);
    }

    @Test
    void alg3WithEpsZeroIsThePrintedInverseRoot() {
        double beta = 0.5, eta = 0.1;
        var opt = Algorithms.rmspropWithBurnIn(oracle(), StepSchedule.constant(eta), beta, 0.0, 2);
        double[] x = x0();
        opt.step(x, rng);
        double[] burn = plus(scale(beta, outer(1 - beta, G0)), outer(1 - beta, G1));
        double[] gh0 = plus(scale(beta, burn), outer(1 - beta, G2));
        assertClose(x, minus(x0(), eta, mul2(invSqrt2x2(gh0), G2)));
    }

    @Test
    void alg4LargeStepWhenTModThresholdIsZeroCountingFromZero() {
        double r = 1.0, eta = 0.1;
        var opt = Algorithms.alg4(oracle(), StepSchedule.constant(eta), r, 3, null, new IdentityPreconditioner(2));
        double[] x = x0();
        double[] e = x0();
        double[][] gs = {G0, G1, G2, G3, G0};
        double[] h = {r, eta, eta, r, eta};
        for (int k = 0; k < 5; k++) {
            assertThat(opt.isLargeStep(k)).isEqualTo(k % 3 == 0);
            opt.step(x, rng);
            e = minus(e, h[k], gs[k]);
            assertThat(x).containsExactly(e);
        }
    }

    @Test
    void alg4RmspropHallucinatesAlongTheLargeStep() {
        double beta = 0.9, eps = 1.0, eta = 0.1, r = 0.5;
        var oracle = oracle();
        var opt = Algorithms.alg4Rmsprop(oracle, StepSchedule.constant(eta), r, 2, beta, eps, 0, 2);
        double[] x = x0();
        opt.step(x, rng); // k = 0: large step with A = (0 + εI)^{-1/2}, then 2 hallucinated samples
        double[] x1 = minus(x0(), r / Math.sqrt(eps), G0);
        assertClose(x, x1);
        assertThat(oracle.drawnAt).hasSize(3);
        assertThat(oracle.drawnAt.get(0)).containsExactly(x0());
        double[] mid = {x0()[0] + 0.5 * (x1[0] - x0()[0]), x0()[1] + 0.5 * (x1[1] - x0()[1])};
        assertThat(Stubs.relErr(oracle.drawnAt.get(1), mid)).isLessThan(1e-15);
        assertThat(Stubs.relErr(oracle.drawnAt.get(2), x1)).isLessThan(1e-15);
        opt.step(x, rng); // k = 1: small step with Ĝ from g0, g1 (at mid), g2 (at x1)
        double[] gh = plus(scale(beta, plus(scale(beta, outer(1 - beta, G0)), outer(1 - beta, G1))), outer(1 - beta, G2));
        assertClose(x, minus(x1, eta, mul2(invSqrt2x2(plus(gh, epsI(eps))), G3)));
        assertThat(opt.oracleCalls()).isEqualTo(4);
    }

    @Test
    void diagonalRmspropInsideOutsideAndBiasCorrected() {
        double beta = 0.9, eps = 1e-3, eta = 0.1;
        for (EpsPlacement p : EpsPlacement.values()) {
            for (boolean bc : new boolean[] {false, true}) {
                var opt = Algorithms.rmspropDiagonal(oracle(), StepSchedule.constant(eta), beta, eps, p, bc);
                double[] x = x0();
                double[] e = x0();
                double[] v = new double[2];
                double[][] gs = {G0, G1, G2};
                for (int t = 1; t <= 3; t++) {
                    opt.step(x, rng);
                    double[] g = gs[t - 1];
                    for (int i = 0; i < 2; i++) {
                        v[i] = beta * v[i] + (1 - beta) * g[i] * g[i];
                        double vh = bc ? v[i] / (1 - Math.pow(beta, t)) : v[i];
                        double den = p == EpsPlacement.INSIDE ? Math.sqrt(vh + eps) : Math.sqrt(vh) + eps;
                        e[i] -= eta * g[i] / den;
                    }
                    assertClose(x, e);
                }
            }
        }
    }

    @Test
    void adamTwoSteps() {
        double b1 = 0.9, b2 = 0.99, eps = 1e-8, eta = 0.01;
        var opt = Algorithms.adam(oracle(), StepSchedule.constant(eta), b1, b2, eps);
        double[] x = x0();
        opt.step(x, rng);
        double[] e1 = new double[2];
        for (int i = 0; i < 2; i++) {
            double m = 0.1 * G0[i], v = 0.01 * G0[i] * G0[i];
            e1[i] = x0()[i] - eta / 0.1 * m / (Math.sqrt(v / 0.01) + eps); // ≈ x0 − η sign(g0)
        }
        assertClose(x, e1);
        opt.step(x, rng);
        double[] e2 = new double[2];
        for (int i = 0; i < 2; i++) {
            double m = 0.9 * 0.1 * G0[i] + 0.1 * G1[i];
            double v = 0.99 * 0.01 * G0[i] * G0[i] + 0.01 * G1[i] * G1[i];
            e2[i] = e1[i] - eta / (1 - 0.81) * m / (Math.sqrt(v / (1 - 0.9801)) + eps);
        }
        assertClose(x, e2);
    }

    @Test
    void amsgradTorchAndOptaxDifferOnlyInWhereTheBiasCorrectionGoes() {
        double[][] script = {{3.0, -3.0}, {0.1, 0.2}, {0.05, -0.1}};
        double b1 = 0.5, b2 = 0.9, eps = 1e-8, eta = 0.01;
        for (RunningMaxEstimator.Variant variant : RunningMaxEstimator.Variant.values()) {
            var opt = Algorithms.amsgrad(new Stubs.Scripted(script), StepSchedule.constant(eta), b1, b2, eps, variant);
            double[] x = x0();
            double[] e = x0();
            double[] m = new double[2], v = new double[2], vmax = new double[2];
            for (int t = 1; t <= 3; t++) {
                opt.step(x, rng);
                double[] g = script[t - 1];
                double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
                for (int i = 0; i < 2; i++) {
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    double den;
                    if (variant == RunningMaxEstimator.Variant.TORCH) {
                        vmax[i] = Math.max(vmax[i], v[i]);
                        den = Math.sqrt(vmax[i] / bc2) + eps;
                    } else {
                        vmax[i] = Math.max(vmax[i], v[i] / bc2);
                        den = Math.sqrt(vmax[i]) + eps;
                    }
                    e[i] -= eta / bc1 * m[i] / den;
                }
                assertClose(x, e);
            }
        }
    }

    @Test
    void adagradDiagonalTorchAndOptax() {
        double eta = 0.1;
        // torch: initial 0, eps 1e-10 outside
        var torch = Algorithms.torchAdagrad(oracle(), eta, 0.0, 1e-10);
        // optax: initial 0.1, eps 1e-7 inside
        var optax = Algorithms.optaxAdagrad(oracle(), eta, 0.1, 1e-7);
        double[] xt = x0(), xo = x0(), et = x0(), eo = x0();
        double[] st = new double[2], so = {0.1, 0.1};
        double[][] gs = {G0, G1, G2};
        for (int t = 0; t < 3; t++) {
            torch.step(xt, rng);
            optax.step(xo, rng);
            double[] g = gs[t];
            for (int i = 0; i < 2; i++) {
                st[i] += g[i] * g[i];
                so[i] += g[i] * g[i];
                et[i] -= eta * g[i] / (Math.sqrt(st[i]) + 1e-10);
                eo[i] -= eta * g[i] / Math.sqrt(so[i] + 1e-7);
            }
            assertClose(xt, et);
            assertClose(xo, eo);
        }
    }

    @Test
    void adagradFullTwoSteps() {
        double eta = 0.1, eps = 1e-3, init = 0.5;
        var opt = Algorithms.adagradFull(oracle(), StepSchedule.constant(eta), eps, EpsPlacement.INSIDE, init);
        double[] x = x0();
        opt.step(x, rng);
        double[] s1 = plus(epsI(init), outer(1, G0));
        double[] e1 = minus(x0(), eta, mul2(invSqrt2x2(plus(s1, epsI(eps))), G0));
        assertClose(x, e1);
        opt.step(x, rng);
        double[] s2 = plus(s1, outer(1, G1));
        assertClose(x, minus(e1, eta, mul2(invSqrt2x2(plus(s2, epsI(eps))), G1)));
    }

    @Test
    void fullMatrixAdamBeta1ZeroRankOneStep() {
        double beta2 = 0.99, eps = 1e-3, eta = 0.1;
        for (boolean bc : new boolean[] {false, true}) {
            var opt = Algorithms.fullMatrixAdam(oracle(), StepSchedule.constant(eta), beta2, eps, bc);
            double[] x = x0();
            opt.step(x, rng);
            // Ĝ = c g gᵀ, Ĝ^{1/2} = sqrt(c)|g| u uᵀ: (Ĝ^{1/2} + εI)^{-1} g = g/(sqrt(c)|g| + ε)
            double c = bc ? 1.0 : 1 - beta2;
            assertClose(x, minus(x0(), eta / (Math.sqrt(c) * Math.sqrt(norm2(G0)) + eps), G0));
            opt.step(x, rng);
            double[] gh = plus(scale(beta2, outer(1 - beta2, G0)), outer(1 - beta2, G1));
            if (bc) gh = scale(1 / (1 - beta2 * beta2), gh);
            double[] a = Stubs.inv2(plus(Stubs.sqrt2x2(gh), epsI(eps)));
            double[] e1 = minus(x0(), eta / (Math.sqrt(c) * Math.sqrt(norm2(G0)) + eps), G0);
            assertClose(x, minus(e1, eta, mul2(a, G1)));
        }
    }

    @Test
    void covarianceSgdDrawsTwoForTheEstimatorThenOneForTheStep() {
        double beta = 0.9, eps = 1e-2, eta = 0.1;
        var oracle = oracle();
        var opt = Algorithms.covarianceSgd(oracle, StepSchedule.constant(eta), beta, eps, false);
        double[] x = x0();
        opt.step(x, rng);
        double[] diff = {G0[0] - G1[0], G0[1] - G1[1]};
        double[] sigma = outer((1 - beta) / 2, diff);
        double[] e1 = minus(x0(), eta, mul2(invSqrt2x2(plus(sigma, epsI(eps))), G2));
        assertClose(x, e1);
        assertThat(opt.oracleCalls()).isEqualTo(3);
        assertThat(oracle.drawnAt).allSatisfy(p -> assertThat(p).containsExactly(x0()));
        opt.step(x, rng); // draws G3, G0 for the estimator, G1 for the step
        double[] diff2 = {G3[0] - G0[0], G3[1] - G0[1]};
        double[] sigma2 = plus(scale(beta, sigma), outer((1 - beta) / 2, diff2));
        assertClose(x, minus(e1, eta, mul2(invSqrt2x2(plus(sigma2, epsI(eps))), G1)));
    }

    @Test
    void fig1RmspropUsesBetaOneMinusEtaToTheTwoThirds() {
        var opt = Algorithms.fig1Rmsprop(oracle(), 0.001, 1.0, 1e-8);
        double beta = 1 - Math.pow(0.001, 2.0 / 3.0);
        assertThat(beta).isCloseTo(0.99, within(1e-12)); // STAIB-S5.4: η = 0.001, β = 0.99 is C = 1
        double[] x = x0();
        opt.step(x, rng);
        double[] e = x0();
        for (int i = 0; i < 2; i++) e[i] -= 0.001 * G0[i] / Math.sqrt((1 - beta) * G0[i] * G0[i] + 1e-8);
        assertClose(x, e);
    }

    @Test
    void fig1RmspropWithBurnIn() {
        var oracle = oracle();
        double eta = 0.1, beta = 1 - Math.pow(eta, 2.0 / 3.0);
        var opt = Algorithms.fig1Rmsprop(oracle, eta, 1.0, 1e-8, org.saddlecheck.estimate.BurnIn.length(eta));
        assertThat(org.saddlecheck.estimate.BurnIn.length(eta)).isEqualTo(5); // ceil(0.1^(-2/3)) = ceil(4.64)
        double[] x = x0();
        opt.step(x, rng);
        double[][] gs = {G0, G1, G2, G3, G0, G1}; // 5 burn-in samples, then g = G1 at the step
        double[] e = x0();
        for (int i = 0; i < 2; i++) {
            double v = 0;
            for (double[] g : gs) v = beta * v + (1 - beta) * g[i] * g[i];
            e[i] -= eta * G1[i] / Math.sqrt(v + 1e-8);
        }
        assertClose(x, e);
        assertThat(opt.oracleCalls()).isEqualTo(6);
    }

    @Test
    void scheduledBetaClampsAreCounted() {
        // β_t = 1 − C η_t^{2/3} with η_t = 8/√t, C = 1: C η_t^{2/3} ≥ 1 while η_t ≥ 1, i.e. t ≤ 64
        var eta = StepSchedule.inverseSqrt(8.0);
        var opt = Algorithms.rmspropDiagonal(oracle(), StepSchedule.constant(1e-3), BetaSchedule.fromSteps(eta, 1.0), 1e-8,
                EpsPlacement.INSIDE, false);
        double[] x = x0();
        for (int t = 0; t < 100; t++) opt.step(x, rng);
        assertThat(opt.betaClamps()).isEqualTo(64);
    }
}
