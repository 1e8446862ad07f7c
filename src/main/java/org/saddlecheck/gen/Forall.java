package org.saddlecheck.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * Minimal property runner (ANCHORS.md §6.2–6.3; no jqwik): evaluates N seeded cases of a {@link Property},
 * shrinks the first failure toward simpler parameters, and optionally climbs toward the case with the largest
 * score (Hypothesis {@code target()} style), so the reported tightness is a worst case found.
 *
 * <p>Case i draws its parameters from the stream (master seed, name + "/params", i) and evaluates the property
 * with the stream of its instance seed (master seed, name + "/instance", i), so results do not depend on the
 * thread count. A case fails when its score exceeds {@link #limit(double)}, is NaN, or the property throws.
 * The master seed defaults to {@code -Dsaddlecheck.seed} (else {@link Seeds#DEFAULT_MASTER_SEED}).
 *
 * <p>Targeted search: from each of the {@code starts} best random cases, {@code steps} hill-climbing moves
 * alternate between {@link Space#mutate} of the parameters (two moves in three) and a fresh instance seed (one in
 * three); a move is kept iff it increases the score. A failure found while climbing is shrunk like a random one.
 */
public final class Forall<P> {
    private final String name;
    private final Space<P> space;
    private long seed = systemSeed();
    private int cases = 100;
    private double limit = 1.0;
    private Parallel parallel;
    private int shrinkBudget = 400;
    private int shrinkSeeds = 2;
    private int starts;
    private int steps;

    private Forall(String name, Space<P> space) {
        this.name = name;
        this.space = space;
    }

    /** A runner for the named property over {@code space}. */
    public static <P> Forall<P> over(String name, Space<P> space) {
        Require.notNull("name", name);
        Require.notNull("space", space);
        return new Forall<>(name, space);
    }

    /** The master seed from {@code -Dsaddlecheck.seed}, else the project default. */
    public static long systemSeed() {
        String s = System.getProperty("saddlecheck.seed", "").trim();
        if (s.isEmpty()) return Seeds.DEFAULT_MASTER_SEED;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("saddlecheck.seed = " + s + " is not allowed: saddlecheck.seed must be a 64-bit integer", e);
        }
    }

    public Forall<P> seed(long masterSeed) {
        this.seed = masterSeed;
        return this;
    }

    public Forall<P> cases(int n) {
        this.cases = Require.positive("cases", n);
        return this;
    }

    /** A case fails when its score is above this (default 1: a ratio observed/bound). */
    public Forall<P> limit(double limit) {
        Require.that(!Double.isNaN(limit), "limit", limit, "a number (not NaN)");
        this.limit = limit;
        return this;
    }

    /** Evaluates cases (and climbs) on these threads; null = sequential. */
    public Forall<P> parallel(Parallel p) {
        this.parallel = p;
        return this;
    }

    /** At most this many evaluations while shrinking (default 400); 0 disables shrinking. */
    public Forall<P> shrinkBudget(int evaluations) {
        this.shrinkBudget = Require.nonNegative("shrinkBudget", evaluations);
        return this;
    }

    /** Besides the failing case's seed, try this many other instance seeds per shrink candidate (default 2). */
    public Forall<P> shrinkSeeds(int n) {
        this.shrinkSeeds = Require.nonNegative("shrinkSeeds", n);
        return this;
    }

    /** Targeted search from the {@code starts} best random cases, {@code steps} moves each (0, 0 = off). */
    public Forall<P> target(int starts, int steps) {
        this.starts = Require.nonNegative("starts", starts);
        this.steps = Require.nonNegative("steps", steps);
        return this;
    }

    public String name() {
        return name;
    }

    public long masterSeed() {
        return seed;
    }

    public int caseCount() {
        return cases;
    }

    public double limitValue() {
        return limit;
    }

    public Space<P> space() {
        return space;
    }

    /** Parameters of random case i. */
    public P paramsAt(int i) {
        return space.draw(Seeds.rng(seed, name + "/params", i));
    }

    /** Instance seed of random case i. */
    public long seedAt(int i) {
        return Seeds.derive(seed, name + "/instance", i);
    }

    /** Evaluates random case i. */
    public Case<P> caseAt(int i, Property<P> property) {
        return replay(paramsAt(i), seedAt(i), property);
    }

    /** Evaluates the property on given parameters and instance seed (reproduces a reported case). */
    public Case<P> replay(P params, long instanceSeed, Property<P> property) {
        Require.notNull("property", property);
        String desc = space.describe(params);
        try {
            double s = property.score(params, Seeds.rng(instanceSeed));
            return new Case<>(params, instanceSeed, s, null, desc);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return new Case<>(params, instanceSeed, Double.NaN, summary(e), desc);
        }
    }

    /** Runs the check: random cases, shrinking of the first failure, then the targeted climb. */
    public ForallResult<P> check(Property<P> property) {
        Require.notNull("property", property);
        List<Case<P>> random = map(cases, i -> caseAt(i, property));
        int evaluations = cases;
        ForallResult.Failure<P> failure = null;
        for (int i = 0; i < random.size() && failure == null; i++) {
            Case<P> c = random.get(i);
            if (c.failsAt(limit)) {
                Shrunk<P> s = shrink(c, property);
                evaluations += s.evaluations();
                failure = new ForallResult.Failure<>(c, s.shrunk(), s.steps(), "random case " + i + " of " + cases);
            }
        }
        double randomMax = random.stream().mapToDouble(Case::score).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
        Case<P> worst = best(random);
        if (starts > 0 && steps > 0) {
            List<Integer> order = new ArrayList<>(IntStream.range(0, random.size()).boxed().toList());
            order.removeIf(i -> !Double.isFinite(random.get(i).score()));
            order.sort(Comparator.comparingDouble((Integer i) -> -random.get(i).score()).thenComparingInt(i -> i));
            List<Integer> from = order.subList(0, Math.min(starts, order.size()));
            List<Climb<P>> climbs = map(from.size(), s -> climb(random.get(from.get(s)), s, property));
            for (Climb<P> cl : climbs) {
                evaluations += cl.evaluations();
                if (worst == null || cl.best().score() > worst.score()) worst = cl.best();
                if (failure == null && cl.failure() != null) {
                    Shrunk<P> s = shrink(cl.failure(), property);
                    evaluations += s.evaluations();
                    failure = new ForallResult.Failure<>(cl.failure(), s.shrunk(), s.steps(), "targeted search " + cl.where());
                }
            }
        }
        return new ForallResult<>(name, seed, limit, List.copyOf(random), worst, failure, evaluations, randomMax);
    }

    /** Result of shrinking. */
    public record Shrunk<P>(Case<P> shrunk, int steps, int evaluations) {}

    /** Shrinks a failing case: repeatedly move to the first (simplest) candidate that still fails. */
    public Shrunk<P> shrink(Case<P> failing, Property<P> property) {
        Require.notNull("failing", failing);
        Case<P> current = failing;
        int steps = 0, evals = 0, extra = 0;
        boolean improved = true;
        while (improved && evals < shrinkBudget) {
            improved = false;
            for (P cand : space.shrink(current.params())) {
                if (evals >= shrinkBudget) break;
                Case<P> c = replay(cand, current.seed(), property);
                evals++;
                for (int k = 0; k < shrinkSeeds && !c.failsAt(limit) && evals < shrinkBudget; k++) {
                    c = replay(cand, Seeds.derive(seed, name + "/shrink", extra++), property);
                    evals++;
                }
                if (c.failsAt(limit)) {
                    current = c;
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, steps, evals);
    }

    private record Climb<P>(Case<P> best, Case<P> failure, String where, int evaluations) {}

    private Climb<P> climb(Case<P> start, int s, Property<P> property) {
        UniformRandomProvider rng = Seeds.rng(seed, name + "/target", s);
        Case<P> current = start, failure = null;
        String where = null;
        for (int step = 0; step < steps; step++) {
            boolean reseed = step % 3 == 2;
            P params = reseed ? current.params() : space.mutate(current.params(), rng);
            long instance = reseed ? rng.nextLong() : current.seed();
            Case<P> c = replay(params, instance, property);
            if (c.failsAt(limit) && failure == null) {
                failure = c;
                where = "start " + s + " step " + step;
            }
            if (c.error() == null && c.score() > current.score()) current = c;
        }
        return new Climb<>(current, failure, where, steps);
    }

    private Case<P> best(List<Case<P>> list) {
        Case<P> b = null;
        for (Case<P> c : list) if (!Double.isNaN(c.score()) && (b == null || c.score() > b.score())) b = c;
        return b;
    }

    private <T> List<T> map(int n, java.util.function.IntFunction<T> f) {
        if (parallel == null) {
            List<T> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(f.apply(i));
            return out;
        }
        return parallel.map(n, f);
    }

    static String summary(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        if (e.getMessage() != null) sb.append(": ").append(e.getMessage());
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(3, st.length); i++) sb.append(" at ").append(st[i]);
        return sb.toString();
    }
}
