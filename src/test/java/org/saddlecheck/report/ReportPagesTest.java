package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page details on a small results file of its own (run at the "quick" budget): ratios at rounding level,
 * rate-chart axis titles, hidden plumbing keys and nested details, the index table's layout markup and the
 * reproducing commands.
 */
class ReportPagesTest {
    @TempDir
    static Path tmp;
    static Path reports;

    static final String RESULTS = """
            { "masterSeed": 5, "gitCommit": "abc", "budget": "quick", "claims": [
              { "id": "R-ROUND", "title": "ratio at rounding level", "kind": "exact", "verdict": "HOLDS",
                "tightness": {"min": 0.5, "median": 0.75, "max": 1.0000000000000152, "worst": "x"},
                "series": {"ratios": [0.5, 1.0000000000000152]} },
              { "id": "R-TINY", "title": "ratio a little above 1", "kind": "exact", "verdict": "HOLDS",
                "tightness": {"min": 0.5, "median": 0.75, "max": 1.0000000126, "worst": ""} },
              { "id": "R-VIOL", "title": "violated", "kind": "exact", "verdict": "VIOLATED",
                "tightness": {"min": 0.5, "median": 0.75, "max": 1.3, "worst": ""} },
              { "id": "RATE-FIELD", "title": "labels from details", "kind": "rate", "verdict": "HOLDS",
                "exponent": {"fitted": 0.32, "ciLow": 0.3, "ciHigh": 0.34, "predicted": 0.3333333333333333},
                "details": {"instances": [{"eta": 0.1, "q95": 0.9}, {"eta": 0.05, "q95": 9}, {"eta": 0.01, "q95": 0.45},
                                          {"eta": 0.001, "q95": 0.21}]},
                "series": {"x": [0.1, 0.01, 0.001], "y": [0.9, 0.45, 0.21]} },
              { "id": "RATE-NONE", "title": "labels from the exponent", "kind": "rate", "verdict": "HOLDS",
                "exponent": {"fitted": 0.32, "ciLow": 0.3, "ciHigh": 0.34, "predicted": 0.3333333333333333},
                "details": {}, "series": {"x": [0.1, 0.01, 0.001], "y": [0.9, 0.45, 0.21]} },
              { "id": "RATE-CURVES", "title": "labels from unused curves titles", "kind": "expectation", "verdict": "HOLDS",
                "details": {"curvesXLabel": "pairs N", "curvesYLabel": "scaled error"},
                "series": {"x": [2048, 8192, 32768], "y": [1.7, 2.5, 1.6]} },
              { "id": "PLUMB", "title": "plumbing and nested details", "kind": "reproduction", "verdict": "HOLDS",
                "details": {"curvesCsv": "experiments/none/none.csv", "curvesX": "t", "curvesBand": ["lo", "hi"],
                            "rateXLabel": "tau", "rateYLabel": "steps", "experimentJson": "experiments/none/none.json",
                            "escape": {"median": 854.0, "p10": 1.23456789, "n": 288},
                            "runs": [{"method": "SGD", "escapeIterations": {"median": 3073.0, "mean": 3120.123456}}],
                            "deep": {"a": {"b": {"c": {"x": 0.123456789}}}}} }
            ] }
            """;

    @BeforeAll
    static void generate() throws IOException {
        Files.createDirectories(tmp.resolve("proofs-notes"));
        Path results = Files.writeString(tmp.resolve("claims.json"), RESULTS, StandardCharsets.UTF_8);
        reports = tmp.resolve("reports");
        ReportGenerator.generate(List.of(results), tmp.resolve("experiments"), tmp, reports);
    }

    private static String read(String rel) throws IOException {
        return Files.readString(reports.resolve(rel), StandardCharsets.UTF_8);
    }

    /** The index table's row of a claim. */
    private static String row(String id) throws IOException {
        String index = read("index.html");
        int i = index.indexOf("<tr data-id=\"" + id + "\"");
        return index.substring(i, index.indexOf("</tr>", i));
    }

