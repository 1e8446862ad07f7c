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
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.Optimizer;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.ReddiCounterexample;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * Reddi et al. (2018b)'s counterexample as discussed in Staib et al. §3.2 (CLAIMS.md STAIB-S3.2): F(x) = ζx on
 * [−1, 1] with the oracle g = C w.p. p = (1+ζ)/(C+1), else −1 ({@link ReddiCounterexample}). Per setting, projected
 * iterations from x_0 = 0 with η_t = η/√t (t = 1, 2, …):
 * <ul>
 *   <li>EMA-RMSProp: v ← βv + (1−β)g² (v_0 = 0, no bias correction, g_t enters v before the step),
 *       x ← clip(x − η_t g/√(v + ε), −1, 1);</li>
 *   <li>idealized RMSProp: x ← clip(x − η_t g/√G, −1, 1) with the exact G = E[g²] = pC² + (1 − p) = C(1+ζ) − ζ.</li>
 * </ul>
 * The defaults are CLAIMS.md's: ζ = 0.1, η = 0.1, ε = 1e-8, T = 2·10⁵, 200 trials, C ∈ {5, 20, 100} with β ∈ {0.9,
 * 0.99} and the idealized method, plus C = 20 with β = 0.999 (β → 1).
 *
 * <p>{@link #SCALAR} is a hand-written scalar loop (about 10⁸–10⁹ steps per run, so the generic
 * {@link org.saddlecheck.optim.PreconditionedSgd} machinery with its per-step validation would dominate). It performs
 * exactly the floating-point operations of {@link Algorithms#rmspropDiagonal} / {@link Algorithms#idealizedDiagonalRmsprop}
 * on this problem and draws from the generator in the same order, so {@link #LIBRARY} (which runs those optimizers)
 * gives bit-identical trajectories; the unit tests and the STAIB-S3.2 claim check that.
 *
 * <p>Streams: {@code Seeds.rng(seed, "reddi/" + setting.key(), trial)}; results do not depend on the thread count.
 * Outputs: {@code reddi.csv} (long format {@code C,method,iteration,mean,q10,q50,q90} of x_t over trials) and
 * {@code reddi.json} (per-setting summary of x_T and F(x_T) = ζx_T).
 */
public final class ReddiExperiment {
    private ReddiExperiment() {}

    public static final double DEFAULT_ZETA = 0.1;
    public static final double DEFAULT_ETA = 0.1;
    public static final double DEFAULT_EPS = 1e-8;
    public static final int DEFAULT_STEPS = 200_000;
    public static final int DEFAULT_TRIALS = 200;
    public static final int TARGET_POINTS = 1000;
    public static final String DEFAULT_DIR = "target/experiments/reddi";

    /** The two methods. */
    public enum Method {
        RMSPROP, IDEALIZED
    }

    /** One configuration: C, the method and (for RMSProp) β. */
    public record Setting(double c, Method method, double beta) {
        public Setting {
            Require.positive("C", c);
            Require.notNull("method", method);
            if (method == Method.RMSPROP) Require.beta("beta", beta);
            else beta = Double.NaN;
        }

        public static Setting rmsprop(double c, double beta) {
            return new Setting(c, Method.RMSPROP, beta);
        }

        public static Setting idealized(double c) {
            return new Setting(c, Method.IDEALIZED, Double.NaN);
        }

        /** "rmsprop(beta=0.9)" or "idealized". */
        public String label() {
            return method == Method.RMSPROP ? "rmsprop(beta=" + ExperimentOutput.plain(beta) + ")" : "idealized";
        }

        /** "C=20/rmsprop(beta=0.9)". */
        public String key() {
            return "C=" + ExperimentOutput.plain(c) + "/" + label();
        }

        /** C·(1 − β): how long C's rare large gradients are remembered relative to their frequency (NaN if idealized). */
        public double cTimesWindowInverse() {
            return method == Method.RMSPROP ? c * (1 - beta) : Double.NaN;
        }
    }

    /** The default settings (CLAIMS.md STAIB-S3.2). */
    public static List<Setting> defaultSettings() {
        List<Setting> s = new ArrayList<>();
        for (double c : new double[] {5, 20, 100}) {
            s.add(Setting.rmsprop(c, 0.9));
            s.add(Setting.rmsprop(c, 0.99));
            if (c == 20) s.add(Setting.rmsprop(c, 0.999));
            s.add(Setting.idealized(c));
        }
        return List.copyOf(s);
    }

    /** Runs one trial: writes x_t at the recorded iterations (recordAt[0] = 0 is x_0) and returns x_T. */
    @FunctionalInterface
    public interface Kernel {
        double run(Setting s, ReddiCounterexample problem, Config c, UniformRandomProvider rng, int[] recordAt, double[] recorded);
    }

    /** The tight scalar loop (see the class comment). */
    public static final Kernel SCALAR = ReddiExperiment::scalar;

    /** The project's optimizers ({@link Algorithms#rmspropDiagonal}, {@link Algorithms#idealizedDiagonalRmsprop}). */
    public static final Kernel LIBRARY = ReddiExperiment::library;

    /**
     * Configuration.
     *
     * @param trials      trials per setting (≥ 1)
     * @param steps       T (≥ 1)
     * @param seed        master seed
     * @param zeta        ζ &gt; 0
     * @param eta         η &gt; 0 of η_t = η/√t
     * @param eps         RMSProp's ε ≥ 0 (inside the root)
     * @param recordEvery stride of recorded iterations (0 = automatic, about 1000 points)
     * @param settings    the settings (non-empty, distinct)
     * @param kernel      the trial kernel ({@link #SCALAR})
     */
    public record Config(int trials, int steps, long seed, double zeta, double eta, double eps, int recordEvery,
                         List<Setting> settings, Kernel kernel) {
        public Config {
            Require.positive("trials", trials);
            Require.positive("steps", steps);
            Require.positive("zeta", zeta);
            Require.positive("eta", eta);
            Require.nonNegative("eps", eps);
            Require.nonNegative("recordEvery", recordEvery);
            Require.notNull("settings", settings);
            Require.that(!settings.isEmpty(), "settings", settings, "a non-empty list");
            for (int i = 0; i < settings.size(); i++) {
                Setting s = Require.notNull("settings[" + i + "]", settings.get(i));
                Require.that(s.c() > zeta, "settings[" + i + "].C", s.c(), "> zeta = " + zeta);
            }
            Require.that(settings.stream().map(Setting::key).distinct().count() == settings.size(), "settings", settings, "distinct settings");
            settings = List.copyOf(settings);
            Require.notNull("kernel", kernel);
        }

        /** CLAIMS.md's defaults. */
        public static Config defaults(long seed) {
            return new Config(DEFAULT_TRIALS, DEFAULT_STEPS, seed, DEFAULT_ZETA, DEFAULT_ETA, DEFAULT_EPS, 0, defaultSettings(), SCALAR);
        }

        public Config withTrials(int n) {
            return new Config(n, steps, seed, zeta, eta, eps, recordEvery, settings, kernel);
        }

        public Config withSteps(int t) {
            return new Config(trials, t, seed, zeta, eta, eps, recordEvery, settings, kernel);
        }

        public Config withSettings(List<Setting> s) {
            return new Config(trials, steps, seed, zeta, eta, eps, recordEvery, s, kernel);
        }

        public Config withKernel(Kernel k) {
            return new Config(trials, steps, seed, zeta, eta, eps, recordEvery, settings, k);
        }

        public Config withRecordEvery(int k) {
            return new Config(trials, steps, seed, zeta, eta, eps, k, settings, kernel);
        }

        public int stride() {
            return TrialStats.stride(recordEvery, steps, TARGET_POINTS);
        }

        /** 0, k, 2k, …, and T. */
        public int[] recordedIterations() {
            return TrialStats.recordedIterations(steps, stride());
        }
    }

    /** One setting's result: the band of x_t over trials and the final iterates. */
    public record SettingResult(Setting setting, int trials, int steps, int[] iterations, TrialStats.Band band, double[] finalX) {
        public double meanFinalX() {
            return TrialStats.mean(finalX);
        }

        public double fractionPositive() {
            int k = 0;
            for (double x : finalX) if (x > 0) k++;
            return (double) k / finalX.length;
        }
    }

    /** All settings. */
    public record Result(Config config, List<SettingResult> settings) {
        /** The result of a setting, or null. */
        public SettingResult find(Setting s) {
            for (SettingResult r : settings) if (r.setting().equals(s)) return r;
            return null;
        }
    }

    /** Runs all settings; trials are spread over the pool; results do not depend on its size. */
    public static Result run(Config c, Parallel parallel) {
        Require.notNull("config", c);
        Require.notNull("parallel", parallel);
        int[] it = c.recordedIterations();
        int ns = c.settings().size(), n = c.trials();
        List<ReddiCounterexample> problems = new ArrayList<>(ns);
        for (Setting s : c.settings()) problems.add(new ReddiCounterexample(s.c(), c.zeta()));
        List<double[]> all = parallel.map(ns * n, i -> {
            Setting s = c.settings().get(i / n);
            double[] rec = new double[it.length];
            UniformRandomProvider rng = Seeds.rng(c.seed(), "reddi/" + s.key(), i % n);
            c.kernel().run(s, problems.get(i / n), c, rng, it, rec);
            return rec;
        });
        List<SettingResult> out = new ArrayList<>(ns);
        for (int k = 0; k < ns; k++) {
            double[][] series = new double[n][];
            double[] fin = new double[n];
            for (int i = 0; i < n; i++) {
                series[i] = all.get(k * n + i);
                fin[i] = series[i][it.length - 1];
            }
            out.add(new SettingResult(c.settings().get(k), n, c.steps(), it, TrialStats.band(series), fin));
        }
        return new Result(c, List.copyOf(out));
    }

    private static double scalar(Setting s, ReddiCounterexample problem, Config c, UniformRandomProvider rng, int[] it, double[] rec) {
        final double big = s.c(), p = problem.p(), eta = c.eta(), eps = c.eps();
        final int steps = c.steps();
        double x = 0;
        rec[0] = x;
        int next = 1;
        if (s.method() == Method.RMSPROP) {
            final double beta = s.beta(), oneMinusBeta = 1.0 - beta;
            double v = 0;
            for (int t = 1; t <= steps; t++) {
                double g = rng.nextDouble() < p ? big : -1.0;
                v = beta * v + oneMinusBeta * (g * g);
                double h = eta / Math.sqrt(t);
                x -= h * (g / Math.sqrt(v + eps));
                x = Math.min(1.0, Math.max(-1.0, x));
                if (next < it.length && it[next] == t) rec[next++] = x;
            }
        } else {
            final double denom = Math.sqrt(p * big * big + (1 - p)); // the problem's exact E[g²], as ExactEstimator reads it
            for (int t = 1; t <= steps; t++) {
                double g = rng.nextDouble() < p ? big : -1.0;
                double h = eta / Math.sqrt(t);
                x -= h * (g / denom);
                x = Math.min(1.0, Math.max(-1.0, x));
                if (next < it.length && it[next] == t) rec[next++] = x;
            }
        }
        return x;
    }

    private static double library(Setting s, ReddiCounterexample problem, Config c, UniformRandomProvider rng, int[] it, double[] rec) {
        StepSchedule sched = StepSchedule.inverseSqrt(c.eta());
        Optimizer o = s.method() == Method.RMSPROP
                ? Algorithms.rmspropDiagonal(problem, sched, s.beta(), c.eps(), EpsPlacement.INSIDE, false)
                : Algorithms.idealizedDiagonalRmsprop(problem, sched, 0.0);
        double[] x = new double[1];
        rec[0] = x[0];
        int next = 1;
        for (int t = 1; t <= c.steps(); t++) {
            o.step(x, rng);
            if (next < it.length && it[next] == t) rec[next++] = x[0];
        }
        return x[0];
    }

    // ------------------------------------------------------------------------------------------------ output

    /** CSV: {@code C,method,iteration,mean,q10,q50,q90} (x_t over trials). */
    public static String csv(Result r) {
        Require.notNull("result", r);
        StringBuilder b = new StringBuilder("C,method,iteration,mean,q10,q50,q90\n");
        for (SettingResult sr : r.settings()) {
            String key = ExperimentOutput.plain(sr.setting().c()) + ',' + sr.setting().label();
            ExperimentOutput.appendBandRows(b, key, sr.iterations(), sr.band());
        }
        return b.toString();
    }

    /** JSON summary. */
    public static ObjectNode json(Result r) {
        Require.notNull("result", r);
        Config c = r.config();
        ObjectNode root = ExperimentOutput.object();
        root.put("experiment", "reddi");
        root.put("source", "Staib et al. 2019, Section 3.2 (Reddi et al. 2018b counterexample; CLAIMS.md STAIB-S3.2)");
        root.put("problem", "F(x) = zeta x on [-1, 1]; g = C w.p. p = (1+zeta)/(C+1), else -1; x_0 = 0; projected iterations");
        root.put("zeta", c.zeta());
        root.put("eta", c.eta());
        root.put("stepsize", "eta_t = eta/sqrt(t), t = 1, 2, ...");
        root.put("eps", c.eps());
        root.put("rmsprop", "v <- beta v + (1-beta) g^2 (v_0 = 0, no bias correction), x <- clip(x - eta_t g/sqrt(v + eps))");
        root.put("idealized", "x <- clip(x - eta_t g/sqrt(E[g^2])), E[g^2] = C(1+zeta) - zeta");
        root.put("seed", c.seed());
        root.put("trials", c.trials());
        root.put("steps", c.steps());
        root.put("recordEvery", c.stride());
        ArrayNode arr = root.putArray("settings");
        for (SettingResult sr : r.settings()) {
            ObjectNode o = arr.addObject();
            o.put("C", sr.setting().c());
            o.put("method", sr.setting().label());
            o.set("beta", ExperimentOutput.number(sr.setting().beta()));
            o.set("cTimesOneMinusBeta", ExperimentOutput.number(sr.setting().cTimesWindowInverse()));
            o.put("trials", sr.trials());
            o.put("steps", sr.steps());
            o.put("meanFinalX", sr.meanFinalX());
            o.put("meanFinalF", c.zeta() * sr.meanFinalX());
            o.put("medianFinalX", sr.band().q50()[sr.band().q50().length - 1]);
            o.put("fractionFinalXPositive", sr.fractionPositive());
        }
        return root;
    }

    /** Writes DIR/reddi.csv and DIR/reddi.json (each atomically). */
    public static void write(Result r, Path dir) throws IOException {
        Require.notNull("result", r);
        Require.notNull("dir", dir);
        ExperimentOutput.writeCsvAndJson(dir, "reddi", csv(r), json(r));
    }

    /** A short table. */
    public static String table(Result r) {
        Require.notNull("result", r);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-6s %-20s %10s %12s %12s %10s%n", "C", "method", "C(1-beta)",
                "mean x_T", "mean F(x_T)", "x_T > 0"));
        for (SettingResult sr : r.settings()) {
            double w = sr.setting().cTimesWindowInverse();
            b.append(String.format(Locale.ROOT, "%-6s %-20s %10s %12.4f %12.5f %9.1f%%%n", ExperimentOutput.plain(sr.setting().c()),
                    sr.setting().label(), Double.isNaN(w) ? "-" : String.format(Locale.ROOT, "%.3g", w), sr.meanFinalX(),
                    r.config().zeta() * sr.meanFinalX(), 100 * sr.fractionPositive()));
        }
        b.append(String.format(Locale.ROOT, "(%d trials x %d steps, zeta = %s, eta_t = %s/sqrt(t), eps = %s)%n", r.config().trials(),
                r.config().steps(), ExperimentOutput.plain(r.config().zeta()), ExperimentOutput.plain(r.config().eta()), r.config().eps()));
        return b.toString();
    }
}
