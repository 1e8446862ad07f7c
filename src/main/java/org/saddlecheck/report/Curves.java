package org.saddlecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "curves" contract between reproduction claims and the report (documented in {@code package-info}):
 * a claim's {@code details} names a long-format CSV written by an experiment, and the report draws one line
 * chart from it, one line per group, with an optional band.
 */
final class Curves {
    private Curves() {}

    /** A horizontal reference line drawn on a curves chart. */
    record RefLine(double value, String label) {}

    /**
     * One curves chart request.
     *
     * @param csv      path of the CSV (see {@link ExperimentFiles} for how it is resolved)
     * @param x        column for the horizontal axis
     * @param y        column for the line (e.g. the mean)
     * @param group    key columns; each distinct combination of their values is one line (empty: one line)
     * @param bandLow  column of the band's lower edge, or null for no band
     * @param bandHigh column of the band's upper edge, or null for no band
     * @param filter   keep only rows whose column value is one of the listed values (string or numeric equality)
     */
    record Spec(String csv, String x, String y, List<String> group, String bandLow, String bandHigh, String xLabel,
                String yLabel, String title, boolean logX, boolean logY, Map<String, List<String>> filter,
                List<RefLine> refLines) {}

    /** One drawn line: its label, group values and points sorted by x (band edges NaN where absent). */
    record Line(String label, List<String> key, double[] x, double[] y, double[] low, double[] high) {}

    /** Reads the chart requests of a claim: the {@code curvesCsv} shorthand and the {@code curves} array. */
    static List<Spec> specs(ObjectNode details, List<String> problems) {
        List<Spec> out = new ArrayList<>();
        if (details.has("curvesCsv")) {
            ObjectNode o = details.objectNode();
            String[][] keys = {{"curvesCsv", "csv"}, {"curvesX", "x"}, {"curvesY", "y"}, {"curvesGroup", "group"},
                {"curvesBand", "band"}, {"curvesXLabel", "xLabel"}, {"curvesYLabel", "yLabel"},
                {"curvesTitle", "title"}, {"curvesLogX", "logX"}, {"curvesLogY", "logY"},
                {"curvesFilter", "filter"}, {"curvesRefLines", "refLines"}};
            for (String[] k : keys) if (details.has(k[0])) o.set(k[1], details.get(k[0]));
            Spec s = spec(o, "details.curvesCsv", problems);
            if (s != null) out.add(s);
        }
        JsonNode arr = details.path("curves");
        if (arr.isArray()) {
            for (int i = 0; i < arr.size(); i++) {
                Spec s = spec(arr.get(i), "details.curves[" + i + "]", problems);
                if (s != null) out.add(s);
            }
        } else if (arr.isObject()) {
            Spec s = spec(arr, "details.curves", problems);
            if (s != null) out.add(s);
        }
        return out;
    }

    private static Spec spec(JsonNode o, String where, List<String> problems) {
        if (!o.isObject()) {
            problems.add(where + " is not an object; no chart drawn.");
            return null;
        }
        String csv = ResultsReader.text(o.path("csv")).strip();
        if (csv.isEmpty()) {
            problems.add(where + " names no CSV file; no chart drawn.");
            return null;
        }
        List<String> band = strings(o.path("band"));
        String low = null;
        String high = null;
        if (band.size() == 2) {
            low = band.get(0);
            high = band.get(1);
        } else if (!band.isEmpty()) {
            problems.add(where + ".band must list exactly two columns [lower, upper]; drawn without a band.");
        }
        Map<String, List<String>> filter = new LinkedHashMap<>();
        if (o.path("filter").isObject()) {
            for (Map.Entry<String, JsonNode> e : o.path("filter").properties()) {
                filter.put(e.getKey(), strings(e.getValue()));
            }
        }
        List<RefLine> refs = new ArrayList<>();
        for (JsonNode r : o.path("refLines")) {
            double v = ResultsReader.number(r.isObject() ? r.path("value") : r);
            if (Double.isFinite(v)) refs.add(new RefLine(v, r.isObject() ? ResultsReader.text(r.path("label")) : ""));
        }
        String x = or(ResultsReader.text(o.path("x")), "x");
        String y = or(ResultsReader.text(o.path("y")), "mean");
        return new Spec(csv, x, y, strings(o.path("group")), low, high, or(ResultsReader.text(o.path("xLabel")), x),
                or(ResultsReader.text(o.path("yLabel")), y), ResultsReader.text(o.path("title")),
                o.path("logX").asBoolean(false), o.path("logY").asBoolean(false), filter, refs);
    }

