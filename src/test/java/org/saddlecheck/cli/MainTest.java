package org.saddlecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimRegistry;
import org.saddlecheck.claims.ResultsJson;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.claims.TestClaims;
import org.saddlecheck.claims.Verdict;

class MainTest {
    private record Run(int code, String out, String err) {}

    private static Run run(Supplier<List<Claim>> claims, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), claims);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(ClaimRegistry::all, args);
    }

    private static Supplier<List<Claim>> withViolation() {
        return () -> {
            List<Claim> l = new ArrayList<>(ClaimRegistry.implemented());
            l.add(TestClaims.fixed("TEST-VIOLATED", Verdict.VIOLATED));
            return ClaimRegistry.withPlaceholders(l);
        };
    }

    @Test
    void listShowsEveryCatalogIdOfBothPapers() {
        Run r = run("list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("STAIB-T4.1").contains("JIN-T3").contains("X3").contains("Staib et al. 2019")
                .contains("Jin et al. 2017").contains("§4.1, Thm. 4.1").contains("implemented");
    }

    @Test
    void checkExitsZeroWhenNothingIsViolated(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/claims.json");
        // a universe where JIN-T3 is a placeholder, so the check stays fast and shows the "not yet implemented" path
        Supplier<List<Claim>> partial = () -> ClaimRegistry.withPlaceholders(List.of(new org.saddlecheck.theory.staib.S54BetaSchedule()));
        Run r = run(partial, "check", "--claim", "STAIB-S5.4", "--claim", "jin-t3", "--budget", "quick", "--threads", "2", "--seed", "42",
                "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("STAIB-S5.4").contains("HOLDS").contains("JIN-T3").contains("not yet implemented");
        assertThat(r.err()).contains("[1/2] STAIB-S5.4");
        RunResults back = ResultsJson.read(json);
        assertThat(back.masterSeed()).isEqualTo(42);
        assertThat(back.threads()).isEqualTo(2);
        assertThat(back.claims()).hasSize(2);
    }

    @Test
    void checkExitsOneOnAViolation() {
        Run r = run(withViolation(), "check", "--budget", "quick", "--threads", "1", "--claim", "TEST-VIOLATED,STAIB-S5.4");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("VIOLATED TEST-VIOLATED").contains("claim seed")
                .contains("java -jar target/saddlecheck.jar check --claim TEST-VIOLATED --seed 20190126 --budget quick");
        Run t = run(() -> List.of(TestClaims.throwing("TEST-THROW")), "check", "--threads", "1");
        assertThat(t.code()).isEqualTo(1);
        assertThat(t.err()).contains("HARNESS ERROR in TEST-THROW");
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"check", "--nope"}, {"check", "--budget", "huge"}, {"check", "--claim", "NOT-A-CLAIM"},
                {"check", "--threads", "0"}, {"check", "--threads", "x"}, {"check", "--seed", "1.5"}, {"frobnicate"}, {},
                {"experiment"}}) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as("stderr of %s: %s", String.join(" ", args), r.err()).isEqualTo(1);
            assertThat(r.err()).contains("--help");
        }
        assertThat(run("check", "--budget", "huge").err()).contains("budget = huge");
        assertThat(run("check", "--claim", "NOT-A-CLAIM").err()).contains("claim id = NOT-A-CLAIM");
        assertThat(run("check", "--threads", "0").err()).contains("threads = 0");
    }

    @Test
    void helpAndVersion() {
        for (String[] args : new String[][] {{"--help"}, {"list", "--help"}, {"check", "--help"}, {"experiment", "--help"}}) {
            Run r = run(args);
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage:");
        }
        assertThat(run("check", "--help").out()).contains("--budget").contains("--claim").contains("--json").contains("--threads");
        Run v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).startsWith("saddlecheck ");
        assertThat(Files.exists(Path.of("."))).isTrue();
    }

    @Test
    void anUnwritableOutputIsOneLineWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        // --out under a regular file cannot be created
        Run r = run("experiment", "reddi", "--trials", "2", "--steps", "50", "--out", file.resolve("sub").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read or write files").doesNotContain("\tat ");
    }
}
