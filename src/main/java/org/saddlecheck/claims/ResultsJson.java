package org.saddlecheck.claims;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import org.saddlecheck.util.Require;

/**
 * Writes and reads target/claims/claims.json (Jackson tree model, so the layout is fully under our control).
 *
 * <p>Format decisions:
 * <ul>
 *   <li>Keys are written in a fixed order (top level: masterSeed, gitCommit, budget, backend, jdk, cpu,
 *       falseFailureBudget, statisticalTests, then the timing/environment fields threads, startedAt, durationMs,
 *       then claims; per claim the fixed order of {@link ClaimOutcome} with durationMs last). Maps in details keep
 *       their encounter order if they have one and are sorted by key otherwise; records are written as objects of
 *       their components in declaration order. Two pretty-printed runs of one seed are therefore byte-identical
 *       except for the lines of the timing fields {@code threads}, {@code startedAt}, {@code durationMs}
 *       ({@link #TIMING_FIELDS}); {@link #toJson(RunResults, boolean)} can leave them out.</li>
 *   <li>JSON has no NaN or infinity: non-finite doubles are written as the strings "NaN", "Infinity",
 *       "-Infinity" everywhere (numbers, arrays, details), and the reader turns those strings back into doubles
 *       where a double is expected (in free-form details they stay strings). Absent values (tightness of a
 *       non-bound, exponent of a non-rate, error of a normal claim) are JSON null.</li>
 *   <li>Line separator "\n", two-space indentation, a final newline, UTF-8.</li>
 *   <li>{@link #write} is atomic: a temporary file in the same directory, then {@code Files.move(ATOMIC_MOVE)}.</li>
 * </ul>
 */
public final class ResultsJson {
    private ResultsJson() {}

    /** Fields that may differ between two runs of the same seed (timing and thread count). */
    public static final List<String> TIMING_FIELDS = List.of("threads", "startedAt", "durationMs");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** claims.json text (with timing fields). */
    public static String toJson(RunResults r) {
        return toJson(r, true);
    }

