package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.Optimizer;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.problem.Fig1Saddle;
import org.saddlecheck.problem.GradientNoise;
import org.saddlecheck.problem.QuarticSaddle;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.util.Require;

/**
 * STAIB-T4.4 (Staib et al. §4.2.3, Theorem 4.4; CLAIMS.md STAIB-T4.4): second-order convergence of Algorithm 4. The
 * theorem's constants (Appendix E) are not available, so the check tests the mechanism the proof relies on and an
 * exploratory rate.
 *
 * <ol>
 *   <li>(EXACT) noiseless Algorithm 4 started at the saddle of f = ½xᵀdiag(1, −0.1)x + Σx_j¹⁰ does not move: x_t = 0
 *       exactly for 10⁴ steps (A = I and A = (G + εI)^{−1/2}, with large steps r every t_thresh); and the saddle is unstable:
 *       GD from x_0 = (0, 10⁻¹²) leaves |x_2| &lt; R at the linear prediction ln(R/x_0)/ln(1 + ηγ) within 1%.</li>
 *   <li>(mechanism, one test) escape time falls as the noise in the escape direction grows: on
 *       {@link Fig1Saddle#gaussian(double[], double[])} with H = diag(1, −0.1) and Cov b = diag(1, σ_v²), preconditioned SGD
 *       with A = I (Algorithm 4 without large steps; ν = vᵀAGAv = σ_v² at the saddle), σ_v ∈ {0.01, 0.02, 0.05, 0.1, 0.2},
 *       the median iterations to |x_2| ≥ R = 0.33: the log-log slope vs σ_v must be negative (VIOLATED iff its bootstrap CI
 *       lies above 0, INCONCLUSIVE if it straddles 0).</li>
 *   <li>(mechanism, five tests) the medians agree with the linearised prediction
 *       t_med ≈ (1/k)[ln(R√(2k)/s) + ln(1/0.6745)], k = ηγ, s = ησ_v, within ±15% (VIOLATED iff the order-statistic CI of
 *       the median lies outside). σ_v = 0.5 (R√(2k)/(0.6745 s) &lt; 10, outside the heuristic's regime) is reported only.</li>
 *   <li>(RATE, exploratory — constants unknown; one test) Algorithm 4 with A = I and surrogate parameters η = c1τ^{5/2},
 *       r = c2τ, t_thresh = ⌈c3τ^{−3}ln(1/τ)⌉ on the quartic saddle −x₁²/2 + x₁⁴/4 + x₂²/2 (ρ = 6B = 9 on |x₁| ≤ 1.5) with
 *       noise N(0, 0.01 I), from x_0 = 0: iterations to the first (τ, √(ρτ))-stationary point vs τ ∈ [0.005, 0.05]. The
 *       bound T = Õ(τ^{−5}) is an upper bound: VIOLATED only if the slope is significantly below −5 − 0.5.</li>
 * </ol>
 * The SGD factory used by the mechanism checks is injectable (broken-input tests).
 */
