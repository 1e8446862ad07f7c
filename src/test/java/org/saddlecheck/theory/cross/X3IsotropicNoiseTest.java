package org.saddlecheck.theory.cross;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;

class X3IsotropicNoiseTest {

    @Test
    void ballMarginalSecondMomentIsOneOverDPlusTwo() {
        for (int d : new int[] {1, 2, 5, 50, 500}) {
            assertThat(X3IsotropicNoise.ballMarginalSecondMoment(d)).as("d = %d", d).isCloseTo(1.0 / (d + 2), within(1e-12 / (d + 2)));
        }
        // a wrong law (uniform on the sphere: E[u1^2] = 1/d) is distinguishable
        assertThat(Math.abs(X3IsotropicNoise.ballMarginalSecondMoment(3) - 1.0 / 3)).isGreaterThan(0.1);
    }

    @Test
    void holdsAndReportsTheThreeVariances() {
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = new X3IsotropicNoise().check(new ClaimContext("X3", 7, Budget.QUICK, 1e-5, p, null));
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(1e-5 * (1 + 1e-9));
        double[] iam = r.series().get("iamVariance");
        assertThat(iam[iam.length - 1]).isCloseTo(1, within(1e-3));
        assertThat(StaibCrossClaims.all()).hasSize(1);
    }
}
