package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;

/** Du et al. (2017)'s octopus: joins, saddles, domain, projection, and GD's tour of the saddles. */
class OctopusTest {
    private static Stream<Octopus> instances() {
        return Stream.of(Octopus.standard(4), Octopus.standard(1), Octopus.standard(2), new Octopus(3, 2.0, 0.5, 1.5), new Octopus(3, 1.0, 3.0, 0.7));
    }

    // An independent transcription of the public MATLAB octopus(x, L, gamma, tau) value, in its expanded form.
    private static double matlabValue(double[] x, double bigL, double gamma, double tau) {
        int d = x.length;
        double nu = 13.0 / 6 * gamma * tau * tau + 37.0 / 6 * bigL * tau * tau;
        int ind = -1;
        for (int j = 0; j < d; j++) if (Math.abs(x[j]) <= 2 * tau) { ind = j; break; }
        double para = bigL + gamma;
        if (ind < 0) {
            double s = 0;
            for (double v : x) s += bigL * (Math.abs(v) - 4 * tau) * (Math.abs(v) - 4 * tau);
            return s - d * nu;
        }
        double s = 0;
        for (int j = 0; j < ind; j++) s += bigL * (Math.abs(x[j]) - 4 * tau) * (Math.abs(x[j]) - 4 * tau);
        double xi = Math.abs(x[ind]);
        double g1 = -gamma * xi * xi + (-14 * bigL + 10 * gamma) / (3 * tau) * Math.pow(xi - tau, 3) + (5 * bigL - 3 * gamma) / (2 * tau * tau) * Math.pow(xi - tau, 4);
        if (xi <= tau) {
            s += -gamma * xi * xi;
            for (int j = ind + 1; j < d; j++) s += bigL * x[j] * x[j];
        } else if (ind < d - 1) {
            double xj = Math.abs(x[ind + 1]);
            double g2 = -gamma - 10 * para / Math.pow(tau, 3) * Math.pow(xi - 2 * tau, 3) - 15 * para / Math.pow(tau, 4) * Math.pow(xi - 2 * tau, 4)
                    - 6 * para / Math.pow(tau, 5) * Math.pow(xi - 2 * tau, 5);
            s += g1 + g2 * xj * xj;
            for (int j = ind + 2; j < d; j++) s += bigL * x[j] * x[j];
        } else {
            s += g1;
        }
        return s - ind * nu;
    }

