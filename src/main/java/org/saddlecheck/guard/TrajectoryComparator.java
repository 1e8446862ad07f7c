package org.saddlecheck.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.saddlecheck.util.Require;

/**
 * Compares a recorded golden snapshot with a recomputed one, entry by entry, in the recorded file's order: numbers
 * within a {@link Tolerance} (non-finite numbers must match exactly), text exactly (the header: optimizer
 * description, fixture, seed stream, tolerance), arrays by length and element, objects by key (a key present on one
 * side only is a difference). The result lists every moved entry with its path, the recorded and the recomputed
 * value.
 */
public final class TrajectoryComparator {
    private TrajectoryComparator() {}

    /** All differences between the recorded snapshot {@code was} and the recomputed {@code now}. */
    public static List<Difference> compare(JsonNode was, JsonNode now, Tolerance tolerance) {
        Require.notNull("was", was);
        Require.notNull("now", now);
        Require.notNull("tolerance", tolerance);
        List<Difference> out = new ArrayList<>();
        walk("", was, now, tolerance, out);
        return out;
    }

    private static void walk(String path, JsonNode was, JsonNode now, Tolerance tol, List<Difference> out) {
        boolean wasMissing = was == null || was.isMissingNode();
        boolean nowMissing = now == null || now.isMissingNode();
        if (wasMissing || nowMissing) {
            if (!(wasMissing && nowMissing)) out.add(new Difference(path, GoldenJson.show(was), GoldenJson.show(now), Double.NaN));
            return;
        }
        if (GoldenJson.isNumber(was) && GoldenJson.isNumber(now)) {
            double a = GoldenJson.number(was), b = GoldenJson.number(now);
            if (!tol.agrees(a, b)) out.add(new Difference(path, GoldenJson.show(was), GoldenJson.show(now), Tolerance.relativeChange(a, b)));
            return;
        }
        if (was.isObject() && now.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) keys.add(it.next());
            for (Iterator<String> it = now.fieldNames(); it.hasNext(); ) keys.add(it.next());
            for (String k : keys) walk(path.isEmpty() ? k : path + "." + k, was.path(k), now.path(k), tol, out);
            return;
        }
        if (was.isArray() && now.isArray()) {
            if (was.size() != now.size()) {
                out.add(new Difference(path + ".length", Integer.toString(was.size()), Integer.toString(now.size()), Double.NaN));
            }
            int n = Math.min(was.size(), now.size());
            for (int i = 0; i < n; i++) walk(path + "[" + i + "]", was.get(i), now.get(i), tol, out);
            return;
        }
        if (!was.equals(now)) out.add(new Difference(path, GoldenJson.show(was), GoldenJson.show(now), Double.NaN));
    }
}
