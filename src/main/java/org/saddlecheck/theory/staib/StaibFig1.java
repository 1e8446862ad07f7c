package org.saddlecheck.theory.staib;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.ExperimentOutput;
import org.saddlecheck.experiment.Fig1Experiment;
import org.saddlecheck.experiment.Fig1Experiment.Method;
import org.saddlecheck.experiment.Fig1Experiment.RunResult;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.ClopperPearson;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * STAIB-FIG1 (Staib et al. §6, Figure 1; CLAIMS.md STAIB-FIG1): SGD vs diagonal RMSProp escaping the saddle of the
 * 2-D finite-sum problem, driven by {@link Fig1Experiment} (10⁴ steps, the seven runs). Four statistical tests, each at
 * alpha/4 (Bonferroni):
 * <ol>
 *   <li>(F1a) the ratio of median escape times SGD(η = 0.01) / RMSProp(η = 0.001) lies in [0.5, 2]: VIOLATED iff a
 *       distribution-free confidence interval of the ratio (order-statistic bounds of each median, non-escaped
 *       trials = +∞, each bound at alpha/16) lies entirely outside [0.5, 2];</li>
 *   <li>(F1a) SGD(0.001) escapes in &lt; 10% of runs: exact binomial test of "rate ≤ 0.1";</li>
 *   <li>(F1b/F1c) at t = 10⁴, mean f of RMSProp(0.001) is below the mean f of every SGD run with η ≥ 0.01
 *       (η = 0.03 and 0.01) by ≥ 0.001: VIOLATED iff the Welch upper confidence bound of
 *       mean f_SGD − mean f_RMSProp is below 0.001.</li>
 * </ol>
 * A point estimate on the wrong side without significance gives INCONCLUSIVE. Trials: the larger of 200 (the
 * calibration count, scaled by the budget) and the binomial design that detects a 30% escape rate of the SGD control
 * with power 0.9. The experiment's CSV/JSON go to target/experiments/fig1/ and are referenced as curves.
 * The optimizer factory is injectable (broken-input tests).
 */
public final class StaibFig1 extends CatalogClaim {
    static final int TESTS = 4;
    static final double RATIO_LO = 0.5, RATIO_HI = 2.0;
    static final double CONTROL_RATE = 0.1;
    static final double MARGIN = 0.001;
    static final double SGD_ETA = 0.01, RMS_ETA = 0.001, CONTROL_ETA = 0.001;

    private final Fig1Experiment.OptimizerFactory factory;
    private final Path outDir;

    /** The registry's instance: the paper's methods, output to target/experiments/fig1. */
    public StaibFig1() {
        this(Fig1Experiment.PAPER, null);
    }

    /** Claim with an injected optimizer factory and output directory (null: target/experiments/fig1). */
    StaibFig1(Fig1Experiment.OptimizerFactory factory, Path outDir) {
        super("STAIB-FIG1", TESTS);
        this.factory = Require.notNull("factory", factory);
        this.outDir = outDir;
    }

    /** Trials: max(budget-scaled 200, binomial design for the control test). */
    static int trials(ClaimContext ctx) {
        double a = ctx.alphaPerTest(TESTS);
        int design = Power.binomialTrials(CONTROL_RATE, 0.3, a, 0.9).n();
        return Math.max(ctx.budget().scaled(Fig1Experiment.DEFAULT_TRIALS, 50), design);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double a = ctx.alphaPerTest(TESTS);
        int n = trials(ctx);
        Fig1Experiment.Config cfg = Fig1Experiment.Config.paper(ctx.seed("experiment", 0)).withTrials(n).withFactory(factory);
        ctx.progress("running " + cfg.runs().size() + " runs x " + n + " trials x " + cfg.steps() + " steps");
        Fig1Experiment.Result res = Fig1Experiment.run(cfg, ctx.parallel());

        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).trials((long) n * cfg.runs().size()).falseFailureRate(TESTS * a);
        List<String> ev = new ArrayList<>();
        List<String> bad = new ArrayList<>();

