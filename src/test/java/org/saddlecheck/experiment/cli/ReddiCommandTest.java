package org.saddlecheck.experiment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReddiCommandTest {
    private static int run(StringWriter o, StringWriter e, String... args) {
        CommandLine cl = new CommandLine(new ReddiCommand());
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        return cl.execute(args);
    }

    @Test
    void writesTheFiles(@TempDir Path dir) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = run(o, e, "--trials", "2", "--steps", "500", "--threads", "2", "--out", dir.toString());
        assertThat(code).as(e.toString()).isZero();
        assertThat(o.toString()).contains("idealized").contains("rmsprop(beta=0.9)");
        assertThat(Files.exists(dir.resolve("reddi.csv"))).isTrue();
        assertThat(Files.exists(dir.resolve("reddi.json"))).isTrue();
    }

    @Test
    void rejectsBadUsage(@TempDir Path dir) {
        assertThat(run(new StringWriter(), new StringWriter(), "--trials", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(run(new StringWriter(), new StringWriter(), "--steps", "0", "--out", dir.toString())).isEqualTo(2);
        assertThat(run(new StringWriter(), new StringWriter(), "--threads", "0", "--out", dir.toString())).isEqualTo(2);
    }
}
