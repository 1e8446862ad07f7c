package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.rng.Seeds;

class IntroAdagradEmaTest {

    @Test
    void holdsAndReportsAWorstCaseFoundByTheClimb() {
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = new IntroAdagradEma().check(new ClaimContext("STAIB-INTRO-ADAGRAD", 5, Budget.QUICK, 0, p, null));
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThanOrEqualTo(1).isGreaterThanOrEqualTo(r.tightness().median());
        assertThat(r.tightness().worst()).contains("seed");
        assertThat((double) r.details().get("weightSum(beta=0.9, T=10)")).isCloseTo(1 - Math.pow(0.9, 10), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(r.trials()).isEqualTo(((Number) r.details().get("evaluations")).longValue());
    }

    @Test
    void ratioIsSmallOnALongHorizon() {
        double ratio = IntroAdagradEma.ratio(new IntroAdagradEma.Params(8, 800, 0.999, 1e-3, 1e3), Seeds.rng(3));
        assertThat(ratio).isLessThanOrEqualTo(1);
    }
}