    @Test
    void ratiosAtRoundingLevelAreOneAndNotRed() throws IOException {
        assertThat(row("R-ROUND")).contains("<td class=\"num tight\" data-sort=\"1.000000000000015\"").doesNotContain(" bad")
                .contains("><span class=\"max\">1</span> <span class=\"muted med\">(med 0.75)</span>");
        assertThat(row("R-TINY")).contains("class=\"num tight bad\"").contains("1 + 1.26 × 10<sup>−8</sup>");
        assertThat(row("R-VIOL")).contains("class=\"num tight bad\"").contains("<span class=\"max\">1.3</span>");
        assertThat(read("claims/R-ROUND.html")).contains("max <span title=\"1.000000000000015\">1 <span class=\"muted\">(1 + 1.5 × 10<sup>−14</sup>, rounding)</span></span>");
        assertThat(read("claims/R-TINY.html")).contains("max <span class=\"bad\"");
        assertThat(read("claims/R-VIOL.html")).contains("max <span class=\"bad\" title=\"1.3\">1.3</span>");
    }

    @Test
    void ratioFormatting() {
        assertThat(Html.exceedsOne(1.0000000000000152)).isFalse();
        assertThat(Html.exceedsOne(1 + 2e-9)).isTrue();
        assertThat(Html.exceedsOne(1.3)).isTrue();
        assertThat(Html.ratioHtml(1.0000000000000152)).isEqualTo("1");
        assertThat(Html.ratioHtml(0.9999999999999997)).isEqualTo("1");
        assertThat(Html.ratioHtml(1.0000000126)).isEqualTo("1 + 1.26 × 10<sup>−8</sup>");
        assertThat(Html.ratioHtml(0.99999997)).isEqualTo("1"); // below 1: rounded like any number
        assertThat(Html.ratioHtml(0.964)).isEqualTo("0.964");
        assertThat(Html.ratioHtml(Double.NaN)).isEqualTo("—");
        assertThat(Html.ratioHtmlVerbose(1.0)).isEqualTo("1");
    }

    @Test
    void rateAxisTitlesAreNeverPlaceholders() throws IOException {
        String field = read("claims/RATE-FIELD.rate.svg");
        assertThat(field).contains(">η (log scale)<").contains(">q95 (log scale)<");
        String none = read("claims/RATE-NONE.rate.svg");
        assertThat(none).contains("sweep parameter").contains("statistic (predicted ∝ x^0.3333)");
        assertThat(read("claims/RATE-CURVES.rate.svg")).contains("pairs N").contains("scaled error");
        for (String id : List.of("RATE-FIELD", "RATE-NONE", "RATE-CURVES")) {
            assertThat(read("claims/" + id + ".rate.svg")).as(id).doesNotContain("x (sweep parameter)").doesNotContain("y (statistic)");
        }
    }

    @Test
    void rateLabelsPreferTheClaimsOwnKeys() {
        var d = ResultsReader.MAPPER.createObjectNode().put("rateXLabel", "step size η").put("rateYLabel", "q95")
                .put("curvesXLabel", "other");
        assertThat(RateLabels.of(d, new double[] {1, 2}, new double[] {1, 2}, null)).isEqualTo(new RateLabels.Labels("step size η", "q95"));
        // curves titles describe the series only when the claim draws no curves chart
        var c = ResultsReader.MAPPER.createObjectNode().put("curvesCsv", "f.csv").put("curvesXLabel", "iteration");
        assertThat(RateLabels.of(c, new double[] {1, 2}, new double[] {3, 4}, null)).isEqualTo(new RateLabels.Labels("sweep parameter", "statistic"));
        // a numeric array nested in an array of objects (STAIB-P4.1's details.fits[k].eta / .q95)
        var f = ResultsReader.MAPPER.createObjectNode();
        f.putArray("fits").addObject().put("k", 1).set("q95", ResultsReader.MAPPER.createArrayNode().add(5).add(6));
        ((com.fasterxml.jackson.databind.node.ObjectNode) f.get("fits").get(0)).set("tau",
                ResultsReader.MAPPER.createArrayNode().add(1.0).add(0.5));
        assertThat(RateLabels.of(f, new double[] {1.0, 0.5}, new double[] {5, 6}, null)).isEqualTo(new RateLabels.Labels("τ", "q95"));
        assertThat(RateLabels.pretty("d")).isEqualTo("dimension d");
        assertThat(RateLabels.pretty("meanAvgGradSq")).isEqualTo("meanAvgGradSq");
    }

