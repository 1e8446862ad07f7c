package org.saddlecheck.theory.jin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.theory.cross.CrossClaims;

/** The cheap Jin claims hold at the quick budget, respect their alpha, and are reproducible. */
class JinClaimsSmokeTest {

    @TestFactory
    Stream<DynamicTest> cheapClaimsHold() {
        List<Claim> claims = List.of(new JinGd(), new JinL10(), new JinA1(), new JinD3(), new JinLocal(), new JinX());
        return claims.stream().map(c -> DynamicTest.dynamicTest(c.info().id(), () -> {
            ClaimResult r = ClaimTestSupport.run(c, Budget.QUICK);
            assertThat(r.verdict()).as("seed %d: %s", ClaimTestSupport.SEED, r.evidence()).isEqualTo(Verdict.HOLDS);
            assertThat(r.falseFailureRate()).isLessThanOrEqualTo(ClaimTestSupport.alphaFor(c) * (1 + 1e-12));
            assertThat(r.trials()).isPositive();
            assertThat(r.evidence()).isNotBlank();
            if (r.tightness() != null) assertThat(r.tightness().max()).isLessThanOrEqualTo(1 + 1e-9);
        }));
    }

    @Test
    void sameSeedSameResult() {
        ClaimResult a = ClaimTestSupport.run(new JinX(), Budget.QUICK);
        ClaimResult b = ClaimTestSupport.run(new JinX(), Budget.QUICK);
        assertThat(a.evidence()).isEqualTo(b.evidence());
        assertThat(a.details().toString()).isEqualTo(b.details().toString());
    }

    @Test
    void claimListsMatchTheCatalog() {
        Set<String> ids = new HashSet<>();
        for (Claim c : Stream.concat(JinClaims.all().stream(), CrossClaims.all().stream()).toList()) {
            assertThat(Catalog.find(c.info().id())).as(c.info().id()).isPresent();
            assertThat(ids.add(c.info().id())).as("duplicate " + c.info().id()).isTrue();
            assertThat(c.statisticalTests()).isNotNegative();
        }
        assertThat(ids).contains("JIN-ALG2", "JIN-T3", "JIN-L10", "JIN-L11", "JIN-GD", "JIN-STUCK", "JIN-DIMFREE", "JIN-SS",
                "JIN-MF", "JIN-LOCAL", "JIN-OCTOPUS", "JIN-X", "JIN-A1", "JIN-D3", "STAIB-D2.1", "X1", "X2");
    }
}
