package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.MatrixFunctions;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

class StaibC42Test {
    static ClaimResult check(StaibC42 claim) {
        double alpha = claim.statisticalTests() * 1e-6;
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("STAIB-C4.2", 20190126L, Budget.QUICK, alpha, p, null));
        }
    }

    @Test
    void holdsWithHallucinatedSteps() {
        ClaimResult r = check(new StaibC42(StaibC42.PAPER, new double[] {0.05}));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThanOrEqualTo(1);
        assertThat(new StaibC42().statisticalTests()).isEqualTo(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> ctl = (Map<String, Object>) r.details().get("controlPowerCheck");
        assertThat(ctl.get("showedEffect")).isEqualTo(true);
    }

    /**
     * Large steps that are no larger than ordinary ones (r = η): nothing disturbs the estimate, both arms stay accurate,
     * and the control's power check must turn the verdict INCONCLUSIVE instead of a vacuous HOLDS.
     */
    @Test
    void inconclusiveWhenTheControlShowsNoEffect() {
        ClaimResult r = check(new StaibC42(StaibC42.PAPER, StaibC42::eta, new double[] {0.05}));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.evidence()).contains("control did not show its effect");
        @SuppressWarnings("unchecked")
        Map<String, Object> ctl = (Map<String, Object>) r.details().get("controlPowerCheck");
        assertThat(ctl.get("showedEffect")).isEqualTo(false);
    }

    /** Negative control as a broken input: without hallucination (S = 1) the error spikes past λ−/2 after large steps. */
    @Test
    void violatedWithoutHallucination() {
        ClaimResult r = check(new StaibC42(tau -> 1, new double[] {0.05}));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.details().get("estimationError");
        assertThat((double) rows.get(0).get("medianSpike")).isGreaterThan(0.5);
    }

    @Test
    void bookkeepingIsExact() {
        for (Map<String, Object> m : StaibC42.bookkeeping()) assertThat(m.get("ok")).as(m.toString()).isEqualTo(true);
        long[] calls = StaibC42.oracleCallCheck(7, 5, 10, 33);
        assertThat(calls[0]).isEqualTo(calls[1]).isEqualTo(7 + 33 + 5 * 4);
        assertThatThrownBy(() -> new StaibC42(null, new double[] {0.05})).hasMessageContaining("rule");
        assertThatThrownBy(() -> new StaibC42(StaibC42.PAPER, null, new double[] {0.05})).hasMessageContaining("largeStep");
        assertThatThrownBy(() -> new StaibC42(StaibC42.PAPER, new double[0])).hasMessageContaining("taus.length");
        assertThatThrownBy(() -> new StaibC42(StaibC42.PAPER, new double[] {2})).hasMessageContaining("tau");
    }

    /** The closed-form 2×2 inverse root and operator norm agree with the EJML-backed general routines. */
    @TestFactory
    Stream<DynamicTest> closedForms2x2() {
        return Stream.iterate(0, i -> i + 1).limit(200).map(i -> DynamicTest.dynamicTest("seed " + i, () -> {
            UniformRandomProvider rng = Seeds.rng(20190126L, "c42-2x2", i);
            double l1 = Math.pow(10, -4 + 5 * rng.nextDouble()), l2 = i % 10 == 0 ? l1 : Math.pow(10, -4 + 5 * rng.nextDouble());
            double th = Math.PI * rng.nextDouble(), c = Math.cos(th), s = Math.sin(th);
            double[] g = {l1 * c * c + l2 * s * s, (l1 - l2) * c * s, (l1 - l2) * c * s, l1 * s * s + l2 * c * c};
            double eps = rng.nextBoolean() ? 1e-8 : 0.1;
            double[] mine = new double[4], ref = new double[4];
            double lmin = StaibC42.invSqrt2x2(g, eps, mine);
            MatrixFunctions.invSqrt(g, eps, EpsPlacement.INSIDE, new SymmetricEigen(2), ref);
            double scale = 1 / Math.sqrt(Math.min(l1, l2) + eps);
            for (int k = 0; k < 4; k++) assertThat(Math.abs(mine[k] - ref[k])).as("seed %d entry %d", i, k).isLessThan(1e-9 * scale);
            assertThat(lmin).as("seed %d", i).isCloseTo(1 / Math.sqrt(Math.max(l1, l2) + eps), org.assertj.core.data.Offset.offset(1e-9 * scale));
            double a = 2 * rng.nextDouble() - 1, b = 2 * rng.nextDouble() - 1, d = 2 * rng.nextDouble() - 1;
            assertThat(StaibC42.opNormSym2x2(a, b, d)).as("seed %d", i)
                    .isCloseTo(Mat.opNormSymmetric(new double[] {a, b, b, d}), org.assertj.core.data.Offset.offset(1e-12));
        }));
    }
}