    @Test
    void plumbingKeysAreHiddenAndNestedObjectsAreTables() throws IOException {
        String page = read("claims/PLUMB.html");
        String details = page.substring(page.indexOf("<h3>Details</h3>"), page.indexOf("</section>", page.indexOf("<h3>Details</h3>")));
        assertThat(details).doesNotContain("<th scope=\"row\">curvesCsv</th>").doesNotContain("<th scope=\"row\">rateXLabel</th>")
                .doesNotContain("<th scope=\"row\">experimentJson</th>").doesNotContain("<th scope=\"row\">curvesBand</th>");
        assertThat(details).contains("Not shown: curvesCsv, curvesX, curvesBand, rateXLabel, rateYLabel, experimentJson");
        assertThat(details).doesNotContain("{&quot;median&quot;").doesNotContain("854.0").doesNotContain(">3120.123456<");
        assertThat(details).contains("<th scope=\"row\">escape</th><td><table class=\"kv\"><tbody><tr><th scope=\"row\">median</th>"
                + "<td><span class=\"num\">854</span></td></tr><tr><th scope=\"row\">p10</th><td><span class=\"num\" title=\"1.23456789\">1.235</span>");
        // an object inside a table cell is a small table too, numbers rounded
        assertThat(details).contains("<td><table class=\"kv\"><tbody><tr><th scope=\"row\">median</th><td><span class=\"num\">3073</span>")
                .contains("title=\"3120.123456\">3120</span>");
        // deeper than the tables go: compact JSON, numbers still rounded
        assertThat(details).contains("<code class=\"json\">{&quot;x&quot;:0.1235}</code>");
        // the download keeps every digit
        assertThat(read("claims/PLUMB.json")).contains("3120.123456").contains("curvesCsv");
        assertThat(DetailsHtml.isPlumbing("curves")).isTrue();
        assertThat(DetailsHtml.isPlumbing("assumptions")).isTrue();
        assertThat(DetailsHtml.isPlumbing("delta")).isFalse();
    }

    @Test
    void indexTableScrollsInsideItsContainerAndTheExponentCellWraps() throws IOException {
        String index = read("index.html");
        assertThat(index).contains("<div class=\"table-scroll\" id=\"claims-scroll\"><table class=\"claims\" id=\"claims-table\">")
                .contains("</tbody></table></div></section>");
        assertThat(row("RATE-NONE")).contains("<td class=\"num exp\" data-sort=\"0.32\"><span class=\"fit\">0.32</span> "
                + "<span class=\"ci\">[0.3, 0.34]</span> <span class=\"muted pred\">pred. 0.3333</span></td>");
        assertThat(row("RATE-NONE")).contains("<td class=\"title\">labels from the exponent</td>");
        assertThat(PageAssets.CSS).contains(".table-scroll { max-width: 100%; overflow-x: auto; }").contains("td.exp .pred, td.tight .med { display: block; }");
    }

    @Test
    void reproduceCommandsCarryANonStandardBudget() throws IOException {
        String page = read("claims/R-ROUND.html");
        assertThat(page).contains("./mvnw verify -Dsaddlecheck.claims=R-ROUND -Dsaddlecheck.seed=5 -Dsaddlecheck.budget=quick")
                .contains("java -jar target/saddlecheck.jar check --claim R-ROUND --seed 5 --budget quick</pre>")
                .contains("target/reports-subset/");
    }
}
