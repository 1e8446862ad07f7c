package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;

class StaibP41Test {
    static final StaibP41.Plan SMALL = new StaibP41.Plan(3, 150, 300, 1e-2, 2);

    static ClaimResult run(StaibP41 claim) {
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("STAIB-P4.1", 11, Budget.QUICK, 1e-3, p, null), SMALL);
        }
    }

    @Test
    void holdsWithTheBiasCorrectedEma() {
        ClaimResult r = run(new StaibP41());
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.exponent().fitted()).isBetween(0.25, 0.42);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(1e-3);
        assertThat(r.series().get("x")).hasSize(3);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fits = (List<Map<String, Object>>) r.details().get("fits");
        assertThat(fits).hasSize(StaibP41.BURN_IN_K.length);
        assertThat(r.details()).containsKey("windowGrowth");
        assertThat(new StaibP41().statisticalTests()).isEqualTo(StaibP41.BURN_IN_K.length + 1);
        assertThat(r.evidence()).contains("sqrt(log) factor");
    }

    /** The window-growth test: a sup growing like a random walk (×√8 over three doublings) is flagged; a flat one is not. */
    @Test
    void windowGrowthTestFlagsGrowthFasterThanTheSqrtLogFactor() {
        org.apache.commons.rng.UniformRandomProvider rng = org.saddlecheck.rng.Seeds.rng(5);
        int n = 400;
        double[] s = new double[n], fast = new double[n], slow = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 1 + 0.3 * rng.nextDouble();
            fast[i] = s[i] * Math.sqrt(8) * (1 + 0.05 * rng.nextDouble());
            slow[i] = s[i] * (1 + 0.05 * rng.nextDouble());
        }
        double f = StaibP41.sqrtLogFactor(65, 520);
        assertThat(f).isBetween(1.10, 1.12);
        assertThat(StaibP41.growthTest(s, fast, f, 1e-6, 1000, rng).exceeds()).isTrue();
        assertThat(StaibP41.growthTest(s, slow, f, 1e-6, 1000, rng).exceeds()).isFalse();
    }

    @Test
    void unnormalisedWeightsAreCaughtByTheRate() {
        // Alg. 2's raw EMA: after W = eta^(-2/3) samples its weights sum to 1 - e^(-1), an eta-independent bias
        ClaimResult r = run(new StaibP41(EstimatorFactory.RAW_EMA));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("k=1");
    }

    @Test
    void burnInIsTheCeilingOfKEtaToMinusTwoThirds() {
        assertThat(StaibP41.burnIn(1e-3, 1)).isEqualTo(100);
        assertThat(StaibP41.burnIn(1e-2, 3)).isEqualTo(65);
    }
}
