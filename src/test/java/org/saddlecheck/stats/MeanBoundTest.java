package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

class MeanBoundTest {

    @Test
    void studentTBoundUsesTheTQuantile() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; // mean 5.5, sd sqrt(55/6)
        MeanBound.Estimate e = MeanBound.studentT(x, 0.05);
        double sd = Math.sqrt(55.0 / 6);
        assertThat(e.mean()).isEqualTo(5.5);
        assertThat(e.sd()).isCloseTo(sd, within(1e-14));
        // qt(0.95, 9) = 1.8331129326562376
        assertThat(e.lower()).isCloseTo(5.5 - 1.8331129326562376 * sd / Math.sqrt(10), within(1e-10));
        assertThat(e.upper()).isCloseTo(5.5 + 1.8331129326562376 * sd / Math.sqrt(10), within(1e-10));
        assertThat(e.standardError()).isCloseTo(sd / Math.sqrt(10), within(1e-14));
    }

    @Test
    void hoeffdingAndBernsteinFormulas() {
        double[] x = {0.1, 0.2, 0.3, 0.4};
        MeanBound.Estimate h = MeanBound.hoeffding(x, 0, 1, 0.01);
        assertThat(h.halfWidth()).isCloseTo(Math.sqrt(Math.log(100) / 8), within(1e-14));
        MeanBound.Estimate b = MeanBound.empiricalBernstein(x, 0, 1, 0.01);
        double v = 1.0 / 60; // sample variance of 0.1..0.4
        assertThat(b.halfWidth()).isCloseTo(Math.sqrt(2 * v * Math.log(200) / 4) + 7 * Math.log(200) / 9, within(1e-12));
    }

    /** One-sided bounds cover the true mean at least at their nominal rate (10% level, 4000 repetitions). */
    @Test
    void lowerBoundsCoverAtTheNominalRate() {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(11, "coverage", 0));
        Gaussian g = new Gaussian(rng);
        int reps = 4000, n = 30, missT = 0, missH = 0, missB = 0;
        double[] x = new double[n], u = new double[n];
        for (int r = 0; r < reps; r++) {
            g.fill(x);
            for (int i = 0; i < n; i++) u[i] = rng.nextDouble() * rng.nextDouble(); // mean 1/4 in [0, 1]
            if (MeanBound.studentT(x, 0.1).lower() > 0) missT++;
            if (MeanBound.hoeffding(u, 0, 1, 0.1).lower() > 0.25) missH++;
            if (MeanBound.empiricalBernstein(u, 0, 1, 0.1).lower() > 0.25) missB++;
        }
        // t: exact for normal data, 10% misses; binomial sd = sqrt(.09/4000) = 0.0047
        assertThat((double) missT / reps).isBetween(0.08, 0.12);
        // Hoeffding and Bernstein are conservative
        assertThat((double) missH / reps).isLessThanOrEqualTo(0.1);
        assertThat((double) missB / reps).isLessThanOrEqualTo(0.1);
    }

    @Test
    void expectationTestFailsOnlyWhenTheLowerBoundExceedsTheBound() {
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) x[i] = 1 + (i % 2 == 0 ? 0.1 : -0.1);
        assertThat(MeanBound.atMost(x, 1.0, 1e-3).violated()).isFalse();
        assertThat(MeanBound.atMost(x, 0.9, 1e-3).violated()).isTrue();
        MeanBound.ExpectationTest t = MeanBound.atMost(x, 2.0, 1e-3);
        assertThat(t.ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(t.describe()).contains("student-t").contains("<=");
        double[] u = {0.9, 0.95, 0.92, 0.97, 0.93};
        assertThat(MeanBound.atMostBounded(u, 0, 1, 0.5, 0.05).violated()).isFalse(); // n = 5 is too few for Hoeffding
        double[] many = new double[2000];
        java.util.Arrays.fill(many, 0.9);
        assertThat(MeanBound.atMostBounded(many, 0, 1, 0.5, 1e-6).violated()).isTrue();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> MeanBound.studentT(new double[] {1}, 0.05)).hasMessageContaining("x.length = 1");
        assertThatThrownBy(() -> MeanBound.studentT(new double[] {1, Double.NaN}, 0.05)).hasMessageContaining("x[1] = NaN");
        assertThatThrownBy(() -> MeanBound.studentT(new double[] {1, 2}, 1.5)).hasMessageContaining("alpha = 1.5");
        assertThatThrownBy(() -> MeanBound.hoeffding(new double[] {1, 2}, 0, 1.5, 0.1)).hasMessageContaining("x[1] = 2.0");
        assertThatThrownBy(() -> MeanBound.hoeffding(new double[] {1, 2}, 3, 1, 0.1)).hasMessageContaining("b = 1.0");
        assertThatThrownBy(() -> MeanBound.atMost(new double[] {1, 2}, Double.NaN, 0.1)).hasMessageContaining("bound = NaN");
    }
}
