package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

class PowerTest {

    @Test
    void binomialRuleOfThumbFromClaimsMd() {
        // CLAIMS.md §7.3: delta = 0.05, true rate 3 delta, alpha = 1e-5, power 0.9 -> N ≈ 250, K ≈ 30 (≈ 13/delta).
        Power.BinomialDesign d = Power.binomialTrials(0.05, 0.15, 1e-5, 0.9);
        assertThat(d.n()).isBetween(225, 260);
        assertThat(d.criticalK()).isBetween(27, 32);
        // exact values (scipy.stats.binom search): the smallest such N is 237 with K = 29
        assertThat(d.n()).isEqualTo(237);
        assertThat(d.criticalK()).isEqualTo(29);
        assertThat(d.falseFailure()).isLessThanOrEqualTo(1e-5).isCloseTo(9.428036738288445e-06, within(1e-13));
        assertThat(d.power()).isGreaterThanOrEqualTo(0.9).isCloseTo(0.9029372365048212, within(1e-10));
        // delta = 0.01: rule of thumb N ≈ 1320, K ≈ 32; exact 1273, 31
        Power.BinomialDesign e = Power.binomialTrials(0.01, 0.03, 1e-5, 0.9);
        assertThat(e.n()).isEqualTo(1273);
        assertThat(e.criticalK()).isEqualTo(31);
    }

    @Test
    void binomialDesignIsMinimal() {
        Power.BinomialDesign d = Power.binomialTrials(0.1, 0.25, 1e-4, 0.8);
        assertThat(d.falseFailure()).isLessThanOrEqualTo(1e-4);
        assertThat(d.power()).isGreaterThanOrEqualTo(0.8);
        for (int n = 1; n < d.n(); n++) {
            int k = Power.binomialCriticalK(n, 0.1, 1e-4);
            assertThat(BinomialTest.upperTail(n, k, 0.1)).isLessThanOrEqualTo(1e-4);
            if (k > 1) assertThat(BinomialTest.upperTail(n, k - 1, 0.1)).isGreaterThan(1e-4);
            assertThat(BinomialTest.upperTail(n, k, 0.25)).as("power at n=%d", n).isLessThan(0.8);
        }
        assertThat(Power.binomialCriticalK(d.n(), 0.1, 1e-4)).isEqualTo(d.criticalK());
    }

    @Test
    void noncentralTMatchesReferenceValues() {
        // R: power.t.test(n = 20, delta = 1) = 0.8689528 (two-sample: df 38, ncp sqrt(10), crit qt(0.975, 38))
        double crit38 = org.apache.commons.statistics.distribution.TDistribution.of(38).inverseSurvivalProbability(0.025);
        assertThat(NoncentralT.survival(crit38, 38, Math.sqrt(10))).isCloseTo(0.8689528016921271, within(1e-8));
        // scipy.stats.nct.sf
        assertThat(NoncentralT.survival(2.0, 5, 1.5)).isCloseTo(0.36855075274432825, within(1e-8));
        assertThat(NoncentralT.survival(-1.0, 3, 0.5)).isCloseTo(0.9078787901856405, within(1e-8));
        assertThat(NoncentralT.survival(3.0, 50, 4.0)).isCloseTo(0.8345694431915935, within(1e-8));
        // lambda = 0: the central t
        assertThat(NoncentralT.survival(1.7, 7, 0)).isCloseTo(
                org.apache.commons.statistics.distribution.TDistribution.of(7).survivalProbability(1.7), within(1e-9));
    }

    @Test
    void tSampleSizesAreMinimalAndMatchScipy() {
        // scipy search with nct: (effect, alpha, power) -> n
        assertThat(Power.tTrials(0.5, 1e-3, 0.9).n()).isEqualTo(82);
        assertThat(Power.tTrials(1.0, 1e-5, 0.9).n()).isEqualTo(40);
        Power.TDesign d = Power.tTrials(0.2, 0.05, 0.8);
        assertThat(d.n()).isEqualTo(156);
        assertThat(d.power()).isGreaterThanOrEqualTo(0.8);
        assertThat(Power.tPower(155, 0.2, 0.05)).isLessThan(0.8);
    }

    @Test
    void tPowerAgreesWithMonteCarlo() {
        int n = 12, reps = 20000;
        double effect = 0.8, alpha = 0.05;
        double crit = org.apache.commons.statistics.distribution.TDistribution.of(n - 1).inverseSurvivalProbability(alpha);
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(7, "tpower", 0));
        Gaussian g = new Gaussian(rng);
        int hits = 0;
        double[] x = new double[n];
        for (int r = 0; r < reps; r++) {
            g.fill(x);
            double m = 0;
            for (int i = 0; i < n; i++) m += (x[i] += effect);
            m /= n;
            double v = 0;
            for (double xi : x) v += (xi - m) * (xi - m);
            double tstat = m / Math.sqrt(v / (n - 1) / n);
            if (tstat > crit) hits++;
        }
        double p = Power.tPower(n, effect, alpha);
        assertThat((double) hits / reps).isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / reps)));
    }

    @Test
    void hoeffdingTrials() {
        // n = ceil(range^2 ln(1/alpha) / (2 margin^2)) = ceil(ln(1e4)/(2*0.01)) = ceil(460.517) = 461
        assertThat(Power.hoeffdingTrials(1, 0.1, 1e-4)).isEqualTo(461);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Power.binomialTrials(0.1, 0.05, 1e-3, 0.9)).hasMessageContaining("alternative = 0.05");
        assertThatThrownBy(() -> Power.binomialTrials(0, 0.05, 1e-3, 0.9)).hasMessageContaining("delta = 0");
        assertThatThrownBy(() -> Power.binomialTrials(0.1, 0.2, 0, 0.9)).hasMessageContaining("alpha = 0");
        assertThatThrownBy(() -> Power.binomialTrials(0.1, 0.2, 1e-3, 1)).hasMessageContaining("power = 1");
        assertThatThrownBy(() -> Power.tTrials(0, 0.05, 0.9)).hasMessageContaining("effectSize = 0");
        assertThatThrownBy(() -> Power.tPower(1, 0.5, 0.05)).hasMessageContaining("n = 1");
        assertThatThrownBy(() -> Power.hoeffdingTrials(1, 0, 0.1)).hasMessageContaining("margin = 0");
        assertThatThrownBy(() -> Power.binomialCriticalK(0, 0.1, 0.1)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> NoncentralT.survival(1, 0, 1)).hasMessageContaining("nu = 0");
    }
}
