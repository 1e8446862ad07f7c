package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of the small helpers: math text, numbers, CSV, curves grouping, names and links. */
class ReportPartsTest {
    @Test
    void mathTurnsScriptsIntoSubAndSup() {
        assertThat(Html.math("x_{t+1} = x_t − η A_t g_t")).isEqualTo("x<sub>t+1</sub> = x<sub>t</sub> − η A<sub>t</sub> g<sub>t</sub>");
        assertThat(Html.math("β^{t−i} g_i g_iᵀ, η^{2/3}, x^9, τ^-5")).isEqualTo(
                "β<sup>t−i</sup> g<sub>i</sub> g<sub>i</sub>ᵀ, η<sup>2/3</sup>, x<sup>9</sup>, τ<sup>-5</sup>");
        assertThat(Html.math("(G+εI)^{−1/2}_{k}")).isEqualTo("(G+εI)<sup>−1/2</sup><sub>k</sub>");
        assertThat(Html.math("e^{a_{i}}")).isEqualTo("e<sup>a<sub>i</sub></sup>");
        assertThat(Html.math("a <= b >= c != d -> e")).isEqualTo("a ≤ b ≥ c ≠ d → e");
        assertThat(Html.math("a < b & _x ^{y")).isEqualTo("a &lt; b &amp; _x ^{y");
        assertThat(Html.math("")).isEmpty();
    }

