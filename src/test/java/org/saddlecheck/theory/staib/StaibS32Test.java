package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.ReddiExperiment;
import org.saddlecheck.experiment.ReddiExperiment.Method;
import org.saddlecheck.experiment.ReddiExperiment.Setting;

class StaibS32Test {
    static final double ALPHA = StaibS32.TESTS * 1e-6;

    static ClaimResult check(StaibS32 claim) {
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("STAIB-S3.2", 20190126L, Budget.QUICK, ALPHA, p, null));
        }
    }

    @Test
    void holdsAtTheQuickBudget(@TempDir Path dir) {
        ClaimResult r = check(new StaibS32(ReddiExperiment.SCALAR, dir));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(ALPHA);
        assertThat(r.details().get("kernelVsLibraryMaxDeviation")).isEqualTo(0.0);
        assertThat(r.details()).containsKey("curves").containsEntry("experimentJson", "experiments/reddi/reddi.json");
        assertThat(Files.exists(dir.resolve("reddi.csv"))).isTrue();
        assertThat(new StaibS32().statisticalTests()).isEqualTo(9);
    }

    @Test
    void exactIdentitiesHold() {
        for (Map<String, Object> m : StaibS32.exactChecks()) {
            assertThat((double) m.get("maxRatio")).as(m.toString()).isLessThanOrEqualTo(1);
            assertThat(m.get("secondMomentIndependentOfX")).isEqualTo(true);
        }
    }

    /** The idealized method replaced by EMA-RMSProp (β = 0.9): the idealized runs end at x > 0 and the claim is VIOLATED. */
    @Test
    void violatedWhenTheIdealizedMethodIsReplacedByEma(@TempDir Path dir) {
        ReddiExperiment.Kernel broken = (s, p, c, rng, it, rec) -> ReddiExperiment.SCALAR.run(
                s.method() == Method.IDEALIZED ? Setting.rmsprop(s.c(), 0.9) : s, p, c, rng, it, rec);
        ClaimResult r = check(new StaibS32(broken, dir));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tests = (List<Map<String, Object>>) r.details().get("tests");
        assertThat(tests.get(1).get("test")).isEqualTo("idealized C=20: mean x_T < 0");
        assertThat(tests.get(1).get("verdict")).isEqualTo(Verdict.VIOLATED);
        assertThat(tests.get(2).get("verdict")).isEqualTo(Verdict.VIOLATED);
    }

    /** An EMA that never forgets large gradients (β = 0.9999 everywhere) no longer shows the failure: VIOLATED. */
    @Test
    void violatedWhenEmaDoesNotForget(@TempDir Path dir) {
        ReddiExperiment.Kernel broken = (s, p, c, rng, it, rec) -> ReddiExperiment.SCALAR.run(
                s.method() == Method.RMSPROP ? Setting.rmsprop(s.c(), 0.9999) : s, p, c, rng, it, rec);
        ClaimResult r = check(new StaibS32(broken, dir));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("rmsprop C=100 beta=0.9 (C(1-beta)=10.0): mean x_T > 0");
    }
}
