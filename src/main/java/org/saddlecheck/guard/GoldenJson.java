package org.saddlecheck.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.saddlecheck.util.Require;

/**
 * The text format of the baseline files: pretty-printed JSON with two-space indentation, {@code \n} line ends on
 * every platform, one value per line for objects and arrays of numbers on one line, keys in the order they were
 * put (the snapshot fixes that order). Doubles are written with {@link Double#toString(double)} (Jackson's default),
 * the shortest decimal that parses back to the same double, so a file round-trips bit for bit. JSON has no NaN or
 * infinity: non-finite numbers are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}
 * and read back by {@link #number(JsonNode)}.
 */
final class GoldenJson {
    private GoldenJson() {}

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /** Pretty-printed text of a tree, ending with a newline. */
    static String write(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a golden snapshot: " + e.getMessage(), e);
        }
    }

    /** Parses baseline text; a malformed file throws {@link IllegalArgumentException} naming {@code what}. */
    static JsonNode read(String what, String text) {
        Require.notNull(what, text);
        try {
            JsonNode n = MAPPER.readTree(text);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object: a golden trajectory file holds one object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    static JsonNode number(double v) {
        if (Double.isNaN(v)) return NODES.textNode("NaN");
        if (v == Double.POSITIVE_INFINITY) return NODES.textNode("Infinity");
        if (v == Double.NEGATIVE_INFINITY) return NODES.textNode("-Infinity");
        return NODES.numberNode(v);
    }

    static ArrayNode array(double[] v) {
        ArrayNode a = NODES.arrayNode(v.length);
        for (double x : v) a.add(number(x));
        return a;
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Whether the node is a number or one of the strings standing for a non-finite number. */
    static boolean isNumber(JsonNode n) {
        if (n.isNumber()) return true;
        if (!n.isTextual()) return false;
        String s = n.textValue();
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }

    /** The double a numeric node stands for (see {@link #isNumber}). */
    static double number(JsonNode n) {
        if (n.isNumber()) return n.doubleValue();
        return switch (n.textValue()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("node = " + n + " is not allowed: it must be a number");
        };
    }

    /** Display form of a node in messages: numbers via Double.toString (full precision), strings quoted. */
    static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) return "absent";
        if (isNumber(n)) {
            if (n.isIntegralNumber()) return n.asText();
            return Double.toString(number(n));
        }
        if (n.isTextual()) return "\"" + n.textValue() + "\"";
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }
}
