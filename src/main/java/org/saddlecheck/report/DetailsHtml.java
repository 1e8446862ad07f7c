package org.saddlecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a claim's free-form {@code details} JSON as readable HTML: objects as key/value tables (also inside
 * table cells), arrays of objects as tables with one column per key, arrays of scalars inline (long ones folded
 * in a {@code <details>} element), deeper nesting as compact JSON. Numbers are shown with 4 significant digits
 * (the exact value in the tooltip; integers in full); the claim's JSON download keeps every digit.
 * {@link #details} leaves out the keys that only steer the report ({@link #isPlumbing}).
 */
final class DetailsHtml {
    private static final int MAX_DEPTH = 3;
    private static final int INLINE_ARRAY = 12;
    private static final int MAX_TABLE_ROWS = 200;

    private DetailsHtml() {}

    /** Key/value table of an object (an empty object gives an "empty" note). */
    static String table(JsonNode obj) {
        StringBuilder b = new StringBuilder();
        object(b, obj, 0, false);
        return b.toString();
    }

    /**
     * A claim's {@code details} as a key/value table without the report's plumbing keys (chart settings, the
     * assumptions already listed under the statement, experiment file references); a muted line says which
     * were left out.
     */
    static String details(JsonNode obj) {
        StringBuilder b = new StringBuilder();
        object(b, obj, 0, true);
        List<String> hidden = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) if (isPlumbing(e.getKey())) hidden.add(e.getKey());
        if (!hidden.isEmpty()) {
            b.append("<p class=\"muted plumbing\">Not shown: ").append(Html.esc(String.join(", ", hidden)))
                    .append(" (chart settings, assumptions and file references; in the claim's JSON).</p>");
        }
        return b.toString();
    }

    /**
     * Keys of {@code details} that steer the report rather than report a result: the curves contract
     * ({@code curves}, {@code curvesCsv}, {@code curvesX}, …), the rate axis titles ({@code rateXLabel},
     * {@code rateYLabel}), {@code experimentJson} (rendered as its own tables) and {@code assumptions} (listed
     * under the statement).
     */
    static boolean isPlumbing(String key) {
        return key.startsWith("curves") || key.equals("rateXLabel") || key.equals("rateYLabel")
                || key.equals("experimentJson") || key.equals("assumptions");
    }

    private static void object(StringBuilder b, JsonNode obj, int depth, boolean hidePlumbing) {
        List<Map.Entry<String, JsonNode>> shown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) if (!hidePlumbing || !isPlumbing(e.getKey())) shown.add(e);
        if (shown.isEmpty()) {
            b.append("<p class=\"muted\">(empty)</p>");
            return;
        }
        b.append("<table class=\"kv\"><tbody>");
        for (Map.Entry<String, JsonNode> e : shown) {
            b.append("<tr><th scope=\"row\">").append(Html.esc(e.getKey())).append("</th><td>");
            value(b, e.getValue(), depth + 1);
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static void value(StringBuilder b, JsonNode v, int depth) {
        if (v.isObject()) {
            if (depth > MAX_DEPTH) compact(b, v);
            else if (v.isEmpty()) b.append("{ }");
            else object(b, v, depth, false);
        } else if (v.isArray()) {
            array(b, v, depth);
        } else {
            scalar(b, v);
        }
    }

    private static void array(StringBuilder b, JsonNode a, int depth) {
        if (a.isEmpty()) {
            b.append("[ ]");
            return;
        }
        boolean allObjects = true;
        boolean allScalars = true;
        for (JsonNode e : a) {
            allObjects &= e.isObject();
            allScalars &= e.isValueNode();
        }
        if (allScalars) {
            if (a.size() <= INLINE_ARRAY) {
                b.append("<span class=\"arr\">[");
                scalars(b, a, a.size());
                b.append("]</span>");
            } else {
                b.append("<details><summary>").append(a.size()).append(" values: [");
                scalars(b, a, 6);
                b.append(", …]</summary><div class=\"arr\">[");
                scalars(b, a, a.size());
                b.append("]</div></details>");
            }
        } else if (allObjects && depth <= MAX_DEPTH) {
            Set<String> cols = new LinkedHashSet<>();
            for (JsonNode e : a) for (Map.Entry<String, JsonNode> f : e.properties()) cols.add(f.getKey());
            boolean fold = a.size() > 8;
            if (fold) b.append("<details><summary>").append(a.size()).append(" rows</summary>");
            b.append("<table class=\"sub\"><thead><tr>");
            for (String c : cols) b.append("<th scope=\"col\">").append(Html.esc(c)).append("</th>");
            b.append("</tr></thead><tbody>");
            int rows = 0;
            for (JsonNode e : a) {
                if (rows++ == MAX_TABLE_ROWS) {
                    b.append("<tr><td colspan=\"").append(cols.size()).append("\" class=\"muted\">… ")
                            .append(a.size() - MAX_TABLE_ROWS).append(" more rows (see the claim's JSON)</td></tr>");
                    break;
                }
                b.append("<tr>");
                for (String c : cols) {
                    b.append("<td>");
                    JsonNode cell = e.get(c);
                    if (cell == null) b.append("");
                    else if (cell.isValueNode()) scalar(b, cell);
                    else value(b, cell, depth + 1); // nested objects as small tables, not raw JSON
                    b.append("</td>");
                }
                b.append("</tr>");
            }
            b.append("</tbody></table>");
            if (fold) b.append("</details>");
        } else {
            compact(b, a);
        }
    }

    private static void scalars(StringBuilder b, JsonNode a, int count) {
        for (int i = 0; i < Math.min(count, a.size()); i++) {
            if (i > 0) b.append(", ");
            scalar(b, a.get(i));
        }
    }

    private static void scalar(StringBuilder b, JsonNode v) {
        if (v.isNull()) {
            b.append("<span class=\"muted\">null</span>");
        } else if (v.isNumber()) {
            double d = v.doubleValue();
            String full = v.asText();
            String shown = v.isIntegralNumber() ? full : Html.numHtml(d);
            // the exact value as a tooltip when the shown one is rounded (not for 854.0 shown as 854)
            if (!v.isIntegralNumber() && !Html.num(d).equals(full) && !(d == Math.rint(d) && Math.abs(d) < 1e15)) {
                b.append("<span class=\"num\" title=\"").append(Html.esc(full)).append("\">").append(shown).append("</span>");
            } else {
                b.append("<span class=\"num\">").append(shown).append("</span>");
            }
        } else if (v.isBoolean()) {
            b.append(v.asBoolean() ? "true" : "false");
        } else {
            b.append(Html.escLines(v.asText()));
        }
    }

    /** Compact JSON with numbers rounded like the rest of the page (4 significant digits). */
    private static void compact(StringBuilder b, JsonNode v) {
        StringBuilder j = new StringBuilder();
        rounded(j, v);
        String s = j.toString();
        if (s.length() > 400) {
            b.append("<details><summary><code>").append(Html.esc(s.substring(0, 120))).append(" …</code></summary><code class=\"json\">")
                    .append(Html.esc(s)).append("</code></details>");
        } else {
            b.append("<code class=\"json\">").append(Html.esc(s)).append("</code>");
        }
    }

    static void rounded(StringBuilder j, JsonNode v) {
        if (v.isObject()) {
            j.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!first) j.append(',');
                first = false;
                j.append(new com.fasterxml.jackson.databind.node.TextNode(e.getKey())).append(':');
                rounded(j, e.getValue());
            }
            j.append('}');
        } else if (v.isArray()) {
            j.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) j.append(',');
                rounded(j, v.get(i));
            }
            j.append(']');
        } else if (v.isNumber() && !v.isIntegralNumber()) {
            j.append(Html.num(v.doubleValue()));
        } else {
            j.append(v);
        }
    }
}
