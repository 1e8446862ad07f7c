package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.linalg.Mat;

class McHelpersTest {

    @Test
    void gaussianNormMcMatchesTheTraceAndDetectsAnExcess() {
        double[] g = Mat.diag(new double[] {1, 2, 3});
        double[] a = Mat.identity(3);
        try (Parallel p = new Parallel(2)) {
            ClaimContext ctx = new ClaimContext("T", 1, Budget.QUICK, 1e-6, p, null);
            int n = GaussianNormMc.trialsFor(new double[] {1, 2, 3}, 0.05, 1e-6, 0.9);
            GaussianNormMc.Result r = GaussianNormMc.run(a, g, 3, n, ctx, "s");
            assertThat(r.gammaStar()).isCloseTo(6, within(1e-12));
            assertThat(r.differs(6, 1e-6)).isFalse();
            assertThat(r.exceeds(6, 1e-6)).isFalse();
            assertThat(r.exceeds(6 / 1.2, 1e-6)).as("a 20%% excess is detected at the n designed for 5%% (n = %d)", n).isTrue();
            assertThat(r.differs(6.6, 1e-6)).isTrue();
        }
    }

    @Test
    void boundedMeanTestRejectsOnlyFarTargets() {
        double[] x = new double[4096];
        for (int i = 0; i < x.length; i++) x[i] = (i % 2 == 0) ? 1 : -1;
        BoundedMeanTest t = BoundedMeanTest.of(x, -1, 1, 0, 1e-6);
        assertThat(t.rejected()).isFalse();
        assertThat(BoundedMeanTest.of(x, -1, 1, 0.5, 1e-6).rejected()).isTrue();
        double[] c = {2, 2, 2};
        assertThat(BoundedMeanTest.of(c, 2, 2, 2, 1e-3).rejected()).isFalse(); // degenerate range accepted
        assertThat(BoundedMeanTest.trialsFor(0.1, 1, 4, 1e-6, 0.9)).isGreaterThan(BoundedMeanTest.trialsFor(0.2, 1, 4, 1e-6, 0.9));
    }
}
