package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;

class StaibD41Test {
    static ClaimResult run(StaibD41 claim) {
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("STAIB-D4.1", 13, Budget.QUICK, 1e-3, p, null));
        }
    }

    @Test
    void holdsWithTheBiasCorrectedEma() {
        ClaimResult r = run(new StaibD41());
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThan(1);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(1e-3);
        assertThat(r.trials()).isPositive();
    }

    @Test
    void unnormalisedWeightsAfterAShortBurnInAreCaught() {
        ClaimResult r = run(new StaibD41(EstimatorFactory.RAW_EMA));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void droppingTheOneMinusBetaFactorIsCaught() {
        ClaimResult r = run(new StaibD41(BrokenEstimators.DROP_ONE_MINUS_BETA));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }
}
