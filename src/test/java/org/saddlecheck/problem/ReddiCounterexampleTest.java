package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** STAIB-S3.2 identities (EXACT): F(x) = ζx and E[g²] = C(1+ζ) − ζ. */
class ReddiCounterexampleTest {
    private static final double[][] SETTINGS = {{5, 0.1}, {20, 0.1}, {100, 0.1}, {3, 0.5}, {1e4, 1e-3}};

    @Test
    void mixtureEqualsZetaTimesX() {
        for (double[] s : SETTINGS) {
            ReddiCounterexample r = new ReddiCounterexample(s[0], s[1]);
            assertThat(r.p() * (r.bigC() + 1) - 1).isCloseTo(r.zeta(), within(1e-15 * r.bigC()));
            for (double x = -1; x <= 1; x += 0.125) {
                double[] xs = {x};
                double mix = r.p() * r.componentValue(0, xs) + (1 - r.p()) * r.componentValue(1, xs);
                assertThat(r.value(xs)).isCloseTo(mix, within(1e-15));
                assertThat(r.value(xs)).as("C=%s zeta=%s x=%s", s[0], s[1], x).isCloseTo(s[1] * x, within(1e-13 * s[0]));
            }
            double[] g = new double[1];
            r.gradient(new double[] {0.3}, g);
            assertThat(g[0]).isCloseTo(s[1], within(1e-13 * s[0]));
            assertThat(r.constants().fStar()).isEqualTo(-s[1]);
            assertThat(r.value(new double[] {-1})).isCloseTo(-s[1], within(1e-13 * s[0]));
        }
    }

    @Test
    void secondMomentIsConstantAndEqualsClosedForm() {
        for (double[] s : SETTINGS) {
            ReddiCounterexample r = new ReddiCounterexample(s[0], s[1]);
            double closed = s[0] * (1 + s[1]) - s[1];
            assertThat(r.expectedSquaredGradient()).isEqualTo(closed);
            double[] out = new double[1];
            for (double x : new double[] {-1, -0.2, 0, 0.7, 1}) {
                r.secondMoment(new double[] {x}, out);
                assertThat(out[0]).as("C=%s zeta=%s", s[0], s[1]).isCloseTo(closed, within(1e-14 * closed));
            }
            // covariance = E[g²] − (∇F)² from the default
            double[] cov = new double[1];
            r.covariance(new double[] {0.5}, cov);
            assertThat(cov[0]).isCloseTo(closed - s[1] * s[1], within(1e-12 * closed));
        }
    }

    @Test
    void domainIsTheUnitIntervalAndConstantsAreZero() {
        ReddiCounterexample r = new ReddiCounterexample(20, 0.1);
        double[] x = {3.5};
        r.domain().project(x);
        assertThat(x[0]).isEqualTo(1.0);
        x[0] = -7;
        r.domain().project(x);
        assertThat(x[0]).isEqualTo(-1.0);
        assertThat(r.domain().unconstrained()).isFalse();
        assertThat(r.constants().smoothness()).isZero();
        assertThat(r.constants().hessianLipschitz()).isZero();
        double[] h = {9};
        r.hessian(new double[] {0.1}, h);
        assertThat(h[0]).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new ReddiCounterexample(0, 0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C = 0.0");
        assertThatThrownBy(() -> new ReddiCounterexample(-5, 0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C = -5.0");
        assertThatThrownBy(() -> new ReddiCounterexample(5, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zeta = 0.0");
        assertThatThrownBy(() -> new ReddiCounterexample(5, -0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zeta");
        assertThatThrownBy(() -> new ReddiCounterexample(Double.NaN, 0.1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C = NaN");
        assertThatThrownBy(() -> new ReddiCounterexample(0.5, 1.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p = ");
        ReddiCounterexample r = new ReddiCounterexample(5, 0.1);
        assertThatThrownBy(() -> r.value(new double[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has length 2");
        assertThatThrownBy(() -> r.componentValue(2, new double[1])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i = 2");
    }
}
