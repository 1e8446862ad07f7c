package org.saddlecheck.experiment;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saddlecheck.util.Require;

/**
 * Files the Jin experiments write (CLAIMS-HELPER.md "Results"): a long-format CSV for the report's curves chart and a
 * JSON summary of plain maps and lists, each written atomically through {@link ExperimentOutput#writeAtomically}, so
 * that a reader never sees a half-written file. (Non-finite numbers become the strings "NaN"/"Infinity" as in
 * claims.json; {@link ExperimentOutput#json} writes null instead, for Jackson trees.)
 *
 * <p>The default directory of experiment {@code NAME} is {@code target/experiments/NAME} under the project root,
 * which is {@code -Dsaddlecheck.basedir} when set (the verify run sets it) and the working directory otherwise.
 */
public final class ExperimentIo {
    private ExperimentIo() {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code <basedir>/target/experiments/<name>}. */
    public static Path defaultDir(String name) {
        Require.notNull("name", name);
        String base = System.getProperty("saddlecheck.basedir", "").trim();
        Path root = base.isEmpty() ? Path.of("") : Path.of(base);
        return root.resolve("target").resolve("experiments").resolve(name);
    }

    /**
     * Writes {@code content} (UTF-8) to {@code file} atomically ({@link ExperimentOutput#writeAtomically}: a temporary
     * file in the same directory, then an atomic move), creating the parent directories; I/O errors become
     * {@link UncheckedIOException} (a claim that cannot write its experiment files is a harness error).
     */
    public static void writeAtomically(Path file, String content) {
        try {
            ExperimentOutput.writeAtomically(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Pretty-printed JSON of a tree of maps, lists, arrays, records-free values (String, Number, Boolean, null).
     * Non-finite doubles become the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers), as in
     * claims.json. Line separator "\n", final newline.
     */
    public static String toJson(Object tree) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        DefaultIndenter ind = new DefaultIndenter("  ", "\n");
        pp.indentObjectsWith(ind);
        pp.indentArraysWith(ind);
        try {
            return MAPPER.writer(pp).writeValueAsString(sanitize(tree)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object sanitize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long) return v;
        if (v instanceof Double d) return Double.isFinite(d) ? d : d.toString();
        if (v instanceof Float f) return sanitize(f.doubleValue());
        if (v instanceof Number n) return n;
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), sanitize(e.getValue()));
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object o : it) out.add(sanitize(o));
            return out;
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(sanitize(Array.get(v, i)));
            return out;
        }
        return v.toString();
    }

    /** A CSV table built row by row (header first); numbers are written with {@link #num(double)}. */
    public static final class Csv {
        private final StringBuilder sb = new StringBuilder();
        private final int columns;
        private int rows;

        public Csv(String... header) {
            Require.that(header.length > 0, "header.length", header.length, "at least 1");
            this.columns = header.length;
            sb.append(String.join(",", header)).append('\n');
        }

        /** Appends one row; each cell is a String (written as is, must not contain ',' or newlines) or a Number. */
        public Csv row(Object... cells) {
            Require.that(cells.length == columns, "cells.length", cells.length, "equal to the header length " + columns);
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) sb.append(',');
                Object c = cells[i];
                if (c instanceof Double d) sb.append(num(d));
                else if (c instanceof Float f) sb.append(num(f));
                else if (c instanceof String s) {
                    Require.that(s.indexOf(',') < 0 && s.indexOf('\n') < 0, "cell", s, "free of ',' and newlines");
                    sb.append(s);
                } else sb.append(c);
            }
            sb.append('\n');
            rows++;
            return this;
        }

        public int rows() {
            return rows;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /** Shortest round-trip decimal of a double; "NaN"/"Infinity" for non-finite values; integers without ".0". */
    public static String num(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }
}
