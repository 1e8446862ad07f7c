package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on the synthetic two-shard project of {@link ReportFixtures}. */
class ReportGeneratorTest {
    @TempDir
    static Path shared;
    static ReportFixtures.Project project;
    static ReportGenerator.GeneratedReport report;

    @BeforeAll
    static void generateOnce() throws IOException {
        project = ReportFixtures.create(shared.resolve("proj"));
        // reports/ as in git: only its README.md; a first run writes the report (and its marker) there
        Files.createDirectories(project.reports());
        Files.writeString(project.reports().resolve("README.md"), "# kept README\n");
        ReportGenerator.generate(List.of(project.shard1()), project.experiments(), project.root(), project.reports());
        assertThat(project.reports().resolve(AtomicDirectory.MARKER)).isRegularFile();
        // a file left in a previous report is dropped when the report is replaced
        Files.writeString(project.reports().resolve("stale.html"), "old file");
        report = ReportGenerator.generate(List.of(project.shard1(), project.shard2()), project.experiments(),
                project.root(), project.reports());
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static Path page(String id) {
        return project.reports().resolve("claims/" + ReportGenerator.safe(id) + ".html");
    }

    @Test
    void writesIndexAndOnePagePerClaimAndReplacesTheOldDirectory() throws IOException {
        assertThat(report.claims()).isEqualTo(ReportFixtures.IDS.size());
        assertThat(report.index()).isEqualTo(project.reports().resolve("index.html").toAbsolutePath().normalize());
        assertThat(report.index()).isRegularFile();
        for (String id : ReportFixtures.IDS) {
            assertThat(page(id)).as(id).isRegularFile();
            assertThat(read(page(id))).as(id).contains(Html.esc(id));
        }
        assertThat(project.reports().resolve("claims/ODD_ID__x_y_.html")).isRegularFile();
        assertThat(read(project.reports().resolve("README.md"))).isEqualTo("# kept README\n");
        assertThat(project.reports().resolve("stale.html")).doesNotExist();
        try (Stream<Path> s = Files.list(project.root())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".reports."));
        }
    }

    @Test
    void indexHasSummaryAndEveryClaimInTheTable() throws IOException {
        String index = read(report.index());
        for (String id : ReportFixtures.IDS) assertThat(index).contains("data-id=\"" + Html.esc(id) + "\"");
        assertThat(index).contains("id=\"count-total\"><span class=\"n\">9</span>");
        assertThat(index).contains("id=\"count-HOLDS\"><span class=\"n\">7</span>");
        assertThat(index).contains("id=\"count-VIOLATED\"><span class=\"n\">0</span>"); // replaced by shard 2
        assertThat(index).contains("id=\"count-INCONCLUSIVE\"><span class=\"n\">1</span>");
        assertThat(index).contains("id=\"count-KNOWN-INCONSISTENCY\"><span class=\"n\">1</span>");
        assertThat(index).contains("20190126, 777").contains("abc123, def456").contains("25.0.1").contains("amd64 x 2")
                .contains("standard").contains("cpu").contains("sum over 2 shards");
        assertThat(index).contains("id=\"shards\"").contains("claims-shard2.json");
        assertThat(index).contains("Conflicting duplicate: JIN-L11");
        assertThat(index).contains("id=\"filter-text\"").contains("class=\"verdict-filter\"").contains("data-type=\"num\"");
        assertThat(index).doesNotContain("pit-link") // no target/pit-reports in the fixture
                .contains("<dt>Mutation testing</dt><dd id=\"pit\"><span class=\"muted\">not run</span>");
        assertThat(index).contains("experiments/fig1/missing.csv not found");
    }

    @Test
    void pagesAreWellFormedAndEveryLinkResolvesOffline() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(report.index());
        try (Stream<Path> s = Files.list(project.reports().resolve("claims"))) {
            s.filter(p -> p.toString().endsWith(".html")).forEach(pages::add);
        }
        assertThat(pages).hasSize(1 + ReportFixtures.IDS.size());
        for (Path p : pages) {
            String html = read(p);
            assertThat(HtmlCheck.problems(html)).as(p.toString()).isEmpty();
            assertThat(html).as(p.toString()).startsWith("<!DOCTYPE html>").contains("data-js-ok").contains("id=\"js-errors\"");
            HtmlCheck.assertLinksResolve(p, html);
        }
    }

    @Test
    void claimPageShowsStatementBoundProofLinkEvidenceAndReproduction() throws IOException {
        String html = read(page("STAIB-T4.1"));
        assertThat(html).contains("Ĝ<sub>t</sub>").contains("η<sup>1/3</sup>").contains("η<sup>2/3</sup>");
        assertThat(html).contains("<h3>Assumptions</h3>").contains("L<sub>G</sub>");
        // the proofs note is rendered into the report (self-contained), and its statement section shown on the page
        assertThat(html).contains("href=\"../notes/STAIB-T4.1.html\"").contains("id=\"note-statement\"")
                .contains("Assume the step bound").doesNotContain("Later section.");
        String note = read(project.reports().resolve("notes/STAIB-T4.1.html"));
        assertThat(note).contains("<h2>How the check works</h2>").contains("<td>L</td>").contains("&lt;b&gt;raw&lt;/b&gt;")
                .doesNotContain("<b>raw</b>").contains("href=\"../claims/STAIB-T4.1.html\"");
        assertThat(html).contains("./mvnw verify -Dsaddlecheck.claims=STAIB-T4.1 -Dsaddlecheck.seed=20190126")
                .contains("java -jar target/saddlecheck.jar check --claim STAIB-T4.1 --seed 20190126");
        assertThat(html).contains("-123456789"); // the claim's own seed
        assertThat(html).contains("K = 3 exceedances").contains("<table class=\"sub\">").contains("straight line");
        assertThat(html).contains("href=\"STAIB-T4.1.tightness.svg\" download=").contains("href=\"STAIB-T4.1.tightness.csv\"");
        // missing proof note: shown as text, not a dangling link
        assertThat(read(page("STAIB-S5.1"))).contains("proofs-notes/STAIB-S5.1.md</code> <span class=\"muted\">(not found");
        // the claim from shard 2 reproduces with shard 2's master seed
        assertThat(read(page("JIN-T3"))).contains("-Dsaddlecheck.seed=777").contains("shard 2");
        // escaping: nothing from the data becomes markup
        String odd = read(page("ODD/ID: x<y>"));
        assertThat(odd).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(odd).contains("a &lt; b &amp;&amp; c &gt; d").contains("x ≤ y");
    }

    @Test
    void mergeKeepsTheLaterConflictingEntryAndNotesIt() throws IOException {
        String l11 = read(page("JIN-L11"));
        assertThat(l11).contains("Rerun after the fix.").doesNotContain("Ratio 1.3 at d = 10.");
        assertThat(l11).contains("badge v-HOLDS").contains("Conflicting duplicate");
        assertThat(read(page("STAIB-S5.1"))).contains("Identical entry also in shard 1");
    }

    @Test
    void tightnessChartPlotsTheRatiosOnALogScaleWithTheBoundAndTheWorstCase() throws IOException {
        Path svg = project.reports().resolve("claims/STAIB-T4.1.tightness.svg");
        String s = read(svg);
        assertThat(s).startsWith("<?xml").contains("<svg").contains("</svg>");
        assertThat(pathsWithData(s)).isGreaterThanOrEqualTo(1);
        assertThat(s).contains("bound: observed / bound = 1").contains("worst 0.9").contains("log scale");
        // the worst instance is named in full in the caption, not in a label over the data
        assertThat(read(page("STAIB-T4.1"))).contains("Worst case: ").contains("straight line");
        String csv = read(project.reports().resolve("claims/STAIB-T4.1.tightness.csv"));
        assertThat(csv.lines().count()).isEqualTo(1 + 7); // 10 values, of which null, NaN and 0.0 are not drawable
        assertThat(csv).startsWith("rank,instance,ratio\n1,0,0.41\n");
        assertThat(read(page("STAIB-T4.1"))).contains("3 non-finite or non-positive ratio(s)");
        // a claim whose ratios are all unusable gets a note instead of a chart
        assertThat(read(page("STAIB-VAR-COV"))).contains("no tightness chart").doesNotContain("<figure");
    }

    @Test
    void rateChartHasFittedPredictedAndBand() throws IOException {
        String s = read(project.reports().resolve("claims/STAIB-P4.1.rate.svg"));
        assertThat(pathsWithData(s)).isGreaterThanOrEqualTo(3); // fitted, predicted, band
        assertThat(s).contains("fitted: slope 0.324").contains("predicted: slope 0.3333").contains("slope CI [0.3, 0.35]")
                .contains("step size η");
        String csv = read(project.reports().resolve("claims/STAIB-P4.1.rate.csv"));
        assertThat(csv).startsWith("series,x,y,yLow,yHigh\n").contains("observed,1.0E-5,0.0215,0.02,0.023")
                .contains("predicted,").contains("slope CI band,");
        // the null yLow falls back to the point itself
        assertThat(csv).contains("observed,1.0E-4,0.0461,0.0461,0.049");
        // the fitted line (slope 0.324, least-squares intercept) passes near the data's geometric centre
        assertThat(read(page("STAIB-P4.1"))).contains("id=\"chart-rate\"");
        // all-NaN series: note, no chart, no failure
        assertThat(read(page("STAIB-T4.4"))).contains("no rate chart").contains("(no explicit bound given)");
    }

    @Test
    void reproductionHasCurvesChartsAndExperimentTable() throws IOException {
        String page = read(page("STAIB-FIG1"));
        assertThat(page).contains("id=\"chart-curves-1\"").contains("id=\"chart-curves-2\"");
        assertThat(page).contains("experiments/fig1/missing.csv not found");
        assertThat(page).contains("Experiment data: experiments/fig1/fig1.json").contains("escapedFraction")
                .contains("href=\"STAIB-FIG1.fig1.json\"");
        assertThat(project.reports().resolve("claims/STAIB-FIG1.fig1.json")).isRegularFile();
        String svg = read(project.reports().resolve("claims/STAIB-FIG1.curves-1.svg"));
        assertThat(pathsWithData(svg)).isGreaterThanOrEqualTo(4); // 4 groups with lines and bands
        assertThat(svg).contains("SGD, eta=0.01").contains("RMSProp, eta=0.0001").contains("objective f(x_t)")
                .contains("f* = −0.01265");
        String csv = read(project.reports().resolve("claims/STAIB-FIG1.curves-1.csv"));
        assertThat(csv).startsWith("method,eta,iteration,mean,q10,q90\n");
        assertThat(csv.lines().count()).isEqualTo(1 + 4 * 101 - 2); // two NaN means skipped
        String svg2 = read(project.reports().resolve("claims/STAIB-FIG1.curves-2.svg"));
        assertThat(svg2).contains("RMSProp median").contains("eta=0.001").doesNotContain("eta=0.01<");
        assertThat(page).contains("2 row(s) of experiments/fig1/fig1.csv with a missing or non-finite");
    }

    @Test
    void detailsRenderNestedValuesReadably() throws IOException {
        String page = read(page("STAIB-T4.4"));
        assertThat(page).contains("<th scope=\"row\">matrix</th><td><code class=\"json\">[[1,2],[3,4]]</code>");
        assertThat(page).contains("15 values: [");
        assertThat(page).contains("<span class=\"muted\">null</span>");
        assertThat(page).contains("{&quot;d&quot;:[1,2]}");
        assertThat(page).contains("<th scope=\"row\">trials</th><td>—</td>");
    }

    @Test
    void pitLinksEveryExecutionsReport(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        Path pit = Files.createDirectories(p.root().resolve("target/pit-reports"));
        // one directory per execution of the mutation profile; an empty one (PIT failed early) is not linked
        for (String e : List.of("precondition", "optim", "pgd-stats", "claims", "estimate")) {
            Files.createDirectories(pit.resolve(e));
            Files.writeString(pit.resolve(e + "/index.html"), "<html></html>");
        }
        Files.createDirectories(pit.resolve("broken"));
        Files.createDirectories(pit.resolve("stamped/202611220101"));
        Files.createDirectories(pit.resolve("stamped/202611230101"));
        Files.writeString(pit.resolve("stamped/202611220101/index.html"), "<html></html>");
        Files.writeString(pit.resolve("stamped/202611230101/index.html"), "<html></html>");
        ReportGenerator.GeneratedReport r = ReportGenerator.generate(List.of(p.shard1()), p.experiments(), p.root(), p.reports());
        String index = read(r.index());
        assertThat(index).contains("PIT reports: <a class=\"pit-link\" href=\"../target/pit-reports/claims/index.html\">claims</a>, "
                + "<a class=\"pit-link\" href=\"../target/pit-reports/estimate/index.html\">estimate</a>, "
                + "<a class=\"pit-link\" href=\"../target/pit-reports/optim/index.html\">optim</a>, "
                + "<a class=\"pit-link\" href=\"../target/pit-reports/pgd-stats/index.html\">pgd-stats</a>, "
                + "<a class=\"pit-link\" href=\"../target/pit-reports/precondition/index.html\">precondition</a>, "
                + "<a class=\"pit-link\" href=\"../target/pit-reports/stamped/202611230101/index.html\">stamped (202611230101)</a></dd>");
        assertThat(index).doesNotContain("broken").doesNotContain("not run");
        // a PIT report written straight into target/pit-reports/ is linked too
        Files.writeString(pit.resolve("index.html"), "<html></html>");
        assertThat(ReportGenerator.pitReports(pit, p.reports()).get(0)).containsExactly("all", "../target/pit-reports/index.html");
        assertThat(read(p.reports().resolve("README.md"))).isEqualTo(ReportGenerator.DEFAULT_README);
        assertThat(index).doesNotContain("id=\"shards\"").contains("Master seed").contains("20190126");
    }

    @Test
    void sameInputsGiveIdenticalFiles(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        List<Path> shards = List.of(p.shard1(), p.shard2());
        ReportGenerator.generate(shards, p.experiments(), p.root(), p.root().resolve("a"));
        ReportGenerator.generate(shards, p.experiments(), p.root(), p.root().resolve("b"));
        for (String f : List.of("index.html", "claims/STAIB-FIG1.html", "claims/STAIB-P4.1.rate.svg")) {
            assertThat(read(p.root().resolve("b/" + f))).as(f).isEqualTo(read(p.root().resolve("a/" + f)));
        }
    }

    @Test
    void aFailureMidwayLeavesThePreviousReportIntact(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        List<Path> shards = List.of(p.shard1());
        ReportGenerator.generate(shards, p.experiments(), p.root(), p.reports());
        String before = read(p.reports().resolve("index.html"));
        String pageBefore = read(p.reports().resolve("claims/STAIB-T4.1.html"));
        AtomicInteger n = new AtomicInteger();
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(p.shard1(), p.shard2()), p.experiments(), p.root(),
                p.reports(), f -> {
                    if (n.incrementAndGet() == 5) throw new IOException("injected failure after " + f.getFileName());
                })).isInstanceOf(IOException.class).hasMessageContaining("injected failure");
        assertThat(n.get()).isEqualTo(5);
        assertThat(read(p.reports().resolve("index.html"))).isEqualTo(before);
        assertThat(read(p.reports().resolve("claims/STAIB-T4.1.html"))).isEqualTo(pageBefore);
        try (Stream<Path> s = Files.list(p.root())) {
            assertThat(s.map(x -> x.getFileName().toString())).noneMatch(x -> x.startsWith(".reports."));
        }
        // a runtime failure is handled the same way
        assertThatThrownBy(() -> ReportGenerator.generate(shards, p.experiments(), p.root(), p.reports(), f -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(read(p.reports().resolve("index.html"))).isEqualTo(before);
    }

    @Test
    void generateDefaultUsesTheStandardLayout(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        ReportGenerator.GeneratedReport r = ReportGenerator.generateDefault(p.root());
        assertThat(r.outDir()).isEqualTo(p.reports().toAbsolutePath().normalize());
        assertThat(r.claims()).isEqualTo(8);
        assertThat(read(r.index())).contains("STAIB-FIG1");
        assertThat(r.warnings()).anyMatch(w -> w.contains("missing.csv"));
    }

    @Test
    void rejectsBadArguments(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        Path out = p.reports();
        assertThatThrownBy(() -> ReportGenerator.generate(null, null, p.root(), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resultsFiles");
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(), null, p.root(), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resultsFiles = []");
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(p.shard1()), null, null, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projectRoot");
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(p.shard1()), null, p.root().resolve("nope"), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projectRoot").hasMessageContaining("existing directory");
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(p.shard1()), null, p.root(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outDir");
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(p.shard1()), null, p.root(), file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outDir = ");
        assertThatThrownBy(() -> ReportGenerator.generate(List.of(p.root().resolve("missing.json")), null, p.root(), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resultsFile").hasMessageContaining("missing.json");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesToReplaceADirectoryThatIsNotAReport(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        List<Path> shards = List.of(p.shard1());
        // --out . in a project: the project root holds pom.xml, src/, target/ ...
        Files.writeString(p.root().resolve("pom.xml"), "<project/>");
        assertThatThrownBy(() -> ReportGenerator.generate(shards, p.experiments(), p.root(), p.root()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outDir = " + p.root()).hasMessageContaining("not a saddlecheck report directory")
                .hasMessageContaining("pom.xml").hasMessageNotContaining("\n");
        assertThat(p.root().resolve("pom.xml")).hasContent("<project/>");
        assertThat(p.root().resolve("proofs-notes/STAIB-T4.1.md")).isRegularFile();
        // a directory with one foreign file, or an index.html that is not ours
        Path notes = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "keep me");
        assertThatThrownBy(() -> ReportGenerator.generate(shards, p.experiments(), p.root(), notes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("todo.txt");
        assertThat(notes.resolve("todo.txt")).hasContent("keep me");
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html><body>my site</body></html>");
        assertThatThrownBy(() -> ReportGenerator.generate(shards, p.experiments(), p.root(), site))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index.html (not a saddlecheck report)");
        assertThat(site.resolve("index.html")).hasContent("<html><body>my site</body></html>");
        try (Stream<Path> st = Files.list(tmp)) {
            assertThat(st.map(x -> x.getFileName().toString())).noneMatch(x -> x.startsWith("."));
        }
    }

    @Test
    void replacesNewEmptyMarkedAndReadmeOnlyDirectories(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        List<Path> shards = List.of(p.shard1());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ReportGenerator.generate(shards, p.experiments(), p.root(), empty);
        assertThat(empty.resolve("index.html")).isRegularFile();
        assertThat(empty.resolve(AtomicDirectory.MARKER)).hasContent(ReportGenerator.MARKER_TEXT.strip());
        // a marked report is replaced, extra files included (the marker says so)
        Files.writeString(empty.resolve("extra.txt"), "x");
        ReportGenerator.generate(shards, p.experiments(), p.root(), empty);
        assertThat(empty.resolve("extra.txt")).doesNotExist();
        // a report written before the marker existed: only README.md, index.html (ours) and claims/
        Path legacy = Files.createDirectories(tmp.resolve("legacy"));
        Files.writeString(legacy.resolve("README.md"), "# mine\n");
        Files.copy(empty.resolve("index.html"), legacy.resolve("index.html"));
        Files.createDirectories(legacy.resolve("claims"));
        ReportGenerator.generate(shards, p.experiments(), p.root(), legacy);
        assertThat(legacy.resolve("README.md")).hasContent("# mine");
        assertThat(legacy.resolve(AtomicDirectory.MARKER)).isRegularFile();
        // the project's reports/ as in git (README.md only), via the default layout
        Files.createDirectories(p.reports());
        Files.writeString(p.reports().resolve("README.md"), "# reports\n");
        ReportGenerator.generateDefault(p.root());
        assertThat(p.reports().resolve("README.md")).hasContent("# reports");
        assertThat(p.reports().resolve("index.html")).isRegularFile();
    }

    @Test
    void theReportCommandRefusesAForeignDirectoryWithExitCode2(@TempDir Path tmp) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(tmp.resolve("p"));
        Files.writeString(p.root().resolve("pom.xml"), "<project/>");
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = org.saddlecheck.cli.Main.execute(new String[] {"report", "--results", p.shard1().toString(), "--root",
            p.root().toString(), "--experiments", p.experiments().toString(), "--out", p.root().toString()},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                List::of);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(e).isEqualTo(2);
        assertThat(e.strip().lines()).singleElement().asString().contains("not a saddlecheck report directory")
                .contains(p.root().toString()).contains("--help");
        assertThat(p.root().resolve("pom.xml")).isRegularFile();
        // and writes a fresh directory
        Path fresh = tmp.resolve("fresh");
        code = org.saddlecheck.cli.Main.execute(new String[] {"report", "--results", p.shard1().toString(), "--root",
            p.root().toString(), "--experiments", p.experiments().toString(), "--out", fresh.toString()},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
                List::of);
        assertThat(code).isZero();
        assertThat(fresh.resolve("index.html")).isRegularFile();
    }

    /** Number of {@code <path} elements with a non-trivial {@code d} attribute (plotted data, not a box). */
    static int pathsWithData(String svg) {
        Matcher m = Pattern.compile("<path[^>]*\\sd=['\"]([^'\"]*)['\"]").matcher(svg);
        int n = 0;
        while (m.find()) {
            String d = m.group(1);
            long commands = d.chars().filter(c -> c == 'L' || c == 'l' || c == 'C' || c == 'c').count();
            if (commands >= 3) n++;
        }
        return n;
    }
}
