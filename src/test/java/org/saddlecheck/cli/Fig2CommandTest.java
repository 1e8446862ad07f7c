package org.saddlecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.ClaimRegistry;
import org.saddlecheck.data.DigitData;
import picocli.CommandLine;

class Fig2CommandTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                ClaimRegistry::all);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** A command line whose fig2 command looks for data/ under {@code project} and system data in {@code system}. */
    private static Run runWith(Path project, Path system, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        PrintWriter ow = new PrintWriter(o, true, StandardCharsets.UTF_8), ew = new PrintWriter(e, true, StandardCharsets.UTF_8);
        Main.Env env = new Main.Env(ow, ew, ClaimRegistry::all);
        CommandLine cl = new CommandLine(new Fig2Command(env, project, system));
        cl.setOut(ow);
        cl.setErr(ew);
        cl.setParameterExceptionHandler(Main::oneLineError);
        int code = cl.execute(args);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** 200 synthetic 28x28 "digits" as gzipped IDX (synthetic test data: tests only). */
    private Path idxDir() throws IOException {
        Path d = tmp.resolve("idx");
        Files.createDirectories(d);
        int n = 200;
        byte[] px = new byte[n * 784];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i % 10);
            for (int j = 0; j < 784; j++) px[i * 784 + j] = (byte) ((j % 10 == i % 10 && (i * 31 + j) % 3 != 0) ? 200 : 0);
        }
        writeGz(d.resolve("train-images-idx3-ubyte.gz"), header(0x803, n, 28, 28), px);
        writeGz(d.resolve("train-labels-idx1-ubyte.gz"), header(0x801, n), y);
        return d;
    }

    private static byte[] header(int... ints) {
        byte[] b = new byte[4 * ints.length];
        for (int i = 0; i < ints.length; i++) {
            b[4 * i] = (byte) (ints[i] >>> 24);
            b[4 * i + 1] = (byte) (ints[i] >>> 16);
            b[4 * i + 2] = (byte) (ints[i] >>> 8);
            b[4 * i + 3] = (byte) ints[i];
        }
        return b;
    }

    private static void writeGz(Path f, byte[] head, byte[] body) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(head);
            out.write(body);
        }
    }

    @Test
    void runsOnAUserDirectoryAndWritesTheFiles() throws IOException {
        Path out = tmp.resolve("out");
        Path data = idxDir();
        Run r = run("experiment", "fig2", "--data", data.toString(), "--epochs", "2", "--seeds", "2", "--threads", "2", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("MNIST (IDX from " + data + ", 200 digits)").contains("beta=0.99").contains("beta_t=1-0.1*eta_t^(2/3)")
                .contains("2 epochs x 2 steps").contains("start-up: v_0 = 0").contains("inside");
        assertThat(out.resolve("fig2.csv")).exists();
        assertThat(out.resolve("fig2.json")).content().contains("\"dataset\" : \"MNIST (IDX from " + data + ", 200 digits)\"")
                .contains("\"model\" : \"softmax\"");
        List<String> csv = Files.readAllLines(out.resolve("fig2.csv"));
        assertThat(csv).hasSize(1 + 7 * 3);
        // same seed, same numbers
        Path out2 = tmp.resolve("out2");
        Run again = run("experiment", "fig2", "--data", data.toString(), "--epochs", "2", "--seeds", "2", "--threads", "1", "--out", out2.toString());
        assertThat(again.code()).isZero();
        assertThat(Files.readAllLines(out2.resolve("fig2.csv"))).isEqualTo(csv);
        Run other = run("experiment", "fig2", "--data", data.toString(), "--epochs", "2", "--seeds", "2", "--seed", "7", "--start-up",
                "BIAS_CORRECTED", "--out", out2.toString());
        assertThat(other.code()).isZero();
        assertThat(other.out()).contains("bias-corrected");
        assertThat(Files.readAllLines(out2.resolve("fig2.csv"))).isNotEqualTo(csv);
        Path out3 = tmp.resolve("out3");
        Run ovr = run("experiment", "fig2", "--data", data.toString(), "--epochs", "2", "--seeds", "2", "--model", "one-vs-rest", "--out",
                out3.toString());
        assertThat(ovr.code()).as(ovr.err()).isZero();
        assertThat(ovr.out()).contains("one-vs-rest").contains("model: one-vs-rest logistic regression");
        assertThat(out3.resolve("fig2.json")).content().contains("\"model\" : \"one-vs-rest\"");
        assertThat(Files.readAllLines(out3.resolve("fig2.csv"))).isNotEqualTo(csv).hasSize(csv.size());
    }

    @Test
    void noDataIsOneLineWithTheFetchCommand() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Run r = runWith(project, tmp.resolve("none"), "--epochs", "1");
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("no digit data found").contains(DigitData.FETCH_COMMAND);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badDataDirectoryNamesIt() {
        Path missing = tmp.resolve("missing");
        Run r = run("experiment", "fig2", "--data", missing.toString(), "--epochs", "1");
        assertThat(r.code()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains(missing.toString()).contains("does not exist");
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path data = idxDir();
        for (String[] bad : new String[][] {{"--epochs", "0"}, {"--seeds", "0"}, {"--threads", "0"}, {"--start-up", "SOMETIMES"}, {"--model", "ovr"},
            {"--epochs", "x"}}) {
            Run r = run("experiment", "fig2", "--data", data.toString(), bad[0], bad[1]);
            assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(Main.USAGE);
            assertThat(r.err()).as(String.join(" ", bad)).contains("try 'saddlecheck experiment fig2 --help'");
        }
        Run help = run("experiment", "fig2", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--data").contains("--epochs").contains("--seeds").contains("--seed").contains("--out").contains("--model")
                .contains("fetch-data");
        Run list = run("experiment");
        assertThat(list.err()).contains("fig2");
    }
}
