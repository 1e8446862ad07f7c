package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Seeds;

/** A rate test states its power: the smallest true deviation from the prediction it flags with probability 0.9. */
class RatePowerTest {
    static final NormalDistribution Z = NormalDistribution.of(0, 1);

    private static SlopeFit.Bootstrap sweep(int n, UniformRandomProvider rng) {
        double[] x = {1e-4, 1e-3, 1e-2, 1e-1};
        double[][] samples = new double[x.length][n];
        for (int j = 0; j < x.length; j++) {
            for (int i = 0; i < n; i++) samples[j][i] = Math.pow(x[j], 1.0 / 3) * Math.exp(0.3 * (rng.nextDouble() - 0.5));
        }
        return SlopeFit.bootstrap(x, samples, SlopeFit.quantile(0.5), 400, rng);
    }

    @Test
    void detectableDeviationIsToleranceplusZTimesTheBootstrapError() {
        SlopeFit.Bootstrap b = sweep(200, Seeds.rng(7));
        double alpha = 1e-6, se = b.standardError();
        SlopeFit.RateTest two = b.test(1.0 / 3, 0.05, SlopeFit.Direction.TWO_SIDED, alpha);
        assertThat(two.detectableDeviation()).isCloseTo(0.05 + (Z.inverseSurvivalProbability(alpha / 2) + 1.2815515655446004) * se, within(1e-12));
        SlopeFit.RateTest one = b.test(0, 0.1, SlopeFit.Direction.AT_MOST, alpha);
        assertThat(one.detectableDeviation()).isCloseTo(0.1 + (Z.inverseSurvivalProbability(alpha) + 1.2815515655446004) * se, within(1e-12));
        assertThat(two.describe()).contains("power 0.90");
    }

    @Test
    void moreTrialsDetectSmallerDeviations() {
        double small = sweep(50, Seeds.rng(8)).test(1.0 / 3, 0.05, SlopeFit.Direction.TWO_SIDED, 1e-6).detectableDeviation();
        double large = sweep(800, Seeds.rng(8)).test(1.0 / 3, 0.05, SlopeFit.Direction.TWO_SIDED, 1e-6).detectableDeviation();
        assertThat(large).isLessThan(small).isGreaterThan(0.05);
    }
}
