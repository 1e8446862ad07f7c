package org.saddlecheck.experiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Jin experiment commands run with small options, write their files, and report usage errors with exit code 2. */
class ExperimentCommandsTest {

    private record Out(int rc, String out, String err) {}

    private static Out run(Object cmd, String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            cl.getErr().println(ex.getMessage());
            return 2;
        });
        return new Out(cl.execute(args), o.toString(), e.toString());
    }

    @Test
    void pgdDimension(@TempDir Path dir) {
        Out r = run(new PgdDimensionCommand(), "--out", dir.toString(), "--trials", "6", "--dims", "10,100", "--threads", "2",
                "--seed", "3", "--control");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(dir.resolve("pgd-dimension.csv")).exists();
        assertThat(dir.resolve("pgd-dimension-summary.csv")).exists();
        assertThat(dir.resolve("pgd-dimension.json")).exists();
        assertThat(r.out()).contains("median").contains("T_esc = a + b ln d").contains("WRONG-gaussian");
    }

    @Test
    void matrixFactorization(@TempDir Path dir) {
        Out r = run(new MatrixFactorizationCommand(), "--out", dir.toString(), "--trials", "1", "--dims", "6", "--ranks", "1,2",
                "--threads", "2");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(dir.resolve("matrix-factorization.csv")).exists();
        assertThat(dir.resolve("matrix-factorization.json")).exists();
        assertThat(r.out()).contains("0 failures");
    }

    @Test
    void octopus(@TempDir Path dir) {
        Out r = run(new OctopusCommand(), "--out", dir.toString(), "--trials", "4", "--gd-dims", "2,3", "--pgd-dims", "2,3,5",
                "--threads", "2");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(dir.resolve("octopus.csv")).exists();
        assertThat(r.out()).contains("GD:");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(run(new OctopusCommand(), "--trials", "many").rc()).isEqualTo(2);
        assertThat(run(new PgdDimensionCommand(), "--no-such-option").rc()).isEqualTo(2);
        Out t = run(new PgdDimensionCommand(), "--trials", "2");
        assertThat(t.rc()).isEqualTo(2);
        assertThat(t.err()).contains("trials = 2 is not allowed");
        Out d = run(new PgdDimensionCommand(), "--dims", "10,x");
        assertThat(d.rc()).isEqualTo(2);
        assertThat(d.err()).contains("dims = 10,x is not allowed");
        assertThat(run(new PgdDimensionCommand(), "--dims", "10,10").rc()).isEqualTo(2);
        assertThat(run(new MatrixFactorizationCommand(), "--dims", "3", "--ranks", "5").err()).contains("ranks = 5 is not allowed");
        assertThat(run(new OctopusCommand(), "--threads", "0").err()).contains("threads = 0 is not allowed");
        assertThat(run(new OctopusCommand(), "--alpha", "2").err()).contains("alpha = 2.0 is not allowed");
    }
}
