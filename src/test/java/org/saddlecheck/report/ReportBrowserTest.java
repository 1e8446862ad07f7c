package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report generated from the synthetic {@link ReportFixtures} project in headless Chromium from the
 * file system: the page's scripts run without errors and without the network, the verdict table lists every
 * claim, sorting and filtering work, the screenshot is not blank and the claim pages carry plotted SVG.
 * {@link ReportBrowserIT} does the same on the real report. Skipped when no Chromium is installed, except on CI
 * (env CI set), where a missing browser fails the test (see {@link Chromium#requireOrSkip}).
 */
class ReportBrowserTest {
    @TempDir
    static Path tmp;
    static Chromium chromium;
    static ReportFixtures.Project project;

    @BeforeAll
    static void setUp() throws IOException {
        chromium = Chromium.requireOrSkip(tmp);
        project = ReportFixtures.create(tmp.resolve("proj"));
        ReportGenerator.generate(List.of(project.shard1(), project.shard2()), project.experiments(), project.root(),
                project.reports());
    }

    @Test
    void indexRunsItsScriptAndListsEveryClaim() throws Exception {
        String dom = chromium.dumpDom(project.reports().resolve("index.html")).out();
        int start = dom.indexOf("id=\"claims-table\"");
        assertThat(start).isPositive();
        String table = dom.substring(start, dom.indexOf("</table>", start));
        for (String id : ReportFixtures.IDS) assertThat(table).contains("<code>" + Chromium.text(id) + "</code>");
        assertThat(dom).contains(ReportFixtures.IDS.size() + " of " + ReportFixtures.IDS.size() + " claims shown");
    }

    @Test
    void sortingAndFilteringWorkInTheBrowser() throws Exception {
        Chromium.Run r = chromium.dumpDom(project.reports().resolve("index.html"), "#selftest", "--window-size=1280,2000");
        String selftest = Chromium.selftestJson(r.out());
        assertThat(selftest).as("self-test ran; stderr:\n" + r.err()).isNotNull();
        var json = ResultsReader.MAPPER.readTree(selftest);
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
        assertThat(json.get("pageOverflow").asBoolean()).as("the index scrolls sideways").isFalse();
        assertThat(json.get("minTitleWidth").asDouble()).as("narrowest title cell (px)").isGreaterThanOrEqualTo(100);
    }

    @Test
    void claimPagesShowPlottedSvgCharts() throws Exception {
        for (String id : List.of("STAIB-P4.1", "STAIB-FIG1", "STAIB-T4.1")) {
            String dom = chromium.dumpDom(project.reports().resolve("claims/" + id + ".html")).out();
            assertThat(dom).contains("data-claim=\"" + id + "\"").contains("<svg");
            assertThat(dom).as(id).doesNotContain("data-charts=\"0\"");
            assertThat(ReportGeneratorTest.pathsWithData(dom)).as("plotted paths on " + id).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void screenshotOfTheIndexIsNotBlank() throws Exception {
        chromium.screenshotNotBlank(project.reports().resolve("index.html"), tmp.resolve("index.png"));
    }
}
