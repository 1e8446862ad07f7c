package org.saddlecheck.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.optim.Optimizer;
import org.saddlecheck.optim.OptimizerState;
import org.saddlecheck.optim.pgd.GdResult;
import org.saddlecheck.optim.pgd.GradientDescent;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.PgdResult;
import org.saddlecheck.optim.pgd.StepObserver;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.Problem;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * One golden trajectory: an optimizer configuration run for k steps on a {@link Fixture} from a fixed seed.
 * {@link #run()} recomputes its {@link GoldenSnapshot}; {@link GoldenBaseline} compares that with the file in git.
 *
 * <p>Three kinds of method:
 * <ul>
 *   <li>a stochastic {@link Optimizer} (every factory of {@link org.saddlecheck.optim.Algorithms}): k calls of
 *       {@code step(x, rng)} with {@code rng = Seeds.rng(seed, stream, 0)}; an optimizer that needs a stream of
 *       its own (Alg. 4's benign perturbation) gets {@code Seeds.rng(seed, stream + "/auxiliary", 0)};</li>
 *   <li>Jin et al.'s PGD ({@link PerturbedGradientDescent}, Algorithm 2) with the iteration cap k, perturbations
 *       from the same stream; the snapshot holds its event log;</li>
 *   <li>plain gradient descent ({@link GradientDescent}) for exactly k steps (ε = 0).</li>
 * </ul>
 * Instances are immutable; {@link #run()} builds a fresh optimizer every time, so runs are independent and
 * reproducible.
 */
public final class GoldenTrajectory {
    /** Builds the optimizer of a stochastic trajectory on the fixture's problem. */
    @FunctionalInterface
    public interface OptimizerFactory {
        /**
         * @param problem   the fixture's problem
         * @param auxiliary a random stream of its own (for optimizers that draw outside {@code step}'s rng)
         */
        Optimizer create(Problem problem, UniformRandomProvider auxiliary);
    }

    private static final Pattern KEY = Fixture.KEY;

    /** Name prefix of the random streams; the stream of a trajectory is this + its id. */
    public static final String STREAM_PREFIX = "golden-trajectory/";

    private interface Method {
        GoldenSnapshot run(GoldenTrajectory t);

        String describe(GoldenTrajectory t);
    }

    private final String optimizerKey;
    private final String factory;
    private final Fixture fixture;
    private final int steps;
    private final long seed;
    private final Tolerance tolerance;
    private final Method method;

    private GoldenTrajectory(String optimizerKey, String factory, Fixture fixture, int steps, long seed, Tolerance tolerance,
            Method method) {
        Require.notNull("optimizerKey", optimizerKey);
        Require.that(KEY.matcher(optimizerKey).matches(), "optimizerKey", optimizerKey,
                "lower-case letters, digits, '-' and '.' (a file-name part)");
        this.optimizerKey = optimizerKey;
        this.factory = Require.notNull("factory", factory);
        this.fixture = Require.notNull("fixture", fixture);
        this.steps = Require.positive("steps", steps);
        this.seed = seed;
        this.tolerance = Require.notNull("tolerance", tolerance);
        this.method = method;
    }

    /**
     * A stochastic optimizer's trajectory.
     *
     * @param optimizerKey short id of the configuration (file-name part), e.g. {@code rmsprop-diag-inside}
     * @param factory      the factory it exercises, e.g. {@code Algorithms.rmspropDiagonal} (for coverage checks)
     * @param fixture      problem and start point; its objective must be a {@link Problem}
     * @param steps        k ≥ 1
     * @param seed         master seed
     * @param optimizer    builds the optimizer
     */
    public static GoldenTrajectory stochastic(String optimizerKey, String factory, Fixture fixture, int steps, long seed,
            OptimizerFactory optimizer) {
        Require.notNull("optimizer", optimizer);
        Require.notNull("fixture", fixture).problem();
        return new GoldenTrajectory(optimizerKey, factory, fixture, steps, seed, Tolerance.DEFAULT, new Stochastic(optimizer));
    }

    /** PGD (Jin et al. Algorithm 2, uniform-ball perturbations) with the given parameters and iteration cap k = steps. */
    public static GoldenTrajectory pgd(String optimizerKey, Fixture fixture, int steps, long seed, PgdParameters params) {
        Require.notNull("params", params);
        Require.notNull("fixture", fixture);
        Require.that(fixture.objective().domain().unconstrained(), "fixture", fixture.key(), "unconstrained for PGD");
        return new GoldenTrajectory(optimizerKey, "PerturbedGradientDescent", fixture, steps, seed, Tolerance.DEFAULT, new Pgd(params));
    }

    /** Gradient descent with step η for exactly k = steps steps. */
    public static GoldenTrajectory gd(String optimizerKey, Fixture fixture, int steps, long seed, double eta) {
        Require.positive("eta", eta);
        Require.notNull("fixture", fixture);
        return new GoldenTrajectory(optimizerKey, "GradientDescent", fixture, steps, seed, Tolerance.DEFAULT, new Gd(eta));
    }

    /**
     * The same trajectory (id, fixture, seed, k) with another optimizer: the hook for guard tests that seed a
     * change into an update rule and check that the comparison against this trajectory's baseline fails.
     * Only for stochastic trajectories.
     */
    public GoldenTrajectory withOptimizer(OptimizerFactory optimizer) {
        Require.notNull("optimizer", optimizer);
        Require.that(method instanceof Stochastic, "trajectory", id(), "a stochastic-optimizer trajectory");
        return new GoldenTrajectory(optimizerKey, factory, fixture, steps, seed, tolerance, new Stochastic(optimizer));
    }

    /**
     * The same trajectory (id, method, seed, k) started from another point of the same fixture objective: for
     * sensitivity checks of the tolerance (how far a last-ulp change of the start moves the end).
     */
    public GoldenTrajectory withStart(double[] x0) {
        return new GoldenTrajectory(optimizerKey, factory, new Fixture(fixture.key(), fixture.objective(), x0), steps, seed,
                tolerance, method);
    }

    /** The same trajectory checked against another tolerance (tests of the guard). */
    public GoldenTrajectory withTolerance(Tolerance t) {
        return new GoldenTrajectory(optimizerKey, factory, fixture, steps, seed, t, method);
    }

    /** {@code optimizerKey@fixtureKey}; the baseline file is {@code id + ".json"}. */
    public String id() {
        return optimizerKey + "@" + fixture.key();
    }

    public String optimizerKey() {
        return optimizerKey;
    }

    /** The factory or runner exercised, e.g. {@code Algorithms.adam}, {@code PerturbedGradientDescent}. */
    public String factory() {
        return factory;
    }

    public Fixture fixture() {
        return fixture;
    }

    public int steps() {
        return steps;
    }

    public long seed() {
        return seed;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    /** Name of the random stream: {@link #STREAM_PREFIX} + id. */
    public String stream() {
        return STREAM_PREFIX + id();
    }

    /** The method's own description (builds the optimizer once; draws nothing). */
    public String describe() {
        return method.describe(this);
    }

    /** Recomputes the snapshot (deterministic: the same code gives the same snapshot, bit for bit). */
    public GoldenSnapshot run() {
        return method.run(this);
    }

    @Override
    public String toString() {
        return id();
    }

    private UniformRandomProvider rng() {
        return Seeds.rng(seed, stream(), 0);
    }

    private GoldenSnapshot snapshot(String description, double[] x, double f, long iteration, SortedMap<String, Object> state,
            List<org.saddlecheck.optim.pgd.PgdEvent> events, List<GoldenSnapshot.Checkpoint> checkpoints) {
        return new GoldenSnapshot(id(), description, fixture.name(), seed, stream(), steps, tolerance.describe(), fixture.x0(), x,
                f, iteration, state, events, checkpoints);
    }

    private boolean isCheckpoint(long t) {
        return steps >= 4 && t > 0 && t < steps && (4 * t) % steps == 0;
    }

    private static final class Stochastic implements Method {
        private final OptimizerFactory factory;

        Stochastic(OptimizerFactory factory) {
            this.factory = factory;
        }

        private Optimizer build(GoldenTrajectory t) {
            Optimizer o = factory.create(t.fixture.problem(), Seeds.rng(t.seed, t.stream() + "/auxiliary", 0));
            Require.notNull("optimizer factory result", o);
            Require.sameDimension("optimizer", o.dim(), t.fixture.objective().dim());
            return o;
        }

        @Override
        public String describe(GoldenTrajectory t) {
            return build(t).describe();
        }

        @Override
        public GoldenSnapshot run(GoldenTrajectory t) {
            Optimizer opt = build(t);
            Objective f = t.fixture.objective();
            UniformRandomProvider rng = t.rng();
            double[] x = t.fixture.x0();
            List<GoldenSnapshot.Checkpoint> cps = new ArrayList<>();
            for (int k = 1; k <= t.steps; k++) {
                opt.step(x, rng);
                if (t.isCheckpoint(k)) cps.add(new GoldenSnapshot.Checkpoint(k, f.value(x), x));
            }
            OptimizerState s = opt.state();
            SortedMap<String, Object> state = new TreeMap<>();
            for (var e : s.arrays().entrySet()) put(state, e.getKey(), e.getValue().clone());
            for (var e : s.scalars().entrySet()) put(state, e.getKey(), e.getValue());
            put(state, "betaClamps", (double) opt.betaClamps());
            return t.snapshot(opt.describe(), x, f.value(x), s.iteration(), state, List.of(), cps);
        }

        private static void put(SortedMap<String, Object> state, String key, Object value) {
            if (state.putIfAbsent(key, value) != null) {
                throw new IllegalStateException("optimizer state key " + key + " appears twice (as an array and as a scalar)");
            }
        }
    }

    private static final class Pgd implements Method {
        private final PgdParameters params;

        Pgd(PgdParameters params) {
            this.params = params;
        }

        private PerturbedGradientDescent build(GoldenTrajectory t) {
            return new PerturbedGradientDescent(t.fixture.objective(), params).withMaxIterations(t.steps);
        }

        @Override
        public String describe(GoldenTrajectory t) {
            return build(t).describe();
        }

        @Override
        public GoldenSnapshot run(GoldenTrajectory t) {
            List<GoldenSnapshot.Checkpoint> cps = new ArrayList<>();
            StepObserver obs = (step, x, f, g) -> {
                if (t.isCheckpoint(step)) cps.add(new GoldenSnapshot.Checkpoint(step, f, x));
            };
            PgdResult r = build(t).withObserver(obs).run(t.fixture.x0(), t.rng());
            SortedMap<String, Object> state = new TreeMap<>();
            state.put("terminated", r.terminated() ? 1.0 : 0.0);
            state.put("capReached", r.capReached() ? 1.0 : 0.0);
            state.put("perturbations", (double) r.perturbations());
            state.put("escapes", (double) r.escapes());
            state.put("gradientEvaluations", (double) r.gradientEvaluations());
            state.put("gradNormOutput", r.gradNormOutput());
            state.put("worstFThresOverAbsF", r.worstFThresOverAbsF());
            state.put("numericallyUnreliable", r.numericallyUnreliable() ? 1.0 : 0.0);
            return t.snapshot(build(t).describe(), r.output(), r.fOutput(), r.iterations(), state, r.events(), cps);
        }
    }

    private static final class Gd implements Method {
        private final double eta;

        Gd(double eta) {
            this.eta = eta;
        }

        @Override
        public String describe(GoldenTrajectory t) {
            return "gd(eta=" + eta + ", eps=0, maxSteps=" + t.steps + ")";
        }

        @Override
        public GoldenSnapshot run(GoldenTrajectory t) {
            List<GoldenSnapshot.Checkpoint> cps = new ArrayList<>();
            StepObserver obs = (step, x, f, g) -> {
                if (t.isCheckpoint(step)) cps.add(new GoldenSnapshot.Checkpoint(step, f, x));
            };
            GdResult r = new GradientDescent(t.fixture.objective(), eta).run(t.fixture.x0(), 0.0, t.steps, obs);
            SortedMap<String, Object> state = new TreeMap<>();
            state.put("gradNormFinal", r.gradNormFinal());
            state.put("reachedEps", r.reachedEps() ? 1.0 : 0.0);
            return t.snapshot(describe(t), r.finalPoint(), r.fFinal(), r.iterations(), state, List.of(), cps);
        }
    }
}
