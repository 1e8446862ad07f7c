package org.saddlecheck.experiment;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.saddlecheck.util.Require;

/**
 * File output shared by the paper experiments: atomic writes (a temporary file in the target's directory, then
 * {@code Files.move(ATOMIC_MOVE, REPLACE_EXISTING)}), pretty-printed JSON (non-finite numbers become JSON null, since
 * JSON has no infinity), CSV number formatting. Writes happen once per experiment, so nothing here is hot.
 */
public final class ExperimentOutput {
    private ExperimentOutput() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A fresh JSON object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A double as a JSON number, or null where it is not finite (e.g. a quantile that was never reached). */
    public static JsonNode number(double v) {
        return Double.isFinite(v) ? JsonNodeFactory.instance.numberNode(v) : JsonNodeFactory.instance.nullNode();
    }

    /** Pretty JSON text (two-space indent, LF line ends, final newline). */
    public static String json(JsonNode node) {
        Require.notNull("node", node);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes text (UTF-8) to file atomically: readers see either the old file or the complete new one. The
     * directory is created if needed. Falls back to a plain replacing move only where the file system has no
     * atomic move.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        Require.notNull("file", file);
        Require.notNull("text", text);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.write(tmp, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Appends the CSV rows {@code key,iteration,mean,q10,q50,q90} of one band, one per recorded iteration; key holds the
     * leading columns (already joined by commas).
     */
    static void appendBandRows(StringBuilder b, String key, int[] iterations, TrialStats.Band band) {
        for (int j = 0; j < iterations.length; j++) {
            b.append(key).append(',').append(iterations[j]).append(',')
                    .append(cell(band.mean()[j])).append(',').append(cell(band.q10()[j])).append(',')
                    .append(cell(band.q50()[j])).append(',').append(cell(band.q90()[j])).append('\n');
        }
    }

    /** Writes DIR/name.csv and then DIR/name.json (each atomically). */
    static void writeCsvAndJson(Path dir, String name, String csv, JsonNode json) throws IOException {
        writeAtomically(dir.resolve(name + ".csv"), csv);
        writeAtomically(dir.resolve(name + ".json"), json(json));
    }

    /** A parameter value as plain decimal text without trailing zeros: 0.0001 → "0.0001", 0.01 → "0.01", 20.0 → "20". */
    public static String plain(double v) {
        Require.finite("v", v);
        String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** A CSV cell: full precision (Double.toString), empty for NaN. */
    public static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
