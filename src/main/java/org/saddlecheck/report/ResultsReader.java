package org.saddlecheck.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saddlecheck.util.Require;

/**
 * Reads a claims.json results file (the format the claim engine writes to {@code target/claims/claims.json})
 * into {@link RunResults}. The reader is lenient about values and strict about structure:
 * <ul>
 *   <li>numbers may be JSON numbers, JSON {@code null}, the non-standard tokens {@code NaN}/{@code Infinity} or
 *       strings such as {@code "NaN"} (what Jackson writes for non-finite doubles); null and unparsable values
 *       become {@code NaN};</li>
 *   <li>unknown fields are ignored, missing strings become empty;</li>
 *   <li>the top level must be an object, {@code claims} must be an array of objects and every claim needs a
 *       non-blank {@code id}, otherwise an {@link IllegalArgumentException} names the offending field.</li>
 * </ul>
 */
public final class ResultsReader {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private ResultsReader() {}

    /**
     * Reads one results file.
     *
     * @throws IllegalArgumentException if the file does not exist, is not JSON, or is not shaped like claims.json
     * @throws IOException              if reading fails
     */
    public static RunResults read(Path file) throws IOException {
        Require.notNull("resultsFile", file);
        Path abs = file.toAbsolutePath().normalize();
        Require.that(Files.isRegularFile(abs), "resultsFile", file, "an existing claims.json file");
        JsonNode root;
        try {
            root = MAPPER.readTree(abs.toFile());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("resultsFile = " + file + " is not allowed: resultsFile must be valid "
                    + "JSON (" + e.getOriginalMessage() + ")", e);
        }
        return parse(root, abs);
    }

    /** Parses an already-read JSON tree; {@code source} is recorded in the result only. */
    public static RunResults parse(JsonNode root, Path source) {
        Require.notNull("root", root);
        Require.notNull("source", source);
        Require.that(root.isObject(), "root", root.getNodeType(), "a JSON object with a \"claims\" array");
        JsonNode claimsNode = root.path("claims");
        Require.that(claimsNode.isArray(), "claims", claimsNode.isMissingNode() ? "missing" : claimsNode.getNodeType(),
                "an array of claim objects");
        List<ClaimRecord> claims = new ArrayList<>();
        for (int i = 0; i < claimsNode.size(); i++) {
            claims.add(parseClaim(claimsNode.get(i), i));
        }
        Long threads = integer(root.path("threads"));
        return new RunResults(source, integer(root.path("masterSeed")), text(root.path("gitCommit")),
                text(root.path("budget")), text(root.path("jdk")), text(root.path("cpu")),
                threads == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, threads)),
                text(root.path("backend")), text(root.path("startedAt")), number(root.path("durationMs")), claims);
    }

    private static ClaimRecord parseClaim(JsonNode c, int index) {
        String where = "claims[" + index + "]";
        Require.that(c != null && c.isObject(), where, c == null ? "null" : c.getNodeType(), "a JSON object");
        String id = text(c.path("id")).strip();
        Require.that(!id.isEmpty(), where + ".id", c.path("id").isMissingNode() ? "missing" : "\"" + id + "\"",
                "a non-blank string");
        JsonNode d = c.path("details");
        ObjectNode details;
        if (d.isObject()) {
            details = ((ObjectNode) d).deepCopy();
        } else {
            details = JsonNodeFactory.instance.objectNode();
            if (!d.isMissingNode() && !d.isNull()) details.set("value", d.deepCopy());
        }
        return new ClaimRecord(id, text(c.path("title")), text(c.path("source")), kind(text(c.path("kind"))),
                verdict(text(c.path("verdict"))), integer(c.path("trials")), integer(c.path("seed")),
                number(c.path("falseFailureRate")), number(c.path("durationMs")), text(c.path("statement")),
                text(c.path("bound")), text(c.path("proofNote")).strip(), text(c.path("evidence")), details,
                tightness(c.path("tightness")), exponent(c.path("exponent")),
                java.util.Collections.unmodifiableMap(series(c.path("series"))), c.deepCopy());
    }

    /** Normalises a verdict label: upper case, '_' and blanks become '-'; empty becomes "UNKNOWN". */
    static String verdict(String v) {
        String s = v.strip().toUpperCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return s.isEmpty() ? "UNKNOWN" : s;
    }

    /** Normalises a kind label: lower case, '_' and blanks become '-'. */
    static String kind(String k) {
        return k.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    }

    private static TightnessData tightness(JsonNode t) {
        if (!t.isObject()) return null;
        return new TightnessData(number(t.path("min")), number(t.path("median")), number(t.path("max")),
                text(t.path("worst")));
    }

    private static ExponentData exponent(JsonNode e) {
        if (!e.isObject()) return null;
        return new ExponentData(number(e.path("fitted")), number(e.path("ciLow")), number(e.path("ciHigh")),
                number(e.path("predicted")), text(e.path("rule")));
    }

    private static Map<String, double[]> series(JsonNode s) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (!s.isObject()) return out;
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                double[] a = new double[v.size()];
                for (int i = 0; i < a.length; i++) a[i] = number(v.get(i));
                out.put(e.getKey(), a);
            } else if (v.isNumber() || v.isTextual()) {
                out.put(e.getKey(), new double[] {number(v)});
            }
        }
        return out;
    }

    /** A JSON value as a double: numbers as is; strings parsed ("NaN", "Infinity", "1e-3"); anything else NaN. */
    static double number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) {
            String s = n.asText().strip();
            if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("+inf")) return Double.POSITIVE_INFINITY;
            if (s.equalsIgnoreCase("-inf")) return Double.NEGATIVE_INFINITY;
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A JSON value as a long, or null when absent, null or not integral. */
    static Long integer(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return null;
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isNumber()) {
            double v = n.doubleValue();
            return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 9.0e18 ? (long) v : null;
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A JSON value as display text: strings as is, other scalars in their JSON form, absent/null empty. */
    static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return "";
        if (n.isTextual()) return n.asText();
        if (n.isValueNode()) return n.asText();
        return n.toString();
    }
}
