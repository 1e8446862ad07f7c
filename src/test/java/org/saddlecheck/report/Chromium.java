package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for the browser tests ({@link ReportBrowserTest} on the synthetic report,
 * {@link ReportBrowserIT} on the real one): pages are opened from the file system with the network off
 * (--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking …), their DOM is
 * dumped after the scripts ran, or a screenshot is taken.
 */
final class Chromium {
    static final long TIMEOUT_S = 60;

    private final Path exe;
    private final Path tmp;

    private Chromium(Path exe, Path tmp) {
        this.exe = exe;
        this.tmp = tmp;
    }

    /**
     * The installed Chromium, using {@code tmp} for profiles and output. When none is installed the calling
     * test is skipped, except on CI (env {@code CI} set, as {@code .ci/run} does), where it fails: CI must install
     * the browser ({@code apt-get install -y chromium}).
     */
    static Chromium requireOrSkip(Path tmp) {
        Optional<Path> found = find();
        String ci = System.getenv("CI");
        if (found.isEmpty() && ci != null && !ci.isBlank()) {
            fail("Chromium not found (looked for /usr/bin/chromium and chromium, chromium-browser, google-chrome on "
                    + "PATH) but CI is set: the CI job must install it, e.g. apt-get install -y chromium");
        }
        // outside CI (a developer without Chromium) the browser test is skipped and says why; .ci/run sets CI
        Assumptions.assumeTrue(found.isPresent(), "Chromium not installed; browser test skipped (set CI to make this fail)");
        return new Chromium(found.get(), tmp);
    }

    static Optional<Path> find() {
        Path fixed = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(fixed)) return Optional.of(fixed);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isBlank()) continue;
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** stdout and stderr of one Chromium run. */
    record Run(int exit, String out, String err) {}

    Run run(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(tmp, "ud")));
        cmd.addAll(List.of(extra));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_S + " s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static String url(Path file) {
        return file.toAbsolutePath().toUri().toString();
    }

    /**
     * The DOM of {@code page} (plus {@code fragment}, e.g. "#selftest") after its scripts ran, checked: the
     * document is complete, Chromium logged no console error or uncaught exception, the page's script ran to
     * the end ({@code data-js-ok="1"}) and {@code #js-errors} is empty.
     */
    Run dumpDom(Path page, String fragment, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--enable-logging=stderr", "--v=0"));
        args.addAll(List.of(extra));
        args.add("--dump-dom");
        args.add(url(page) + fragment);
        Run r = run(args.toArray(String[]::new));
        assertThat(r.out()).as("DOM of " + page + "; stderr:\n" + r.err()).contains("</html>");
        assertThat(consoleErrors(r.err())).as("console errors of " + page).isEmpty();
        assertThat(r.out()).as("the script of " + page + " finished (stderr:\n" + r.err() + ")").contains("data-js-ok=\"1\"");
        Matcher m = Pattern.compile("<div id=\"js-errors\"[^>]*>(.*?)</div>", Pattern.DOTALL).matcher(r.out());
        assertThat(m.find()).as("error element present on " + page).isTrue();
        assertThat(m.group(1)).as("window.onerror output on " + page).isEmpty();
        return r;
    }

    Run dumpDom(Path page) throws IOException, InterruptedException {
        return dumpDom(page, "");
    }

    /** Lines in which Chromium logs an uncaught script error or a console error of the page. */
    static List<String> consoleErrors(String stderr) {
        List<String> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.contains("Uncaught") || (line.contains("CONSOLE") && line.contains("file://"))) out.add(line);
        }
        return out;
    }

    /** A 1280 px wide screenshot of {@code page}; asserts it was written and is not blank. */
    BufferedImage screenshotNotBlank(Path page, Path png) throws IOException, InterruptedException {
        Run r = run("--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars", url(page));
        assertThat(png).as("screenshot of " + page + " written; stderr:\n" + r.err()).isRegularFile();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("screenshot of " + page).isNotNull();
        assertThat(img.getWidth()).isEqualTo(1280);
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) nonWhite++;
            }
        }
        long sampled = (long) ((img.getHeight() + 1) / 2) * ((img.getWidth() + 1) / 2);
        assertThat(colours.size()).as("distinct colours in the screenshot of " + page).isGreaterThan(50);
        assertThat((double) nonWhite / sampled).as("non-white fraction of the screenshot of " + page).isGreaterThan(0.02);
        return img;
    }

    /** Text content as the DOM serialiser writes it (&amp;, &lt;, &gt; escaped). */
    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The JSON the index's {@code #selftest} run stores in {@code data-selftest}, unescaped. */
    static String selftestJson(String dom) {
        Matcher m = Pattern.compile("data-selftest=\"([^\"]*)\"").matcher(dom);
        if (!m.find()) return null;
        return m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
