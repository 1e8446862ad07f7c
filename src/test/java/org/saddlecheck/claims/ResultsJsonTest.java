package org.saddlecheck.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {

    private static RunResults sample() {
        return new ClaimRunner(7, Budget.QUICK, 1).gitCommit("0123456789abcdef0123456789abcdef01234567")
                .run(List.of(TestClaims.monteCarlo("TEST-MC", 0.1, 0.1), TestClaims.fixed("TEST-FIXED", Verdict.KNOWN_INCONSISTENCY),
                        TestClaims.throwing("TEST-THROW")));
    }

    @Test
    void writesAtomicallyAndRoundTrips(@TempDir Path dir) throws IOException {
        RunResults r = sample();
        Path f = dir.resolve("target/claims/claims.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "old content");
        ResultsJson.write(r, f);
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("claims.json"); // no temp file left
        }
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(ResultsJson.toJson(r)).endsWith("}\n").doesNotContain("\r");
        RunResults back = ResultsJson.read(f);
        assertThat(ResultsJson.toJson(back)).isEqualTo(text);
        assertThat(back.masterSeed()).isEqualTo(7);
        assertThat(back.gitCommit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(back.budget()).isEqualTo("quick");
        assertThat(back.backend()).isEqualTo("cpu");
        ClaimOutcome mc = back.get("TEST-MC"), fixed = back.get("TEST-FIXED"), thr = back.get("TEST-THROW");
        ClaimOutcome orig = r.get("TEST-MC");
        assertThat(mc.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(mc.seed()).isEqualTo(orig.seed());
        assertThat(mc.trials()).isEqualTo(orig.trials());
        assertThat(mc.tightness()).isEqualTo(orig.tightness());
        assertThat(mc.exponent().ciHigh()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(mc.series().get("withNaN")).containsExactly(1, Double.NaN, Double.POSITIVE_INFINITY);
        assertThat(mc.details().get("n")).isEqualTo(orig.trials());
        assertThat(mc.details().get("design")).isInstanceOf(Map.class);
        assertThat(fixed.verdict()).isEqualTo(Verdict.KNOWN_INCONSISTENCY);
        assertThat(fixed.tightness()).isNull();
        assertThat(fixed.exponent()).isNull();
        assertThat(thr.error()).contains("IllegalStateException");
        assertThat(back.failed()).isTrue();
    }

    @Test
    void formatDecisions() {
        String json = ResultsJson.toJson(sample());
        // non-finite doubles as strings, verdict labels, fixed key order, null for absent tightness
        assertThat(json).contains("\"nan\" : \"NaN\"").contains("\"Infinity\"").contains("\"-Infinity\"")
                .contains("\"verdict\" : \"KNOWN-INCONSISTENCY\"").contains("\"tightness\" : null")
                .contains("\"kind\" : \"rate\"");
        assertThat(json.indexOf("\"masterSeed\"")).isLessThan(json.indexOf("\"gitCommit\""));
        assertThat(json.indexOf("\"gitCommit\"")).isLessThan(json.indexOf("\"threads\""));
        assertThat(json.indexOf("\"threads\"")).isLessThan(json.indexOf("\"claims\""));
        // Map.of details are sorted by key: "a" before "b" whatever the JVM's hash order
        int nested = json.indexOf("\"nested\"");
        assertThat(json.indexOf("\"a\"", nested)).isLessThan(json.indexOf("\"b\"", nested));
        String noTiming = ResultsJson.toJson(sample(), false);
        for (String f : ResultsJson.TIMING_FIELDS) assertThat(noTiming).doesNotContain("\"" + f + "\"");
    }

    @Test
    void claimResultMapsHaveADeterministicOrder() {
        ClaimResult r = new ClaimResult(Verdict.HOLDS, 1, 0, null, null, "", Map.of("z", 1, "a", 2, "m", 3), null);
        assertThat(r.details().keySet()).containsExactly("a", "m", "z");
        assertThat(r.series()).isEmpty();
        ClaimResult b = ClaimResult.builder(Verdict.HOLDS).detail("z", 1).detail("a", 2).build();
        assertThat(b.details().keySet()).containsExactly("z", "a"); // builder keeps insertion order
        assertThatThrownBy(() -> r.details().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readerRejectsBadValues() {
        assertThatThrownBy(() -> ResultsJson.parse("{\"claims\":[{\"id\":\"X\",\"verdict\":\"MAYBE\"}]}"))
                .hasMessageContaining("verdict = MAYBE");
        assertThatThrownBy(() -> ResultsJson.parse("{\"falseFailureBudget\":\"lots\",\"claims\":[]}"))
                .hasMessageContaining("\"lots\"");
        assertThat(Verdict.fromLabel("known-inconsistency")).isEqualTo(Verdict.KNOWN_INCONSISTENCY);
        assertThat(Verdict.fromLabel("KNOWN_INCONSISTENCY")).isEqualTo(Verdict.KNOWN_INCONSISTENCY);
    }
}
