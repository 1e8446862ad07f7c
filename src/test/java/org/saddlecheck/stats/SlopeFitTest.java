package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

class SlopeFitTest {

    @Test
    void olsRecoversAnExactPowerLaw() {
        double[] x = {1e-4, 1e-3, 1e-2, 1e-1};
        double[] y = new double[4];
        for (int j = 0; j < 4; j++) y[j] = 3 * Math.pow(x[j], 1.0 / 3);
        SlopeFit.Fit f = SlopeFit.ols(x, y);
        assertThat(f.slope()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Math.exp(f.intercept())).isCloseTo(3, within(1e-10));
        assertThat(f.localSlopes()).hasSize(3);
        for (double l : f.localSlopes()) assertThat(l).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(f.impliedConstantSpread(1.0 / 3)).isCloseTo(1, within(1e-10));
    }

    /** Synthetic sweeps: median of log-normal trials ∝ x^0.5; the 90% bootstrap CI covers 0.5 at roughly 90%. */
    @Test
    void bootstrapCiCoversTheTrueSlopeAtRoughlyTheNominalRate() {
        double[] x = {1, 2, 4, 8, 16, 32};
        int reps = 120, trials = 60, covered = 0;
        double[][] s = new double[x.length][trials];
        for (int r = 0; r < reps; r++) {
            UniformRandomProvider rng = Seeds.rng(Seeds.derive(5, "slope", r));
            Gaussian g = new Gaussian(rng);
            for (int j = 0; j < x.length; j++)
                for (int i = 0; i < trials; i++) s[j][i] = Math.sqrt(x[j]) * Math.exp(0.5 * g.next());
            SlopeFit.Bootstrap b = SlopeFit.bootstrap(x, s, SlopeFit.median(), 400, rng);
            double[] ci = b.percentileInterval(0.9);
            if (ci[0] <= 0.5 && 0.5 <= ci[1]) covered++;
        }
        // nominal 0.9; binomial sd ~ 0.027; percentile bootstrap of a median is roughly calibrated
        assertThat((double) covered / reps).isBetween(0.78, 0.98);
    }

    @Test
    void rateTestDecisions() {
        double[] x = {1, 2, 4, 8, 16};
        double[][] s = new double[5][40];
        UniformRandomProvider rng = Seeds.rng(42);
        Gaussian g = new Gaussian(rng);
        for (int j = 0; j < 5; j++)
            for (int i = 0; i < 40; i++) s[j][i] = x[j] * Math.exp(0.2 * g.next()); // slope 1
        SlopeFit.Bootstrap b = SlopeFit.bootstrap(x, s, SlopeFit.quantile(0.9), 1000, rng);
        assertThat(b.fit().slope()).isCloseTo(1, within(0.1));
        assertThat(b.test(1, 0.05, SlopeFit.Direction.TWO_SIDED, 0.05).violated()).isFalse();
        assertThat(b.test(0.5, 0.05, SlopeFit.Direction.TWO_SIDED, 0.05).violated()).isTrue();
        assertThat(b.test(2, 0.05, SlopeFit.Direction.TWO_SIDED, 0.05).violated()).isTrue();
        // upper-bound rate: slope ≤ 2 is consistent, slope ≤ 0.5 is not
        assertThat(b.test(2, 0.05, SlopeFit.Direction.AT_MOST, 0.05).violated()).isFalse();
        assertThat(b.test(0.5, 0.05, SlopeFit.Direction.AT_MOST, 0.05).violated()).isTrue();
        assertThat(b.test(0.5, 0.05, SlopeFit.Direction.AT_LEAST, 0.05).violated()).isFalse();
        // tiny alpha falls back to the normal bootstrap interval, which is wider
        SlopeFit.RateTest small = b.test(1, 0.05, SlopeFit.Direction.TWO_SIDED, 1e-6);
        assertThat(small.method()).startsWith("normal bootstrap");
        SlopeFit.RateTest big = b.test(1, 0.05, SlopeFit.Direction.TWO_SIDED, 0.05);
        assertThat(big.method()).startsWith("percentile");
        assertThat(small.ciHigh() - small.ciLow()).isGreaterThan(big.ciHigh() - big.ciLow());
        assertThat(big.describe()).contains("consistent");
        assertThat(b.standardError()).isPositive();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> SlopeFit.ols(new double[] {1}, new double[] {1})).hasMessageContaining("x.length = 1");
        assertThatThrownBy(() -> SlopeFit.ols(new double[] {1, 1}, new double[] {1, 2})).hasMessageContaining("distinct");
        assertThatThrownBy(() -> SlopeFit.ols(new double[] {1, -2}, new double[] {1, 2})).hasMessageContaining("x[1] = -2.0");
        assertThatThrownBy(() -> SlopeFit.ols(new double[] {1, 2}, new double[] {1, 0})).hasMessageContaining("stat[1] = 0.0");
        assertThatThrownBy(() -> SlopeFit.bootstrap(new double[] {1, 2}, new double[][] {{1}, {2}}, SlopeFit.median(), 10, Seeds.rng(1)))
                .hasMessageContaining("resamples = 10");
        assertThatThrownBy(() -> SlopeFit.bootstrap(new double[] {1, 2}, new double[][] {{1}}, SlopeFit.median(), 100, Seeds.rng(1)))
                .hasMessageContaining("samples.length = 1");
        assertThatThrownBy(() -> SlopeFit.quantile(2)).hasMessageContaining("q = 2.0");
    }
}
