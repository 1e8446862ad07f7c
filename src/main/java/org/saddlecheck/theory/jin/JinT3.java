package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.ExperimentIo;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdBounds;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.PgdResult;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;

/**
 * JIN-T3 (Jin et al. 2017, Theorem 3; CLAIMS.md JIN-T3 [DER] facts and RATE harness): PGD with the paper's parameters
 * terminates within O(ℓΔ_f/ε²·log⁴(dℓΔ_f/(ε²δ))) iterations and returns a point with a small gradient.
 * <ol>
 *   <li>EXACT on every run: the deterministic iteration cap N_iter ≤ (Δ_f/f_thres + 1)(T_th + 1) + 2Δ_f/(η g_thres²)
 *       ({@link PgdBounds#iterationCap}; valid for c ≤ 1), termination before the safety cap, and ‖∇f(x̃)‖ ≤ g_thres at
 *       the output (recomputed).</li>
 *   <li>RATE: the implied constant N_iter/(ℓΔ_f/ε²·ln⁴(dℓΔ_f/(ε²δ))) must not grow as ε falls (0.1 → 0.001, d = 10)
 *       or as d grows (10 → 10⁴, ε = 0.1): one-sided bootstrap tests of the log-log slopes against 1/ε and d, VIOLATED
 *       iff the lower confidence bound of a slope is &gt; 0. Both sweeps use the separable (axis-aligned) cosine
 *       family f = −Σcos x_i (ℓ = ρ = 1) started at the strict saddle with one π-coordinate (Δ_f = 2), c = 0.5,
 *       δ = 0.1.</li>
 * </ol>
 * Runs: the two sweeps plus the {@link PgdFixtures} cosine (d = 4, Haar) and quartic fixtures at c ∈ {1, 0.5, 0.25, 0.1}
 * (cap checks only). The ε sweep is the claim's rate chart (x = 1/ε); the d sweep is written to
 * {@code target/experiments/jin-t3/implied-constant.csv} for a curves chart.
 */
