package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.estimate.BetaSchedule;

class S54BetaScheduleTest {

    @Test
    void holdsWithTheReferenceValues() {
        ClaimResult r;
        try (Parallel p = new Parallel(1)) {
            r = new S54BetaSchedule().check(new ClaimContext("STAIB-S5.4", 1, Budget.QUICK, 0, p, null));
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThanOrEqualTo(1);
        assertThat(r.details().get("beta(eta=1e-3, C=1)")).isEqualTo(0.99);
        assertThat(r.evidence()).contains("0.0464159");
        assertThat(new S54BetaSchedule().info().id()).isEqualTo("STAIB-S5.4");
        assertThat(new S54BetaSchedule().statisticalTests()).isZero();
    }

    /** The ratio flags values that are not 1 − C(∛η)², and accepts clamping only when Cη^{2/3} ≥ 1. */
    @Test
    void formulaRatioMatchesTheDefinition() {
        assertThat(S54BetaSchedule.formulaRatio(new S54BetaSchedule.EtaC(1e-3, 1))).isLessThanOrEqualTo(1);
        assertThat(S54BetaSchedule.formulaRatio(new S54BetaSchedule.EtaC(0.1, 5))).isZero(); // clamped to 0 correctly
        assertThat(BetaSchedule.fromEta(1e-2, 1)).isEqualTo(1 - Math.pow(1e-2, 2.0 / 3));
        assertThat(S54BetaSchedule.SPACE.shrink(new S54BetaSchedule.EtaC(0.01, 3)))
                .isEqualTo(List.of(new S54BetaSchedule.EtaC(1e-3, 1), new S54BetaSchedule.EtaC(0.01, 1)));
    }
}
