package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.estimate.RunningMaxEstimator;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/**
 * Our RMSProp/Adam/AMSGrad/Adagrad against the torch.optim and Optax update formulas, transcribed literally
 * (in float64) from torch/optim/{rmsprop,adam,adagrad}.py (single-tensor path, no weight decay, no momentum)
 * and optax/_src/{transform,alias}.py (scale_by_rms, scale_by_adam, scale_by_amsgrad, scale_by_rss, then
 * scale(−lr)). A few steps on a fixed random gradient sequence; agreement to 1e-14 relative.
 */
class LibraryReferenceTest {
    static final int D = 4;
    static final int STEPS = 6;
    static final double TOL = 1e-14;

    interface Reference {
        void step(double[] p, double[] g, int t);
    }

    static double[][] gradients(long seed) {
        Gaussian gauss = new Gaussian(Seeds.rng(seed));
        double[][] gs = new double[STEPS][D];
        for (double[] g : gs) {
            gauss.fill(g);
            g[0] *= 10; // different scales per coordinate
            g[3] *= 1e-3;
        }
        return gs;
    }

    static Stream<DynamicTest> compare(String name, java.util.function.Function<Stubs.Scripted, Optimizer> ours,
                                       java.util.function.Supplier<Reference> reference) {
        return IntStream.range(0, 4).mapToObj(seed -> DynamicTest.dynamicTest(name + " seed " + seed, () -> {
            double[][] gs = gradients(seed);
            Optimizer opt = ours.apply(new Stubs.Scripted(gs));
            Reference ref = reference.get();
            double[] x = {0.5, -1.0, 2.0, 0.25};
            double[] p = x.clone();
            UniformRandomProvider rng = Seeds.rng(seed);
            for (int t = 1; t <= STEPS; t++) {
                opt.step(x, rng);
                ref.step(p, gs[t - 1], t);
                assertThat(Stubs.relErr(x, p)).as("%s seed %d step %d: %s vs %s", name, seed, t,
                        java.util.Arrays.toString(x), java.util.Arrays.toString(p)).isLessThan(TOL);
            }
        }));
    }

    /** torch.optim.RMSprop: square_avg.mul_(alpha).addcmul_(g, g, value=1-alpha); avg = square_avg.sqrt().add_(eps); p.addcdiv_(g, avg, value=-lr). */
    @TestFactory
    Stream<DynamicTest> torchRmsprop() {
        double lr = 0.01, alpha = 0.99, eps = 1e-8;
        return compare("torch RMSprop", o -> Algorithms.torchRmsprop(o, lr, alpha, eps), () -> new Reference() {
            final double[] sq = new double[D];

            public void step(double[] p, double[] g, int t) {
                for (int i = 0; i < D; i++) {
                    sq[i] = sq[i] * alpha + (1 - alpha) * g[i] * g[i];
                    double avg = Math.sqrt(sq[i]) + eps;
                    p[i] = p[i] + (-lr) * (g[i] / avg);
                }
            }
        });
    }

    /** optax.rmsprop: nu = (1-decay) g² + decay nu; u = g * rsqrt(nu + eps); p += -lr u. */
    @TestFactory
    Stream<DynamicTest> optaxRmsprop() {
        double lr = 0.003, decay = 0.9, eps = 1e-8;
        return compare("optax rmsprop", o -> Algorithms.optaxRmsprop(o, lr, decay, eps), () -> new Reference() {
            final double[] nu = new double[D];

            public void step(double[] p, double[] g, int t) {
                for (int i = 0; i < D; i++) {
                    nu[i] = (1 - decay) * (g[i] * g[i]) + decay * nu[i];
                    double u = (1 / Math.sqrt(nu[i] + eps)) * g[i];
                    p[i] = p[i] + (-lr) * u;
                }
            }
        });
    }

    /** optax.scale_by_rms(eps_in_sqrt=False, bias_correction=True): nu_hat = nu/(1-decay^t); u = g/(sqrt(nu_hat)+eps). */
    @TestFactory
    Stream<DynamicTest> optaxScaleByRmsBiasCorrectedEpsOutside() {
        double lr = 0.003, decay = 0.95, eps = 1e-8;
        return compare("optax scale_by_rms bc", o -> Algorithms.rmspropDiagonal(o, StepSchedule.constant(lr), decay, eps,
                org.saddlecheck.linalg.EpsPlacement.OUTSIDE, true), () -> new Reference() {
            final double[] nu = new double[D];

            public void step(double[] p, double[] g, int t) {
                for (int i = 0; i < D; i++) {
                    nu[i] = (1 - decay) * (g[i] * g[i]) + decay * nu[i];
                    double nuHat = nu[i] / (1 - Math.pow(decay, t));
                    p[i] = p[i] + (-lr) * ((1 / (Math.sqrt(nuHat) + eps)) * g[i]);
                }
            }
        });
    }