    @Test
    void numbersAndDurationsAreReadable() {
        assertThat(Html.num(Double.NaN)).isEqualTo("—");
        assertThat(Html.num(1200)).isEqualTo("1200");
        assertThat(Html.num(0.33333333)).isEqualTo("0.3333");
        assertThat(Html.num(1.2e-6)).isEqualTo("1.2e-06");
        assertThat(Html.num(-2.5e-7)).isEqualTo("-2.5e-07");
        assertThat(Html.num(2.5e7 + 0.5)).isEqualTo("2.5e07");
        assertThat(Html.num(Double.NEGATIVE_INFINITY)).isEqualTo("−∞");
        assertThat(Html.numHtml(1.2e-6)).isEqualTo("1.2 × 10<sup>−6</sup>");
        assertThat(Html.numHtml(1e-5)).isEqualTo("10<sup>−5</sup>");
        assertThat(Html.numHtml(-0.5)).isEqualTo("−0.5");
        assertThat(Html.duration(850)).isEqualTo("850 ms");
        assertThat(Html.duration(3456)).isEqualTo("3.46 s");
        assertThat(Html.duration(123456)).isEqualTo("2 min 03 s");
        assertThat(Html.duration(3_723_000)).isEqualTo("1 h 02 min");
        assertThat(Html.duration(Double.NaN)).isEqualTo("—");
        assertThat(Html.count(1234567L)).isEqualTo("1\u2009234\u2009567");
        assertThat(Html.esc("<a href='x'>&\"")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    }

    @Test
    void csvParsesQuotesAndWritesThemBack() {
        Csv.Table t = Csv.parse("\uFEFFa, b ,c\r\n1,\"x, \"\"y\"\"\",3\n4,5\n\n");
        assertThat(t.header()).containsExactly("a", "b", "c");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly("1", "x, \"y\"", "3");
        assertThat(t.rows().get(1)).containsExactly("4", "5", "");
        assertThat(t.column("b")).isEqualTo(1);
        assertThat(Csv.number(" NaN ")).isNaN();
        assertThat(Csv.number("null")).isNaN();
        assertThat(Csv.number("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(new Csv.Writer().row("a,b", 1.5, Double.NaN, "q\"").toString()).isEqualTo("\"a,b\",1.5,,\"q\"\"\"\n");
        assertThat(Csv.parse("").header()).isEmpty();
    }

    @Test
    void curvesGroupFilterAndReportMissingColumns() {
        Csv.Table t = Csv.parse("m,eta,t,mean,lo,hi\nA,0.1,2,5,4,6\nA,0.1,1,3,,4\nB,1,1,2,1,3\nB,1,2,nan,1,3\n");
        var details = ResultsReader.MAPPER.createObjectNode();
        details.put("curvesCsv", "f.csv").put("curvesX", "t");
        details.putArray("curvesGroup").add("m").add("eta");
        details.putArray("curvesBand").add("lo").add("hi");
        List<String> problems = new ArrayList<>();
        List<Curves.Spec> specs = Curves.specs(details, problems);
        assertThat(specs).hasSize(1);
        List<Curves.Line> lines = Curves.lines(specs.get(0), t, problems);
        assertThat(lines).extracting(Curves.Line::label).containsExactly("A, eta=0.1", "B, eta=1");
        assertThat(lines.get(0).x()).containsExactly(1.0, 2.0); // sorted by x
        assertThat(lines.get(0).low()[0]).isNaN();
        assertThat(lines.get(1).x()).containsExactly(1.0);
        assertThat(problems).singleElement().asString().contains("1 row(s)");

        var bad = ResultsReader.MAPPER.createObjectNode();
        bad.putArray("curves").add(ResultsReader.MAPPER.createObjectNode().put("csv", "f.csv").put("x", "nope")
                .set("filter", ResultsReader.MAPPER.createObjectNode().put("m", "B"))).add(3)
                .add(ResultsReader.MAPPER.createObjectNode().put("x", "t"));
        problems.clear();
        specs = Curves.specs(bad, problems);
        assertThat(specs).hasSize(1);
        assertThat(problems).hasSize(2);
        assertThat(Curves.lines(specs.get(0), t, problems)).isEmpty();
        assertThat(problems.get(2)).contains("[nope]").contains("not found");
    }

    @Test
    void fileNamesAndLinks() {
        assertThat(ReportGenerator.safe("STAIB-T4.1")).isEqualTo("STAIB-T4.1");
        assertThat(ReportGenerator.safe("a/b: c")).isEqualTo("a_b__c");
        assertThat(ReportGenerator.safe("..x")).isEqualTo("_.x");
        assertThat(ReportGenerator.safe("")).isEqualTo("_");
        Path root = Path.of("/proj").toAbsolutePath();
        assertThat(ReportGenerator.href(root.resolve("reports/claims"), root.resolve("proofs-notes/X.md")))
                .isEqualTo("../../proofs-notes/X.md");
        assertThat(ReportGenerator.href(root.resolve("reports"), root.resolve("target/pit reports/index.html")))
                .isEqualTo("../target/pit%20reports/index.html");
        assertThat(ReportGenerator.encode("a#b?c")).isEqualTo("a%23b%3Fc");
    }

    @Test
    void stemsAreUniqueIgnoringCase() {
        RunResults r = ResultsReader.parse(ResultsReader.MAPPER.createObjectNode().set("claims",
                ResultsReader.MAPPER.createArrayNode()
                        .add(ResultsReader.MAPPER.createObjectNode().put("id", "a/b"))
                        .add(ResultsReader.MAPPER.createObjectNode().put("id", "a:b"))
                        .add(ResultsReader.MAPPER.createObjectNode().put("id", "A_B"))), Path.of("x.json"));
        var stems = ReportGenerator.stems(MergedResults.merge(List.of(r)));
        assertThat(stems.values()).containsExactly("a_b", "a_b-2", "A_B-3");
    }

    @Test
    void largeInputsAreThinnedInTheSvgButKeptInTheCsv() {
        double[] ratios = new double[20_000];
        for (int i = 0; i < ratios.length; i++) ratios[i] = 1e-3 + i * 1e-5;
        ReportCharts.Chart c = ReportCharts.tightness("big", "BIG", ratios, new TightnessData(1e-3, 0.1, 0.2, "last"));
        assertThat(c.csv().lines().count()).isEqualTo(1 + 20_000);
        assertThat(c.svgDocument().length()).isLessThan(200_000);
        assertThat(c.svgDocument()).contains("worst 0.2");
        assertThat(ReportGeneratorTest.pathsWithData(c.svgDocument())).isGreaterThanOrEqualTo(1);
    }

    @Test
    void logTickLabelsArePlainText() {
        assertThat(ReportCharts.tickLabel(1e-5)).isEqualTo("10⁻⁵");
        assertThat(ReportCharts.tickLabel(1e12)).isEqualTo("10¹²");
        assertThat(ReportCharts.tickLabel(0.01)).isEqualTo("0.01");
        assertThat(ReportCharts.tickLabel(1000)).isEqualTo("1000");
        assertThat(ReportCharts.tickLabel(0.5)).isEqualTo("0.5");
        assertThat(ReportCharts.tickLabel(2e-5)).isEqualTo("2×10⁻⁵");
    }
}
