package org.saddlecheck.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * Staib et al.'s Figure 2 (§6; CLAIMS.md STAIB-FIG2): softmax regression (zero init, bias, no regularisation) on a
 * digit data set — or one-vs-rest logistic regression ({@link Fig2Model}; same parameters, RMSProp and minibatches) — trained by diagonal RMSProp (ε = 1e-8 inside the root, v_0 = 0, no bias correction), batch 100,
 * η_t = 0.001/√t per iteration, under constant β ∈ {0.7, 0.9, 0.97, 0.99} and β_t = 1 − Cη_t^{2/3},
 * C ∈ {0.1, 0.3, 1}; the training loss over the whole training set after every epoch.
 *
 * <p>Epochs: each epoch visits a fresh uniformly random permutation of the training set in ⌊n/B⌋ minibatches
 * (without replacement; the last n mod B examples of a permutation are skipped). Randomness: run (schedule, seed k)
 * shuffles with the stream {@code seedOf(k)}, the same for every schedule (common random numbers: the schedules
 * are compared on identical minibatch sequences, which makes the per-seed differences much less noisy). Runs are
 * independent tasks on a {@link Parallel} pool; results do not depend on the thread count.
 *
 * <p>Outputs ({@link #write}): {@code fig2.csv} (schedule, epoch, iteration, eta, loss = mean over seeds, lossMin,
 * lossMax, seeds), {@code fig2-late.csv} (the same rows for the second half of the epochs, the zoom the paper shows),
 * {@code fig2-runs.csv} (schedule, seed, epoch, loss per run) and {@code fig2.json} (set-up, data set label and,
 * per schedule, the final loss mean ± sd).
 */
public final class Fig2Experiment {
    private Fig2Experiment() {}

    /** The seed stream name: run k of {@code saddlecheck experiment fig2 --seed S} equals the claim's run k at master seed S. */
    public static final String SEED_STREAM = "STAIB-FIG2/order";

    /** ε placement recorded in every result (CLAIMS.md §8.13). */
    public static final String EPS_PLACEMENT = "inside: g/sqrt(v + eps) (Staib et al.'s A = (G + eps I)^(-1/2))";

    /** Set-up of one experiment. */
    public record Config(int epochs, int seeds, int batch, double eta0, double eps, List<Fig2Schedule> schedules, StartUp startUp,
                         Fig2Model model) {
        public Config {
            Require.positive("epochs", epochs);
            Require.positive("seeds", seeds);
            Require.positive("batch", batch);
            Require.positive("eta0", eta0);
            Require.nonNegative("eps", eps);
            Require.notNull("schedules", schedules);
            Require.that(!schedules.isEmpty(), "schedules", schedules, "a non-empty list");
            schedules = List.copyOf(schedules);
            Require.notNull("startUp", startUp);
            Require.notNull("model", model);
        }

        /** Softmax regression (the default model). */
        public Config(int epochs, int seeds, int batch, double eta0, double eps, List<Fig2Schedule> schedules, StartUp startUp) {
            this(epochs, seeds, batch, eta0, eps, schedules, startUp, Fig2Model.SOFTMAX);
        }

        /** The paper's set-up (batch 100, η_0 = 0.001, ε = 1e-8, the seven schedules). */
        public static Config paper(int epochs, int seeds) {
            return new Config(epochs, seeds, 100, 1e-3, 1e-8, Fig2Schedule.paper(), StartUp.ZERO, Fig2Model.SOFTMAX);
        }

        /** The same set-up with another start-up convention for v. */
        public Config withStartUp(StartUp s) {
            return new Config(epochs, seeds, batch, eta0, eps, schedules, s, model);
        }

        /** The same set-up with another model and loss. */
        public Config withModel(Fig2Model m) {
            return new Config(epochs, seeds, batch, eta0, eps, schedules, startUp, m);
        }
    }

    /** One run: the training loss after each epoch e = 0 (initial: ln K at zero init for softmax, ln 2 for one-vs-rest) … epochs. */
    public record Run(Fig2Schedule schedule, int seed, long streamSeed, double[] loss, long iterations, long clampedSteps) {
        public double finalLoss() {
            return loss[loss.length - 1];
        }
    }

    /** Summary of one schedule over its seeds. */
    public record Summary(Fig2Schedule schedule, double[] finals, double mean, double sd, double min, double max,
                          double[] meanCurve, double[] minCurve, double[] maxCurve, long clampedSteps) {}

    /** The outcome of {@link #run}. */
    public record Result(Config config, String dataset, int n, int p, int classes, int stepsPerEpoch, List<Run> runs,
                         long millis) {
        /** The runs of a schedule, in seed order. */
        public List<Run> runsOf(Fig2Schedule s) {
            List<Run> out = new ArrayList<>();
            for (Run r : runs) if (r.schedule().equals(s)) out.add(r);
            return out;
        }

        /** Total iterations per run (epochs · ⌊n/B⌋). */
        public long iterations() {
            return (long) config.epochs() * stepsPerEpoch;
        }

        /** η_t at the last iteration. */
        public double finalEta() {
            return config.eta0() / Math.sqrt(iterations());
        }

        /** Mean, sd, band and curves of one schedule over its seeds. */
        public Summary summary(Fig2Schedule s) {
            List<Run> rs = runsOf(Require.notNull("schedule", s));
            Require.that(!rs.isEmpty(), "schedule", s.name(), "one of the experiment's schedules " + config.schedules());
            int k = rs.size(), e = config.epochs() + 1;
            double[] finals = new double[k];
            double[] mean = new double[e], lo = new double[e], hi = new double[e];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            long clamped = 0;
            for (int i = 0; i < k; i++) {
                Run r = rs.get(i);
                finals[i] = r.finalLoss();
                clamped += r.clampedSteps();
                for (int j = 0; j < e; j++) {
                    mean[j] += r.loss()[j] / k;
                    lo[j] = Math.min(lo[j], r.loss()[j]);
                    hi[j] = Math.max(hi[j], r.loss()[j]);
                }
            }
            double m = 0;
            for (double f : finals) m += f / k;
            double ss = 0;
            for (double f : finals) ss += (f - m) * (f - m);
            double sd = k > 1 ? Math.sqrt(ss / (k - 1)) : Double.NaN;
            return new Summary(s, finals, m, sd, lo[e - 1], hi[e - 1], mean, lo, hi, clamped);
        }

        public List<Summary> summaries() {
            List<Summary> out = new ArrayList<>();
            for (Fig2Schedule s : config.schedules()) out.add(summary(s));
            return out;
        }
    }

    /** Seeds of {@code saddlecheck experiment fig2 --seed S}: run k shuffles with Seeds.derive(S, {@value #SEED_STREAM}, k). */
    public static IntToLongFunction seeds(long masterSeed) {
        return k -> Seeds.derive(masterSeed, SEED_STREAM, k);
    }

    /**
     * Runs every (schedule, seed) pair on {@code parallel}; run (s, k) shuffles with {@code seedOf.applyAsLong(k)}.
     *
     * @throws IllegalArgumentException if the data set has fewer examples than one batch
     */
    public static Result run(Dataset data, Config cfg, IntToLongFunction seedOf, Parallel parallel) {
        Require.notNull("data", data);
        Require.notNull("cfg", cfg);
        Require.notNull("seedOf", seedOf);
        Require.notNull("parallel", parallel);
        Require.that(data.n() >= cfg.batch(), "data.n", data.n(), ">= batch = " + cfg.batch() + " (one minibatch per step)");
        long t0 = System.nanoTime();
        SparseDigits sd = new SparseDigits(data);
        int seeds = cfg.seeds(), pairs = cfg.schedules().size() * seeds;
        long[] streamSeeds = new long[seeds];
        for (int k = 0; k < seeds; k++) streamSeeds[k] = seedOf.applyAsLong(k);
        List<Run> runs = parallel.map(pairs, i -> runOne(sd, cfg, cfg.schedules().get(i / seeds), i % seeds, streamSeeds[i % seeds]));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Result(cfg, data.name(), data.n(), data.p(), data.classes(), data.n() / cfg.batch(), runs, ms);
    }

    /** One training run. */
    static Run runOne(SparseDigits data, Config cfg, Fig2Schedule s, int seed, long streamSeed) {
        UniformRandomProvider rng = Seeds.rng(streamSeed);
        SoftmaxRmsprop opt = new SoftmaxRmsprop(data, cfg.batch(), cfg.eta0(), cfg.eps(), s, cfg.startUp(), cfg.model());
        int n = data.n(), b = cfg.batch(), steps = n / b;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        double[] loss = new double[cfg.epochs() + 1];
        loss[0] = opt.fullLoss();
        for (int e = 1; e <= cfg.epochs(); e++) {
            shuffle(perm, rng);
            for (int st = 0; st < steps; st++) opt.step(perm, st * b);
            loss[e] = opt.fullLoss();
        }
        return new Run(s, seed, streamSeed, loss, opt.steps(), opt.clampedSteps());
    }

    /** Fisher–Yates shuffle. */
    static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    // ------------------------------------------------------------------ output

    /** Writes fig2.csv, fig2-late.csv, fig2-runs.csv and fig2.json into {@code dir} (each file replaced atomically). */
    public static void write(Result r, Path dir) throws IOException {
        Require.notNull("r", r);
        Require.notNull("dir", dir);
        Files.createDirectories(dir);
        List<Summary> sums = r.summaries();
        int e = r.config().epochs();
        StringBuilder all = new StringBuilder(), late = new StringBuilder(), runs = new StringBuilder();
        String header = "schedule,epoch,iteration,eta,loss,lossMin,lossMax,seeds\n";
        all.append(header);
        late.append(header);
        int lateFrom = e / 2;
        for (Summary s : sums) {
            for (int j = 0; j <= e; j++) {
                long it = (long) j * r.stepsPerEpoch();
                String row = String.join(",", s.schedule().name(), Integer.toString(j), Long.toString(it),
                        it == 0 ? "" : num(r.config().eta0() / Math.sqrt(it)), num(s.meanCurve()[j]), num(s.minCurve()[j]),
                        num(s.maxCurve()[j]), Integer.toString(s.finals().length)) + "\n";
                all.append(row);
                if (j >= lateFrom) late.append(row);
            }
        }
        runs.append("schedule,seed,epoch,loss\n");
        for (Run run : r.runs()) {
            for (int j = 0; j <= e; j++) {
                runs.append(run.schedule().name()).append(',').append(run.seed()).append(',').append(j).append(',')
                        .append(num(run.loss()[j])).append('\n');
            }
        }
        writeAtomically(dir.resolve("fig2.csv"), all.toString());
        writeAtomically(dir.resolve("fig2-late.csv"), late.toString());
        writeAtomically(dir.resolve("fig2-runs.csv"), runs.toString());
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(dir.resolve("fig2.json"), om.writeValueAsString(json(r, sums)) + "\n");
    }

    /** The fig2.json content: set-up, data set and per-schedule final losses. */
    public static Map<String, Object> json(Result r, List<Summary> sums) {
        Require.notNull("r", r);
        Require.notNull("sums", sums);
        Config c = r.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", "Staib et al. (ICML 2019) Figure 2: setting beta for diagonal RMSProp, logistic regression on digits");
        m.put("dataset", r.dataset());
        m.put("examples", r.n());
        m.put("features", r.p());
        m.put("classes", r.classes());
        m.put("model", c.model().cliName());
        m.put("modelDescription", c.model().description() + ", " + r.classes() + " classes x (" + r.p() + " features + bias) = "
                + (r.p() + 1) * r.classes() + " parameters, zero init, no regularisation");
        m.put("optimizer", "diagonal RMSProp; start-up: " + c.startUp().description());
        m.put("startUp", c.startUp().name());
        m.put("epsPlacement", EPS_PLACEMENT);
        m.put("eps", c.eps());
        m.put("eta", "eta_t = " + c.eta0() + "/sqrt(t), t = 1, 2, ... per iteration");
        m.put("batch", c.batch());
        m.put("sampling", "each epoch a fresh random permutation, floor(n/B) minibatches without replacement; "
                + "the same shuffles for every schedule at a given seed");
        m.put("loss", c.model() == Fig2Model.ONE_VS_REST
                ? "training loss over the whole training set after each epoch: mean over examples of the mean over the "
                        + r.classes() + " classes of the binary cross-entropy softplus(z_c) - [c = y] z_c (each class trained on its own)"
                : "training loss (mean cross-entropy) over the whole training set, after each epoch");
        m.put("epochs", c.epochs());
        m.put("stepsPerEpoch", r.stepsPerEpoch());
        m.put("iterations", r.iterations());
        m.put("finalEta", r.finalEta());
        m.put("seeds", c.seeds());
        // the per-seed stream seeds (from the master seed or the claim's context): enough to rerun any one curve
        m.put("streamSeeds", r.runs().stream().filter(x -> x.schedule().equals(c.schedules().get(0))).mapToLong(Run::streamSeed).boxed().toList());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Summary s : sums) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schedule", s.schedule().name());
            row.put("finalLossMean", s.mean());
            row.put("finalLossSd", Double.isNaN(s.sd()) ? null : s.sd());
            row.put("finalLossMin", s.min());
            row.put("finalLossMax", s.max());
            row.put("finalLosses", s.finals());
            row.put("finalBeta", s.schedule().beta(r.finalEta()));
            row.put("clampedSteps", s.clampedSteps());
            rows.add(row);
        }
        m.put("runs", rows);
        return m;
    }

    /** A short text table: schedule, final loss mean ± sd, min, max. */
    public static String table(Result r) {
        Require.notNull("r", r);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Figure 2 on %s, %s: %d epochs x %d steps (t = %d, final eta_t = %.3g), %d seed(s), %.1f s%n",
                r.dataset(), r.config().model().cliName(), r.config().epochs(), r.stepsPerEpoch(), r.iterations(), r.finalEta(), r.config().seeds(), r.millis() / 1000.0));
        b.append(String.format(Locale.ROOT, "%-26s %22s %12s %12s%n", "schedule", "final loss (mean ± sd)", "min", "max"));
        for (Summary s : r.summaries()) {
            b.append(String.format(Locale.ROOT, "%-26s %12.6f ± %-7.2g %12.6f %12.6f%n", s.schedule().name(), s.mean(),
                    Double.isNaN(s.sd()) ? 0.0 : s.sd(), s.min(), s.max()));
        }
        return b.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** Writes a file via a temporary sibling and an atomic rename, so readers never see a partial file. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // a sibling name unique to this process and thread; created with default permissions (not createTempFile's 0600)
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
