package org.saddlecheck.experiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class Fig1CommandTest {
    private record Out(int code, String out, String err) {}

    private static Out run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = new CommandLine(new Fig1Command());
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        return new Out(code, o.toString(), e.toString());
    }

    @Test
    void writesTheFilesAndPrintsATable(@TempDir Path dir) {
        Path out = dir.resolve("fig1");
        Out r = run("--trials", "3", "--steps", "200", "--seed", "5", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("method").contains("rmsprop").contains("0.0001").contains("3 trials x 200 steps");
        assertThat(Files.exists(out.resolve("fig1.csv"))).isTrue();
        assertThat(Files.exists(out.resolve("fig1.json"))).isTrue();
        assertThat(r.err()).contains("wrote");
    }

    @Test
    void burnInFlag(@TempDir Path dir) throws Exception {
        Out r = run("--trials", "2", "--steps", "20", "--burn-in", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("fig1.json"))).contains("W = ceil(eta^(-2/3))").contains("burnIn=100");
    }

    @Test
    void rejectsBadUsage(@TempDir Path dir) {
        assertThat(run("--trials", "0", "--out", dir.toString()).code()).isEqualTo(2);
        assertThat(run("--steps", "-3", "--out", dir.toString()).code()).isEqualTo(2);
        assertThat(run("--threads", "0", "--out", dir.toString()).code()).isEqualTo(2);
        assertThat(run("--record-every", "-1", "--out", dir.toString()).code()).isEqualTo(2);
        Out r = run("--trials", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--trials");
    }

    @Test
    void helpListsTheOptions() {
        Out r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--trials").contains("--steps").contains("--seed").contains("--out").contains("--burn-in");
    }
}
