package org.saddlecheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {
    @TempDir
    Path tmp;

    private RunResults read(String json) throws IOException {
        return ResultsReader.read(Files.writeString(tmp.resolve("c.json"), json));
    }

    @Test
    void readsHeaderAndClaimsWithNaNsAndNulls(@TempDir Path root) throws IOException {
        ReportFixtures.Project p = ReportFixtures.create(root);
        RunResults r = ResultsReader.read(p.shard1());
        assertThat(r.masterSeed()).isEqualTo(20190126L);
        assertThat(r.gitCommit()).isEqualTo("abc123");
        assertThat(r.threads()).isEqualTo(2);
        assertThat(r.durationMs()).isEqualTo(123456.0);
        assertThat(r.claims()).hasSize(8);
        ClaimRecord t41 = r.claims().get(0);
        assertThat(t41.seed()).isEqualTo(-123456789L);
        assertThat(t41.tightness()).isEqualTo(new TightnessData(0.4, 0.6, 0.9, "d=3, eta=1e-4, straight line"));
        assertThat(t41.exponent()).isNull();
        assertThat(t41.series("ratios")).hasSize(10);
        assertThat(t41.series("ratios")[2]).isNaN();
        assertThat(t41.series("ratios")[4]).isNaN();
        ClaimRecord t44 = r.claims().get(4);
        assertThat(t44.trials()).isNull();
        assertThat(t44.seed()).isNull();
        assertThat(t44.falseFailureRate()).isNaN();
        assertThat(t44.durationMs()).isNaN();
        assertThat(t44.exponent().fitted()).isNaN(); // bare NaN token
        assertThat(t44.exponent().ciHigh()).isNaN(); // "NaN" string
        assertThat(t44.exponent().predicted()).isEqualTo(-5.0);
        assertThat(t44.tightness().max()).isNaN();
        assertThat(t44.verdictRank()).isEqualTo(2);
    }

    @Test
    void normalisesLabelsAndToleratesMissingFields() throws IOException {
        RunResults r = read("{\"claims\":[{\"id\":\" A \",\"verdict\":\"known_inconsistency\",\"kind\":\"HIGH_PROBABILITY\","
                + "\"details\":[1,2],\"series\":{\"s\":3,\"t\":[1,\"x\",null]},\"trials\":\"12\",\"durationMs\":\"Infinity\"}]}");
        assertThat(r.masterSeed()).isNull();
        assertThat(r.gitCommit()).isEmpty();
        assertThat(r.durationMs()).isNaN();
        ClaimRecord c = r.claims().get(0);
        assertThat(c.id()).isEqualTo("A");
        assertThat(c.verdict()).isEqualTo("KNOWN-INCONSISTENCY");
        assertThat(c.kind()).isEqualTo("high-probability");
        assertThat(c.details().get("value").toString()).isEqualTo("[1,2]");
        assertThat(c.series("s")).containsExactly(3.0);
        assertThat(c.series("t")[0]).isEqualTo(1.0);
        assertThat(c.series("t")[1]).isNaN();
        assertThat(c.trials()).isEqualTo(12L);
        assertThat(c.durationMs()).isInfinite();
        assertThat(c.title()).isEmpty();
        assertThat(read("{\"claims\":[{\"id\":\"B\"}]}").claims().get(0).verdict()).isEqualTo("UNKNOWN");
    }

    @Test
    void rejectsMalformedFiles() throws IOException {
        assertThatThrownBy(() -> read("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resultsFile").hasMessageContaining("valid JSON");
        assertThatThrownBy(() -> read("[1,2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("root = ARRAY");
        assertThatThrownBy(() -> read("{\"masterSeed\":1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claims = missing");
        assertThatThrownBy(() -> read("{\"claims\":{}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claims = OBJECT");
        assertThatThrownBy(() -> read("{\"claims\":[1]}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claims[0] = NUMBER");
        assertThatThrownBy(() -> read("{\"claims\":[{\"id\":\"ok\"},{\"title\":\"no id\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims[1].id = missing");
        assertThatThrownBy(() -> read("{\"claims\":[{\"id\":\"  \"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("claims[0].id");
        assertThatThrownBy(() -> ResultsReader.read(tmp.resolve("none.json"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("none.json");
        assertThatThrownBy(() -> ResultsReader.read(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resultsFile is null");
        assertThatThrownBy(() -> MergedResults.merge(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shards");
    }
}