    /**
     * torch.optim.Adam (amsgrad=False/True): exp_avg.lerp_(g, 1-b1); exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2);
     * bc1 = 1-b1^t; bc2 = 1-b2^t; step_size = lr/bc1; [max_sq = max(max_sq, exp_avg_sq)];
     * denom = (sq.sqrt() / sqrt(bc2)).add_(eps); p.addcdiv_(exp_avg, denom, value=-step_size).
     */
    static Reference torchAdam(double lr, double b1, double b2, double eps, boolean amsgrad) {
        return new Reference() {
            final double[] m = new double[D], v = new double[D], vmax = new double[D];

            public void step(double[] p, double[] g, int t) {
                double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
                double stepSize = lr / bc1;
                double bc2Sqrt = Math.sqrt(bc2);
                for (int i = 0; i < D; i++) {
                    m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
                    v[i] = v[i] * b2 + (1 - b2) * g[i] * g[i];
                    double denom;
                    if (amsgrad) {
                        vmax[i] = Math.max(vmax[i], v[i]);
                        denom = Math.sqrt(vmax[i]) / bc2Sqrt + eps;
                    } else {
                        denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
                    }
                    p[i] = p[i] + (-stepSize) * (m[i] / denom);
                }
            }
        };
    }

    /**
     * optax.adam / optax.amsgrad: mu = (1-b1) g + b1 mu; nu = (1-b2) g² + b2 nu; mu_hat = mu/(1-b1^t);
     * nu_hat = nu/(1-b2^t); [nu_max = max(nu_max, nu_hat)]; u = mu_hat/(sqrt(nu_hat or nu_max) + eps); p += -lr u.
     */
    static Reference optaxAdam(double lr, double b1, double b2, double eps, boolean amsgrad) {
        return new Reference() {
            final double[] mu = new double[D], nu = new double[D], nuMax = new double[D];

            public void step(double[] p, double[] g, int t) {
                for (int i = 0; i < D; i++) {
                    mu[i] = (1 - b1) * g[i] + b1 * mu[i];
                    nu[i] = (1 - b2) * (g[i] * g[i]) + b2 * nu[i];
                    double muHat = mu[i] / (1 - Math.pow(b1, t));
                    double nuHat = nu[i] / (1 - Math.pow(b2, t));
                    double v = nuHat;
                    if (amsgrad) {
                        nuMax[i] = Math.max(nuMax[i], nuHat);
                        v = nuMax[i];
                    }
                    p[i] = p[i] + (-lr) * (muHat / (Math.sqrt(v) + eps));
                }
            }
        };
    }

    @TestFactory
    Stream<DynamicTest> torchAdam() {
        return compare("torch Adam", o -> Algorithms.adam(o, StepSchedule.constant(0.001), 0.9, 0.999, 1e-8),
                () -> torchAdam(0.001, 0.9, 0.999, 1e-8, false));
    }

    @TestFactory
    Stream<DynamicTest> optaxAdam() {
        return compare("optax adam", o -> Algorithms.adam(o, StepSchedule.constant(0.002), 0.8, 0.99, 1e-6),
                () -> optaxAdam(0.002, 0.8, 0.99, 1e-6, false));
    }

    @TestFactory
    Stream<DynamicTest> torchAmsgrad() {
        return compare("torch AMSGrad", o -> Algorithms.amsgrad(o, StepSchedule.constant(0.001), 0.9, 0.9, 1e-8,
                RunningMaxEstimator.Variant.TORCH), () -> torchAdam(0.001, 0.9, 0.9, 1e-8, true));
    }

    @TestFactory
    Stream<DynamicTest> optaxAmsgrad() {
        return compare("optax amsgrad", o -> Algorithms.amsgrad(o, StepSchedule.constant(0.001), 0.9, 0.9, 1e-8,
                RunningMaxEstimator.Variant.OPTAX), () -> optaxAdam(0.001, 0.9, 0.9, 1e-8, true));
    }

    /** torch.optim.Adagrad: clr = lr; state_sum.addcmul_(g, g, value=1); std = state_sum.sqrt().add_(eps); p.addcdiv_(g, std, value=-clr). */
    @TestFactory
    Stream<DynamicTest> torchAdagrad() {
        // the default initial_accumulator_value = 0 and a positive one (torch fills state_sum with it)
        return Stream.of(0.0, 0.1).flatMap(init -> torchAdagrad(init));
    }

    private Stream<DynamicTest> torchAdagrad(double init) {
        double lr = 0.01, eps = 1e-10;
        return compare("torch Adagrad (initial_accumulator_value=" + init + ")", o -> Algorithms.torchAdagrad(o, lr, init, eps), () -> new Reference() {
            final double[] sum = new double[D];

            {
                java.util.Arrays.fill(sum, init);
            }

            public void step(double[] p, double[] g, int t) {
                for (int i = 0; i < D; i++) {
                    sum[i] = sum[i] + 1 * g[i] * g[i];
                    double std = Math.sqrt(sum[i]) + eps;
                    p[i] = p[i] + (-lr) * (g[i] / std);
                }
            }
        });
    }

    /** optax.adagrad: sum = g² + sum; inv = where(sum > 0, rsqrt(sum + eps), 0); p += -lr (inv g). */
    @TestFactory
    Stream<DynamicTest> optaxAdagrad() {
        double lr = 0.1, init = 0.1, eps = 1e-7;
        return compare("optax adagrad", o -> Algorithms.optaxAdagrad(o, lr, init, eps), () -> new Reference() {
            final double[] sum = new double[D];

            {
                java.util.Arrays.fill(sum, init);
            }

            public void step(double[] p, double[] g, int t) {
                for (int i = 0; i < D; i++) {
                    sum[i] = g[i] * g[i] + sum[i];
                    double inv = sum[i] > 0 ? 1 / Math.sqrt(sum[i] + eps) : 0.0;
                    p[i] = p[i] + (-lr) * (inv * g[i]);
                }
            }
        });
    }
}
