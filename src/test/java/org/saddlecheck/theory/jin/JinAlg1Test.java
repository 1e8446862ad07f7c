package org.saddlecheck.theory.jin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.WrongRadiusLawSampler;

class JinAlg1Test {
    static ClaimResult run(JinAlg1 claim) {
        Consumer<String> quiet = s -> {};
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("JIN-ALG1", 11, Budget.QUICK, 0, p, quiet));
        }
    }

    @Test
    void holdsForThePaperSampler() {
        ClaimResult r = run(new JinAlg1());
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat((int) r.details().get("perturbations")).isPositive();
        assertThat(r.tightness().max()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aPerturbationOutsideTheBallIsCaught() {
        ClaimResult r = run(new JinAlg1(WrongRadiusLawSampler.INSTANCE));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("> r =");
    }
}
