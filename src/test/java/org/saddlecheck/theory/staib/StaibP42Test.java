package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.rng.Seeds;

class StaibP42Test {
    static final StaibP42.Plan SMALL = new StaibP42.Plan(3, 150, 300, 100, 2, 10);

    static ClaimResult run(StaibP42 claim) {
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("STAIB-P4.2", 17, Budget.QUICK, 1e-3, p, null), SMALL);
        }
    }

    @Test
    void holdsWithTheBiasCorrectedEma() {
        ClaimResult r = run(new StaibP42());
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThanOrEqualTo(1).isGreaterThan(0.999);
        assertThat(r.details()).containsKeys("lemmaPairs", "lemmaWitness", "lemmaAlongRuns", "etaRate", "epsGeneral", "epsWitness");
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(1e-3);
    }

    @Test
    void droppingTheOneMinusBetaFactorIsCaught() {
        ClaimResult r = run(new StaibP42(BrokenEstimators.DROP_ONE_MINUS_BETA));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void witnessRatioIsTheClosedForm() {
        for (double a : new double[] {1e-2, 1, 50}) {
            for (double h : new double[] {1e-1, 1e-4}) {
                double[] x = {a, 0, 0, a}, y = {a + h * a, 0, 0, a + h * a};
                StaibP42.LemmaRatio r = StaibP42.lemma(x, y, 2);
                double exact = (1 / Math.sqrt(a) - 1 / Math.sqrt(a + h * a)) / (0.5 * Math.pow(a, -1.5) * h * a);
                assertThat(r.ratio()).isCloseTo(exact, within(1e-9)).isLessThan(1);
                assertThat(r.ratio()).isGreaterThan(1 - h);
            }
        }
    }

    @Test
    void aWrongConstantWouldBeCaught() {
        // the lemma with 1/4 instead of 1/2 fails on the witness: the ratio against the halved bound is ~2
        double a = 1, h = 1e-6;
        StaibP42.LemmaRatio r = StaibP42.lemma(new double[] {a}, new double[] {a + h}, 1);
        assertThat(2 * r.ratio()).isGreaterThan(1 + r.tol());
    }

    @TestFactory
    List<DynamicTest> randomPairsSatisfyTheLemma() {
        List<DynamicTest> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long seed = 100 + i;
            out.add(DynamicTest.dynamicTest("seed " + seed, () -> {
                UniformRandomProvider rng = Seeds.rng(seed);
                StaibP42.Pair p = StaibP42.PAIRS.draw(rng);
                StaibP42.LemmaRatio r = StaibP42.pairRatio(p, rng);
                assertThat(r.ratio()).as("%s seed %d", p, seed).isLessThanOrEqualTo(1 + r.tol());
            }));
        }
        return out;
    }
}
