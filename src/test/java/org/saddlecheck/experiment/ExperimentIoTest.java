package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentIoTest {

    @Test
    void atomicWriteCreatesDirectoriesAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a/b/x.csv");
        ExperimentIo.writeAtomically(f, "h\n1\n");
        ExperimentIo.writeAtomically(f, "h\n2\n");
        assertThat(Files.readString(f)).isEqualTo("h\n2\n");
        try (var s = Files.list(f.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("x.csv");
        }
    }

    @Test
    void jsonWritesNonFiniteNumbersAsStringsAndKeepsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1.5);
        m.put("a", Double.NaN);
        m.put("arr", new double[] {1, Double.POSITIVE_INFINITY});
        m.put("list", List.of(1, "x"));
        String j = ExperimentIo.toJson(m);
        assertThat(j).contains("\"z\" : 1.5").contains("\"a\" : \"NaN\"").contains("\"Infinity\"");
        assertThat(j.indexOf("\"z\"")).isLessThan(j.indexOf("\"a\""));
        assertThat(j).endsWith("\n");
    }

    @Test
    void csvFormatsNumbersAndRejectsBadRows() {
        ExperimentIo.Csv c = new ExperimentIo.Csv("a", "b");
        c.row(1.0, 0.25).row("x", 3L);
        assertThat(c.toString()).isEqualTo("a,b\n1,0.25\nx,3\n");
        assertThat(c.rows()).isEqualTo(2);
        assertThatThrownBy(() -> c.row(1.0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells.length = 1");
        assertThatThrownBy(() -> c.row("a,b", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cell = a,b");
        assertThatThrownBy(ExperimentIo.Csv::new).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header.length");
        assertThat(ExperimentIo.num(1e-4)).isEqualTo("1.0e-4");
        assertThat(ExperimentIo.num(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void defaultDirectoryFollowsTheBaseDirProperty() {
        String old = System.getProperty("saddlecheck.basedir");
        try {
            System.setProperty("saddlecheck.basedir", "/tmp/projroot");
            assertThat(ExperimentIo.defaultDir("octopus")).isEqualTo(Path.of("/tmp/projroot/target/experiments/octopus"));
            System.clearProperty("saddlecheck.basedir");
            assertThat(ExperimentIo.defaultDir("octopus")).isEqualTo(Path.of("target/experiments/octopus"));
        } finally {
            if (old != null) System.setProperty("saddlecheck.basedir", old);
            else System.clearProperty("saddlecheck.basedir");
        }
        assertThatThrownBy(() -> ExperimentIo.defaultDir(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeedSource.of(1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
