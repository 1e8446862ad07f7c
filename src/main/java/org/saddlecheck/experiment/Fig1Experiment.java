package org.saddlecheck.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.BurnIn;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.Optimizer;
import org.saddlecheck.problem.Fig1Saddle;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * Staib et al. (2019) Figure 1 (CLAIMS.md STAIB-FIG1): SGD vs diagonal RMSProp started at the saddle x_0 = 0 of
 * {@link Fig1Saddle#finiteSum()} (d = 2, n = 4, b ∈ {(±1, ±0.1)}, H = diag(1, −0.1)).
 *
 * <p>Runs (the paper's legends plus a control): SGD η ∈ {0.03, 0.01, 0.007}; RMSProp η ∈ {0.01, 0.001, 0.0001}
 * with β = 1 − η^{2/3} (§5.4, C = 1), ε = 1e-8 <em>inside</em> the root (x ← x − η g/√(v + ε), the paper's
 * A = (diag(G) + εI)^{−1/2}), v_0 = 0, no bias correction, A_t built after g_t enters v (as libraries do); SGD at
 * η = 0.001 as the control that does not escape. Optional burn-in: W = ⌈η^{−2/3}⌉ updates of v at x_0 (Alg. 3).
 *
 * <p>Per run and trial the objective f(x_t) = ½xᵀHx + Σx_j¹⁰ is evaluated at every iteration; the escape iteration
 * is the first t with f(x_t) &lt; −0.005 (a trial that never gets there counts as +∞). Trials run in parallel with
 * per-trial streams {@code Seeds.rng(seed, "fig1/<method>/<eta>", trial)}, so results are identical at any thread
 * count. Outputs: {@code fig1.csv} (long format {@code method,eta,iteration,mean,q10,q50,q90}: mean and quantiles
 * of f over trials at every k-th iteration, including 0 and the last) and {@code fig1.json} (per-run summary).
 */
public final class Fig1Experiment {
    private Fig1Experiment() {}

    /** Escape threshold on f(x_t) (the saddle has f = 0, the minima f* ≈ −0.01265). */
    public static final double ESCAPE_THRESHOLD = -0.005;
    /** RMSProp's ε (inside the root). */
    public static final double EPS = 1e-8;
    /** β = 1 − C·η^{2/3} with C = 1. */
    public static final double BETA_C = 1.0;
    public static final int DEFAULT_TRIALS = 200;
    public static final int DEFAULT_STEPS = 10_000;
    /** About this many recorded iterations per run when recordEvery is automatic. */
    public static final int TARGET_POINTS = 1000;
    /** Experiment directory under target/. */
    public static final String DEFAULT_DIR = "target/experiments/fig1";

    /** The two methods of the figure. */
    public enum Method {
        SGD("sgd"), RMSPROP("rmsprop");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** "sgd" / "rmsprop" (CSV and JSON). */
        public String label() {
            return label;
        }
    }

    /** One curve of the figure: a method and its stepsize. */
    public record Run(Method method, double eta) {
        public Run {
            Require.notNull("method", method);
            Require.positive("eta", eta);
        }

        /** "sgd/0.01": the random stream is "fig1/" + key. */
        public String key() {
            return method.label() + "/" + ExperimentOutput.plain(eta);
        }
    }

    /** The seven runs: SGD 0.03, 0.01, 0.007; RMSProp 0.01, 0.001, 0.0001; SGD 0.001 (control). */
    public static List<Run> paperRuns() {
        return List.of(new Run(Method.SGD, 0.03), new Run(Method.SGD, 0.01), new Run(Method.SGD, 0.007),
                new Run(Method.RMSPROP, 0.01), new Run(Method.RMSPROP, 0.001), new Run(Method.RMSPROP, 0.0001),
                new Run(Method.SGD, 0.001));
    }

    /** Builds the optimizer of a run (injectable so that claims can test deliberately broken variants). */
    @FunctionalInterface
    public interface OptimizerFactory {
        Optimizer create(Run run, Fig1Saddle problem, boolean burnIn);
    }

    /** The paper's methods: {@link Algorithms#sgd} and {@link Algorithms#fig1Rmsprop} (C = 1, ε = 1e-8 inside). */
    public static final OptimizerFactory PAPER = (run, problem, burnIn) -> run.method() == Method.SGD
            ? Algorithms.sgd(problem, run.eta())
            : Algorithms.fig1Rmsprop(problem, run.eta(), BETA_C, EPS, burnIn ? BurnIn.length(run.eta()) : 0);

    /**
     * Configuration.
     *
     * @param trials      independent trials per run (≥ 1)
     * @param steps       iterations per trial (≥ 1)
     * @param seed        master seed of the per-trial streams
     * @param burnIn      RMSProp burn-in of W = ⌈η^{−2/3}⌉ updates at x_0
     * @param recordEvery record f every k-th iteration (0 = automatic, about {@link #TARGET_POINTS} points)
     * @param runs        the runs (non-empty, distinct)
     * @param factory     optimizer factory ({@link #PAPER} for the paper's methods)
     */
    public record Config(int trials, int steps, long seed, boolean burnIn, int recordEvery, List<Run> runs,
                         OptimizerFactory factory) {
        public Config {
            Require.positive("trials", trials);
            Require.positive("steps", steps);
            Require.nonNegative("recordEvery", recordEvery);
            Require.notNull("runs", runs);
            Require.that(!runs.isEmpty(), "runs", runs, "a non-empty list");
            for (int i = 0; i < runs.size(); i++) Require.notNull("runs[" + i + "]", runs.get(i));
            Require.that(runs.stream().map(Run::key).distinct().count() == runs.size(), "runs", runs, "distinct runs");
            runs = List.copyOf(runs);
            Require.notNull("factory", factory);
        }

        /** The paper's setup: 200 trials, 10⁴ steps, the seven runs, no burn-in. */
        public static Config paper(long seed) {
            return new Config(DEFAULT_TRIALS, DEFAULT_STEPS, seed, false, 0, paperRuns(), PAPER);
        }

        public Config withTrials(int n) {
            return new Config(n, steps, seed, burnIn, recordEvery, runs, factory);
        }

        public Config withSteps(int t) {
            return new Config(trials, t, seed, burnIn, recordEvery, runs, factory);
        }

        public Config withSeed(long s) {
            return new Config(trials, steps, s, burnIn, recordEvery, runs, factory);
        }

        public Config withBurnIn(boolean b) {
            return new Config(trials, steps, seed, b, recordEvery, runs, factory);
        }

        public Config withRecordEvery(int k) {
            return new Config(trials, steps, seed, burnIn, k, runs, factory);
        }

        public Config withRuns(List<Run> r) {
            return new Config(trials, steps, seed, burnIn, recordEvery, r, factory);
        }

        public Config withFactory(OptimizerFactory f) {
            return new Config(trials, steps, seed, burnIn, recordEvery, runs, f);
        }

        /** The recording stride actually used. */
        public int stride() {
            return TrialStats.stride(recordEvery, steps, TARGET_POINTS);
        }

        /** The recorded iterations: 0, k, 2k, …, and the last step. */
        public int[] recordedIterations() {
            return TrialStats.recordedIterations(steps, stride());
        }
    }

    /**
     * Result of one run.
     *
     * @param escapeIterations per trial, the first t with f(x_t) &lt; threshold, or −1 if it never happened
     * @param finalObjective   per trial, f(x_T)
     */
    public record RunResult(Run run, String optimizer, double beta, int burnInLength, int trials, int steps,
                            int[] iterations, TrialStats.Band band, long[] escapeIterations, double[] finalObjective) {
        public int escapedCount() {
            return TrialStats.passed(escapeIterations);
        }

        public double escapedFraction() {
            return (double) escapedCount() / trials;
        }

        /** Type-7 quantile of the escape iteration (non-escaped = +∞); NaN where not reached. */
        public double escapeQuantile(double q) {
            return TrialStats.passageQuantile(escapeIterations, q);
        }

        public double medianEscape() {
            return escapeQuantile(0.5);
        }

        public double finalMean() {
            return TrialStats.mean(finalObjective);
        }

        public double finalMedian() {
            return org.saddlecheck.stats.Quantiles.median(finalObjective);
        }
    }

    /** All runs of one configuration. */
    public record Result(Config config, List<RunResult> runs) {
        /** The result of the run (method, η), or null. */
        public RunResult find(Method m, double eta) {
            for (RunResult r : runs) if (r.run().method() == m && r.run().eta() == eta) return r;
            return null;
        }
    }

    private record Trial(double[] recorded, long escape, double last) {}

    /** Runs the experiment; trials of all runs are spread over the pool; results are independent of its size. */
    public static Result run(Config c, Parallel parallel) {
        Require.notNull("config", c);
        Require.notNull("parallel", parallel);
        Fig1Saddle problem = Fig1Saddle.finiteSum();
        int[] it = c.recordedIterations();
        int nRuns = c.runs().size(), n = c.trials();
        List<Trial> all = parallel.map(nRuns * n, i -> trial(c, c.runs().get(i / n), problem, i % n, it));
        List<RunResult> out = new ArrayList<>(nRuns);
        for (int r = 0; r < nRuns; r++) {
            Run run = c.runs().get(r);
            double[][] series = new double[n][];
            long[] esc = new long[n];
            double[] last = new double[n];
            for (int i = 0; i < n; i++) {
                Trial t = all.get(r * n + i);
                series[i] = t.recorded();
                esc[i] = t.escape();
                last[i] = t.last();
            }
            Optimizer probe = c.factory().create(run, problem, c.burnIn());
            double beta = run.method() == Method.RMSPROP ? BetaSchedule.fromEta(run.eta(), BETA_C) : Double.NaN;
            int w = run.method() == Method.RMSPROP && c.burnIn() ? BurnIn.length(run.eta()) : 0;
            out.add(new RunResult(run, probe.describe(), beta, w, n, c.steps(), it, TrialStats.band(series), esc, last));
        }
        return new Result(c, List.copyOf(out));
    }

    private static Trial trial(Config c, Run run, Fig1Saddle problem, int trial, int[] it) {
        UniformRandomProvider rng = Seeds.rng(c.seed(), "fig1/" + run.key(), trial);
        Optimizer opt = c.factory().create(run, problem, c.burnIn());
        Require.sameDimension("optimizer", opt.dim(), problem.dim());
        double[] x = new double[problem.dim()];
        double[] rec = new double[it.length];
        double f = problem.value(x);
        rec[0] = f;
        int next = 1;
        long escape = f < ESCAPE_THRESHOLD ? 0 : -1;
        int steps = c.steps();
        for (int t = 1; t <= steps; t++) {
            opt.step(x, rng);
            f = problem.value(x);
            if (escape < 0 && f < ESCAPE_THRESHOLD) escape = t;
            if (next < it.length && it[next] == t) rec[next++] = f;
        }
        return new Trial(rec, escape, f);
    }

    // ------------------------------------------------------------------------------------------------ output

    /** The CSV text: {@code method,eta,iteration,mean,q10,q50,q90}. */
    public static String csv(Result r) {
        Require.notNull("result", r);
        StringBuilder b = new StringBuilder("method,eta,iteration,mean,q10,q50,q90\n");
        for (RunResult rr : r.runs()) {
            String key = rr.run().method().label() + ',' + ExperimentOutput.plain(rr.run().eta());
            ExperimentOutput.appendBandRows(b, key, rr.iterations(), rr.band());
        }
        return b.toString();
    }

    /** The JSON summary: {"runs": [{method, eta, trials, steps, escapeIterations, escapedFraction, finalObjective, …}], …}. */
    public static ObjectNode json(Result r) {
        Require.notNull("result", r);
        Config c = r.config();
        ObjectNode root = ExperimentOutput.object();
        root.put("experiment", "fig1");
        root.put("source", "Staib et al. 2019, Figure 1 (CLAIMS.md STAIB-FIG1)");
        root.put("problem", Fig1Saddle.finiteSum().name()
                + ": f_i(x) = 1/2 x^T diag(1, -0.1) x + b_i^T x + sum_j x_j^10, b_i in {(+-1, +-0.1)} uniform, x_0 = 0");
        root.put("seed", c.seed());
        root.put("trials", c.trials());
        root.put("steps", c.steps());
        root.put("recordEvery", c.stride());
        root.put("escapeThreshold", ESCAPE_THRESHOLD);
        root.put("escapeDefinition", "first t with f(x_t) < -0.005; trials that never escape count as +infinity; "
                + "a quantile that is not reached is null");
        ObjectNode rms = root.putObject("rmsprop");
        rms.put("variant", "diagonal");
        rms.put("eps", EPS);
        rms.put("epsPlacement", "inside the root: x <- x - eta g/sqrt(v + eps) (the paper's A = (diag(G) + eps I)^(-1/2))");
        rms.put("v0", 0.0);
        rms.put("biasCorrection", false);
        rms.put("betaRule", "beta = 1 - C eta^(2/3), C = " + ExperimentOutput.plain(BETA_C));
        rms.put("timing", "v updated with g_t before the step (A_t depends on g_t, as in libraries)");
        rms.put("burnIn", c.burnIn() ? "W = ceil(eta^(-2/3)) updates of v at x_0" : "none");
        root.put("streams", "Seeds.rng(seed, \"fig1/<method>/<eta>\", trial)");
        ArrayNode runs = root.putArray("runs");
        for (RunResult rr : r.runs()) {
            ObjectNode o = runs.addObject();
            o.put("method", rr.run().method().label());
            o.put("eta", rr.run().eta());
            o.put("trials", rr.trials());
            o.put("steps", rr.steps());
            ObjectNode e = o.putObject("escapeIterations");
            e.set("median", ExperimentOutput.number(rr.escapeQuantile(0.5)));
            e.set("p10", ExperimentOutput.number(rr.escapeQuantile(0.1)));
            e.set("p90", ExperimentOutput.number(rr.escapeQuantile(0.9)));
            o.put("escapedFraction", rr.escapedFraction());
            ObjectNode fo = o.putObject("finalObjective");
            fo.put("mean", rr.finalMean());
            fo.put("median", rr.finalMedian());
            o.set("beta", ExperimentOutput.number(rr.beta()));
            o.put("burnInLength", rr.burnInLength());
            o.put("optimizer", rr.optimizer());
        }
        return root;
    }

    /** Writes DIR/fig1.csv and DIR/fig1.json (each atomically). */
    public static void write(Result r, Path dir) throws IOException {
        Require.notNull("result", r);
        Require.notNull("dir", dir);
        ExperimentOutput.writeCsvAndJson(dir, "fig1", csv(r), json(r));
    }

    /** A short fixed-width table of the runs. */
    public static String table(Result r) {
        Require.notNull("result", r);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-8s %-7s %-8s %8s %9s %9s %9s %10s %10s%n", "method", "eta", "beta", "escaped",
                "p10", "median", "p90", "mean f(T)", "med f(T)"));
        for (RunResult rr : r.runs()) {
            b.append(String.format(Locale.ROOT, "%-8s %-7s %-8s %7.1f%% %9s %9s %9s %10.5f %10.5f%n", rr.run().method().label(),
                    ExperimentOutput.plain(rr.run().eta()), Double.isNaN(rr.beta()) ? "-" : String.format(Locale.ROOT, "%.5f", rr.beta()),
                    100 * rr.escapedFraction(), iter(rr.escapeQuantile(0.1)), iter(rr.escapeQuantile(0.5)),
                    iter(rr.escapeQuantile(0.9)), rr.finalMean(), rr.finalMedian()));
        }
        b.append(String.format(Locale.ROOT, "(%d trials x %d steps; escape = first t with f(x_t) < %s; 'never' = quantile not reached)%n",
                r.config().trials(), r.config().steps(), ExperimentOutput.plain(ESCAPE_THRESHOLD)));
        return b.toString();
    }

    private static String iter(double v) {
        return Double.isNaN(v) ? "never" : String.format(Locale.ROOT, "%.0f", v);
    }
}
