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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the generated report in headless Chromium from the file system: the page's scripts run without
 * errors and without the network, the verdict table lists every claim, the screenshot is not blank and the
 * claim pages carry plotted SVG. Skipped when no Chromium is installed, except on CI (env CI set), where a
 * missing browser fails the test: CI must install it ({@code apt-get install -y chromium}).
 */
class ReportBrowserTest {
    private static final long TIMEOUT_S = 60;

    @TempDir
    static Path tmp;
    static Path chromium;
    static ReportFixtures.Project project;

    @BeforeAll
    static void setUp() throws IOException {
        Optional<Path> found = findChromium();
        if (found.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank()) {
                fail("Chromium not found (looked for /usr/bin/chromium and chromium, chromium-browser, google-chrome on "
                        + "PATH) but CI is set: the CI job must install it, e.g. apt-get install -y chromium");
            }
            Assumptions.assumeTrue(false, "Chromium not installed; browser test skipped (set CI to make this fail)");
        }
        chromium = found.get();
        project = ReportFixtures.create(tmp.resolve("proj"));
        ReportGenerator.generate(List.of(project.shard1(), project.shard2()), project.experiments(), project.root(),
                project.reports());
    }

    static Optional<Path> findChromium() {
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

    private static Run chromium(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
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

    private static String url(Path file) {
        return file.toAbsolutePath().toUri().toString();
    }

    private static Run dumpDom(Path page) throws IOException, InterruptedException {
        Run r = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", url(page));
        assertThat(r.out()).as("DOM of " + page + "; stderr:\n" + r.err()).contains("</html>");
        assertThat(consoleErrors(r.err())).as("console errors of " + page).isEmpty();
        assertThat(r.out()).as("the page's script finished (stderr:\n" + r.err() + ")").contains("data-js-ok=\"1\"");
        Matcher m = Pattern.compile("<div id=\"js-errors\"[^>]*>(.*?)</div>", Pattern.DOTALL).matcher(r.out());
        assertThat(m.find()).as("error element present").isTrue();
        assertThat(m.group(1)).as("window.onerror output").isEmpty();
        return r;
    }

    /** Lines in which Chromium logs an uncaught script error or a console error of the page. */
    static List<String> consoleErrors(String stderr) {
        List<String> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.contains("Uncaught") || (line.contains("CONSOLE") && line.contains("file://"))) out.add(line);
        }
        return out;
    }

    /** Text content as the DOM serialiser writes it (&amp;, &lt;, &gt; escaped). */
    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void indexRunsItsScriptAndListsEveryClaim() throws Exception {
        Run r = dumpDom(project.reports().resolve("index.html"));
        String dom = r.out();
        int start = dom.indexOf("id=\"claims-table\"");
        assertThat(start).isPositive();
        String table = dom.substring(start, dom.indexOf("</table>", start));
        for (String id : ReportFixtures.IDS) assertThat(table).contains("<code>" + text(id) + "</code>");
        assertThat(dom).contains(ReportFixtures.IDS.size() + " of " + ReportFixtures.IDS.size() + " claims shown");
    }

    @Test
    void sortingAndFilteringWorkInTheBrowser() throws Exception {
        Path index = project.reports().resolve("index.html");
        Run r = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", url(index) + "#selftest");
        assertThat(consoleErrors(r.err())).isEmpty();
        Matcher m = Pattern.compile("data-selftest=\"([^\"]*)\"").matcher(r.out());
        assertThat(m.find()).as("self-test ran; stderr:\n" + r.err()).isTrue();
        var json = ResultsReader.MAPPER.readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&")
                .replace("&lt;", "<").replace("&gt;", ">"));
        List<String> asc = new ArrayList<>();
        json.get("trialsAsc").forEach(n -> asc.add(n.asText()));
        // trials ascending: ties keep the original order, the claim without trials goes last
        assertThat(asc).containsExactly("STAIB-S5.1", "ODD/ID: x<y>", "JIN-L11", "JIN-T3", "STAIB-FIG1", "STAIB-T4.1",
                "STAIB-P4.1", "STAIB-VAR-COV", "STAIB-T4.4");
        List<String> desc = new ArrayList<>();
        json.get("trialsDesc").forEach(n -> desc.add(n.asText()));
        assertThat(desc.get(0)).isEqualTo("STAIB-VAR-COV");
        assertThat(desc.get(desc.size() - 1)).isEqualTo("STAIB-T4.4");
        List<String> noHolds = new ArrayList<>();
        json.get("withoutHolds").forEach(n -> noHolds.add(n.asText()));
        assertThat(noHolds).containsExactlyInAnyOrder("STAIB-T4.4", "STAIB-S5.1");
        List<String> text = new ArrayList<>();
        json.get("text").forEach(n -> text.add(n.asText()));
        assertThat(text).containsExactly("JIN-T3", "JIN-L11");
        assertThat(json.get("count").asText()).isEqualTo("2 of 9 claims shown");
    }

    @Test
    void claimPagesShowPlottedSvgCharts() throws Exception {
        for (String id : List.of("STAIB-P4.1", "STAIB-FIG1", "STAIB-T4.1")) {
            String dom = dumpDom(project.reports().resolve("claims/" + id + ".html")).out();
            assertThat(dom).contains("data-claim=\"" + id + "\"").contains("<svg");
            assertThat(dom).as(id).doesNotContain("data-charts=\"0\"");
            assertThat(ReportGeneratorTest.pathsWithData(dom)).as("plotted paths on " + id).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void screenshotOfTheIndexIsNotBlank() throws Exception {
        Path png = tmp.resolve("index.png");
        Run r = chromium("--screenshot=" + png, "--window-size=1280,2000", url(project.reports().resolve("index.html")));
        assertThat(png).as("screenshot written; stderr:\n" + r.err()).isRegularFile();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
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
        assertThat(colours.size()).as("distinct colours").isGreaterThan(50);
        assertThat((double) nonWhite / sampled).as("non-white fraction").isGreaterThan(0.02);
    }
}