public final class JinT3 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-T3");
    static final double[] EPS_SWEEP = {0.1, 0.0316, 0.01, 0.00316, 0.001};
    static final int[] DIM_SWEEP = {10, 31, 100, 316, 1000, 3162, 10000};
    static final double C = 0.5, DELTA = 0.1;
    public static final String CSV_DIR = "jin-t3";

    private final Path outDir;
    private final int[] dims;

    public JinT3() {
        this(ExperimentIo.defaultDir(CSV_DIR), DIM_SWEEP);
    }

    /** @param outDir where to write implied-constant.csv, or null; @param dims the d sweep */
    public JinT3(Path outDir, int[] dims) {
        this.outDir = outDir;
        this.dims = dims.clone();
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 2;
    }

    /** One run's outcome: implied constant, iterations, cap, flags. */
    record Run(double implied, long iterations, double cap, boolean terminated, double gradOut, double gThres) {
        boolean capOk() {
            return terminated && iterations <= cap;
        }

        boolean gradOk() {
            return gradOut <= gThres;
        }
    }

    static Run run(Objective f, double[] x0, PgdParameters p, UniformRandomProvider rng) {
        PgdResult r = new PerturbedGradientDescent(f, p).run(x0, rng);
        double[] g = new double[f.dim()];
        f.gradient(r.output(), g);
        double scale = PgdBounds.theorem3Scale(p.d(), p.ell(), p.eps(), p.delta(), p.deltaF());
        return new Run(r.iterations() / scale, r.iterations(), PgdBounds.iterationCap(p), r.terminated(), Vec.norm(g), p.gThres());
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(statisticalTests());
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(2 * alpha);
        List<String> problems = new ArrayList<>();
        List<Double> capRatios = new ArrayList<>();
        long[] count = new long[1];

        // ε sweep
        int nEps = ctx.budget().scaled(10, 5);
        CosineFamily f10 = CosineFamily.axisAligned(10, 1);
        double[][] epsSamples = new double[EPS_SWEEP.length][];
        double[] invEps = new double[EPS_SWEEP.length];
        List<Map<String, Object>> epsRows = new ArrayList<>();
        for (int j = 0; j < EPS_SWEEP.length; j++) {
            double eps = EPS_SWEEP[j];
            PgdParameters p = PgdParameters.fromPaper(10, 1, 1, eps, C, DELTA, f10.deltaF(1));
            String stream = "eps-sweep/" + eps;
            List<Run> runs = ctx.parallel().map(nEps, i -> run(f10, f10.saddle(1), p, ctx.rng(stream, i)));
            epsSamples[j] = collect(runs, "eps=" + eps + ", d=10", problems, capRatios, count);
            invEps[j] = 1 / eps;
            epsRows.add(summaryRow("eps", eps, p, epsSamples[j], runs));
        }

        // d sweep
        int nDim = ctx.budget().scaled(6, 4);
        double[][] dimSamples = new double[dims.length][];
        double[] dd = new double[dims.length];
        List<Map<String, Object>> dimRows = new ArrayList<>();
        for (int j = 0; j < dims.length; j++) {
            int d = dims[j];
            CosineFamily f = CosineFamily.axisAligned(d, 1);
            PgdParameters p = PgdParameters.fromPaper(d, 1, 1, 0.1, C, DELTA, f.deltaF(1));
            String stream = "d-sweep/" + d;
            List<Run> runs = ctx.parallel().map(nDim, i -> run(f, f.saddle(1), p, ctx.rng(stream, i)));
            dimSamples[j] = collect(runs, "eps=0.1, d=" + d, problems, capRatios, count);
            dd[j] = d;
            dimRows.add(summaryRow("d", d, p, dimSamples[j], runs));
        }

        // c sweep on the fixtures (cap checks)
        List<Map<String, Object>> cRows = new ArrayList<>();
        int nC = ctx.budget().scaled(10, 4);
        for (PgdFixtures.Fixture fx : PgdFixtures.standard(ctx.rng("fixture", 0))) {
            if (fx.escapeOnly()) continue;
            for (double c : new double[] {1, 0.5, 0.25, 0.1}) {
                String stream = "c-sweep/" + fx.name() + "/" + c;
                List<Run> runs = ctx.parallel().map(nC, i -> run(fx.f(), fx.start(i).x0(), fx.params(c, i), ctx.rng(stream, i)));
                double[] s = collect(runs, fx.name() + ", c=" + c, problems, capRatios, count);
                cRows.add(row("fixture", fx.name(), "c", c, "runs", nC, "medianImpliedConstant", Quantiles.median(s),
                        "maxIterationsOverCap", runs.stream().mapToDouble(r -> r.iterations() / r.cap()).max().orElse(0)));
            }
        }

        SlopeFit.Bootstrap epsBoot = SlopeFit.bootstrap(invEps, epsSamples, SlopeFit.median(), 2000, ctx.rng("bootstrap-eps", 0));
        SlopeFit.Bootstrap dimBoot = SlopeFit.bootstrap(dd, dimSamples, SlopeFit.median(), 2000, ctx.rng("bootstrap-d", 0));
        SlopeFit.RateTest epsTest = epsBoot.test(0, 0, SlopeFit.Direction.AT_MOST, alpha);
        SlopeFit.RateTest dimTest = dimBoot.test(0, 0, SlopeFit.Direction.AT_MOST, alpha);
        SlopeFit.RateTest epsTwo = epsBoot.test(0, 0, SlopeFit.Direction.TWO_SIDED, alpha);
        if (epsTest.violated()) problems.add("implied constant grows as eps falls: " + epsTest.describe());
        if (dimTest.violated()) problems.add("implied constant grows with d: " + dimTest.describe());

        if (outDir != null) writeCsv(epsSamples, invEps, dimSamples, dd);
        double[] capR = capRatios.stream().mapToDouble(Double::doubleValue).toArray();
        double[] yEps = epsBoot.fit().stat();
        b.trials(count[0]).exponent(new Exponent(epsTest.slope(), epsTwo.ciLow(), epsTwo.ciHigh(), 0.0,
                "<= 0 (one-sided: the implied constant must not grow as eps falls, nor as d grows)"));
        b.tightness(Tightness.of(capR, "largest N_iter / deterministic cap (the cap is Theta(chi^4 l Delta_f/(c^k eps^2)))"));
        b.series("x", invEps).series("y", yEps).series("intercept", new double[] {epsBoot.fit().intercept()});
        b.detail("epsSweep", epsRows).detail("dimensionSweep", dimRows).detail("cSweep", cRows);
        b.detail("epsSlope", epsTest.slope()).detail("epsSlopeLowerBound", epsTest.ciLow()).detail("epsSlopeMethod", epsTest.method())
                .detail("dimensionSlope", dimTest.slope()).detail("dimensionSlopeLowerBound", dimTest.ciLow())
                .detail("dimensionLocalSlopes", JinSupport.list(dimBoot.fit().localSlopes()))
                .detail("epsLocalSlopes", JinSupport.list(epsBoot.fit().localSlopes()));
        b.detail("setup", fmt("cosine f = -sum cos x_i (axis-aligned, l = rho = 1) from the saddle with one pi-coordinate "
                + "(Delta_f = 2); PGD paper parameters with c = %g, delta = %g; implied constant = N_iter / (l Delta_f/eps^2 * "
                + "ln^4(d l Delta_f/(eps^2 delta)))", C, DELTA));
        b.detail("rateXLabel", "1/eps (d = 10)").detail("rateYLabel", "implied constant (median)");
        b.detail("curves", List.of(
                row("csv", JinSupport.curvesPath(CSV_DIR, "implied-constant.csv"), "x", "x", "y", "median", "group", List.of("sweep"),
                        "band", List.of("min", "max"), "filter", row("sweep", List.of("d")), "logX", true, "logY", true,
                        "xLabel", "dimension d (eps = 0.1)", "yLabel", "implied constant", "title", "JIN-T3 implied constant vs d")));
        String ev = fmt("%d PGD runs (paper parameters): every run terminated within the deterministic cap "
                        + "(largest N_iter/cap = %.3g) with |grad f(output)| <= g_thres. Implied constant N_iter/(l Delta_f/eps^2 ln^4): "
                        + "median %.3g at eps = 0.1 and %.3g at eps = 0.001 (slope vs 1/eps %.3f, lower bound %.3f); %.3g at d = %d and "
                        + "%.3g at d = %d (slope vs d %.3f, lower bound %.3f): it does not grow.",
                count[0], Arrays.stream(capR).max().orElse(0), yEps[0], yEps[yEps.length - 1], epsTest.slope(), epsTest.ciLow(),
                dimBoot.fit().stat()[0], dims[0], dimBoot.fit().stat()[dims.length - 1], dims[dims.length - 1], dimTest.slope(),
                dimTest.ciLow());
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + ". " + ev;
        }
        return b.evidence(ev).build();
    }

    static double[] collect(List<Run> runs, String label, List<String> problems, List<Double> capRatios, long[] count) {
        double[] s = new double[runs.size()];
        for (int i = 0; i < s.length; i++) {
            Run r = runs.get(i);
            s[i] = r.implied();
            capRatios.add(r.iterations() / r.cap());
            if (!r.capOk()) problems.add(fmt("%s run %d: %s, N_iter = %d vs cap %.6g", label, i,
                    r.terminated() ? "over the cap" : "did not terminate", r.iterations(), r.cap()));
            if (!r.gradOk()) problems.add(fmt("%s run %d: |grad f(output)| = %.3g > g_thres = %.3g", label, i, r.gradOut(), r.gThres()));
            count[0]++;
        }
        return s;
    }

    private static Map<String, Object> summaryRow(String key, double value, PgdParameters p, double[] s, List<Run> runs) {
        return row(key, value, "chi", p.chi(), "T_th", p.tTh(), "medianIterations",
                Quantiles.median(runs.stream().mapToDouble(Run::iterations).toArray()), "cap", runs.get(0).cap(),
                "medianImpliedConstant", Quantiles.median(s));
    }

    private void writeCsv(double[][] epsSamples, double[] invEps, double[][] dimSamples, double[] dd) {
        ExperimentIo.Csv csv = new ExperimentIo.Csv("sweep", "x", "median", "min", "max", "trials");
        for (int j = 0; j < invEps.length; j++) csvRow(csv, "inverse-eps", invEps[j], epsSamples[j]);
        for (int j = 0; j < dd.length; j++) csvRow(csv, "d", dd[j], dimSamples[j]);
        ExperimentIo.writeAtomically(outDir.resolve("implied-constant.csv"), csv.toString());
    }

    private static void csvRow(ExperimentIo.Csv csv, String sweep, double x, double[] s) {
        double lo = Arrays.stream(s).min().orElse(Double.NaN), hi = Arrays.stream(s).max().orElse(Double.NaN);
        csv.row(sweep, x, Quantiles.median(s), lo, hi, s.length);
    }
}