        // ---- (F1a) median escape ratio
        RunResult sgd = res.find(Method.SGD, SGD_ETA), rms = res.find(Method.RMSPROP, RMS_ETA);
        double aq = a / 4;
        double[] s1 = SecondOrderSupport.sortedPassage(sgd.escapeIterations());
        double[] s2 = SecondOrderSupport.sortedPassage(rms.escapeIterations());
        double m1 = sgd.medianEscape(), m2 = rms.medianEscape();
        double l1 = SecondOrderSupport.lowerQuantileBound(s1, 0.5, aq), u1 = SecondOrderSupport.upperQuantileBound(s1, 0.5, aq);
        double l2 = SecondOrderSupport.lowerQuantileBound(s2, 0.5, aq), u2 = SecondOrderSupport.upperQuantileBound(s2, 0.5, aq);
        // a median that is not reached (more than half the trials never escape) is +inf for the ratio
        double ratio = (Double.isNaN(m1) ? Double.POSITIVE_INFINITY : m1) / (Double.isNaN(m2) ? Double.POSITIVE_INFINITY : m2);
        double ratioLow = l1 / u2, ratioHigh = u1 / l2; // NaN (∞/∞) means uninformative
        boolean sigHigh = ratioLow > RATIO_HI, sigLow = ratioHigh < RATIO_LO;
        Verdict vRatio;
        if (sigHigh || sigLow) {
            vRatio = Verdict.VIOLATED;
            bad.add(String.format(Locale.ROOT, "(F1a) median escape ratio SGD(0.01)/RMSProp(0.001) = %s, CI [%s, %s] lies %s [0.5, 2]",
                    num(ratio), num(ratioLow), num(ratioHigh), sigHigh ? "above" : "below"));
        } else if (ratio >= RATIO_LO && ratio <= RATIO_HI) {
            vRatio = Verdict.HOLDS;
        } else {
            vRatio = Verdict.INCONCLUSIVE;
            bad.add(String.format(Locale.ROOT, "(F1a) ratio %s outside [0.5, 2] but its CI [%s, %s] is not", num(ratio), num(ratioLow), num(ratioHigh)));
        }
        b.and(vRatio);
        ev.add(String.format(Locale.ROOT, "(F1a) median escape SGD(0.01) %s vs RMSProp(0.001) %s: ratio %s (CI [%s, %s], target [0.5, 2]).",
                Double.isNaN(m1) ? "never" : num(m1), Double.isNaN(m2) ? "never" : num(m2), num(ratio), num(ratioLow), num(ratioHigh)));
        Map<String, Object> f1a = new LinkedHashMap<>();
        f1a.put("medianEscapeSgd0.01", m1);
        f1a.put("medianEscapeRmsprop0.001", m2);
        f1a.put("ratio", ratio);
        f1a.put("ratioCiLow", ratioLow);
        f1a.put("ratioCiHigh", ratioHigh);
        f1a.put("medianCiSgd", new double[] {l1, u1});
        f1a.put("medianCiRmsprop", new double[] {l2, u2});
        f1a.put("alphaPerBound", aq);
        f1a.put("verdict", vRatio);
        b.detail("F1aRatio", f1a);

        // ---- (F1a) SGD(0.001) control escapes in < 10% of runs
        RunResult ctl = res.find(Method.SGD, CONTROL_ETA);
        int k = ctl.escapedCount();
        BinomialTest bt = BinomialTest.exceedance(n, k, CONTROL_RATE, a);
        Verdict vCtl = bt.rejected() ? Verdict.VIOLATED : (k >= CONTROL_RATE * n ? Verdict.INCONCLUSIVE : Verdict.HOLDS);
        b.and(vCtl);
        double cpUpper = ClopperPearson.upper(k, n, a);
        if (vCtl != Verdict.HOLDS) bad.add("(F1a) SGD(0.001) escaped in " + k + "/" + n + " runs: " + bt.describe());
        ev.add(String.format(Locale.ROOT, "SGD(0.001) escaped in %d/%d runs (upper bound %.3f < 0.1 needed).", k, n, cpUpper));
        Map<String, Object> ctlD = new LinkedHashMap<>();
        ctlD.put("escaped", k);
        ctlD.put("trials", n);
        ctlD.put("pValue", bt.pValue());
        ctlD.put("clopperPearsonUpper", cpUpper);
        ctlD.put("verdict", vCtl);
        b.detail("F1aControl", ctlD);