    /** claims.json text; without timing fields when {@code withTiming} is false (for byte comparisons). */
    public static String toJson(RunResults r, boolean withTiming) {
        Require.notNull("results", r);
        ObjectNode root = F.objectNode();
        root.put("masterSeed", r.masterSeed());
        root.put("gitCommit", r.gitCommit());
        root.put("budget", r.budget());
        root.put("backend", r.backend());
        root.put("jdk", r.jdk());
        root.put("cpu", r.cpu());
        root.set("falseFailureBudget", num(r.falseFailureBudget()));
        root.put("statisticalTests", r.statisticalTests());
        if (withTiming) {
            root.put("threads", r.threads());
            root.put("startedAt", r.startedAt());
            root.put("durationMs", r.durationMs());
        }
        ArrayNode claims = root.putArray("claims");
        for (ClaimOutcome c : r.claims()) claims.add(claim(c, withTiming));
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
        DefaultIndenter ind = new DefaultIndenter("  ", "\n");
        pp.indentObjectsWith(ind);
        pp.indentArraysWith(ind);
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode claim(ClaimOutcome c, boolean withTiming) {
        ObjectNode o = F.objectNode();
        o.put("id", c.id());
        o.put("title", c.title());
        o.put("source", c.source());
        o.put("kind", c.kind());
        o.put("verdict", c.verdict().label());
        o.put("trials", c.trials());
        o.put("seed", c.seed());
        o.set("alpha", num(c.alpha()));
        o.set("falseFailureRate", num(c.falseFailureRate()));
        o.put("statisticalTests", c.statisticalTests());
        o.put("evidence", c.evidence());
        o.put("statement", c.statement());
        o.put("bound", c.bound());
        o.put("proofNote", c.proofNote());
        if (c.tightness() == null) o.putNull("tightness");
        else {
            ObjectNode t = o.putObject("tightness");
            t.set("min", num(c.tightness().min()));
            t.set("median", num(c.tightness().median()));
            t.set("max", num(c.tightness().max()));
            t.put("worst", c.tightness().worst());
        }
        if (c.exponent() == null) o.putNull("exponent");
        else {
            ObjectNode e = o.putObject("exponent");
            e.set("fitted", num(c.exponent().fitted()));
            e.set("ciLow", num(c.exponent().ciLow()));
            e.set("ciHigh", num(c.exponent().ciHigh()));
            e.set("predicted", num(c.exponent().predicted()));
            e.put("rule", c.exponent().rule());
        }
        o.set("details", value(c.details() == null ? Map.of() : c.details()));
        ObjectNode s = o.putObject("series");
        if (c.series() != null) for (Map.Entry<String, double[]> en : orderedEntries(c.series())) s.set(en.getKey(), value(en.getValue()));
        if (c.error() == null) o.putNull("error");
        else o.put("error", c.error());
        if (withTiming) o.put("durationMs", c.durationMs());
        return o;
    }

    /** A double as a JSON number, or the string "NaN" / "Infinity" / "-Infinity". */
    static JsonNode num(double v) {
        if (Double.isNaN(v)) return F.textNode("NaN");
        if (v == Double.POSITIVE_INFINITY) return F.textNode("Infinity");
        if (v == Double.NEGATIVE_INFINITY) return F.textNode("-Infinity");
        return F.numberNode(v);
    }

    @SuppressWarnings("unchecked")
    private static <V> List<Map.Entry<String, V>> orderedEntries(Map<?, V> m) {
        List<Map.Entry<String, V>> out = new ArrayList<>();
        if (m instanceof SequencedMap<?, V>) {
            for (Map.Entry<?, V> e : m.entrySet()) out.add(Map.entry(String.valueOf(e.getKey()), e.getValue()));
        } else {
            TreeMap<String, V> t = new TreeMap<>();
            for (Map.Entry<?, V> e : m.entrySet()) t.put(String.valueOf(e.getKey()), e.getValue());
            out.addAll(t.entrySet());
        }
        return out;
    }

    /** Converts a details value to JSON (see the class comment for the rules). */
    static JsonNode value(Object v) {
        if (v == null) return F.nullNode();
        if (v instanceof JsonNode j) return j;
        if (v instanceof String s) return F.textNode(s);
        if (v instanceof Character ch) return F.textNode(ch.toString());
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v instanceof Double d) return num(d);
        if (v instanceof Float f) return num(f.doubleValue());
        if (v instanceof BigDecimal b) return F.numberNode(b);
        if (v instanceof BigInteger b) return F.numberNode(b);
        if (v instanceof Number n) return F.numberNode(n.longValue());
        if (v instanceof Verdict vd) return F.textNode(vd.label());
        if (v instanceof ClaimKind k) return F.textNode(k.label());
        if (v instanceof Enum<?> e) return F.textNode(e.name());
        if (v instanceof double[] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (double x : a) n.add(num(x));
            return n;
        }
        if (v instanceof float[] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (float x : a) n.add(num(x));
            return n;
        }
        if (v instanceof int[] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (int x : a) n.add(x);
            return n;
        }
        if (v instanceof long[] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (long x : a) n.add(x);
            return n;
        }
        if (v instanceof boolean[] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (boolean x : a) n.add(x);
            return n;
        }
        if (v instanceof double[][] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (double[] x : a) n.add(value(x));
            return n;
        }
        if (v instanceof Object[] a) {
            ArrayNode n = F.arrayNode(a.length);
            for (Object x : a) n.add(value(x));
            return n;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode n = F.arrayNode(c.size());
            for (Object x : c) n.add(value(x));
            return n;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = F.objectNode();
            for (Map.Entry<String, ?> e : orderedEntries(m)) o.set(e.getKey(), value(e.getValue()));
            return o;
        }
        if (v instanceof Record rec) {
            ObjectNode o = F.objectNode();
            for (RecordComponent rc : rec.getClass().getRecordComponents()) {
                try {
                    var acc = rc.getAccessor();
                    acc.setAccessible(true);
                    o.set(rc.getName(), value(acc.invoke(rec)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    o.put(rc.getName(), "<unreadable: " + e.getClass().getSimpleName() + ">");
                }
            }
            return o;
        }
        return F.textNode(v.toString());
    }

    /**
     * Writes the results atomically: a temporary file in the target's directory (created if needed), then
     * {@code Files.move(ATOMIC_MOVE, REPLACE_EXISTING)}; falls back to a plain replacing move only where the file
     * system does not support atomic moves.
     */
    public static void write(RunResults r, Path target) throws IOException {
        Require.notNull("target", target);
        byte[] bytes = toJson(r).getBytes(StandardCharsets.UTF_8);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // a unique name in the same directory; created with the default permissions (createTempFile would make it 0600)
        Path tmp = dir.resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a claims.json file back into records. */
    public static RunResults read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses claims.json text; missing timing fields read as 0 / "". */
    public static RunResults parse(String json) throws IOException {
        JsonNode root = MAPPER.readTree(json);
        List<ClaimOutcome> claims = new ArrayList<>();
        for (JsonNode c : root.path("claims")) claims.add(readClaim(c));
        return new RunResults(root.path("masterSeed").asLong(), text(root, "gitCommit"), text(root, "budget"),
                text(root, "backend"), text(root, "jdk"), text(root, "cpu"), dbl(root.get("falseFailureBudget")),
                root.path("statisticalTests").asInt(), root.path("threads").asInt(), text(root, "startedAt"),
                root.path("durationMs").asLong(), List.copyOf(claims));
    }

    private static ClaimOutcome readClaim(JsonNode c) {
        JsonNode t = c.get("tightness"), e = c.get("exponent");
        Tightness tight = t == null || t.isNull() ? null
                : new Tightness(dbl(t.get("min")), dbl(t.get("median")), dbl(t.get("max")), text(t, "worst"));
        Exponent exp = e == null || e.isNull() ? null
                : new Exponent(dbl(e.get("fitted")), dbl(e.get("ciLow")), dbl(e.get("ciHigh")), dbl(e.get("predicted")),
                        e.hasNonNull("rule") ? e.get("rule").asText() : "");
        Map<String, double[]> series = new LinkedHashMap<>();
        JsonNode s = c.path("series");
        for (Iterator<Map.Entry<String, JsonNode>> it = s.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            double[] a = new double[en.getValue().size()];
            for (int i = 0; i < a.length; i++) a[i] = dbl(en.getValue().get(i));
            series.put(en.getKey(), a);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> details = c.has("details") && c.get("details").isObject()
                ? (Map<String, Object>) toJava(c.get("details")) : new LinkedHashMap<>();
        JsonNode err = c.get("error");
        return new ClaimOutcome(text(c, "id"), text(c, "title"), text(c, "source"), text(c, "kind"),
                Verdict.fromLabel(text(c, "verdict")), c.path("trials").asLong(), c.path("seed").asLong(),
                dbl(c.get("alpha")), dbl(c.get("falseFailureRate")), c.path("statisticalTests").asInt(),
                text(c, "evidence"), text(c, "statement"), text(c, "bound"), text(c, "proofNote"), tight, exp,
                details, series, err == null || err.isNull() ? null : err.asText(), c.path("durationMs").asLong());
    }

    /** JSON → Java: objects to LinkedHashMap, arrays to List, integral numbers to Long, others to Double. */
    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) m.put(e.getKey(), toJava(e.getValue()));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            for (JsonNode x : n) l.add(toJava(x));
            return l;
        }
        if (n.isBoolean()) return n.asBoolean();
        if (n.isIntegralNumber()) return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
        if (n.isNumber()) return n.asDouble();
        return n.asText();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Number, null (NaN) or one of the strings "NaN", "Infinity", "-Infinity". */
    static double dbl(JsonNode n) {
        if (n == null || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.asDouble();
        return switch (n.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("value = " + n + " is not allowed: a number, null, \"NaN\", \"Infinity\" or \"-Infinity\" is expected");
        };
    }
}
