package org.saddlecheck.theory.staib;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.ExperimentOutput;
import org.saddlecheck.experiment.ReddiExperiment;
import org.saddlecheck.experiment.ReddiExperiment.Setting;
import org.saddlecheck.experiment.ReddiExperiment.SettingResult;
import org.saddlecheck.problem.ReddiCounterexample;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.stats.MeanBound;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * STAIB-S3.2 (Staib et al. §3.2; CLAIMS.md STAIB-S3.2): Reddi et al.'s counterexample is a failure of EMA
 * estimation, not of the idealized preconditioner.
 *
 * <p>EXACT (floating-point tolerance 1e-12 relative to the problem's scale C + 1): p(C + 1) = 1 + ζ; F(x) = ζx on a grid
 * of x ∈ [−1, 1]; ∇F = ζ; E[g²] = pC² + (1 − p) = C(1 + ζ) − ζ, the same at every x; and the experiment's scalar kernel
 * reproduces the project's optimizers ({@link ReddiExperiment#LIBRARY}) bit for bit on every setting (2 trials × 2000
 * steps).
 *
 * <p>QUAL, nine statistical tests at alpha/9 each, on {@link ReddiExperiment} (ζ = 0.1, η_t = 0.1/√t, ε = 1e-8, x_0 = 0,
 * T = 2·10⁵ steps; 5·10⁴ at the quick budget), with distribution-free bounds for means of variables in [−1, 1]
 * (the tighter of Hoeffding and empirical Bernstein):
 * <ol>
 *   <li>idealized RMSProp, C ∈ {5, 20, 100}: mean x_T &lt; 0 (VIOLATED iff significantly &gt; 0);</li>
 *   <li>EMA-RMSProp where C ≫ 1/(1 − β), taken as C(1 − β) ≥ 1: (C, β) ∈ {(20, 0.9), (100, 0.9), (100, 0.99)}: mean x_T
 *       &gt; 0, i.e. mean F(x_T) = ζ·mean x_T ≥ 0 (VIOLATED iff significantly &lt; 0);</li>
 *   <li>β → 1 at C = 20: mean x_T decreases from β = 0.9 to 0.99 to 0.999 (VIOLATED iff an increase is significant), and
 *       at β = 0.999 (C(1 − β) = 0.02) mean x_T &lt; 0.</li>
 * </ol>
 * A point estimate on the wrong side without significance gives INCONCLUSIVE. No threshold on (C, β) is hard-coded
 * beyond choosing which settings count as "C ≫ 1/(1−β)". The kernel is injectable (broken-input tests).
 */
public final class StaibS32 extends CatalogClaim {
    static final int TESTS = 9;
    static final double EXACT_TOL = 1e-12;
    static final double[][] EXACT_CASES = {{5, 0.1}, {20, 0.1}, {100, 0.1}, {1000, 0.01}, {1.5, 0.5}, {50, 2}, {1e6, 1e-3}};

    private final ReddiExperiment.Kernel kernel;
    private final Path outDir;

    /** The registry's instance: the scalar kernel, output to target/experiments/reddi. */
    public StaibS32() {
        this(ReddiExperiment.SCALAR, null);
    }

    /** With an injected kernel and output directory (null: target/experiments/reddi). */
    StaibS32(ReddiExperiment.Kernel kernel, Path outDir) {
        super("STAIB-S3.2", TESTS);
        this.kernel = Require.notNull("kernel", kernel);
        this.outDir = outDir;
    }

