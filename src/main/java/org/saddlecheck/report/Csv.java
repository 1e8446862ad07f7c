package org.saddlecheck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Minimal RFC 4180 CSV reading and writing for the experiment files and the charts' data downloads.
 * Hand-written because the project's dependency set has no CSV library and the format needed is tiny:
 * comma separator, optional double quotes with "" escapes, CRLF or LF line ends, first row = header.
 */
final class Csv {
    private Csv() {}

    /** A parsed CSV file: header names and rows (each row padded/truncated to the header's width). */
    record Table(List<String> header, List<String[]> rows) {
        int column(String name) {
            for (int i = 0; i < header.size(); i++) if (header.get(i).strip().equals(name)) return i;
            return -1;
        }
    }

    static Table read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Table parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> { quoted = true; any = true; }
                case ',' -> { record.add(field.toString()); field.setLength(0); any = true; }
                case '\r' -> { /* handled with \n */ }
                case '\n' -> {
                    if (any || field.length() > 0) {
                        record.add(field.toString());
                        records.add(record);
                    }
                    record = new ArrayList<>();
                    field.setLength(0);
                    any = false;
                }
                default -> { field.append(c); any = true; }
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        if (records.isEmpty()) return new Table(List.of(), List.of());
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) header.add(h.strip());
        List<String[]> rows = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            String[] row = new String[header.size()];
            for (int k = 0; k < row.length; k++) row[k] = k < rec.size() ? rec.get(k) : "";
            rows.add(row);
        }
        return new Table(List.copyOf(header), rows);
    }

    /** A cell as a double; empty, "NaN", "null", "NA", "nan" and unparsable cells are NaN. */
    static double number(String cell) {
        if (cell == null) return Double.NaN;
        String s = cell.strip();
        if (s.isEmpty()) return Double.NaN;
        String l = s.toLowerCase(Locale.ROOT);
        if (l.equals("inf") || l.equals("+inf") || l.equals("infinity")) return Double.POSITIVE_INFINITY;
        if (l.equals("-inf") || l.equals("-infinity")) return Double.NEGATIVE_INFINITY;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Quotes a field when needed. */
    static String field(String s) {
        if (s == null) return "";
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** A double as CSV text: full precision, empty for NaN. */
    static String field(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** Builds CSV text line by line (LF line ends). */
    static final class Writer {
        private final StringBuilder b = new StringBuilder();

        Writer row(Object... cells) {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) b.append(',');
                Object c = cells[i];
                if (c instanceof Double d) b.append(field(d));
                else if (c instanceof Float f) b.append(field(f.doubleValue()));
                else b.append(field(c == null ? "" : c.toString()));
            }
            b.append('\n');
            return this;
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