public final class StaibT44 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-T4.4");
    static final int TESTS = 7;
    static final double GAMMA = 0.1, ETA = 0.01, R = 0.33;
    static final double[] NOISE = {0.01, 0.02, 0.05, 0.1, 0.2};
    static final double REPORT_ONLY_NOISE = 0.5;
    static final double TOLERANCE = 0.15;
    static final double C1 = 30, C2 = 1, C3 = 0.01, SIGMA = 0.1, BOX = 1.5;
    static final double[] TAUS = {0.05, 0.0316, 0.02, 0.0126, 0.008, 0.005};

    /** Builds preconditioned SGD (A = I) with stepsize η on the problem (injectable for broken-input tests). */
    @FunctionalInterface
    interface SgdFactory {
        Optimizer create(Fig1Saddle problem, double eta);
    }

    static final SgdFactory SGD = (p, eta) -> Algorithms.sgd(p, eta);

    private final SgdFactory factory;

    public StaibT44() {
        this(SGD);
    }

    StaibT44(SgdFactory factory) {
        this.factory = Require.notNull("factory", factory);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return TESTS;
    }

    /** t_med ≈ (1/k)[ln(R√(2k)/s) + ln(1/0.6745)] (CLAIMS.md STAIB-T4.4 (i), [DER] heuristic). */
    static double predictedMedian(double eta, double gamma, double sigmaV, double r) {
        double k = eta * gamma, s = eta * sigmaV;
        return (1 / k) * (Math.log(r * Math.sqrt(2 * k) / s) + Math.log(1 / 0.6745));
    }

    /** Smallest n whose (alpha) order-statistic bounds of the median are within the 35%–65% quantiles (design of test 3). */
    static int medianDesign(double alpha) {
        for (int n = 20; ; n += 10) {
            int l = Quantiles.lowerRank(n, 0.5, alpha), u = Quantiles.upperRank(n, 0.5, alpha);
            if (l >= 1 && u <= n && l >= 0.35 * n && u <= 0.65 * n) return n;
        }
    }

    // -------------------------------------------------------------------------------------------- (1) exact

    /** Runs noiseless Alg. 4 from 0 for the given steps; returns max |x_t| (0 expected exactly). */
    static double noiselessDrift(boolean rmsprop, int steps) {
        Fig1Saddle p = Fig1Saddle.gaussian(new double[] {1, -GAMMA}, new double[] {0, 0});
        Optimizer o = rmsprop
                ? Algorithms.alg4Exact(p, StepSchedule.constant(ETA), 0.1, 100, 1e-8)
                : Algorithms.alg4(p, StepSchedule.constant(ETA), 0.1, 100, null, new IdentityPreconditioner(2));
        UniformRandomProvider rng = org.saddlecheck.rng.Seeds.rng(1);
        double[] x = new double[2];
        double worst = 0;
        for (int t = 0; t < steps; t++) {
            o.step(x, rng);
            worst = Math.max(worst, Math.max(Math.abs(x[0]), Math.abs(x[1])));
        }
        return worst;
    }

    /** GD (A = I, no noise) from (0, x0): first t with |x_2| ≥ R, and the linear prediction ln(R/x0)/ln(1+ηγ). */
    static double[] instability(double x0) {
        Fig1Saddle p = Fig1Saddle.gaussian(new double[] {1, -GAMMA}, new double[] {0, 0});
        Optimizer o = Algorithms.sgd(p, ETA);
        UniformRandomProvider rng = org.saddlecheck.rng.Seeds.rng(1);
        double[] x = {0, x0};
        int t = 0;
        while (Math.abs(x[1]) < R && t < 10_000_000) {
            o.step(x, rng);
            t++;
        }
        return new double[] {t, Math.log(R / x0) / Math.log(1 + ETA * GAMMA)};
    }

    // -------------------------------------------------------------------------------------------- (2, 3) mechanism

    /** Iterations until |x_2| ≥ R (cap: −1). */
    static long escapeTime(SgdFactory f, Fig1Saddle p, double eta, UniformRandomProvider rng, long cap) {
        Optimizer o = f.create(p, eta);
        double[] x = new double[2];
        for (long t = 1; t <= cap; t++) {
            o.step(x, rng);
            if (Math.abs(x[1]) >= R) return t;
        }
        return -1;
    }

    // -------------------------------------------------------------------------------------------- (4) rate

    /** Iterations of surrogate Alg. 4 (A = I) until x_t is a (τ, √(ρτ))-stationary point of the quartic saddle; −1 at cap. */
    static long timeToSosp(double tau, UniformRandomProvider rng, long cap) {
        QuarticSaddle q = new QuarticSaddle(1.0, new double[] {1.0}, BOX);
        AdditiveNoiseProblem p = new AdditiveNoiseProblem(q, GradientNoise.gaussianDiagonal(new double[] {SIGMA, SIGMA}));
        double rho = q.constants().hessianLipschitz();
        double eta = C1 * Math.pow(tau, 2.5), r = C2 * tau;
        long tThresh = (long) Math.ceil(C3 * Math.pow(tau, -3) * Math.log(1 / tau));
        Optimizer o = Algorithms.alg4(p, StepSchedule.constant(eta), r, tThresh, null, new IdentityPreconditioner(2));
        double tauH = Math.sqrt(rho * tau);
        double[] x = new double[2], g = new double[2], h = new double[4];
        for (long t = 1; t <= cap; t++) {
            o.step(x, rng);
            p.gradient(x, g);
            if (Math.hypot(g[0], g[1]) > tau) continue;
            p.hessian(x, h);
            // closed-form smallest eigenvalue of a symmetric 2x2 matrix (CLAIMS.md §8.1 allows closed forms for 2x2)
            double a = h[0], b = 0.5 * (h[1] + h[2]), c = h[3];
            double lmin = 0.5 * (a + c) - Math.hypot(0.5 * (a - c), b);
            if (lmin >= -tauH) return t;
        }
        return -1;
    }

    static Map<String, Object> surrogate(double tau) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tau", tau);
        m.put("eta", C1 * Math.pow(tau, 2.5));
        m.put("r", C2 * tau);
        m.put("tThresh", (long) Math.ceil(C3 * Math.pow(tau, -3) * Math.log(1 / tau)));
        return m;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double a = ctx.alphaPerTest(TESTS);
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(TESTS * a);
        List<String> bad = new ArrayList<>();
        List<String> ev = new ArrayList<>();

        // ---- (1) EXACT: the saddle is a fixed point of noiseless Alg. 4, and unstable
        int exactSteps = 10_000;
        double driftI = noiselessDrift(false, exactSteps), driftA = noiselessDrift(true, exactSteps);
        double[] inst = instability(1e-12);
        double instErr = Math.abs(inst[0] - inst[1]) / inst[1];
        b.detail("noiselessMaxAbsX", Map.of("identity", driftI, "rmspropExact", driftA, "steps", exactSteps));
        b.detail("instability", Map.of("x0", 1e-12, "escapeIteration", inst[0], "linearPrediction", inst[1], "relativeError", instErr));
        if (driftI != 0 || driftA != 0) {
            b.and(Verdict.VIOLATED);
            bad.add(String.format(Locale.ROOT, "noiseless Alg. 4 moved away from the saddle (max |x| %.3g / %.3g)", driftI, driftA));
        }
        if (!(instErr <= 0.01)) {
            b.and(Verdict.VIOLATED);
            bad.add(String.format(Locale.ROOT, "GD from 1e-12 escaped at %.0f, linear prediction %.1f", inst[0], inst[1]));
        }
        ev.add(String.format(Locale.ROOT, "Noiseless Alg. 4 at the saddle stays at x = 0 exactly (%d steps, A = I and (G+eps I)^(-1/2)); "
                + "GD from x_2 = 1e-12 escapes at %.0f vs %.1f predicted.", exactSteps, inst[0], inst[1]));

        // ---- (2, 3) mechanism: escape time vs noise in the escape direction
        int n = Math.max(ctx.budget().scaled(400, 100), medianDesign(a / 2));
        double[] levels = Arrays.copyOf(NOISE, NOISE.length + 1);
        levels[NOISE.length] = REPORT_ONLY_NOISE;
        long cap = (long) Math.ceil(20 / (ETA * GAMMA));
        int m = levels.length;
        List<long[]> times = ctx.parallel().map(m * n, i -> {
            double sv = levels[i / n];
            Fig1Saddle p = Fig1Saddle.gaussian(new double[] {1, -GAMMA}, new double[] {1, sv});
            return new long[] {escapeTime(factory, p, ETA, ctx.rng("escape/sigma=" + sv, i % n), cap)};
        });
        b.addTrials((long) m * n);
        double[][] samples = new double[NOISE.length][n];
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] medians = new double[NOISE.length];
        int capped = 0;
        for (int j = 0; j < m; j++) {
            long[] tj = new long[n];
            for (int i = 0; i < n; i++) tj[i] = times.get(j * n + i)[0];
            double[] sorted = SecondOrderSupport.sortedPassage(tj);
            double med = Quantiles.sortedQuantile(sorted, 0.5);
            double lo = SecondOrderSupport.lowerQuantileBound(sorted, 0.5, a / 2), hi = SecondOrderSupport.upperQuantileBound(sorted, 0.5, a / 2);
            double pred = predictedMedian(ETA, GAMMA, levels[j], R);
            double arg = R * Math.sqrt(2 * ETA * GAMMA) / (0.6745 * ETA * levels[j]);
            boolean tested = j < NOISE.length;
            Verdict v;
            if (!tested) v = null;
            else if (lo > (1 + TOLERANCE) * pred || hi < (1 - TOLERANCE) * pred) v = Verdict.VIOLATED;
            else if (Math.abs(med / pred - 1) <= TOLERANCE) v = Verdict.HOLDS;
            else v = Verdict.INCONCLUSIVE;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sigmaV", levels[j]);
            row.put("nu", levels[j] * levels[j]);
            row.put("medianEscape", med);
            row.put("medianCiLow", lo);
            row.put("medianCiHigh", hi);
            row.put("predicted", pred);
            row.put("ratio", med / pred);
            row.put("heuristicArgument", arg);
            row.put("verdict", tested ? v.label() : "reported only (argument < 10: outside the heuristic's regime)");
            rows.add(row);
            if (tested) {
                for (int i = 0; i < n; i++) {
                    if (tj[i] < 0) capped++;
                    samples[j][i] = tj[i] < 0 ? cap : tj[i];
                }
                medians[j] = med;
                b.and(v);
                if (v != Verdict.HOLDS) {
                    bad.add(String.format(Locale.ROOT, "sigma_v = %s: median escape %.0f (CI [%.0f, %.0f]) vs predicted %.0f +- 15%% -> %s",
                            levels[j], med, lo, hi, pred, v.label()));
                }
            }
        }
        b.detail("escapeVsNoise", rows);
        b.detail("escapeSetup", String.format(Locale.ROOT, "Fig1Saddle.gaussian(h = (1, -%s), s = (1, sigma_v)), SGD (A = I) eta = %s, x_0 = 0, "
                + "escape = first t with |x_2| >= %s, %d trials per level, cap %d", GAMMA, ETA, R, n, cap));
        SlopeFit.Bootstrap boot = SlopeFit.bootstrap(NOISE, samples, SlopeFit.median(), 2000, ctx.rng("bootstrap", 0));
        SlopeFit.RateTest mono = boot.test(0, 0, SlopeFit.Direction.TWO_SIDED, a);
        Verdict vMono = mono.ciLow() > 0 ? Verdict.VIOLATED : (mono.ciHigh() < 0 ? Verdict.HOLDS : Verdict.INCONCLUSIVE);
        b.and(vMono);
        if (vMono != Verdict.HOLDS) bad.add("escape time vs noise: " + mono.describe() + " -> " + vMono.label());
        Map<String, Object> monoD = new LinkedHashMap<>();
        monoD.put("slopeLogMedianVsLogSigma", mono.slope());
        monoD.put("ciLow", mono.ciLow());
        monoD.put("ciHigh", mono.ciHigh());
        monoD.put("localSlopes", boot.fit().localSlopes());
        monoD.put("method", mono.method());
        monoD.put("verdict", vMono);
        b.detail("monotoneInNoise", monoD);
        StringBuilder meds = new StringBuilder();
        for (Map<String, Object> row : rows) {
            if (meds.length() > 0) meds.append(", ");
            meds.append(String.format(Locale.ROOT, "%s: %.0f/%.0f", row.get("sigmaV"), (double) row.get("medianEscape"), (double) row.get("predicted")));
        }
        ev.add(String.format(Locale.ROOT, "Median escape (|x_2| >= %s, eta = %s) / linearised prediction by sigma_v: %s; slope of log median vs "
                + "log sigma_v %.3f (CI [%.3f, %.3f]).", R, ETA, meds, mono.slope(), mono.ciLow(), mono.ciHigh()));
        if (capped > 0) b.detail("cappedEscapeTrials", capped);

        // ---- (4) exploratory rate
        int nr = ctx.budget().scaled(40, 20);
        List<long[]> rt = ctx.parallel().map(TAUS.length * nr, i -> {
            double tau = TAUS[i / nr];
            long capT = (long) Math.ceil(100 / (C1 * Math.pow(tau, 2.5)));
            return new long[] {timeToSosp(tau, ctx.rng("rate/tau=" + tau, i % nr), capT)};
        });
        b.addTrials((long) TAUS.length * nr);
        double[][] rs = new double[TAUS.length][nr];
        double[] rmed = new double[TAUS.length];
        int rCapped = 0;
        List<Map<String, Object>> rateRows = new ArrayList<>();
        for (int j = 0; j < TAUS.length; j++) {
            for (int i = 0; i < nr; i++) {
                long v = rt.get(j * nr + i)[0];
                if (v < 0) {
                    rCapped++;
                    v = (long) Math.ceil(100 / (C1 * Math.pow(TAUS[j], 2.5)));
                }
                rs[j][i] = v;
            }
            rmed[j] = Quantiles.median(rs[j]);
            Map<String, Object> row = surrogate(TAUS[j]);
            row.put("medianIterations", rmed[j]);
            rateRows.add(row);
        }
        SlopeFit.Bootstrap rb = SlopeFit.bootstrap(TAUS, rs, SlopeFit.median(), 2000, ctx.rng("rate-bootstrap", 0));
        SlopeFit.RateTest rate = rb.test(-5, 0.5, SlopeFit.Direction.AT_LEAST, a);
        Verdict vRate = rate.violated() ? Verdict.VIOLATED : (rCapped > 0 ? Verdict.INCONCLUSIVE : Verdict.HOLDS);
        b.and(vRate);
        if (vRate != Verdict.HOLDS) bad.add("exploratory rate: " + rate.describe() + (rCapped > 0 ? " (" + rCapped + " capped runs)" : ""));
        double[] ci2 = rb.percentileInterval(0.95);
        b.exponent(new Exponent(rate.slope(), ci2[0], ci2[1], -5));
        b.series("x", TAUS.clone());
        b.series("y", rmed);
        b.series("intercept", new double[] {rb.fit().intercept()});
        b.detail("rateXLabel", "tau");
        b.detail("rateYLabel", "median iterations to the first (tau, sqrt(rho tau))-stationary point");
        Map<String, Object> rateD = new LinkedHashMap<>();
        rateD.put("label", "exploratory — constants unknown");
        rateD.put("surrogate", String.format(Locale.ROOT, "eta = %s tau^(5/2), r = %s tau, t_thresh = ceil(%s tau^-3 ln(1/tau)); A = I; "
                + "quartic saddle -x1^2/2 + x1^4/4 + x2^2/2, noise N(0, %s^2 I), rho = 6B = %s on |x1| <= %s", C1, C2, C3, SIGMA, 6 * BOX, BOX));
        rateD.put("sweep", rateRows);
        rateD.put("slope", rate.slope());
        rateD.put("ciUsedForTheTest", new double[] {rate.ciLow(), rate.ciHigh()});
        rateD.put("ci95", ci2);
        rateD.put("localSlopes", rb.fit().localSlopes());
        rateD.put("impliedConstantSpreadAtMinus5", rb.fit().impliedConstantSpread(-5));
        rateD.put("trialsPerTau", nr);
        rateD.put("cappedRuns", rCapped);
        rateD.put("test", rate.describe());
        rateD.put("verdict", vRate);
        b.detail("rateExploratory", rateD);
        ev.add(String.format(Locale.ROOT, "Exploratory rate (constants unknown; surrogate eta = %s tau^2.5, r = %s tau): median iterations to a "
                + "(tau, sqrt(rho tau))-SOSP scale as tau^%.2f (95%% CI [%.2f, %.2f]) over tau in [%s, %s], not slower than the bound's tau^-5.",
                C1, C2, rate.slope(), ci2[0], ci2[1], TAUS[TAUS.length - 1], TAUS[0]));

        b.evidence((bad.isEmpty() ? "" : String.join("; ", bad) + ". ") + String.join(" ", ev));
        return b.build();
    }
}
