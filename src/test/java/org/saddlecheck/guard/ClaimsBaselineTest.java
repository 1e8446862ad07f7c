package org.saddlecheck.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.ClaimOutcome;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;

class ClaimsBaselineTest {

    static ClaimOutcome outcome(String id, Verdict v, Tightness t, Exponent e) {
        return new ClaimOutcome(id, "title", "src", "exact", v, 10, 1, 0, 0, 0, "evidence", "", "", "", t, e,
                Map.of(), Map.of(), null, 1);
    }

    static RunResults run(long seed, String budget, ClaimOutcome... cs) {
        return new RunResults(seed, "c", budget, "cpu", "25", "x", 1e-4, 0, 1, "", 1, List.of(cs));
    }

    @Test
    void roundTripAndNoMoves(@TempDir Path dir) throws Exception {
        RunResults r = run(7, "standard", outcome("A", Verdict.HOLDS, new Tightness(0.1, 0.5, 0.9, "w"), null),
                outcome("B", Verdict.HOLDS, null, new Exponent(0.33, 0.30, 0.36, 1.0 / 3)));
        Path f = dir.resolve("b.json");
        ClaimsBaseline.write(r, null, f);
        ClaimsBaseline.Baseline b = ClaimsBaseline.read(f);
        assertThat(b.entries()).hasSize(2);
        assertThat(ClaimsBaseline.compare(b, r, true)).isEmpty();
        assertThat(Files.readString(f)).contains("\"tightnessMax\" : 0.9");
    }

    @Test
    void namesWhatMovedFromWhatToWhat(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.json");
        ClaimsBaseline.write(run(7, "standard", outcome("A", Verdict.HOLDS, new Tightness(0.1, 0.5, 0.9, "w"), null),
                outcome("B", Verdict.HOLDS, null, new Exponent(0.33, 0.30, 0.36, 1.0 / 3))), null, f);
        ClaimsBaseline.Baseline b = ClaimsBaseline.read(f);
        RunResults moved = run(7, "standard", outcome("A", Verdict.VIOLATED, new Tightness(0.1, 0.5, 1.2, "w"), null),
                outcome("B", Verdict.HOLDS, null, new Exponent(0.40, 0.37, 0.43, 1.0 / 3)));
        List<String> m = ClaimsBaseline.compare(b, moved, true);
        assertThat(m).anyMatch(s -> s.equals("A: verdict moved from HOLDS to VIOLATED"));
        assertThat(m).anyMatch(s -> s.startsWith("A: tightness max moved from 0.900000 to 1.20000"));
        assertThat(m).anyMatch(s -> s.startsWith("B: exponent moved from 0.330000 (recorded CI [0.300000, 0.360000]) to 0.400000"));
        // a small change within 10% is not a move
        RunResults small = run(7, "standard", outcome("A", Verdict.HOLDS, new Tightness(0.1, 0.52, 0.95, "w"), null),
                outcome("B", Verdict.HOLDS, null, new Exponent(0.35, 0.31, 0.38, 1.0 / 3)));
        assertThat(ClaimsBaseline.compare(b, small, true)).isEmpty();
        // rounding-level ratios (below the floor) may move freely; crossing the floor is a move
        ClaimsBaseline.write(run(7, "standard", outcome("R", Verdict.HOLDS, new Tightness(1e-9, 1e-7, 2e-5, "w"), null)), null, dir.resolve("r.json"));
        ClaimsBaseline.Baseline rb = ClaimsBaseline.read(dir.resolve("r.json"));
        assertThat(ClaimsBaseline.compare(rb, run(7, "standard", outcome("R", Verdict.HOLDS, new Tightness(1e-9, 4e-7, 9e-5, "w"), null)), true)).isEmpty();
        assertThat(ClaimsBaseline.compare(rb, run(7, "standard", outcome("R", Verdict.HOLDS, new Tightness(1e-9, 4e-7, 0.02, "w"), null)), true))
                .anyMatch(s -> s.startsWith("R: tightness max moved from 2.00000e-05 to 0.0200000"));
        // another seed: only verdicts count
        RunResults otherSeed = run(8, "standard", outcome("A", Verdict.HOLDS, new Tightness(0.1, 5, 9, "w"), null),
                outcome("B", Verdict.HOLDS, null, new Exponent(0.9, 0.8, 1.0, 1.0 / 3)));
        assertThat(ClaimsBaseline.compare(b, otherSeed, true)).isEmpty();
        // a new claim and a vanished claim are reported
        RunResults changedSet = run(7, "standard", outcome("A", Verdict.HOLDS, new Tightness(0.1, 0.5, 0.9, "w"), null),
                outcome("C", Verdict.HOLDS, null, null));
        assertThat(ClaimsBaseline.compare(b, changedSet, true)).anyMatch(s -> s.startsWith("B: in the baseline"));
        assertThat(ClaimsBaseline.unguarded(b, changedSet)).containsExactly("C");
        assertThat(ClaimsBaseline.compare(b, changedSet, false)).noneMatch(s -> s.startsWith("B:"));
    }

    @Test
    void rebaselineFlag() {
        assertThat(ClaimsBaseline.rebaselineRequested(null)).isFalse();
        assertThat(ClaimsBaseline.rebaselineRequested("false")).isFalse();
        assertThat(ClaimsBaseline.rebaselineRequested("true")).isTrue();
        assertThat(ClaimsBaseline.rebaselineRequested("")).isTrue();
    }
}
