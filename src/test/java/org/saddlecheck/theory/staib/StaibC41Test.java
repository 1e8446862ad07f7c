package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;

class StaibC41Test {
    /** A cheap sweep: eps = 1 (a well-conditioned A), tau from 1 to 0.3, T = ceil(20 tau^-4) <= 2000. */
    private static StaibC41.Config small() {
        return new StaibC41.Config(FirstOrder.Spec.logSum(new double[] {1, 0.5}, 1.0), 1.0, 0.15, 20, 1.0,
                new double[] {1.0, 0.6, 0.3}, 0.1, 8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(ClaimResult r, String key) {
        return (Map<String, Object>) r.details().get(key);
    }

    @Test
    void holdsForTheProjectsAlgorithm3() {
        ClaimResult r = Contexts.run(new StaibC41(StaibC41.DEFAULT_FACTORY, small()), 7, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.exponent().predicted()).isEqualTo(0);
        assertThat(r.series().get("x")).containsExactly(1.0, 0.6, 0.3);
        assertThat(r.series().get("y")).hasSize(3);
        for (double y : r.series().get("y")) assertThat(y).isBetween(0.1, 2.0);
        assertThat(detail(r, "(c) bookkeeping").get("ok")).isEqualTo(true);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(1e-4 * 2 / 150.0 * (1 + 1e-12));
    }

    @Test
    void anEmaThatDropsTheOneMinusBetaFactorIsCaught() {
        StaibC41.Factory broken = BrokenOptimizers::alg3UndampedEma;
        ClaimResult r = Contexts.run(new StaibC41(broken, small()), 7, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(detail(r, "(a) binomial test at smallest tau").get("rejected")).as("estimation component").isEqualTo(true);
        assertThat(detail(r, "(b) slope test").get("violated")).as("the rate grows as tau decreases").isEqualTo(true);
        assertThat(r.exponent().fitted()).isLessThan(-0.3);
    }

    @Test
    void pointFollowsTheSchedule() {
        StaibC41.Point p = StaibC41.point(small(), 0.3);
        assertThat(p.eta()).isEqualTo(0.15 * 0.09);
        assertThat(p.beta()).isEqualTo(1 - Math.pow(0.15 * 0.09, 2.0 / 3.0));
        assertThat(p.w()).isEqualTo((int) Math.ceil(Math.pow(0.15 * 0.09, -2.0 / 3.0)));
        assertThat(p.steps()).isEqualTo((long) Math.ceil(20 / Math.pow(0.3, 4)));
    }

    @Test
    void rejectsBadInput() {
        FirstOrder.Spec spec = FirstOrder.Spec.logSum(new double[] {1, 0.5}, 1.0);
        double[] taus = {1, 0.5, 0.25};
        assertThatThrownBy(() -> new StaibC41(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factory");
        assertThatThrownBy(() -> new StaibC41.Config(null, 1, 0.1, 20, 1, taus, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 0, 0.1, 20, 1, taus, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, -0.1, 20, 1, taus, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c =");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, 0.1, 0, 1, taus, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cPrime");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, 0.1, 20, 0, taus, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, 0.1, 20, 1, new double[] {1, 0.5}, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taus.length");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, 0.1, 20, 1, new double[] {0.5, 1, 0.25}, 0.1, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("descending");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, 0.1, 20, 1, taus, 1.5, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delta");
        assertThatThrownBy(() -> new StaibC41.Config(spec, 1, 0.1, 20, 1, taus, 0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rateRuns");
        StaibC41.Config hugeC = new StaibC41.Config(spec, 1, 0.1, 20, 50, taus, 0.1, 8);
        assertThatThrownBy(() -> StaibC41.point(hugeC, 1.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
    }
}