    /** max over the EXACT identities of |error| / (1e-12 · scale); ≤ 1 passes. Each entry: C, ζ, ratio, what. */
    static List<Map<String, Object>> exactChecks() {
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] x = new double[1], out = new double[1];
        for (double[] cz : EXACT_CASES) {
            double c = cz[0], z = cz[1];
            ReddiCounterexample p = new ReddiCounterexample(c, z);
            double scale = c + 1;
            double rP = Math.abs(p.p() * (c + 1) - (1 + z)) / (EXACT_TOL * scale);
            double rF = 0;
            for (int i = 0; i <= 40; i++) {
                x[0] = -1 + i / 20.0;
                rF = Math.max(rF, Math.abs(p.value(x) - z * x[0]) / (EXACT_TOL * scale));
            }
            p.gradient(x, out);
            double rG = Math.abs(out[0] - z) / (EXACT_TOL * scale);
            double closed = c * (1 + z) - z;
            double g2 = -1;
            boolean constant = true;
            for (int i = 0; i <= 10; i++) {
                x[0] = -1 + i / 5.0;
                p.secondMoment(x, out);
                if (g2 >= 0 && out[0] != g2) constant = false;
                g2 = out[0];
            }
            double rM = Math.max(Math.abs(g2 - closed), Math.abs(p.expectedSquaredGradient() - closed)) / (EXACT_TOL * closed);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("C", c);
            m.put("zeta", z);
            m.put("pTimesCPlus1Error", rP);
            m.put("valueError", rF);
            m.put("gradientError", rG);
            m.put("secondMomentError", rM);
            m.put("secondMomentIndependentOfX", constant);
            m.put("secondMoment", g2);
            m.put("closedForm", closed);
            m.put("maxRatio", Math.max(Math.max(rP, rF), Math.max(rG, rM)) + (constant ? 0 : Double.POSITIVE_INFINITY));
            rows.add(m);
        }
        return rows;
    }

    /** The largest |kernel − LIBRARY| over every setting, 2 trials × 2000 steps, all recorded iterations. */
    static double kernelDeviation(ReddiExperiment.Kernel kernel, ReddiExperiment.Config base, long seed) {
        ReddiExperiment.Config c = base.withSteps(2000).withRecordEvery(1);
        int[] it = c.recordedIterations();
        double worst = 0;
        for (Setting s : c.settings()) {
            ReddiCounterexample p = new ReddiCounterexample(s.c(), c.zeta());
            for (int trial = 0; trial < 2; trial++) {
                double[] a = new double[it.length], b = new double[it.length];
                UniformRandomProvider r1 = Seeds.rng(seed, "reddi-crosscheck/" + s.key(), trial);
                UniformRandomProvider r2 = Seeds.rng(seed, "reddi-crosscheck/" + s.key(), trial);
                kernel.run(s, p, c, r1, it, a);
                ReddiExperiment.LIBRARY.run(s, p, c, r2, it, b);
                for (int j = 0; j < it.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
            }
        }
        return worst;
    }

    private record Test(String name, Setting setting, Verdict verdict, MeanBound.ExpectationTest test, String text) {}

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double a = ctx.alphaPerTest(TESTS);
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(TESTS * a);
        List<String> bad = new ArrayList<>();

        // ---- EXACT identities
        List<Map<String, Object>> exact = exactChecks();
        double worstExact = 0;
        for (Map<String, Object> m : exact) {
            double r = (double) m.get("maxRatio");
            worstExact = Math.max(worstExact, r);
            if (!(r <= 1)) {
                bad.add(String.format(Locale.ROOT, "identity fails at C=%s zeta=%s (error/tolerance %.3g)", m.get("C"), m.get("zeta"), r));
            }
        }
        if (!(worstExact <= 1)) b.and(Verdict.VIOLATED);
        b.detail("exactIdentities", exact);
        b.detail("exactTolerance", "1e-12 x (C + 1) (value, gradient, p(C+1)); 1e-12 x E[g^2] (second moment)");

        // ---- experiment
        int steps = ctx.budget() == Budget.QUICK ? 50_000 : ReddiExperiment.DEFAULT_STEPS;
        int design = Power.hoeffdingTrials(2.0, 0.5, a / 2);
        int n = Math.max(ctx.budget().scaled(ReddiExperiment.DEFAULT_TRIALS, 50), design);
        ReddiExperiment.Config cfg = ReddiExperiment.Config.defaults(ctx.seed("experiment", 0)).withTrials(n).withSteps(steps).withKernel(kernel);
        double dev = kernelDeviation(kernel, cfg, ctx.seed("crosscheck", 0));
        b.detail("kernelVsLibraryMaxDeviation", dev);
        if (dev != 0) {
            b.and(Verdict.VIOLATED);
            bad.add(String.format(Locale.ROOT, "the experiment's kernel differs from the library optimizers by %.3g", dev));
        }
        ctx.progress("running " + cfg.settings().size() + " settings x " + n + " trials x " + steps + " steps");
        ReddiExperiment.Result res = ReddiExperiment.run(cfg, ctx.parallel());
        b.trials((long) n * cfg.settings().size());

        List<Test> tests = new ArrayList<>();
        for (double c : new double[] {5, 20, 100}) {
            SettingResult r = res.find(Setting.idealized(c));
            tests.add(below(r, a, "idealized C=" + ExperimentOutput.plain(c) + ": mean x_T < 0"));
        }
        for (double[] cb : new double[][] {{20, 0.9}, {100, 0.9}, {100, 0.99}}) {
            SettingResult r = res.find(Setting.rmsprop(cb[0], cb[1]));
            MeanBound.ExpectationTest t = MeanBound.atMostBounded(negate(r.finalX()), -1, 1, 0.0, a);
            double m = r.meanFinalX();
            Verdict v = t.violated() ? Verdict.VIOLATED : (m > 0 ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
            tests.add(new Test(String.format(Locale.ROOT, "rmsprop C=%s beta=%s (C(1-beta)=%.3g): mean x_T > 0, mean F >= 0",
                    ExperimentOutput.plain(cb[0]), ExperimentOutput.plain(cb[1]), cb[0] * (1 - cb[1])), r.setting(), v, t,
                    String.format(Locale.ROOT, "mean x_T %.4f (upper confidence bound %.4f)", m, Math.min(1, -t.estimate().lower()))));
        }
        SettingResult b9 = res.find(Setting.rmsprop(20, 0.9)), b99 = res.find(Setting.rmsprop(20, 0.99)), b999 = res.find(Setting.rmsprop(20, 0.999));
        tests.add(decrease(b9, b99, a));
        tests.add(decrease(b99, b999, a));
        tests.add(below(b999, a, "rmsprop C=20 beta=0.999 (C(1-beta)=0.02): mean x_T < 0"));

        List<Map<String, Object>> testRows = new ArrayList<>();
        for (Test t : tests) {
            b.and(t.verdict());
            if (t.verdict() != Verdict.HOLDS) bad.add(t.name() + ": " + t.text() + " -> " + t.verdict().label());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("test", t.name());
            m.put("result", t.text());
            m.put("boundMethod", t.test().estimate().method().name().toLowerCase(Locale.ROOT));
            m.put("alpha", a);
            m.put("verdict", t.verdict());
            testRows.add(m);
        }
        b.detail("tests", testRows);

        List<Map<String, Object>> table = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (SettingResult r : res.settings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("C", r.setting().c());
            m.put("method", r.setting().label());
            m.put("cTimesOneMinusBeta", r.setting().cTimesWindowInverse());
            m.put("meanFinalX", r.meanFinalX());
            m.put("meanFinalF", cfg.zeta() * r.meanFinalX());
            m.put("fractionFinalXPositive", r.fractionPositive());
            table.add(m);
            if (summary.length() > 0) summary.append(", ");
            summary.append(String.format(Locale.ROOT, "C=%s %s %+.3f", ExperimentOutput.plain(r.setting().c()), r.setting().label(), r.meanFinalX()));
        }
        b.detail("settings", table);
        b.detail("setup", String.format(Locale.ROOT, "zeta = 0.1, eta_t = 0.1/sqrt(t), eps = 1e-8 inside the root, x_0 = 0, projected onto [-1, 1], "
                + "T = %d, %d trials per setting; rmsprop: v_0 = 0, no bias correction", steps, n));
        b.detail("simReference", "[SIM] T = 2e5: C=5 beta=0.9 +0.997, 0.99 -0.997, ideal -0.998; C=20 0.9 +0.999, 0.99 +0.509, ideal -0.995; "
                + "C=100 0.9 +1.000, 0.99 +0.997, ideal -0.754");

        Path dir = outDir != null ? outDir : SecondOrderSupport.experimentsDir().resolve("reddi");
        try {
            ReddiExperiment.write(res, dir);
            List<Map<String, Object>> curves = new ArrayList<>();
            for (double c : new double[] {5, 20, 100}) {
                Map<String, Object> cv = new LinkedHashMap<>();
                cv.put("csv", "experiments/reddi/reddi.csv");
                cv.put("x", "iteration");
                cv.put("y", "mean");
                cv.put("group", List.of("method"));
                cv.put("band", List.of("q10", "q90"));
                cv.put("xLabel", "iteration t");
                cv.put("yLabel", "mean x_t over trials");
                cv.put("title", "C = " + ExperimentOutput.plain(c) + " (zeta = 0.1): F(x) = zeta x is minimised at x = -1");
                cv.put("filter", Map.of("C", List.of(ExperimentOutput.plain(c))));
                cv.put("refLines", List.of(Map.of("value", -1.0, "label", "optimum x = -1"), Map.of("value", 0.0, "label", "F = 0")));
                curves.add(cv);
            }
            b.detail("curves", curves);
            b.detail("experimentJson", "experiments/reddi/reddi.json");
        } catch (IOException e) {
            b.detail("experimentWriteError", dir + ": " + e.getMessage());
        }

        String head = String.format(Locale.ROOT, "F(x) = zeta x and E[g^2] = C(1+zeta) - zeta hold exactly on %d (C, zeta) (worst error/tolerance %.3g); "
                + "kernel = library optimizers (max deviation %.3g). Mean x_T after %d steps (%d trials): %s.", EXACT_CASES.length, worstExact,
                dev, steps, n, summary);
        b.evidence(bad.isEmpty() ? head + " Idealized RMSProp moves to x = -1; EMA-RMSProp with C(1-beta) >= 1 ends at x > 0 (F >= 0); "
                + "raising beta at C = 20 moves it toward -1."
                : String.join("; ", bad) + ". " + head);
        return b.build();
    }

    private static Test below(SettingResult r, double a, String name) {
        MeanBound.ExpectationTest t = MeanBound.atMostBounded(r.finalX(), -1, 1, 0.0, a);
        double m = r.meanFinalX();
        Verdict v = t.violated() ? Verdict.VIOLATED : (m < 0 ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        return new Test(name, r.setting(), v, t, String.format(Locale.ROOT, "mean x_T %.4f (lower confidence bound %.4f)", m, Math.max(-1, t.estimate().lower())));
    }

    /** "mean x_T(later) ≤ mean x_T(earlier)": differences of independent trials, in [−2, 2]. */
    private static Test decrease(SettingResult earlier, SettingResult later, double a) {
        double[] d = new double[later.finalX().length];
        for (int i = 0; i < d.length; i++) d[i] = later.finalX()[i] - earlier.finalX()[i];
        MeanBound.ExpectationTest t = MeanBound.atMostBounded(d, -2, 2, 0.0, a);
        double diff = later.meanFinalX() - earlier.meanFinalX();
        Verdict v = t.violated() ? Verdict.VIOLATED : (diff < 0 ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        return new Test("C=20: mean x_T(" + later.setting().label() + ") < mean x_T(" + earlier.setting().label() + ")", later.setting(), v, t,
                String.format(Locale.ROOT, "difference %.4f (lower confidence bound %.4f)", diff, Math.max(-2, t.estimate().lower())));
    }

    private static double[] negate(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = -x[i];
        return y;
    }
}
