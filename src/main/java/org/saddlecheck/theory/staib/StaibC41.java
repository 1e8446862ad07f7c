package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.estimate.BurnIn;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.MatrixFunctions;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.ClopperPearson;
import org.saddlecheck.stats.MeanBound;
import org.saddlecheck.stats.Power;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * STAIB-C4.1 (Staib et al. §4.2.2, Corollary 4.1; CLAIMS.md STAIB-C4.1, RATE + MC-HP component): RMSProp with
 * burn-in (Alg. 3) estimating A = (G + εI)^{−1/2}, with η = O(τ²), T = O(τ^{−4}), β = 1 − Cη^{2/3} (Prop. 4.2) and
 * W = Θ(η^{−2/3}), reaches (1/T) Σ E‖∇f(x_t)‖² ≤ τ² (w.p. 1 − δ) in time O(W + T) = O(τ^{−4}).
 *
 * <p>Along Alg. 3 runs ({@link Algorithms#rmspropWithBurnIn}: Ĝ from W burn-in samples at x_0, then
 * Ĝ_t = βĜ_{t−1} + (1−β)g_t g_tᵀ, Â_t = (Ĝ_t + εI)^{−1/2}; no bias correction, as printed) on a log-spaced τ sweep
 * over one decade with η = cτ², T = ⌈c′τ^{−4}⌉, β = 1 − Cη^{2/3}, W = ⌈η^{−2/3}⌉:
 * <ol type="a">
 *   <li>MC-HP component: the fraction of runs with max_{t<T} ‖Â_t − A_t‖ ≥ λ−/2 (A_t = (G(x_t) + εI)^{−1/2} exact,
 *       λ− = (sup λ_max(G) + ε)^{−1/2}) is reported per τ; at the smallest τ (the most conservative setting, CLAIMS.md
 *       §8.18) the exact binomial test of "rate ≤ δ" must not reject.</li>
 *   <li>RATE: the mean of (1/T)Σ‖∇f(x_t)‖²/τ² must stay bounded as τ ↓. A ratio ∝ τ^p grows as τ ↓ iff p &lt; 0, so the
 *       one-sided test FAILS iff the bootstrap upper confidence bound of the log-log slope is below −tol (tol = 0.05,
 *       CLAIMS.md §7.4); predicted exponent 0; the implied constant is reported.</li>
 *   <li>Bookkeeping (EXACT): W/T = Θ(τ^{8/3}) — (W/T)/(c^{−2/3}τ^{8/3}/c′) lies in the interval the two ceilings allow —
 *       and every run made exactly W + T oracle calls.</li>
 * </ol>
 */
public final class StaibC41 extends CatalogClaim {
    /** Builds Alg. 3 (burn-in W at x_0, then the EMA and Â_t = (Ĝ_t + εI)^{−1/2}). */
    @FunctionalInterface
    public interface Factory {
        PreconditionedSgd create(AdditiveNoiseProblem problem, double eta, double beta, double eps, int burnIn);
    }

    /** The project's Algorithm 3. */
    public static final Factory DEFAULT_FACTORY = (p, eta, beta, eps, w) -> Algorithms.rmspropWithBurnIn(p,
            StepSchedule.constant(eta), beta, eps, w);

    /**
     * Problem, ε, constants c (η = cτ²), c′ (T = ⌈c′τ^{−4}⌉), C (β = 1 − Cη^{2/3}), the τ sweep (descending), δ of the
     * estimation component, and the runs per sweep point of the rate fit (the smallest τ gets the binomial design).
     */
    record Config(FirstOrder.Spec spec, double eps, double c, double cPrime, double bigC, double[] taus, double delta,
                  int rateRuns) {
        Config {
            Require.notNull("spec", spec);
            Require.positive("eps", eps);
            Require.positive("c", c);
            Require.positive("cPrime", cPrime);
            Require.positive("C", bigC);
            Require.notNull("taus", taus);
            Require.that(taus.length >= 3, "taus.length", taus.length, ">= 3 sweep points");
            for (int i = 0; i < taus.length; i++) {
                Require.positive("taus[" + i + "]", taus[i]);
                if (i > 0) Require.that(taus[i] < taus[i - 1], "taus[" + i + "]", taus[i], "< taus[" + (i - 1) + "] (descending)");
            }
            Require.probability("delta", delta);
            Require.that(rateRuns >= 2, "rateRuns", rateRuns, ">= 2");
            taus = taus.clone();
        }

        /**
         * f = Σ log(1 + x_i²), d = 2, σ = (1, 0.5), ε = 0.25, x_0 = (1, 1); c = 0.15, c′ = 20, C = 1; five τ from 1 to
         * 0.1 (one decade); δ = 0.1. See proofs-notes/STAIB-C4.1.md for why these constants.
         */
        static Config forBudget(Budget b) {
            double[] taus = new double[5];
            for (int i = 0; i < taus.length; i++) taus[i] = Math.pow(10, -i / 4.0);
            return new Config(FirstOrder.Spec.logSum(new double[] {1, 0.5}, 1.0), 0.25, 0.15, 20, 1.0, taus, 0.1,
                    b.scaled(16, 8));
        }
    }

    /** Tolerance of the one-sided slope test (CLAIMS.md §7.4, exponents ≤ 1). */
    static final double SLOPE_TOL = 0.05;
    /** Alternative exceedance rate the binomial design must detect (with {@link FirstOrder#POWER}). */
    static final double ALTERNATIVE_FACTOR = 4.0;
    static final int BOOTSTRAP_RESAMPLES = 2000;

    private final Factory factory;
    private final Config config;

    public StaibC41() {
        this(DEFAULT_FACTORY);
    }

    /** With a planted Alg. 3 factory (tests). */
    public StaibC41(Factory factory) {
        this(factory, null);
    }

    StaibC41(Factory factory, Config config) {
        super("STAIB-C4.1", 2); // two tests: (a) the binomial test at the smallest τ and (b) the slope test
        this.factory = Require.notNull("factory", factory);
        this.config = config;
    }

    /** Schedule of one sweep point. */
    record Point(double tau, double eta, double beta, int w, long steps) {}

    static Point point(Config cfg, double tau) {
        double eta = cfg.c() * tau * tau;
        double beta = 1 - cfg.bigC() * Math.pow(eta, 2.0 / 3.0);
        Require.that(beta > 0 && beta < 1, "beta", beta, "in (0, 1): C * eta^(2/3) must be < 1");
        double t = Math.ceil(cfg.cPrime() * Math.pow(tau, -4));
        Require.that(t >= 1 && t < 1e9, "T", t, "in [1, 1e9)");
        return new Point(tau, eta, beta, BurnIn.length(eta), (long) t);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        Config cfg = config != null ? config : Config.forBudget(ctx.budget());
        double alpha = ctx.alphaPerTest(statisticalTests());
        FirstOrder.Setting s = cfg.spec().build(ctx);
        double lam = s.lambdaMinus(cfg.eps()), threshold = lam / 2;
        int m = cfg.taus().length;
        Power.BinomialDesign design = Power.binomialTrials(cfg.delta(), Math.min(0.99, ALTERNATIVE_FACTOR * cfg.delta()), alpha, FirstOrder.POWER);

        double[] taus = cfg.taus();
        double[][] ratioSamples = new double[m][];
        double[] meanRatio = new double[m], lo = new double[m], hi = new double[m];
        List<Map<String, Object>> rows = new ArrayList<>();
        long trials = 0;
        boolean bookkeepingOk = true;
        StringBuilder failures = new StringBuilder();
        double[] wOverT = new double[m];
        int kMin = 0, nMin = 0;
        double[] maxErrAtMin = null;
        for (int j = 0; j < m; j++) {
            Point p = point(cfg, taus[j]);
            int n = j == m - 1 ? Math.max(design.n(), cfg.rateRuns()) : cfg.rateRuns();
            ctx.progress(FirstOrder.fmt("tau = %.4g: eta = %.4g, W = %d, T = %d, %d runs", p.tau(), p.eta(), p.w(), p.steps(), n));
            final int jj = j;
            List<double[]> res = ctx.parallel().map(n, i -> oneRun(s, cfg.eps(), p, ctx.rng("run/" + jj, i)));
            trials += n;
            double[] ratio = new double[n], maxErr = new double[n];
            int k = 0, diverged = 0;
            boolean callsOk = true;
            for (int i = 0; i < n; i++) {
                double[] r = res.get(i);
                ratio[i] = r[0] / (p.tau() * p.tau());
                maxErr[i] = r[1];
                if (r[1] >= threshold) k++;
                if (r[3] != 0) diverged++;
                if (r[3] == 0 && r[2] != p.w() + p.steps()) callsOk = false;
            }
            ratioSamples[j] = ratio;
            MeanBound.Estimate e = MeanBound.studentT(ratio, 0.025);
            meanRatio[j] = e.mean();
            lo[j] = e.lower();
            hi[j] = e.upper();
            // (c) bookkeeping: W in [eta^(-2/3), eta^(-2/3) + 1), T in [c' tau^-4, c' tau^-4 + 1)
            double wExact = Math.pow(p.eta(), -2.0 / 3.0), tExact = cfg.cPrime() * Math.pow(p.tau(), -4);
            wOverT[j] = (double) p.w() / p.steps();
            double normalised = wOverT[j] / (wExact / tExact);
            double nLo = 1 / (1 + 1 / tExact), nHi = 1 + 1 / wExact;
            boolean bk = normalised >= nLo * (1 - 1e-9) && normalised <= nHi * (1 + 1e-9) && callsOk;
            if (!bk) {
                bookkeepingOk = false;
                failures.append(FirstOrder.fmt("tau = %.4g: bookkeeping fails (W/T normalised by c^(-2/3) tau^(8/3)/c' = %.6g, allowed "
                        + "[%.6g, %.6g]; oracle calls = W + T in every run: %s). ", p.tau(), normalised, nLo, nHi, callsOk));
            }
            ClopperPearson.Interval ci = ClopperPearson.interval(k, n, 0.95);
            double weight = 1 - Math.pow(p.beta(), p.w());
            rows.add(FirstOrder.row("tau", p.tau(), "eta", p.eta(), "beta", p.beta(), "W", p.w(), "T", p.steps(), "runs", n,
                    "meanAvgGradSqOverTau2", e.mean(), "sd", e.sd(), "exceedances(max_t ||Ahat-A|| >= lambda-/2)", k,
                    "exceedanceRate", (double) k / n, "exceedanceCI95", List.of(ci.lo(), ci.hi()),
                    "medianMaxErrorOverThreshold", Quantiles.median(maxErr.clone()) / threshold,
                    "maxMaxErrorOverThreshold", max(maxErr) / threshold, "W/T", wOverT[j], "W/T normalised", normalised,
                    "oracleCalls = W + T", callsOk, "burnInWeight 1 - beta^W", weight, "divergedRuns", diverged));
            if (j == m - 1) {
                kMin = k;
                nMin = n;
                maxErrAtMin = maxErr;
            }
        }

        // (a) binomial test at the smallest tau
        BinomialTest bt = BinomialTest.exceedance(nMin, kMin, cfg.delta(), alpha);
        double q = Quantiles.quantile(maxErrAtMin.clone(), 1 - cfg.delta()) / threshold;
        // (b) one-sided slope test of log(mean ratio) on log(tau)
        SlopeFit.Bootstrap boot = SlopeFit.bootstrap(taus, ratioSamples, SlopeFit.mean(), BOOTSTRAP_RESAMPLES, ctx.rng("bootstrap", 0));
        SlopeFit.RateTest rt = boot.test(0.0, SLOPE_TOL, SlopeFit.Direction.AT_LEAST, alpha);
        double[] ci95 = boot.percentileInterval(0.95);
        // (c) slope of log(W/T) on log(tau) (reported; the exact check is above)
        SlopeFit.Fit wt = SlopeFit.ols(taus, wOverT);

        boolean aBad = bt.rejected(), bBad = rt.violated();
        if (aBad) failures.append("(a) estimation: ").append(bt.describe()).append(" at tau = ").append(taus[m - 1]).append(". ");
        if (bBad) failures.append("(b) rate: ").append(rt.describe()).append(". ");
        Verdict v = aBad || bBad || !bookkeepingOk ? Verdict.VIOLATED : Verdict.HOLDS;

        double[] implied = boot.fit().impliedConstants(0.0);
        ClaimResult.Builder b = ClaimResult.builder(v).trials(trials).falseFailureRate(2 * alpha)
                .exponent(new Exponent(rt.slope(), ci95[0], ci95[1], 0.0, ">= -0.05 (one-sided: avg ||grad f||^2 / tau^2 stays bounded as tau falls)"))
                .tightness(Tightness.of(new double[] {q}, FirstOrder.fmt("(1-delta)-quantile of max_t ||Ahat_t - A_t|| / (lambda-/2) at tau = %.4g "
                        + "(delta = %.2g, %d runs)", taus[m - 1], cfg.delta(), nMin)))
                .series("x", taus).series("y", meanRatio).series("yLow", lo).series("yHigh", hi)
                .detail("rateXLabel", "tolerance tau (eta = c tau^2, T = c' tau^-4)").detail("rateYLabel", "mean of (1/T) sum ||grad f||^2 / tau^2")
                .detail("problem", s.label()).detail("eps", cfg.eps()).detail("lambdaMinus", lam).detail("threshold lambda-/2", threshold)
                .detail("schedule", FirstOrder.fmt("eta = %.4g tau^2, T = ceil(%.4g tau^-4), beta = 1 - %.4g eta^(2/3), W = ceil(eta^(-2/3))",
                        cfg.c(), cfg.cPrime(), cfg.bigC()))
                .detail("optimizer", factory.create(s.problem(), point(cfg, taus[0]).eta(), point(cfg, taus[0]).beta(), cfg.eps(),
                        point(cfg, taus[0]).w()).describe())
                .detail("biasCorrected", false).detail("sweep", rows)
                .detail("(a) binomial test at smallest tau", FirstOrder.row("delta", cfg.delta(), "n", nMin, "k", kMin, "pValue", bt.pValue(),
                        "alpha", alpha, "rejected", aBad, "design", design.toString(), "quantileOverThreshold", q))
                .detail("(b) slope test", FirstOrder.row("slope", rt.slope(), "decisionUpperBound", rt.ciHigh(), "method", rt.method(),
                        "tolerance", SLOPE_TOL, "percentile95", List.of(ci95[0], ci95[1]), "localSlopes", boot.fit().localSlopes(),
                        "impliedConstants", implied, "impliedConstantSpread", boot.fit().impliedConstantSpread(0.0), "violated", bBad,
                        "detectableDeviation (power 0.9)", rt.detectableDeviation()))
                .detail("(c) bookkeeping", FirstOrder.row("W/T", wOverT, "fittedSlope log(W/T) vs log tau", wt.slope(), "predicted", 8.0 / 3.0,
                        "localSlopes", wt.localSlopes(), "ok", bookkeepingOk))
                .detail("burnInFloor(report only)", burnInFloor(s, cfg));
        if (v == Verdict.VIOLATED) {
            b.evidence(failures.toString().trim());
        } else {
            b.evidence(FirstOrder.fmt("Alg. 3 (no bias correction) on %s, eps = %.3g, eta = %.3g tau^2, T = ceil(%.3g tau^-4), beta = 1 - %.3g eta^(2/3), "
                            + "W = ceil(eta^(-2/3)), tau from %.3g to %.3g: (a) runs with max_t ||Ahat_t - A_t|| >= lambda-/2: %s; at tau = %.3g "
                            + "%s. (b) avg ||grad f||^2 / tau^2 = %s (implied constant, spread %.3f); slope %.4f, one-sided upper bound %.4f >= -%.2f "
                            + "(%s); bounded as tau decreases. (c) W/T matches c^(-2/3) tau^(8/3)/c' within the ceilings and every run made "
                            + "exactly W + T oracle calls; fitted slope of W/T %.3f (8/3 asymptotically).",
                    s.label(), cfg.eps(), cfg.c(), cfg.cPrime(), cfg.bigC(), taus[0], taus[m - 1], rates(rows), taus[m - 1], bt.describe(),
                    java.util.Arrays.toString(round(meanRatio)), boot.fit().impliedConstantSpread(0.0), rt.slope(), rt.ciHigh(), SLOPE_TOL,
                    rt.method(), wt.slope()));
        }
        return b.build();
    }

    private static String rates(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : rows) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(FirstOrder.fmt("%d/%d at tau %.3g", (int) r.get("exceedances(max_t ||Ahat-A|| >= lambda-/2)"), (int) r.get("runs"),
                    (double) r.get("tau")));
        }
        return sb.toString();
    }

    private static double[] round(double[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) o[i] = Math.round(a[i] * 1e4) / 1e4;
        return o;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) m = Math.max(m, v);
        return m;
    }

    /**
     * The uncorrected burn-in leaves Ĝ_{−1} = (1 − β^W)·G(x_0) with 1 − β^W → 1 − e^{−C·W·η^{2/3}} ≈ 1 − e^{−C}, not 1,
     * as τ → 0: the initial error ‖((1 − β^W)G(x_0) + εI)^{−1/2} − (G(x_0) + εI)^{−1/2}‖ does not vanish. Reported for this
     * ε and for ε = 1e-3, relative to λ−/2 (report only).
     */
    private static List<Map<String, Object>> burnInFloor(FirstOrder.Setting s, Config cfg) {
        int d = s.dim();
        double[] g = new double[d * d], scaled = new double[d * d], a = new double[d * d], ah = new double[d * d];
        s.problem().secondMoment(s.x0(), g);
        SymmetricEigen eig = new SymmetricEigen(d);
        double weight = 1 - Math.exp(-cfg.bigC());
        List<Map<String, Object>> out = new ArrayList<>();
        for (double eps : new double[] {cfg.eps(), 1e-3}) {
            for (int i = 0; i < d * d; i++) scaled[i] = weight * g[i];
            MatrixFunctions.invSqrt(g, eps, EpsPlacement.INSIDE, eig, a);
            MatrixFunctions.invSqrt(scaled, eps, EpsPlacement.INSIDE, eig, ah);
            for (int i = 0; i < d * d; i++) ah[i] -= a[i];
            double err = FirstOrder.opNorm(ah, eig);
            out.add(FirstOrder.row("eps", eps, "burnInWeight(tau->0)", weight, "initialErrorOverThreshold",
                    err / (s.lambdaMinus(eps) / 2)));
        }
        return out;
    }

    /**
     * One Alg. 3 run: [avg ‖∇f(x_t)‖², max_t ‖Â_t − A_t‖, oracle calls, diverged (0/1)], A_t = (G(x_t) + εI)^{−1/2}
     * exact, Â_t the matrix the step applied. A diverged run reports the largest possible average and an infinite error.
     */
    private double[] oneRun(FirstOrder.Setting s, double eps, Point p, UniformRandomProvider rng) {
        PreconditionedSgd opt = factory.create(s.problem(), p.eta(), p.beta(), eps, p.w());
        double[] r;
        try {
            r = FirstOrder.averageSquaredGradientAndError(opt, s, eps, p.steps(), rng);
        } catch (DivergenceException e) {
            return new double[] {s.supGradNorm2(), Double.POSITIVE_INFINITY, opt.oracleCalls(), 1};
        }
        return new double[] {r[0], r[1], opt.oracleCalls(), 0};
    }
}