    @TestFactory
    Stream<DynamicTest> valueAgreesWithTheMatlabTranscriptionInTheInterior() {
        return instances().map(f -> dynamicTest(f.name(), () -> {
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "octopus-matlab", f.dim());
            UniformRandomProvider rng = Seeds.rng(seed);
            for (int t = 0; t < 500; t++) {
                double[] x = FixtureCatalog.octopusPoint(f, rng);
                double ref = matlabValue(x, f.bigL(), f.gamma(), f.tau());
                assertThat(f.value(x)).as("seed %d, x = %s", seed, java.util.Arrays.toString(x))
                        .isCloseTo(ref, within(1e-12 * Math.max(1, Math.abs(ref))));
            }
        }));
    }

    @Test
    void nuHasBothClosedForms() {
        instances().forEach(f -> {
            double l = f.bigL(), g = f.gamma(), t = f.tau();
            assertThat(f.nu()).isCloseTo(13.0 / 6 * g * t * t + 37.0 / 6 * l * t * t, within(1e-12 * f.nu()));
            assertThat(f.nu()).isCloseTo(-f.g1(2 * t) + 4 * l * t * t, within(1e-12 * f.nu()));
            // the joins of the splines: g1(τ) = −γτ², g2(τ) = L, g2(2τ) = −γ, g1'(2τ) = −4Lτ, g1''(τ) = −2γ, g1''(2τ) = 2L
            assertThat(f.g1(t)).isCloseTo(-g * t * t, within(1e-12));
            assertThat(f.g2(t)).isCloseTo(l, within(1e-12));
            assertThat(f.g2(2 * t)).isCloseTo(-g, within(1e-12));
            assertThat(f.g1d(2 * t)).isCloseTo(-4 * l * t, within(1e-12));
            assertThat(f.g1dd(t)).isCloseTo(-2 * g, within(1e-12));
            assertThat(f.g1dd(2 * t)).isCloseTo(2 * l, within(1e-12));
            assertThat(f.g2d(t)).isZero();
            assertThat(f.g2d(2 * t)).isZero();
            assertThat(f.g2dd(t)).isZero();
            assertThat(f.g2dd(2 * t)).isZero();
        });
    }

    @TestFactory
    Stream<DynamicTest> saddlesAndGlobalMinimum() {
        return instances().map(f -> dynamicTest(f.name(), () -> {
            int d = f.dim();
            double[] g = new double[d], h = new double[d * d];
            for (int i = 1; i <= d + 1; i++) {
                double[] x = f.saddle(i);
                for (int flip = 0; flip < 2; flip++) {
                    if (flip == 1) for (int j = 0; j < d; j++) x[j] = -x[j];
                    assertThat(f.piece(x)).isEqualTo(i);
                    f.gradient(x, g);
                    assertThat(Vec.maxAbs(g)).isLessThanOrEqualTo(1e-14);
                    f.hessian(x, h);
                    for (int a = 0; a < d; a++)
                        for (int b = 0; b < d; b++) {
                            double expect = a != b ? 0 : a == i - 1 ? -2 * f.gamma() : 2 * f.bigL();
                            assertThat(h[a * d + b]).as("saddle %d entry (%d,%d)", i, a, b).isCloseTo(expect, within(1e-12));
                        }
                    assertThat(f.value(x)).isCloseTo(-(i - 1) * f.nu(), within(1e-12 * d * f.nu()));
                }
            }
            assertThat(f.value(f.globalMinimizer())).isCloseTo(f.constants().fStar(), within(1e-12 * d * f.nu()));
            assertThat(f.constants().fStar()).isEqualTo(-d * f.nu());
        }));
    }

    /** Value, gradient and Hessian agree on both sides of every join (f is C² on its domain). */
    @TestFactory
    Stream<DynamicTest> valueGradientAndHessianAreContinuousAcrossJoins() {
        return instances().map(f -> dynamicTest(f.name(), () -> {
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "octopus-joins", f.dim());
            UniformRandomProvider rng = Seeds.rng(seed);
            int d = f.dim();
            double tau = f.tau(), eps = 1e-9 * tau;
            double[] ga = new double[d], gb = new double[d], ha = new double[d * d], hb = new double[d * d];
            for (int t = 0; t < 200; t++) {
                double[] x = FixtureCatalog.octopusPoint(f, rng);
                int i = f.piece(x) - 1;
                if (i == d) continue;
                double join = rng.nextBoolean() ? tau : 2 * tau; // the s_i ≤ τ switch or the D_i → D_{i+1} switch
                double[] a = x.clone(), b = x.clone();
                a[i] = Math.copySign(join - eps, x[i]);
                b[i] = Math.copySign(join + eps, x[i]);
                assertThat(f.contains(a)).isTrue();
                assertThat(f.contains(b)).isTrue();
                double scale = Math.max(1, d * f.nu());
                f.gradient(a, ga);
                f.gradient(b, gb);
                // the values differ by about |∂_i f|·2ε across the join
                assertThat(f.value(a)).as("seed %d", seed).isCloseTo(f.value(b), within(1e-12 * scale + 3 * eps * (1 + Vec.maxAbs(ga))));
                for (int j = 0; j < d; j++) assertThat(ga[j]).as("seed %d grad %d at join %s", seed, j, join).isCloseTo(gb[j], within(1e-6));
                f.hessian(a, ha);
                f.hessian(b, hb);
                for (int j = 0; j < d * d; j++) assertThat(ha[j]).as("seed %d hess %d at join %s", seed, j, join).isCloseTo(hb[j], within(1e-5));
            }
        }));
    }

    @Test
    void domainMembershipAndOutsidePointsAreRejected() {
        Octopus f = Octopus.standard(3);
        double t = f.tau();
        assertThat(f.contains(new double[] {0.5, 0.9 * t, -0.9 * t})).isTrue();
        assertThat(f.contains(new double[] {0.5, 1.1 * t, 0})).as("later coordinate above tau").isFalse();
        assertThat(f.contains(new double[] {3 * t, 1.5 * t, 0.9 * t})).isTrue();
        assertThat(f.contains(new double[] {7 * t, 0, 0})).as("above 6 tau").isFalse();
        assertThat(f.contains(new double[] {2 * t, 1.5 * t, 0.5 * t})).as("closure: leading coordinate exactly 2 tau").isTrue();
        assertThat(f.contains(new double[] {Double.NaN, 0, 0})).isFalse();
        assertThatThrownBy(() -> f.value(new double[] {0.5, 1.1 * t, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("octopus domain");
        assertThatThrownBy(() -> f.gradient(new double[] {0, 0, 2 * t}, new double[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.hessian(new double[] {0, 0, 2 * t}, new double[9])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void projectionLandsInTheDomainAndIsTheNearestPieceClamp() {
        long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "octopus-projection", 0);
        UniformRandomProvider rng = Seeds.rng(seed);
        for (Octopus f : new Octopus[] {Octopus.standard(4), new Octopus(2, 2, 0.5, 1.5), Octopus.standard(1)}) {
            int d = f.dim();
            double tau = f.tau();
            for (int t = 0; t < 300; t++) {
                double[] x = FixtureCatalog.uniform(rng, d, -8 * tau, 8 * tau);
                double[] p = x.clone();
                f.domain().project(p);
                assertThat(f.contains(p)).as("seed %d, x = %s", seed, java.util.Arrays.toString(x)).isTrue();
                double[] again = p.clone();
                f.project(again);
                assertThat(again).containsExactly(p);
                // brute force: the nearest of the d + 1 piece clamps
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k <= d; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double lo = j < k ? 2 * tau : 0, hi = j < k ? 6 * tau : j == k ? 2 * tau : tau;
                        double a = Math.abs(x[j]), c = Math.min(hi, Math.max(lo, a));
                        s += (a - c) * (a - c);
                    }
                    best = Math.min(best, s);
                }
                assertThat(Vec.distance(x, p) * Vec.distance(x, p)).as("seed %d", seed).isCloseTo(best, within(1e-9 * (1 + best)));
            }
            double[] inside = FixtureCatalog.octopusPoint(f, rng), copy = inside.clone();
            f.project(copy);
            assertThat(copy).containsExactly(inside);
        }
    }

    /**
     * Du et al.'s mechanism: GD from [−1, 1]^d runs through D₁, D₂, …, D_{d+1} in order (never back), decreasing f, and
     * ends at the global minimum; the time spent near each successive saddle grows.
     */
    @TestFactory
    Stream<DynamicTest> gradientDescentToursTheSaddlesInOrder() {
        return Stream.of(2, 3).map(d -> dynamicTest("d=" + d, () -> {
            Octopus f = Octopus.standard(d);
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "octopus-gd", d);
            UniformRandomProvider rng = Seeds.rng(seed);
            double[] x = FixtureCatalog.uniform(rng, d, -1, 1), g = new double[d];
            double eta = 1 / (4 * f.bigL());
            int piece = f.piece(x);
            assertThat(piece).isEqualTo(1);
            long[] entered = new long[d + 2];
            double prev = f.value(x);
            long t = 0;
            while (f.piece(x) <= d || Math.abs(f.value(x) - f.constants().fStar()) > 1e-8) {
                f.gradient(x, g);
                Vec.axpy(-eta, g, x);
                assertThat(f.contains(x)).as("seed %d, step %d", seed, t).isTrue();
                double v = f.value(x);
                assertThat(v).as("seed %d, step %d: descent", seed, t).isLessThanOrEqualTo(prev + 1e-12);
                prev = v;
                int now = f.piece(x);
                assertThat(now).as("seed %d, step %d: pieces in order", seed, t).isGreaterThanOrEqualTo(piece);
                if (now > piece) entered[now] = t;
                piece = now;
                t++;
                assertThat(t).as("seed %d", seed).isLessThan(2_000_000);
            }
            assertThat(piece).isEqualTo(d + 1);
            for (int i = 2; i <= d + 1; i++) assertThat(entered[i]).as("entered D_%d", i).isPositive();
            if (d == 3) {
                assertThat(entered[4] - entered[3]).as("later saddles take longer").isGreaterThan(entered[3] - entered[2]);
            }
        }));
    }

    @Test
    void constantsAreFiniteCertifiedBounds() {
        Constants c = Octopus.standard(4).constants();
        assertThat(c.smoothness()).isCloseTo(49.8, within(0.1));
        assertThat(c.hessianLipschitz()).isCloseTo(112, within(0.5));
        assertThat(c.region()).contains("D0");
        Constants c1 = Octopus.standard(1).constants();
        assertThat(c1.smoothness()).isLessThan(c.smoothness());
        // sup |g1''| on [τ, 2τ] for L = τ = e, γ = 1 is attained inside the interval: sample it
        Octopus f = Octopus.standard(1);
        double sup = 0;
        for (int k = 0; k <= 100000; k++) sup = Math.max(sup, Math.abs(f.g1dd(f.tau() * (1 + k / 100000.0))));
        assertThat(c1.smoothness()).isCloseTo(Math.max(2 * Math.E, sup), within(1e-6));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new Octopus(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new Octopus(2, -1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L = -1.0");
        assertThatThrownBy(() -> new Octopus(2, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma = -1.0");
        assertThatThrownBy(() -> new Octopus(2, 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tau = NaN");
        Octopus f = Octopus.standard(2);
        assertThatThrownBy(() -> f.value(new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has length 3");
        assertThatThrownBy(() -> f.saddle(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i = 4");
        assertThatThrownBy(() -> f.project(new double[] {Double.NaN, 0})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]");
        double[] h = new double[4];
        Mat.setIdentity(h, 2);
        assertThatThrownBy(() -> f.hessian(new double[2], new double[3])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out");
    }
}
