package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

class QuantilesTest {

    @Test
    void type7Quantiles() {
        double[] x = {4, 1, 3, 2, 5};
        assertThat(Quantiles.median(x)).isEqualTo(3.0);
        assertThat(Quantiles.quantile(x, 0.25)).isEqualTo(2.0);
        assertThat(Quantiles.quantile(x, 0.1)).isCloseTo(1.4, within(1e-14));
        assertThat(Quantiles.quantile(x, 1)).isEqualTo(5.0);
        assertThat(x[0]).isEqualTo(4.0); // input not modified
    }

    @Test
    void orderStatisticRanksForTheMedianOf20() {
        // classical table: the 95% CI of the median with n = 20 is [x_(6), x_(15)] (coverage 0.9586)
        assertThat(Quantiles.lowerRank(20, 0.5, 0.025)).isEqualTo(6);
        assertThat(Quantiles.upperRank(20, 0.5, 0.025)).isEqualTo(15);
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) x[i] = 20 - i; // values 1..20
        ClopperPearson.Interval ci = Quantiles.interval(x, 0.5, 0.95);
        assertThat(ci.lo()).isEqualTo(6.0);
        assertThat(ci.hi()).isEqualTo(15.0);
        // too few samples for a 0.99-quantile bound at 1%
        assertThat(Quantiles.upperBound(x, 0.99, 0.01)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Quantiles.lowerBound(x, 0.01, 0.01)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /** The upper bound of the 0.9-quantile of N(0,1) covers the true quantile at ≥ 95%. */
    @Test
    void upperBoundCoverage() {
        double q90 = 1.2815515655446004;
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(3, "quantile", 0));
        Gaussian g = new Gaussian(rng);
        int reps = 3000, miss = 0;
        double[] x = new double[100];
        for (int r = 0; r < reps; r++) {
            g.fill(x);
            if (Quantiles.upperBound(x, 0.9, 0.05) < q90) miss++;
        }
        // exact miss probability is P[Bin(100, 0.9) >= u] <= 0.05, close to it
        int u = Quantiles.upperRank(100, 0.9, 0.05);
        double exact = BinomialTest.upperTail(100, u, 0.9);
        assertThat(exact).isLessThanOrEqualTo(0.05);
        assertThat((double) miss / reps).isCloseTo(exact, within(5 * Math.sqrt(exact * (1 - exact) / reps)));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Quantiles.quantile(new double[0], 0.5)).hasMessageContaining("x.length = 0");
        assertThatThrownBy(() -> Quantiles.quantile(new double[] {1}, 1.5)).hasMessageContaining("q = 1.5");
        assertThatThrownBy(() -> Quantiles.upperRank(10, 0, 0.1)).hasMessageContaining("q = 0");
        assertThatThrownBy(() -> Quantiles.lowerRank(0, 0.5, 0.1)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> Quantiles.upperBound(new double[] {1, Double.NaN}, 0.5, 0.1)).hasMessageContaining("x[1] = NaN");
    }
}
