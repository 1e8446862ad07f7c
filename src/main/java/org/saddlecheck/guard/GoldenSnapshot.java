package org.saddlecheck.guard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.saddlecheck.optim.pgd.PgdEvent;
import org.saddlecheck.util.Require;

/**
 * What a golden trajectory records after k steps: a header (what ran, on what, from which seed, under which
 * tolerance), the final point x_k and f(x_k), the optimizer's state (the {@link org.saddlecheck.optim.OptimizerState}
 * arrays and scalars, flattened into one key-sorted map), the PGD event log (empty for other methods), and
 * checkpoints (x and f at k/4, k/2, 3k/4) that show where a moved trajectory started to move.
 *
 * <p>{@link #toJson()} fixes the file layout: header first, then x, f, iteration, state, events, checkpoints.
 *
 * @param id          trajectory id, {@code optimizerKey@fixtureKey}
 * @param optimizer   the optimizer's own description ({@code describe()})
 * @param fixture     the fixture's objective name
 * @param seed        master seed of the random stream
 * @param stream      stream name (the generator is {@code Seeds.rng(seed, stream, 0)})
 * @param steps       k, the number of steps asked for
 * @param tolerance   {@link Tolerance#describe()} of the tolerance the baseline is checked with
 * @param x0          start point
 * @param x           final point (for PGD: its output, x̃ when it terminated)
 * @param f           f(x)
 * @param iteration   iterations actually taken
 * @param state       optimizer state, key-sorted; values are {@code double[]} or {@code Double}
 * @param events      PGD event log (empty otherwise)
 * @param checkpoints intermediate points
 */
public record GoldenSnapshot(String id, String optimizer, String fixture, long seed, String stream, int steps,
        String tolerance, double[] x0, double[] x, double f, long iteration, SortedMap<String, Object> state,
        List<PgdEvent> events, List<Checkpoint> checkpoints) {

    /** Format tag written into every file; bump it when the layout changes. */
    public static final String FORMAT = "saddlecheck-golden-trajectory/1";

    /** x_t and f(x_t) after step t. */
    public record Checkpoint(long step, double f, double[] x) {
        public Checkpoint {
            x = Require.notNull("x", x).clone();
        }
    }

    public GoldenSnapshot {
        Require.notNull("id", id);
        Require.notNull("optimizer", optimizer);
        Require.notNull("fixture", fixture);
        Require.notNull("stream", stream);
        Require.notNull("tolerance", tolerance);
        x0 = Require.notNull("x0", x0).clone();
        x = Require.notNull("x", x).clone();
        state = new TreeMap<>(Require.notNull("state", state));
        for (var e : state.entrySet()) {
            Require.that(e.getValue() instanceof double[] || e.getValue() instanceof Double, "state[" + e.getKey() + "]",
                    e.getValue(), "a double[] or a Double");
        }
        events = List.copyOf(Require.notNull("events", events));
        checkpoints = List.copyOf(Require.notNull("checkpoints", checkpoints));
    }

    /** The JSON tree of the baseline file. */
    public ObjectNode toJson() {
        ObjectNode o = GoldenJson.object();
        o.put("format", FORMAT);
        o.put("id", id);
        o.put("optimizer", optimizer);
        o.put("fixture", fixture);
        o.put("seed", seed);
        o.put("stream", stream);
        o.put("steps", steps);
        o.put("tolerance", tolerance);
        o.set("x0", GoldenJson.array(x0));
        o.set("x", GoldenJson.array(x));
        o.set("f", GoldenJson.number(f));
        o.put("iteration", iteration);
        ObjectNode s = o.putObject("state");
        for (var e : state.entrySet()) {
            s.set(e.getKey(), e.getValue() instanceof double[] a ? GoldenJson.array(a) : GoldenJson.number((Double) e.getValue()));
        }
        if (!events.isEmpty()) {
            ArrayNode ev = o.putArray("events");
            for (PgdEvent e : events) {
                ObjectNode n = ev.addObject();
                n.put("type", e.type().name());
                n.put("t", e.t());
                n.set("f", GoldenJson.number(e.f()));
                n.set("gradNorm", GoldenJson.number(e.gradNorm()));
                n.set("aux", GoldenJson.number(e.aux()));
            }
        }
        ArrayNode cp = o.putArray("checkpoints");
        for (Checkpoint c : checkpoints) {
            ObjectNode n = cp.addObject();
            n.put("step", c.step());
            n.set("f", GoldenJson.number(c.f()));
            n.set("x", GoldenJson.array(c.x()));
        }
        return o;
    }

    /** The baseline file's text ({@link GoldenJson} format). */
    public String toText() {
        return GoldenJson.write(toJson());
    }
}
