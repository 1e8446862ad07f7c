package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.Optimizer;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.problem.GradientNoise;
import org.saddlecheck.problem.QuarticSaddle;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.Power;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * STAIB-S5.3 (Staib et al. §5.3; CLAIMS.md STAIB-S5.3, I4): "if at each iteration we sample two independent stochastic
 * gradients g1 and g2, we have unbiased sample access to (g1 − g2)(g1 − g2)ᵀ, which in expectation yields the covariance
 * Σ = Cov(g) … It immediately follows that we can prove second-order convergence results for an algorithm that … preconditions
 * by Σ^{−1/2}".
 *
 * <p>EXACT: by enumerating all pairs of a finite Rademacher oracle (d ≤ 5, κ(Σ) ∈ {1, 10, 1e3}), E[(g1 − g2)(g1 − g2)ᵀ] = 2Σ
 * (relative 1e-12) and tr E[Y]/tr Σ = 2. MC: the mean of Y/2 over N pairs is entrywise within exact bounds of Σ
 * (Bonferroni), Y itself is rejected as an estimate of Σ (factor 2 visible), and √N·‖mean − Σ‖ stays bounded over
 * N/64 … N (O(N^{−1/2}) error; reported). Escape: covariance-preconditioned SGD ({@link Algorithms#covarianceSgd}, EMA of
 * Y/2, A_t = (Σ̂ + εI)^{−1/2}) started exactly at the strict saddle of f = −x₁²/2 + x₁⁴/4 + (x₂² + x₃²)/2 with
 * Rademacher noise σ = (0.1, 1, 1) leaves |x₁| &lt; 1/2 within T steps (T = 10× a [DER] escape-time estimate) in all but a
 * fraction δ = 0.05 of trials (exact binomial test), while the noiseless control never moves; SGD's escape times are
 * reported for comparison.
 *
 * <p>Verdict KNOWN-INCONSISTENCY: the paper's literal "(g1 − g2)(g1 − g2)ᵀ … in expectation yields the covariance Σ" is
 * off by the factor 2 (Var(ζ1 − ζ2) = 2); a stepsize absorbs it and the implementation feeds Y/2. VIOLATED if E[Y] ≠ 2Σ,
 * the mean of Y/2 misses Σ, or the method fails to escape.
 */
public final class S53CovariancePreconditioner implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-S5.3");
    static final double ETA = 0.01, BETA = 0.9, EPS = 0.01, GAMMA = 1, RADIUS = 0.5, DELTA = 0.05;
    static final double[] SIGMA = {0.1, 1, 1};

    private final Function<AdditiveNoiseProblem, Optimizer> method;

    public S53CovariancePreconditioner() {
        this(p -> Algorithms.covarianceSgd(p, StepSchedule.constant(ETA), BETA, EPS, false));
    }

    /** With an injected method (tests plant one that cannot escape). */
    public S53CovariancePreconditioner(Function<AdditiveNoiseProblem, Optimizer> method) {
        this.method = Require.notNull("method", method);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 2;
    }

    static AdditiveNoiseProblem saddle(boolean noisy) {
        QuarticSaddle f = new QuarticSaddle(GAMMA, new double[] {1, 1}, 2);
        return new AdditiveNoiseProblem(f, noisy ? GradientNoise.rademacherDiagonal(SIGMA) : GradientNoise.none(3));
    }

    /** [DER] escape time of the idealized dynamics along e1: x ← qx + c ζ, q = 1 + ηγa, c = ηaσ₁, a = (σ₁² + ε)^{−1/2}. */
    static double escapeEstimate() {
        double a = 1 / Math.sqrt(SIGMA[0] * SIGMA[0] + EPS);
        double q = 1 + ETA * GAMMA * a, c = ETA * a * SIGMA[0];
        return Math.log(RADIUS * Math.sqrt(q * q - 1) / c) / Math.log(q);
    }

    /** Steps until |x₁| ≥ RADIUS, or -1 if none within horizon (or on divergence). */
    static int escapeTime(Optimizer opt, UniformRandomProvider rng, int horizon) {
        double[] x = new double[3];
        try {
            for (int t = 1; t <= horizon; t++) {
                opt.step(x, rng);
                if (Math.abs(x[0]) >= RADIUS) return t;
            }
        } catch (DivergenceException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(statisticalTests());
        List<String> failures = new ArrayList<>();
        // 1. exact enumeration
        List<Map<String, Object>> enumRows = new ArrayList<>();
        double worstEnum = 0;
        int idx = 0;
        for (int d = 1; d <= 5; d++)
            for (double kappa : new double[] {1, 10, 1e3}) {
                if (d == 1 && kappa > 1) continue;
                AdditiveNoiseProblem p = TwoSampleChecks.oracle(d, kappa, ctx.rng("enum", idx++));
                double[] x = ExactLinalg.unitVector(d, ctx.rng("enum-x", idx));
                TwoSampleChecks.Enumeration e = TwoSampleChecks.enumerate(p, x);
                worstEnum = Math.max(worstEnum, Math.max(e.relErr2Sigma(), e.relErrEstimator()));
                if (e.relErr2Sigma() > 1e-12 || e.relErrEstimator() > 1e-12) {
                    failures.add(String.format(Locale.ROOT, "d=%d kappa=%.3g: E[Y] vs 2 Sigma relative error %.3g, estimator mean vs Sigma %.3g", d,
                            kappa, e.relErr2Sigma(), e.relErrEstimator()));
                }
                enumRows.add(Map.of("d", d, "kappa", kappa, "traceEYOverTraceSigma", e.traceRatio(), "relErrEYvs2Sigma", e.relErr2Sigma(),
                        "relErrEstimatorVsSigma", e.relErrEstimator()));
            }
        // 2. Monte Carlo of Y/2 and Y
        AdditiveNoiseProblem p = TwoSampleChecks.oracle(3, 10, ctx.rng("mc-problem", 0));
        double[] x = {0.3, -0.2, 0.1};
        int n = TwoSampleChecks.trialsFor(p, x, alpha);
        TwoSampleChecks.Mc mc = TwoSampleChecks.monteCarlo(p, x, n, alpha, ctx, "mc");
        if (mc.halfRejected()) failures.add("MC: the mean of Y/2 is not Sigma: " + mc.describe());
        // 3. escape from a strict saddle
        Power.BinomialDesign design = Power.binomialTrials(DELTA, 3 * DELTA, alpha, 0.9);
        int trials = design.n();
        int horizon = (int) Math.ceil(10 * escapeEstimate());
        AdditiveNoiseProblem noisy = saddle(true), clean = saddle(false);
        List<int[]> times = ctx.parallel().map(trials, i -> new int[] {
            escapeTime(method.apply(noisy), ctx.rng("escape", i), horizon),
            escapeTime(Algorithms.sgd(noisy, StepSchedule.constant(ETA)), ctx.rng("escape-sgd", i), horizon)});
        int stuck = 0, sgdStuck = 0;
        double[] tc = new double[trials], ts = new double[trials];
        for (int i = 0; i < trials; i++) {
            int a = times.get(i)[0], b = times.get(i)[1];
            if (a < 0) stuck++;
            if (b < 0) sgdStuck++;
            tc[i] = a < 0 ? horizon + 1 : a; // not escaped: counted as horizon + 1
            ts[i] = b < 0 ? horizon + 1 : b;
        }
        int controlTrials = 10, controlEscapes = 0;
        for (int i = 0; i < controlTrials; i++) if (escapeTime(method.apply(clean), ctx.rng("control", i), horizon) >= 0) controlEscapes++;
        BinomialTest bt = BinomialTest.exceedance(trials, stuck, DELTA, alpha);
        if (bt.rejected()) failures.add("escape: " + stuck + " of " + trials + " runs still within |x1| < " + RADIUS + " after " + horizon
                + " steps: " + bt.describe());
        double medC = Quantiles.median(tc), medS = Quantiles.median(ts);

        Verdict v = failures.isEmpty() ? Verdict.KNOWN_INCONSISTENCY : Verdict.VIOLATED;
        Map<String, Object> esc = new LinkedHashMap<>();
        esc.put("problem", "f = -x1^2/2 + x1^4/4 + (x2^2 + x3^2)/2, Rademacher sigma = (0.1, 1, 1), x0 = saddle (0, 0, 0)");
        esc.put("method", "covarianceSgd(eta=" + ETA + ", beta=" + BETA + ", eps=" + EPS + ", no bias correction)");
        esc.put("horizon", horizon);
        esc.put("derEscapeEstimate", escapeEstimate());
        esc.put("trials", trials);
        esc.put("stuck", stuck);
        esc.put("pValue", bt.pValue());
        esc.put("medianEscapeTime", medC);
        esc.put("sgdStuck", sgdStuck);
        esc.put("sgdMedianEscapeTime", medS);
        esc.put("noiselessControlEscapes", controlEscapes + "/" + controlTrials);
        ClaimResult.Builder b = ClaimResult.builder(v).trials(n + trials * 2L + controlTrials + enumRows.size())
                .falseFailureRate(alpha * statisticalTests())
                .tightness(Tightness.of(new double[] {bt.rate() / DELTA}, "fraction of runs not escaped / delta"))
                .series("ratios", new double[] {bt.rate() / DELTA}).series("x", mc.sizes()).series("y", mc.scaledErrors())
                .detail("enumeration", enumRows).detail("monteCarlo", mc.describe()).detail("escape", esc)
                .detail("factor", "E[(g1-g2)(g1-g2)^T] = 2 Sigma (paper: Sigma)")
                .detail("rateXLabel", "pairs N").detail("rateYLabel", "sqrt(N) * ||mean(Y/2) - Sigma||_F");
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "By exact enumeration of finite Rademacher oracles (d <= 5), E[(g1-g2)(g1-g2)^T] = 2 Sigma (max relative error %.2g; trace "
                            + "ratio 2), not Sigma as printed (KNOWN-INCONSISTENCY, CLAIMS.md I4; a stepsize absorbs the factor and the "
                            + "implementation feeds Y/2). MC (%s): Y/2 estimates Sigma, Y does not; sqrt(N)-scaled error stays in [%.3g, %.3g]. "
                            + "Covariance-preconditioned SGD escapes the strict saddle: %d of %d runs left |x1| < 1/2 within %d steps "
                            + "(median %.0f steps; SGD at the same eta: median %.0f, %d stuck; horizon + 1 = not escaped); the noiseless control escaped %d/%d times.",
                    worstEnum, mc.describe(), min(mc.scaledErrors()), max(mc.scaledErrors()), trials - stuck, trials, horizon, medC, medS,
                    sgdStuck, controlEscapes, controlTrials));
        } else {
            b.evidence(failures.size() + " failure(s); first: " + failures.get(0));
            b.detail("failures", failures);
        }
        return b.build();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }
}
