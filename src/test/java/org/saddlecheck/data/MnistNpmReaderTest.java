package org.saddlecheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.problem.Dataset;

class MnistNpmReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTenDigitFiles() throws IOException {
        IdxFiles.npmDigits(dir, 2);
        assertThat(MnistNpmReader.looksLikeDigitsDir(dir)).isTrue();
        Dataset d = MnistNpmReader.read(dir, "tiny digits");
        assertThat(d.name()).isEqualTo("tiny digits");
        assertThat(d.n()).isEqualTo(20);
        assertThat(d.p()).isEqualTo(784);
        assertThat(d.classes()).isEqualTo(10);
        for (int i = 0; i < 20; i++) {
            int digit = i / 2, m = i % 2;
            assertThat(d.labels()[i]).as("label %d", i).isEqualTo(digit);
            assertThat(d.feature(i, 0)).isEqualTo((digit + m) / 20.0);
            assertThat(d.feature(i, 783)).isEqualTo((digit + m) / 20.0);
        }
    }

    @Test
    void readsThePackageVersion() throws IOException {
        Path digits = dir.resolve("package/src/digits");
        IdxFiles.npmDigits(digits, 1);
        assertThat(MnistNpmReader.packageVersion(digits)).isNull();
        Files.writeString(dir.resolve("package/package.json"), "{\"name\": \"mnist\", \"version\": \"1.1.0\"}");
        assertThat(MnistNpmReader.packageVersion(digits)).isEqualTo("1.1.0");
    }

    @Test
    void missingFileNamesIt() throws IOException {
        IdxFiles.npmDigits(dir, 1);
        Files.delete(dir.resolve("7.json"));
        assertThat(MnistNpmReader.looksLikeDigitsDir(dir)).isFalse();
        assertThatThrownBy(() -> MnistNpmReader.read(dir, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("7.json").toString()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> MnistNpmReader.read(dir.resolve("absent"), "x")).hasMessageContaining("absent").hasMessageContaining("does not exist");
    }

    @Test
    void corruptContentNamesTheFile() throws IOException {
        IdxFiles.npmDigits(dir, 1);
        Path f = dir.resolve("3.json");
        String[][] cases = {
            {"{\"data\": [0.1, 0.2", "not valid JSON"},
            {"[1, 2, 3]", "does not hold a JSON object"},
            {"{\"pixels\": []}", "has no \"data\" array"},
            {"{\"data\": 5}", "not an array"},
            {"{\"data\": [0.5, 0.5, 0.5]}", "not a positive multiple of 784"},
            {"{\"data\": []}", "not a positive multiple of 784"},
            {"{\"data\": [0.5, \"x\"]}", "non-number"},
            {"{\"data\": [0.5, 1.5]}", "data[1] = 1.5, outside [0, 1]"},
            {"{\"data\": [-0.1]}", "outside [0, 1]"},
        };
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            assertThatThrownBy(() -> MnistNpmReader.read(dir, "x")).as(c[0]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining(c[1]);
        }
    }

    @Test
    void otherFieldsAreIgnored() throws IOException {
        IdxFiles.npmDigits(dir, 1);
        String one = Files.readString(dir.resolve("4.json"));
        Files.writeString(dir.resolve("4.json"), "{\"meta\": {\"a\": [1, 2]}, " + one.substring(1));
        assertThat(MnistNpmReader.read(dir, "x").n()).isEqualTo(10);
    }

    @Test
    void rejectsNullArguments() {
        assertThatThrownBy(() -> MnistNpmReader.read(null, "x")).hasMessageContaining("dir");
        assertThatThrownBy(() -> MnistNpmReader.read(dir, null)).hasMessageContaining("name");
    }
}
