package org.saddlecheck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "gzip = {0}")
    @ValueSource(booleans = {false, true})
    void readsImagesAndLabelsGzippedOrRaw(boolean gzip) throws IOException {
        Path im = IdxFiles.write(dir.resolve("im"), IdxFiles.images(3, 2, 4), gzip);
        Path lb = IdxFiles.write(dir.resolve("lb"), IdxFiles.labels(3), gzip);
        IdxReader.Images images = IdxReader.readImages(im);
        assertThat(images.n()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.cols()).isEqualTo(4);
        assertThat(images.size()).isEqualTo(8);
        assertThat(images.pixels()[1 * 8 + 5] & 0xff).isEqualTo(7 + 15);
        assertThat(images.value(2, 7)).isEqualTo((14 + 21) / 255.0);
        assertThat(IdxReader.readLabels(lb)).containsExactly(0, 1, 2);
    }

    @Test
    void pixelValuesAbove127AreUnsigned() throws IOException {
        byte[] px = {(byte) 255, (byte) 128, 0, 1};
        Path im = IdxFiles.write(dir.resolve("im"), IdxFiles.idx(0x803, new int[] {1, 2, 2}, px), false);
        IdxReader.Images images = IdxReader.readImages(im);
        assertThat(images.value(0, 0)).isEqualTo(1.0);
        assertThat(images.value(0, 1)).isEqualTo(128 / 255.0);
    }

    @Test
    void badMagicNamesTheFile() throws IOException {
        Path lb = IdxFiles.write(dir.resolve("labels-as-images"), IdxFiles.labels(4), false);
        assertThatThrownBy(() -> IdxReader.readImages(lb)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(lb.toString()).hasMessageContaining("magic number 0x00000801").hasMessageContaining("0x00000803");
        Path junk = IdxFiles.write(dir.resolve("junk"), "hello world, not idx".getBytes(), false);
        assertThatThrownBy(() -> IdxReader.readLabels(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(junk.toString()).hasMessageContaining("not an IDX file");
        Path floats = IdxFiles.write(dir.resolve("floats"), IdxFiles.idx(0xD01, new int[] {1}, new byte[4]), false);
        assertThatThrownBy(() -> IdxReader.readLabels(floats)).hasMessageContaining("data type 0x0D is not supported");
    }

    @ParameterizedTest(name = "gzip = {0}")
    @ValueSource(booleans = {false, true})
    void truncatedFileNamesTheFile(boolean gzip) throws IOException {
        byte[] full = IdxFiles.images(3, 2, 2);
        Path im = IdxFiles.write(dir.resolve("short"), Arrays.copyOf(full, full.length - 1), gzip);
        assertThatThrownBy(() -> IdxReader.readImages(im)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(im.toString()).hasMessageContaining("truncated").hasMessageContaining("12 bytes");
        Path header = IdxFiles.write(dir.resolve("header"), Arrays.copyOf(full, 9), gzip);
        assertThatThrownBy(() -> IdxReader.readImages(header)).hasMessageContaining(header.toString())
                .hasMessageContaining("truncated inside its header");
        Path tiny = IdxFiles.write(dir.resolve("tiny"), new byte[] {0, 0}, gzip);
        assertThatThrownBy(() -> IdxReader.readLabels(tiny)).hasMessageContaining(tiny.toString()).hasMessageContaining("too short");
    }

    @Test
    void truncatedGzipStreamNamesTheFile() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 28, 28));
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.readImages(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("gzip");
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] full = IdxFiles.labels(3);
        Path lb = IdxFiles.write(dir.resolve("long"), Arrays.copyOf(full, full.length + 2), false);
        assertThatThrownBy(() -> IdxReader.readLabels(lb)).hasMessageContaining(lb.toString()).hasMessageContaining("2 trailing bytes");
    }

    @Test
    void nonPositiveDimensionIsRejected() throws IOException {
        Path im = IdxFiles.write(dir.resolve("zero"), IdxFiles.idx(0x803, new int[] {0, 28, 28}, new byte[0]), false);
        assertThatThrownBy(() -> IdxReader.readImages(im)).hasMessageContaining(im.toString()).hasMessageContaining("size 0");
        Path neg = IdxFiles.write(dir.resolve("neg"), IdxFiles.idx(0x801, new int[] {-1}, new byte[0]), false);
        assertThatThrownBy(() -> IdxReader.readLabels(neg)).hasMessageContaining("4294967295");
    }

    @Test
    void hugeDeclaredSizeIsRejectedBeforeAllocating() throws IOException {
        Path im = IdxFiles.write(dir.resolve("huge"), IdxFiles.idx(0x803, new int[] {100000, 1000, 1000}, new byte[8]), false);
        assertThatThrownBy(() -> IdxReader.readImages(im)).hasMessageContaining(im.toString()).hasMessageContaining("too large");
    }

    @Test
    void missingFileAndNullAreRejected() {
        Path none = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.readImages(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(none.toString()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> IdxReader.readLabels(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file");
    }
}