    private static String or(String s, String dflt) {
        return s == null || s.isBlank() ? dflt : s.strip();
    }

    /** A string or an array of strings (numbers allowed) as a list. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) if (e.isValueNode() && !e.isNull()) out.add(e.asText().strip());
        } else if (n.isValueNode() && !n.isNull() && !n.asText().isBlank()) {
            out.add(n.asText().strip());
        }
        return out;
    }

    /**
     * Groups a table into lines. Missing columns are reported in {@code problems} and give no lines; rows
     * whose x or y is missing/non-finite are skipped (counted in problems); band cells that are missing fall
     * back to the line's value.
     */
    static List<Line> lines(Spec spec, Csv.Table table, List<String> problems) {
        List<String> missing = new ArrayList<>();
        int xi = col(table, spec.x(), missing);
        int yi = col(table, spec.y(), missing);
        int li = spec.bandLow() == null ? -2 : col(table, spec.bandLow(), missing);
        int hi = spec.bandHigh() == null ? -2 : col(table, spec.bandHigh(), missing);
        int[] gi = new int[spec.group().size()];
        for (int k = 0; k < gi.length; k++) gi[k] = col(table, spec.group().get(k), missing);
        Map<Integer, List<String>> filters = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> f : spec.filter().entrySet()) {
            filters.put(col(table, f.getKey(), missing), f.getValue());
        }
        if (!missing.isEmpty()) {
            problems.add("Column(s) " + missing + " not found in " + spec.csv() + " (columns: " + table.header()
                    + "); no chart drawn.");
            return List.of();
        }
        Map<List<String>, List<double[]>> groups = new LinkedHashMap<>();
        int skipped = 0;
        for (String[] row : table.rows()) {
            if (!passes(row, filters)) continue;
            double x = Csv.number(row[xi]);
            double y = Csv.number(row[yi]);
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                skipped++;
                continue;
            }
            double lo = li >= 0 ? Csv.number(row[li]) : Double.NaN;
            double up = hi >= 0 ? Csv.number(row[hi]) : Double.NaN;
            List<String> key = new ArrayList<>(gi.length);
            for (int g : gi) key.add(row[g].strip());
            groups.computeIfAbsent(List.copyOf(key), k -> new ArrayList<>()).add(new double[] {x, y, lo, up});
        }
        if (skipped > 0) problems.add(skipped + " row(s) of " + spec.csv() + " with a missing or non-finite "
                + spec.x() + "/" + spec.y() + " were skipped.");
        List<Line> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<double[]>> g : groups.entrySet()) {
            List<double[]> pts = g.getValue();
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            int n = pts.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] up = new double[n];
            for (int i = 0; i < n; i++) {
                double[] p = pts.get(i);
                x[i] = p[0];
                y[i] = p[1];
                lo[i] = p[2];
                up[i] = p[3];
            }
            out.add(new Line(label(spec.group(), g.getKey()), g.getKey(), x, y, lo, up));
        }
        return out;
    }

    /** "SGD, eta=0.01": non-numeric values bare, numeric ones as name=value. */
    static String label(List<String> names, List<String> values) {
        if (names.isEmpty()) return "all rows";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(", ");
            String v = values.get(i);
            if (Double.isNaN(Csv.number(v))) b.append(v.isEmpty() ? names.get(i) + "=(empty)" : v);
            else b.append(names.get(i)).append('=').append(v);
        }
        return b.toString();
    }

    private static boolean passes(String[] row, Map<Integer, List<String>> filters) {
        for (Map.Entry<Integer, List<String>> f : filters.entrySet()) {
            String v = row[f.getKey()].strip();
            boolean ok = false;
            for (String allowed : f.getValue()) {
                double a = Csv.number(allowed);
                double b = Csv.number(v);
                if (allowed.equals(v) || (!Double.isNaN(a) && a == b)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) return false;
        }
        return true;
    }

    private static int col(Csv.Table t, String name, List<String> missing) {
        int i = t.column(name);
        if (i < 0) missing.add(name);
        return i;
    }
}
