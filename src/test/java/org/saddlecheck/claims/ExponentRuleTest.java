package org.saddlecheck.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exponent's pass rule travels through claims.json, so a one-sided or banded rate is not read as an equality. */
class ExponentRuleTest {

    private static Claim rate(Exponent e) {
        return TestClaims.of("TEST-RATE", ClaimKind.RATE, 0, ctx -> ClaimResult.builder(Verdict.HOLDS).trials(1).exponent(e).evidence("rate").build());
    }

    @Test
    void ruleIsWrittenAndReadBack() throws IOException {
        Exponent e = new Exponent(0.053, 0.041, 0.065, 0.0, "< 0.1 (one-sided)");
        RunResults r = new ClaimRunner(1, Budget.QUICK, 1).run(List.of(rate(e)));
        String json = ResultsJson.toJson(r, false);
        assertThat(json).contains("\"rule\" : \"< 0.1 (one-sided)\"");
        assertThat(ResultsJson.parse(json).get("TEST-RATE").exponent()).isEqualTo(e);
    }

    @Test
    void olderResultsWithoutARuleReadAsEmpty() {
        assertThat(new Exponent(1, 0, 2, 1).rule()).isEmpty();
        assertThat(new Exponent(1, 0, 2, 1, null).rule()).isEmpty();
    }
}