        // ---- (F1b/F1c) final objective: RMSProp(0.001) below every SGD run with eta >= 0.01 by >= 0.001
        List<Map<String, Object>> f1b = new ArrayList<>();
        List<String> f1bEv = new ArrayList<>();
        for (RunResult r : res.runs()) {
            if (r.run().method() != Method.SGD || r.run().eta() < SGD_ETA) continue;
            SecondOrderSupport.DiffBound db = SecondOrderSupport.welch(r.finalObjective(), rms.finalObjective(), a);
            Verdict v = db.upper() < MARGIN ? Verdict.VIOLATED : (db.diff() >= MARGIN ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
            b.and(v);
            if (v != Verdict.HOLDS) {
                bad.add(String.format(Locale.ROOT, "(F1b/c) mean f(T) SGD(%s) - RMSProp(0.001) = %.5f (upper bound %.5f) vs >= 0.001",
                        ExperimentOutput.plain(r.run().eta()), db.diff(), db.upper()));
            }
            f1bEv.add(String.format(Locale.ROOT, "SGD(%s) %.5f (gap %.5f, CI [%.5f, %.5f])", ExperimentOutput.plain(r.run().eta()),
                    r.finalMean(), db.diff(), db.lower(), db.upper()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sgdEta", r.run().eta());
            m.put("meanFinalSgd", r.finalMean());
            m.put("meanFinalRmsprop", rms.finalMean());
            m.put("gap", db.diff());
            m.put("gapLower", db.lower());
            m.put("gapUpper", db.upper());
            m.put("welchDf", db.df());
            m.put("verdict", v);
            f1b.add(m);
        }
        b.detail("F1bFinalObjective", f1b);
        ev.add(String.format(Locale.ROOT, "(F1b/c) mean f(10^4): RMSProp(0.001) %.5f vs %s; required gap 0.001.", rms.finalMean(),
                String.join(", ", f1bEv)));

        // ---- per-run table, files
        List<Map<String, Object>> table = new ArrayList<>();
        StringBuilder med = new StringBuilder();
        for (RunResult r : res.runs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", r.run().method().label());
            m.put("eta", r.run().eta());
            m.put("beta", r.beta());
            m.put("escapedFraction", r.escapedFraction());
            m.put("escapeP10", r.escapeQuantile(0.1));
            m.put("escapeMedian", r.medianEscape());
            m.put("escapeP90", r.escapeQuantile(0.9));
            m.put("meanFinal", r.finalMean());
            m.put("medianFinal", r.finalMedian());
            table.add(m);
            if (med.length() > 0) med.append(", ");
            med.append(r.run().method().label()).append('(').append(ExperimentOutput.plain(r.run().eta())).append(") ")
                    .append(Double.isNaN(r.medianEscape()) ? "never" : String.format(Locale.ROOT, "%.0f", r.medianEscape()));
        }
        b.detail("runs", table);
        b.detail("simReference", "[SIM] medians: sgd 0.03 -> 844, 0.01 -> 3073, 0.007 -> 4663, 0.001 never; rmsprop 0.01 -> 159, "
                + "0.001 -> 2651, 0.0001 never; mean f(1e4): sgd(0.01) -0.0105, rmsprop(0.001) -0.0124");
        b.detail("setup", "x_0 = 0, n = 4 finite sum b in {(+-1, +-0.1)}, H = diag(1, -0.1), " + cfg.steps() + " steps, "
                + "RMSProp diagonal, beta = 1 - eta^(2/3), eps = 1e-8 inside the root, v_0 = 0, no bias correction; escape = first t with f < -0.005");
        b.detail("trialsPerRun", n);

        Path dir = outDir != null ? outDir : SecondOrderSupport.experimentsDir().resolve("fig1");
        try {
            Fig1Experiment.write(res, dir);
            b.detail("curvesCsv", "experiments/fig1/fig1.csv");
            b.detail("curvesX", "iteration");
            b.detail("curvesGroup", List.of("method", "eta"));
            b.detail("curvesY", "mean");
            b.detail("curvesBand", List.of("q10", "q90"));
            b.detail("curvesYLabel", "objective f(x_t)");
            b.detail("curvesXLabel", "iteration t");
            b.detail("curvesRefLines", List.of(Map.of("value", Fig1Experiment.ESCAPE_THRESHOLD, "label", "escape threshold")));
            b.detail("experimentJson", "experiments/fig1/fig1.json");
        } catch (IOException e) {
            b.detail("experimentWriteError", dir + ": " + e.getMessage());
            ev.add("(Could not write the experiment files to " + dir + ": " + e.getMessage() + ".)");
        }

        String head = String.format(Locale.ROOT, "%d trials x 10^4 steps per run; median escape: %s.", n, med);
        if (!bad.isEmpty()) head = String.join("; ", bad) + ". " + head;
        b.evidence(head + " " + String.join(" ", ev));
        return b.build();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
