package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;

/** Every claim of {@link StaibExactClaims} at QUICK: the expected verdict, the alpha contract, structured evidence. */
class StaibExactClaimsTest {
    static final double ALPHA = 1e-5;
    static final Map<String, Verdict> EXPECTED = Map.of(
            "STAIB-P4.3", Verdict.KNOWN_INCONSISTENCY,
            "STAIB-S5.1", Verdict.KNOWN_INCONSISTENCY,
            "STAIB-S5.3", Verdict.KNOWN_INCONSISTENCY,
            "STAIB-VAR-COV", Verdict.KNOWN_INCONSISTENCY);

    static ClaimResult run(Claim c, long seed) {
        try (Parallel p = new Parallel(2)) {
            double alpha = c.statisticalTests() == 0 ? 0 : ALPHA;
            return c.check(new ClaimContext(c.info().id(), seed, Budget.QUICK, alpha, p, null));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyClaimHasItsExpectedVerdictAtQuick() {
        return StaibExactClaims.all().stream().map(c -> DynamicTest.dynamicTest(c.info().id(), () -> {
            ClaimResult r = run(c, 11);
            Verdict want = EXPECTED.getOrDefault(c.info().id(), Verdict.HOLDS);
            assertThat(r.verdict()).as("%s (seed 11): %s", c.info().id(), r.evidence()).isEqualTo(want);
            assertThat(r.falseFailureRate()).isLessThanOrEqualTo((c.statisticalTests() == 0 ? 0 : ALPHA) * (1 + 1e-9));
            assertThat(r.trials()).isPositive();
            assertThat(r.tightness()).isNotNull();
            assertThat(r.evidence()).isNotBlank();
            assertThat(r.series()).containsKey("ratios");
        }));
    }

    @Test
    void idsAreUniqueAndProofNotesExist() {
        List<Claim> all = StaibExactClaims.all();
        assertThat(all.stream().map(c -> c.info().id()).distinct().count()).isEqualTo(all.size());
        for (Claim c : all) assertThat(java.nio.file.Path.of(c.info().proofNote())).as(c.info().id()).exists();
    }

    @Test
    void resultsAreIdenticalAtAnyThreadCount() {
        Claim c = new P44RmspropConstants();
        ClaimResult a, b;
        try (Parallel p1 = new Parallel(1); Parallel p3 = new Parallel(3)) {
            a = c.check(new ClaimContext(c.info().id(), 5, Budget.QUICK, ALPHA, p1, null));
            b = c.check(new ClaimContext(c.info().id(), 5, Budget.QUICK, ALPHA, p3, null));
        }
        assertThat(b.evidence()).isEqualTo(a.evidence());
        assertThat(b.series().get("ratios")).containsExactly(a.series().get("ratios"));
    }
}
