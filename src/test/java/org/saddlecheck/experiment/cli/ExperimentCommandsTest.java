package org.saddlecheck.experiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.cli.Main;
import picocli.CommandLine;

/** The experiment commands run with small options, write their files and report usage errors with exit code 2. */
class ExperimentCommandsTest {

    private static int run(Object cmd, StringWriter out, String... args) {
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        cl.setParameterExceptionHandler((ex, a) -> Main.USAGE);
        return cl.execute(args);
    }

    private static Main.Env env(StringWriter out) {
        PrintWriter w = new PrintWriter(out, true);
        return new Main.Env(w, w, List::of);
    }

    @Test
    void pgdDimension(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int rc = run(new PgdDimensionCommand(env(out)), out, "--out", dir.toString(), "--trials", "6", "--dims", "10,100",
                "--threads", "2", "--seed", "3");
        assertThat(rc).as(out.toString()).isZero();
        assertThat(dir.resolve("pgd-dimension.csv")).exists();
        assertThat(dir.resolve("pgd-dimension.json")).exists();
        assertThat(out.toString()).contains("median").contains("T_esc = a + b ln d");
    }

    @Test
    void matrixFactorization(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int rc = run(new MatrixFactorizationCommand(env(out)), out, "--out", dir.toString(), "--trials", "1", "--dims", "6",
                "--ranks", "1,2", "--threads", "2");
        assertThat(rc).as(out.toString()).isZero();
        assertThat(dir.resolve("matrix-factorization.csv")).exists();
        assertThat(dir.resolve("matrix-factorization.json")).exists();
    }

    @Test
    void octopus(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        int rc = run(new OctopusCommand(env(out)), out, "--out", dir.toString(), "--trials", "4", "--gd-dims", "2,3", "--pgd-dims",
                "2,3,5", "--threads", "2");
        assertThat(rc).as(out.toString()).isZero();
        assertThat(dir.resolve("octopus.csv")).exists();
        assertThat(out.toString()).contains("GD:");
    }

    @Test
    void badOptionIsAUsageError() {
        StringWriter out = new StringWriter();
        assertThat(run(new OctopusCommand(env(out)), out, "--trials", "many")).isEqualTo(Main.USAGE);
        assertThat(run(new PgdDimensionCommand(env(out)), out, "--no-such-option")).isEqualTo(Main.USAGE);
    }

    @Test
    void badListIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExperimentCli.ints("1,x", "dims"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dims = 1,x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExperimentCli.parallel(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads = -1");
    }
}
