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

    @Test
    void declaresItsStatisticalTests() {
        assertThat(new StaibT41().statisticalTests()).isEqualTo(StaibT41.MAX_SWEEP + StaibT41.OBLIVIOUS.size() + StaibT41.ADAPTIVE.size() + 3);
        assertThat(new StaibT41().info().id()).isEqualTo("STAIB-T4.1");
    }
}
