package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;

class StaibT41Test {
    static final double ALPHA = 1e-2;

    static ClaimResult run(StaibT41 claim, StaibT41.Plan plan, int threads) {
        try (Parallel p = new Parallel(threads)) {
            return claim.check(new ClaimContext("STAIB-T4.1", 7, Budget.QUICK, ALPHA, p, null), plan);
        }
    }

    static final StaibT41.Plan TINY = new StaibT41.Plan(2, 2, 100, 2, 1, 1, 50, 200, false, new double[] {1e-2});

    @Test
    void holdsOnASmallPlanWithTheBiasCorrectedEma() {
        ClaimResult r = run(new StaibT41(), new StaibT41.Plan(3, 2, 150, 3, 1, 2, 80, 300, true, new double[] {1e-2, 1e-3}), 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isPositive().isLessThanOrEqualTo(ALPHA);
        assertThat(r.tightness().max()).isLessThan(1).isGreaterThan(0.5);
        assertThat(r.exponent().predicted()).isEqualTo(1.0 / 3);
        assertThat(r.series()).containsKeys("ratios", "x", "y", "yLow", "yHigh");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.details().get("instances");
        assertThat(rows).extracting(m -> m.get("group")).contains("oblivious", "adaptive");
        assertThat(rows).allSatisfy(m -> assertThat((boolean) m.get("rejected")).isFalse());
    }

    @Test
    void droppingTheOneMinusBetaFactorIsCaught() {
        ClaimResult r = run(new StaibT41(BrokenEstimators.DROP_ONE_MINUS_BETA), TINY, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("exceedances");
        assertThat(r.tightness().max()).isGreaterThan(1);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        ClaimResult a = run(new StaibT41(), TINY, 1), b = run(new StaibT41(), TINY, 2);
        assertThat(a.evidence()).isEqualTo(b.evidence());
        assertThat(a.series().get("y")).containsExactly(b.series().get("y"));
        assertThat(a.tightness()).isEqualTo(b.tightness());
    }

    @Test
    void parabolaVertexRecoversTheMinimumInLogC() {
        // q(C) = (log C - log 1.5)^2 + 1 on the grid: vertex at 1.5 exactly
        double[] q = new double[StaibT41.C_GRID.length];
        for (int k = 0; k < q.length; k++) q[k] = Math.pow(Math.log(StaibT41.C_GRID[k] / 1.5), 2) + 1;
        assertThat(StaibT41.vertex(q)).isCloseTo(1.5, within(1e-12));
        assertThat(StaibT41.argminIndex(q)).isEqualTo(2);
        // a monotone profile is clamped half a step beyond the grid
        double[] dec = {4, 3, 2, 1};
        assertThat(StaibT41.vertex(dec)).isLessThanOrEqualTo(StaibT41.C_GRID[3] * Math.sqrt(2) * (1 + 1e-12));
    }

    /** The fixed-beta control test: shown for a clear shift, not shown for the same distribution (then INCONCLUSIVE). */
    @Test
    void controlTestNeedsASignificantShift() {
        org.apache.commons.rng.UniformRandomProvider rng = org.saddlecheck.rng.Seeds.rng(11);
        double[] a = new double[400], b = new double[400], c = new double[400];
        for (int i = 0; i < 400; i++) {
            a[i] = 0.1 * (1 + 0.2 * rng.nextDouble());
            b[i] = 0.1 * (1 + 0.2 * rng.nextDouble());
            c[i] = 0.15 * (1 + 0.2 * rng.nextDouble());
        }
        double[] same = StaibT41.controlBounds(a, b, 1e-6), shifted = StaibT41.controlBounds(c, b, 1e-6);
        assertThat(same[0]).isLessThanOrEqualTo(same[1]);
        assertThat(shifted[0]).isGreaterThan(shifted[1]);
    }

    /** On the small plan the control point eta = 1e-2 is tested and shows the bias blow-up of beta = 0.99. */
    @Test
    void fixedBetaControlShowsItsEffect() {
        ClaimResult r = run(new StaibT41(), new StaibT41.Plan(2, 2, 150, 0, 1, 1, 50, 200, false, new double[] {1e-2, 1e-3}), 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> ctl = (Map<String, Object>) r.details().get("fixedBetaControl");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ctl.get("rows");
        assertThat(rows.get(0).get("effectShown")).isEqualTo(true);
        assertThat(rows.get(1).get("effectShown")).isEqualTo("reported only"); // 1 - (1e-3)^(2/3) = 0.01: same beta
    }

    @Test
    void declaresItsStatisticalTests() {
        assertThat(new StaibT41().statisticalTests()).isEqualTo(StaibT41.MAX_SWEEP + StaibT41.OBLIVIOUS.size() + StaibT41.ADAPTIVE.size() + 3
                + StaibT41.CONTROL_TESTS);
        assertThat(new StaibT41().info().id()).isEqualTo("STAIB-T4.1");
    }

    /** A rate test that cannot tell eta^(1/3) from eta^(1/2) makes the result INCONCLUSIVE, not HOLDS. */
    @Test
    void anUnderpoweredRateTestIsNamed() {
        var ok = new org.saddlecheck.stats.SlopeFit.RateTest(0.33, 1.0 / 3, 0.05, org.saddlecheck.stats.SlopeFit.Direction.TWO_SIDED, 1e-6,
                0.30, 0.36, "test", false, 0.08);
        var weak = new org.saddlecheck.stats.SlopeFit.RateTest(0.33, 1.0 / 3, 0.05, org.saddlecheck.stats.SlopeFit.Direction.TWO_SIDED, 1e-6,
                0.10, 0.56, "test", false, 0.30);
        var violated = new org.saddlecheck.stats.SlopeFit.RateTest(0.9, 1.0 / 3, 0.05, org.saddlecheck.stats.SlopeFit.Direction.TWO_SIDED, 1e-6,
                0.8, 1.0, "test", true, 0.30);
        assertThat(StaibT41.underpowered("rate", ok)).isNull();
        assertThat(StaibT41.underpowered("rate", weak)).contains("underpowered").contains("0.300").contains("0.167");
        assertThat(StaibT41.underpowered("rate", violated)).as("a violation is reported as such, not as low power").isNull();
    }
}
