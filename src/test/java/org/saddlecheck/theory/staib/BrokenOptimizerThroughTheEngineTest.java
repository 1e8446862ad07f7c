package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimOutcome;
import org.saddlecheck.claims.ClaimRegistry;
import org.saddlecheck.claims.ClaimRunner;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.claims.VerdictTable;

/**
 * A deliberately broken optimizer component is caught by the engine as `verify` runs it: the broken claim replaces
 * the real one in the whole registry, so it gets the production share of the 1e-4 false-failure budget (no inflated
 * α), the run fails, and the failure report names the claim, its evidence and the seeds that reproduce it.
 */
class BrokenOptimizerThroughTheEngineTest {
    static final long SEED = 20190126L;

    private static RunResults runWith(Claim broken) {
        List<Claim> universe = new ArrayList<>();
        for (Claim c : ClaimRegistry.all()) universe.add(c.info().id().equals(broken.info().id()) ? broken : c);
        return new ClaimRunner(SEED, Budget.QUICK, 2).run(universe, List.of(broken.info().id()));
    }

    private static void assertCaught(RunResults r, String id) {
        ClaimOutcome o = r.get(id);
        assertThat(o.verdict()).as(o.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.failed()).isTrue();
        // its production share of the run's 1e-4 (split over every claim's tests), not an inflated alpha
        assertThat(o.alpha()).isEqualTo(r.falseFailureBudget() * o.statisticalTests() / r.statisticalTests(), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(o.falseFailureRate()).isLessThanOrEqualTo(o.alpha());
        String report = VerdictTable.failures(r, c -> "rerun " + c.id());
        assertThat(report).contains("VIOLATED " + id).contains("master seed " + SEED).contains("rerun " + id);
    }

    @Test
    void anEmaWithoutItsOneMinusBetaFactorFailsTheRun() {
        assertCaught(runWith(new StaibT41(BrokenEstimators.DROP_ONE_MINUS_BETA)), "STAIB-T4.1");
    }

    @Test
    void epsOutsideTheRootWhereTheBoundAssumesInsideFailsTheRun() {
        assertCaught(runWith(new P44RmspropConstants(PreconditionerMap.FULL_OUTSIDE, PreconditionerConstants::p44)), "STAIB-P4.4");
    }
}
