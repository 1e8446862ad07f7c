package org.saddlecheck.theory.jin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.WrongRadiusLawSampler;
import org.saddlecheck.optim.pgd.WrongSphereSampler;

/**
 * Done-criterion of the PGD issue: a planted PGD bug is caught. The claims' logic is run with the deliberately wrong
 * perturbation samplers of the pgd package injected; JIN-STUCK (Monte Carlo slab probability vs the exact one) and
 * JIN-ALG2's perturbation-law check must report VIOLATED, and the correct sampler must not.
 */
class PlantedSamplerBugTest {

    @Test
    void stuckSlabCatchesTheSphereSampler() {
        ClaimResult r = ClaimTestSupport.run(new JinStuck(WrongSphereSampler.INSTANCE), Budget.QUICK);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("outside the exact slab probability");
    }

    @Test
    void stuckSlabCatchesTheWrongRadiusLaw() {
        ClaimResult r = ClaimTestSupport.run(new JinStuck(WrongRadiusLawSampler.INSTANCE), Budget.QUICK);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("outside the exact slab probability");
    }

    @Test
    void stuckSlabHoldsWithTheUniformBall() {
        ClaimResult r = ClaimTestSupport.run(new JinStuck(PerturbationSampler.uniformBall()), Budget.QUICK);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(ClaimTestSupport.alphaFor(new JinStuck()) * (1 + 1e-12));
    }

    @Test
    void alg2SamplerCheckCatchesBothWrongSamplers() {
        for (PerturbationSampler s : List.of(WrongSphereSampler.INSTANCE, WrongRadiusLawSampler.INSTANCE)) {
            List<String> problems = samplerProblems(s);
            assertThat(problems).as(s.name()).isNotEmpty();
            assertThat(problems.get(0)).contains("not uniform in B_0(r)");
        }
        assertThat(samplerProblems(PerturbationSampler.uniformBall())).isEmpty();
    }

    private static List<String> samplerProblems(PerturbationSampler s) {
        JinAlg2 claim = new JinAlg2(s);
        List<String> problems = new ArrayList<>();
        try (Parallel p = new Parallel(2)) {
            ClaimContext ctx = new ClaimContext("JIN-ALG2", ClaimTestSupport.SEED, Budget.QUICK, 9e-6, p, m -> { });
            claim.samplerChecks(ctx, PgdFixtures.standard(ctx.rng("fixture", 0)), 1e-6, ClaimResult.builder(Verdict.HOLDS), problems);
        }
        return problems;
    }
}
