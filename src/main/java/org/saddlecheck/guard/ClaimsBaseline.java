package org.saddlecheck.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saddlecheck.claims.ClaimOutcome;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.claims.Verdict;

/**
 * The claims half of the regression guard: each claim's verdict, tightness and exponent as recorded in git
 * ({@code src/test/resources/baseline/claims-baseline.json}), compared after every {@code verify}.
 *
 * <p>What "moved" means:
 * <ul>
 *   <li>a verdict flip (any seed, any budget);</li>
 *   <li>at the baseline's own master seed and budget (where results are deterministic): the tightness median or
 *       maximum changing by more than {@link #TIGHTNESS_TOLERANCE} relative (10%: larger than floating-point
 *       reassociation, smaller than any change a reader of the report would care about; ratios that stay below
 *       {@link #TIGHTNESS_FLOOR} are not compared), or the fitted exponent
 *       leaving the baseline's confidence interval [ciLow, ciHigh].</li>
 * </ul>
 * At another seed or budget only verdicts are compared (the numbers legitimately differ by Monte Carlo error).
 * {@code ./mvnw verify -Dsaddlecheck.rebaseline} rewrites the file on purpose so that the git diff shows what changed.
 */
public final class ClaimsBaseline {
    /** Relative tolerance on tightness median and max at the baseline's seed and budget. */
    public static final double TIGHTNESS_TOLERANCE = 0.10;

    /**
     * Ratios below this are not compared: a bound that is loose by a factor of 1000 or more (rounding-error ratios of
     * the exact identity claims, astronomically small stuck probabilities) says nothing more when the ratio moves
     * within that range, and such ratios legitimately change with the order of floating-point operations.
     */
    public static final double TIGHTNESS_FLOOR = 1e-3;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One claim's recorded figures. NaN where absent. */
    public record Entry(String id, String verdict, double tightnessMedian, double tightnessMax, double exponentFitted,
                        double exponentCiLow, double exponentCiHigh) {}

    /** The baseline file's contents. */
    public record Baseline(long masterSeed, String budget, Map<String, Entry> entries) {}

    private ClaimsBaseline() {}

    public static Path file(Path basedir) {
        return basedir.resolve("src/test/resources/baseline/claims-baseline.json");
    }

    static Entry entryOf(ClaimOutcome c) {
        double med = Double.NaN, max = Double.NaN, fit = Double.NaN, lo = Double.NaN, hi = Double.NaN;
        if (c.tightness() != null) {
            med = c.tightness().median();
            max = c.tightness().max();
        }
        if (c.exponent() != null) {
            fit = c.exponent().fitted();
            lo = c.exponent().ciLow();
            hi = c.exponent().ciHigh();
        }
        return new Entry(c.id(), c.verdict().label(), med, max, fit, lo, hi);
    }

    /** Reads a baseline file; a missing file gives null. */
    public static Baseline read(Path file) throws IOException {
        if (!Files.exists(file)) return null;
        JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Entry> m = new LinkedHashMap<>();
        for (JsonNode n : root.path("claims")) {
            Entry e = new Entry(n.path("id").asText(), n.path("verdict").asText(), num(n, "tightnessMedian"),
                    num(n, "tightnessMax"), num(n, "exponentFitted"), num(n, "exponentCiLow"), num(n, "exponentCiHigh"));
            m.put(e.id().toUpperCase(Locale.ROOT), e);
        }
        return new Baseline(root.path("masterSeed").asLong(), root.path("budget").asText(), m);
    }

