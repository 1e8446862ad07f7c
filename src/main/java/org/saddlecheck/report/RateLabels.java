package org.saddlecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Axis titles of a claim's rate chart. In order: {@code details.rateXLabel} / {@code details.rateYLabel}; the
 * curves titles {@code details.curvesXLabel} / {@code curvesYLabel} when the claim draws no curves chart (they
 * then describe its x/y series); the name of the details field that holds the same numbers as the series (e.g.
 * {@code instances[].eta} gives "η", {@code fits[1].q95} gives "q95"); and finally a description built from the
 * exponent ("sweep parameter", "statistic (predicted ∝ x^0.3333)"). Never the bare placeholder "x"/"y".
 */
final class RateLabels {
    private RateLabels() {}

    /** Depth to which {@code details} is searched for a field matching a series. */
    private static final int MAX_DEPTH = 5;

    /** Resolved axis titles. */
    record Labels(String x, String y) {}

    static Labels of(ObjectNode details, double[] xs, double[] ys, ExponentData e) {
        String x = text(details, "rateXLabel");
        String y = text(details, "rateYLabel");
        boolean curvesChart = details.has("curvesCsv") || details.has("curves");
        if (!curvesChart) {
            if (x.isEmpty()) x = text(details, "curvesXLabel");
            if (y.isEmpty()) y = text(details, "curvesYLabel");
        }
        if (x.isEmpty()) x = pretty(matchingField(details, xs));
        if (y.isEmpty()) y = pretty(matchingField(details, ys));
        if (x.isEmpty()) x = "sweep parameter";
        if (y.isEmpty()) {
            y = "statistic";
            String var = x.equals("sweep parameter") ? "x" : x;
            if (e != null && Double.isFinite(e.predicted())) y += " (predicted ∝ " + var + "^" + Html.num(e.predicted()) + ")";
        }
        return new Labels(x, y);
    }

    private static String text(ObjectNode details, String key) {
        return ResultsReader.text(details.path(key)).strip();
    }

    /**
     * The name of the first field (depth-first, document order) of {@code details} whose numbers contain every
     * finite value of {@code series} (relative tolerance 1e-9; at least two values): a numeric array field, or a
     * numeric column of an array of objects. Empty when none.
     */
    static String matchingField(JsonNode details, double[] series) {
        if (series == null) return "";
        List<Double> want = new ArrayList<>();
        for (double v : series) if (Double.isFinite(v)) want.add(v);
        if (want.size() < 2) return "";
        String[] found = {""};
        search(details, want, 0, found);
        return found[0];
    }

    private static void search(JsonNode node, List<Double> want, int depth, String[] found) {
        if (depth > MAX_DEPTH || !found[0].isEmpty()) return;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (skipped(f.getKey())) continue;
                JsonNode v = f.getValue();
                if (v.isArray() && containsAll(numbers(v), want)) {
                    found[0] = f.getKey();
                    return;
                }
                if (v.isArray() && !v.isEmpty() && allObjects(v)) {
                    for (String col : columns(v)) {
                        List<Double> vals = new ArrayList<>();
                        for (JsonNode row : v) {
                            JsonNode cell = row.get(col);
                            if (cell != null && cell.isNumber()) vals.add(cell.doubleValue());
                        }
                        if (containsAll(vals, want)) {
                            found[0] = col;
                            return;
                        }
                    }
                }
                search(v, want, depth + 1, found);
                if (!found[0].isEmpty()) return;
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                search(e, want, depth + 1, found);
                if (!found[0].isEmpty()) return;
            }
        }
    }

    private static boolean skipped(String key) {
        return key.startsWith("curves") || key.startsWith("rate") && key.endsWith("Label");
    }

    private static boolean allObjects(JsonNode a) {
        for (JsonNode e : a) if (!e.isObject()) return false;
        return true;
    }

    private static List<String> columns(JsonNode a) {
        List<String> cols = new ArrayList<>();
        for (JsonNode e : a) for (Map.Entry<String, JsonNode> f : e.properties()) if (!cols.contains(f.getKey())) cols.add(f.getKey());
        return cols;
    }

    private static List<Double> numbers(JsonNode a) {
        List<Double> out = new ArrayList<>();
        for (JsonNode e : a) if (e.isNumber()) out.add(e.doubleValue());
        return out;
    }

    private static boolean containsAll(List<Double> have, List<Double> want) {
        if (have.size() < want.size()) return false;
        for (double w : want) {
            boolean hit = false;
            for (double h : have) {
                if (Math.abs(h - w) <= 1e-9 * Math.max(Math.abs(h), Math.abs(w))) {
                    hit = true;
                    break;
                }
            }
            if (!hit) return false;
        }
        return true;
    }

    /** A field name as an axis title: ASCII names of Greek letters as the letter ("eta" → "η"), "d" → "dimension d". */
    static String pretty(String key) {
        if (key.isEmpty()) return key;
        String g = switch (key) {
            case "alpha" -> "α";
            case "beta" -> "β";
            case "delta" -> "δ";
            case "eps", "epsilon" -> "ε";
            case "eta" -> "η";
            case "kappa" -> "κ";
            case "lambda" -> "λ";
            case "rho" -> "ρ";
            case "sigma" -> "σ";
            case "tau" -> "τ";
            case "d" -> "dimension d";
            default -> null;
        };
        return g == null ? key : g;
    }
}
