package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REAL report in headless Chromium: opens the {@code reports/index.html} that {@code ClaimsIT} wrote in this
 * {@code ./mvnw verify} (failsafe runs the ITs in alphabetical order, so org.saddlecheck.ClaimsIT comes first)
 * and a few claim pages with charts ({@link #PAGES}). Checks: no script or console errors, the table lists every
 * claim id of {@code target/claims/claims.json}, the index does not scroll sideways, each chart on the claim
 * pages has plotted paths, a claim page's screenshot is not blank, and every link resolves offline.
 *
 * <p>After a subset run ({@code -Dsaddlecheck.claims=…}) it checks {@code target/reports-subset/} against
 * {@code target/claims/claims-subset.json} instead (the paths {@code ClaimsIT} uses). Without Chromium the
 * browser checks are skipped, except on CI (env {@code CI} set), where they fail.
 */
class ReportBrowserIT {
    /** Claim pages opened in the browser (those present in the results); each must show at least one chart. */
    static final List<String> PAGES = List.of("STAIB-T4.1", "STAIB-FIG1", "JIN-DIMFREE", "STAIB-P4.1");

    @TempDir
    static Path tmp;
    static Path reportDir;
    static Path resultsFile;
    /** Claim id → its entry in the results file, in file order. */
    static Map<String, JsonNode> claims;
    static Chromium chromium;

    private static String prop(String name, String def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    @BeforeAll
    static void load() throws IOException {
        Path basedir = Path.of(prop("saddlecheck.basedir", ".")).toAbsolutePath().normalize();
        boolean subset = !prop("saddlecheck.claims", "").isEmpty();
        // the same paths as ClaimsIT: a subset run writes its own results file and report
        resultsFile = basedir.resolve(subset ? "target/claims/claims-subset.json" : "target/claims/claims.json");
        reportDir = basedir.resolve(subset ? "target/reports-subset" : "reports");
        assertThat(resultsFile).as("results written by ClaimsIT (run ./mvnw verify)").isRegularFile();
        assertThat(reportDir.resolve("index.html")).as("report written by ClaimsIT (run ./mvnw verify)").isRegularFile();
        assertThat(Files.getLastModifiedTime(reportDir.resolve("index.html")))
                .as("the report is not older than " + resultsFile + " (ClaimsIT writes both)")
                .isGreaterThanOrEqualTo(Files.getLastModifiedTime(resultsFile));
        claims = new LinkedHashMap<>();
        for (JsonNode c : ResultsReader.MAPPER.readTree(resultsFile.toFile()).path("claims")) claims.put(c.path("id").asText(), c);
        assertThat(claims).as("claims in " + resultsFile).isNotEmpty();
    }

    private static Chromium browser() {
        if (chromium == null) chromium = Chromium.requireOrSkip(tmp);
        return chromium;
    }

    /** The claim pages to open: {@link #PAGES} present in the results, else the first claim. */
    private static List<String> pages() {
        List<String> out = new ArrayList<>(PAGES.stream().filter(claims::containsKey).toList());
        if (out.isEmpty()) out.add(claims.keySet().iterator().next());
        return out;
    }

    private static Path page(String id) {
        return reportDir.resolve("claims/" + ReportGenerator.safe(id) + ".html");
    }

    @Test
    void indexListsEveryClaimOfTheResultsWithoutScriptErrors() throws Exception {
        String dom = browser().dumpDom(reportDir.resolve("index.html")).out();
        int start = dom.indexOf("id=\"claims-table\"");
        assertThat(start).as("claims table in the index").isPositive();
        String table = dom.substring(start, dom.indexOf("</table>", start));
        for (String id : claims.keySet()) {
            assertThat(table).as("index row of " + id).contains("data-id=\"" + Chromium.text(id) + "\"")
                    .contains("<code>" + Chromium.text(id) + "</code>");
        }
        Matcher rows = Pattern.compile("<tr data-id=").matcher(table);
        int n = 0;
        while (rows.find()) n++;
        assertThat(n).as("rows in the index table").isEqualTo(claims.size());
        assertThat(dom).contains(claims.size() + " of " + claims.size() + " claims shown");
    }

    @Test
    void indexFitsTheWindowAndItsSortingAndFilteringRun() throws Exception {
        Chromium.Run r = browser().dumpDom(reportDir.resolve("index.html"), "#selftest", "--window-size=1280,2000");
        String selftest = Chromium.selftestJson(r.out());
        assertThat(selftest).as("self-test ran; stderr:\n" + r.err()).isNotNull();
        JsonNode json = ResultsReader.MAPPER.readTree(selftest);
        assertThat(json.get("trialsAsc")).as("rows after sorting by trials").hasSize(claims.size());
        assertThat(json.get("pageOverflow").asBoolean()).as("the index scrolls sideways at 1280 px").isFalse();
        assertThat(json.get("minTitleWidth").asDouble()).as("narrowest title cell at 1280 px (px)").isGreaterThanOrEqualTo(100);
    }

    @Test
    void claimPagesDrawTheirCharts() throws Exception {
        for (String id : pages()) {
            String dom = browser().dumpDom(page(id)).out();
            assertThat(dom).as(id).contains("data-claim=\"" + Chromium.text(id) + "\"");
            if (!PAGES.contains(id)) continue; // the fallback page of a subset run need not have charts
            Matcher charts = Pattern.compile("data-charts=\"(\\d+)\"").matcher(dom);
            assertThat(charts.find()).as("chart count recorded on " + id).isTrue();
            assertThat(Integer.parseInt(charts.group(1))).as("charts on " + id).isPositive();
            List<String> figures = figures(dom);
            assertThat(figures).as("figures on " + id).hasSize(Integer.parseInt(charts.group(1)));
            for (String f : figures) {
                String name = f.replaceFirst("(?s)^.*?id=\"(chart-[^\"]*)\".*$", "$1");
                assertThat(ReportGeneratorTest.pathsWithData(f)).as("plotted paths in " + name + " of " + id).isPositive();
            }
            assertThat(dom).as(id + ": rate chart axis titles").doesNotContain("x (sweep parameter)").doesNotContain("y (statistic)");
        }
    }

    @Test
    void claimPageScreenshotIsNotBlank() throws Exception {
        String id = pages().get(0);
        browser().screenshotNotBlank(page(id), tmp.resolve("claim.png"));
        browser().screenshotNotBlank(reportDir.resolve("index.html"), tmp.resolve("index.png"));
    }

    @Test
    void everyLinkOfTheIndexAndTheOpenedPagesResolvesOffline() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(reportDir.resolve("index.html"));
        for (String id : claims.keySet()) {
            assertThat(page(id)).as("page of " + id).isRegularFile();
        }
        for (String id : pages()) pages.add(page(id));
        for (Path p : pages) {
            String html = Files.readString(p, StandardCharsets.UTF_8);
            assertThat(HtmlCheck.problems(html)).as(p.toString()).isEmpty();
            HtmlCheck.assertLinksResolve(p, html);
        }
    }

    /** The {@code <figure class="chart">…</figure>} elements of a page. */
    static List<String> figures(String dom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<figure class=\"chart\".*?</figure>", Pattern.DOTALL).matcher(dom);
        while (m.find()) out.add(m.group());
        return out;
    }
}
