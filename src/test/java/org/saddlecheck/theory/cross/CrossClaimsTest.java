package org.saddlecheck.theory.cross;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.WrongGaussianSampler;
import org.saddlecheck.theory.jin.ClaimTestSupport;

class CrossClaimsTest {

    @Test
    void stationarityPredicatesAgreeWithBruteForce() {
        for (var c : new org.saddlecheck.claims.Claim[] {new StaibD21(), new X1()}) {
            ClaimResult r = ClaimTestSupport.run(c, Budget.QUICK);
            assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
            assertThat(r.falseFailureRate()).isZero();
            assertThat(r.trials()).isGreaterThan(100);
        }
    }

    @Test
    void x2HoldsAndItsExponentRespondsToTheControl() {
        ClaimResult ok = ClaimTestSupport.run(new X2(), Budget.QUICK);
        assertThat(ok.verdict()).as(ok.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(ok.exponent().fitted()).isBetween(0.0, 0.1);
        // the fixed-std Gaussian control keeps the e1 component at sigma whatever d: escape time independent of d
        ClaimResult ctl = ClaimTestSupport.run(new X2(WrongGaussianSampler.withStd(1e-3 / Math.sqrt(10))), Budget.QUICK);
        assertThat(ctl.exponent().fitted()).isLessThan(ok.exponent().fitted());
    }
}