    private static double num(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    /**
     * Writes (atomically) a baseline from a run: entries of the claims that ran replace those in {@code previous}
     * (kept in catalog run order); placeholders of unimplemented claims are not recorded.
     */
    public static void write(RunResults r, Baseline previous, Path file) throws IOException {
        Map<String, Entry> m = new LinkedHashMap<>();
        if (previous != null && previous.masterSeed() == r.masterSeed() && previous.budget().equals(r.budget())) {
            m.putAll(previous.entries());
        }
        for (ClaimOutcome c : r.claims()) {
            if (c.notImplemented() || c.harnessError()) continue;
            m.put(c.id().toUpperCase(Locale.ROOT), entryOf(c));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("masterSeed", r.masterSeed());
        root.put("budget", r.budget());
        root.put("note", "Regression baseline of every claim's verdict, tightness and exponent. Rewrite on purpose with "
                + "./mvnw verify -Dsaddlecheck.rebaseline and review the git diff.");
        ArrayNode arr = root.putArray("claims");
        for (Entry e : m.values()) {
            ObjectNode n = arr.addObject();
            n.put("id", e.id());
            n.put("verdict", e.verdict());
            put(n, "tightnessMedian", e.tightnessMedian());
            put(n, "tightnessMax", e.tightnessMax());
            put(n, "exponentFitted", e.exponentFitted());
            put(n, "exponentCiLow", e.exponentCiLow());
            put(n, "exponentCiHigh", e.exponentCiHigh());
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".claims-baseline", ".tmp");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void put(ObjectNode n, String k, double v) {
        if (Double.isFinite(v)) n.put(k, v);
        else n.putNull(k);
    }

    /**
     * What moved between the baseline and a run, one message per change ("ID: what moved from X to Y"). Baseline
     * entries whose claim did not run are reported on a full run and ignored when only a subset ran
     * ({@code fullRun} false). Claims without a baseline entry are listed by {@link #unguarded}.
     */
    public static List<String> compare(Baseline b, RunResults r, boolean fullRun) {
        List<String> moves = new ArrayList<>();
        boolean sameRun = b.masterSeed() == r.masterSeed() && b.budget().equals(r.budget());
        Map<String, ClaimOutcome> ran = new LinkedHashMap<>();
        for (ClaimOutcome c : r.claims()) if (!c.notImplemented()) ran.put(c.id().toUpperCase(Locale.ROOT), c);
        for (ClaimOutcome c : ran.values()) {
            Entry old = b.entries().get(c.id().toUpperCase(Locale.ROOT));
            if (old == null) continue; // a new claim: not guarded until recorded (see unguarded())
            Entry now = entryOf(c);
            if (!old.verdict().equals(now.verdict())) {
                moves.add(c.id() + ": verdict moved from " + old.verdict() + " to " + now.verdict());
            }
            if (!sameRun) continue;
            relative(moves, c.id(), "tightness median", old.tightnessMedian(), now.tightnessMedian());
            relative(moves, c.id(), "tightness max", old.tightnessMax(), now.tightnessMax());
            if (Double.isFinite(old.exponentFitted()) || Double.isFinite(now.exponentFitted())) {
                boolean inside = Double.isFinite(now.exponentFitted()) && Double.isFinite(old.exponentCiLow())
                        && now.exponentFitted() >= old.exponentCiLow() && now.exponentFitted() <= old.exponentCiHigh();
                if (!inside) {
                    moves.add(String.format(Locale.ROOT, "%s: exponent moved from %s (recorded CI [%s, %s]) to %s",
                            c.id(), fmt(old.exponentFitted()), fmt(old.exponentCiLow()), fmt(old.exponentCiHigh()),
                            fmt(now.exponentFitted())));
                }
            }
        }
        if (fullRun) {
            for (Entry e : b.entries().values()) {
                if (!ran.containsKey(e.id().toUpperCase(Locale.ROOT))) {
                    moves.add(e.id() + ": in the baseline (" + e.verdict() + ") but did not run; rebaseline if it was removed on purpose");
                }
            }
        }
        return moves;
    }

    /** Ids of claims that ran but have no baseline entry yet (new claims; recorded by the next rebaseline). */
    public static List<String> unguarded(Baseline b, RunResults r) {
        List<String> l = new ArrayList<>();
        for (ClaimOutcome c : r.claims()) {
            if (c.notImplemented() || c.harnessError()) continue;
            if (b == null || !b.entries().containsKey(c.id().toUpperCase(Locale.ROOT))) l.add(c.id());
        }
        return l;
    }

    private static void relative(List<String> moves, String id, String what, double old, double now) {
        boolean oldOk = Double.isFinite(old), nowOk = Double.isFinite(now);
        if (!oldOk && !nowOk) return;
        if (oldOk && nowOk && Math.max(Math.abs(old), Math.abs(now)) < TIGHTNESS_FLOOR) return;
        if (oldOk != nowOk || Math.abs(now - old) > TIGHTNESS_TOLERANCE * Math.abs(old) + 1e-12) {
            String change = oldOk && nowOk && old != 0
                    ? String.format(Locale.ROOT, " (%+.1f%%, allowed ±%.0f%%)", 100 * (now - old) / Math.abs(old), 100 * TIGHTNESS_TOLERANCE)
                    : "";
            moves.add(id + ": " + what + " moved from " + fmt(old) + " to " + fmt(now) + change);
        }
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "none";
    }

    /** True for the values Maven gives a flag: "-Dsaddlecheck.rebaseline" is "true"; absent/"false" is off. */
    public static boolean rebaselineRequested(String property) {
        if (property == null) return false;
        String p = property.trim();
        return p.isEmpty() || p.equalsIgnoreCase("true");
    }

    /** A verdict's label, for messages. */
    static String label(Verdict v) {
        return v.label();
    }
}
