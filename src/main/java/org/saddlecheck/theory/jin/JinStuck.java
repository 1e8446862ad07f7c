package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.GdResult;
import org.saddlecheck.optim.pgd.GradientDescent;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PgdBounds;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.problem.QuadraticSaddle;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * JIN-STUCK (Jin et al. 2017 §5, the "thin pancake"; CLAIMS.md JIN-STUCK, §7.3, §8.5–8.6): three parts.
 * <ol>
 *   <li><b>EXACT volume lemma</b> for d = 1..10⁴: R(d) = Γ(d/2+1)/Γ(d/2+1/2) from log-Gamma satisfies the exact
 *       recursion R(d)R(d−1) = d/2 and R(1) = √π/2 (to a tolerance scaled by the size of the log-Gamma values),
 *       w·Vol(B^{d−1}(a))/Vol(B^d(a)) = (w/(a√π))R(d) ≤ (w/a)√(d/π) (tightness R(d)/√d), the marginal density of one
 *       coordinate integrates to 1 and its CDF (regularised incomplete beta) matches quadrature.</li>
 *   <li><b>Stuck slab by Monte Carlo</b>: on f(x) = ½xᵀdiag(−γ, h₂, …, h_d)x (γ = 0.1, h_i ∈ [0.5, 1], η = 1,
 *       T = 30), a start x₀ = u is stuck iff f(x_T) &gt; −f_thres, i.e. |u₁| &lt; s*(u_⊥) with
 *       s*² = (2f_thres + Σh_i(1−ηh_i)^{2T}u_i²)/(γ(1+ηγ)^{2T}). f_thres is chosen so that the slab has probability
 *       ≈ 0.2. For N perturbations from the sampler under test, GD is run for T steps; every sample's GD verdict must
 *       agree with the formula (EXACT), and the stuck count must be consistent with the exact probability, which lies
 *       in [P(|u₁| &lt; s*_min), P(|u₁| &lt; s*_max)] (the u_⊥ term bounded by 0 and max_i h_i(1−ηh_i)^{2T}r²), by a
 *       two-sided binomial test. d ∈ {2, 5, 20}. A wrong perturbation law (sphere, wrong radius law) changes the
 *       slab's probability and is caught here.</li>
 *   <li><b>Width ratio with the paper's parameters</b> ([REC] coupling lemma): for the worst saddle allowed by
 *       Lemma 11 (λ_min = −√(ρε), other curvatures ℓ) and PGD's r, f_thres, T_th, the ratio
 *       2·max s* / (δ₁₁r/√d) with δ₁₁ = (dℓ/√(ρε))e^{−χ}, per c ∈ {1, 0.5, 0.25, 0.1} and d ∈ {10, 100, 1000}.
 *       The [REC] lemma predicts ≤ 1 for c ≤ c_max (unknown): only the smallest c is judged, and a ratio above 1
 *       there is reported as KNOWN-INCONSISTENCY (the constant is a recollection), never VIOLATED. Tightness =
 *       the ratios at the smallest c. The exact stuck probability is compared with δ₁₁ as well.</li>
 * </ol>
 */
public final class JinStuck implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-STUCK");
    static final int[] MC_DIMS = {2, 5, 20};
    static final double[] CS = {1, 0.5, 0.25, 0.1};
    static final int[] WIDTH_DIMS = {10, 100, 1000};
    static final double GAMMA = 0.1, ETA = 1.0, RADIUS = 0.01, TARGET_P = 0.2;
    static final int STEPS = 30;

    private final PerturbationSampler sampler;

    public JinStuck() {
        this(PerturbationSampler.uniformBall());
    }

    /** @param sampler the perturbation law under test (the MC part uses it) */
    public JinStuck(PerturbationSampler sampler) {
        this.sampler = Require.notNull("sampler", sampler);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return MC_DIMS.length;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(statisticalTests());
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(statisticalTests() * alpha);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        volumeLemma(b, problems);
        long trials = slabMonteCarlo(ctx, alpha, b, problems);
        double[] widthRatios = widthRatios(b, notes);
        b.trials(trials);
        StringBuilder wr = new StringBuilder();
        for (int j = 0; j < WIDTH_DIMS.length; j++) wr.append(fmt("d=%d: %.3g ", WIDTH_DIMS[j], widthRatios[j]));
        b.tightness(Tightness.of(widthRatios, fmt("c=%g, d=%d (width ratio 2 max s*/(delta_11 r/sqrt d))", CS[CS.length - 1],
                WIDTH_DIMS[argmax(widthRatios)])));
        b.series("ratios", widthRatios);
        String ev = fmt("Volume lemma exact for d = 1..10^4; slab MC with sampler %s agrees with the exact slab "
                + "probability in d = 2, 5, 20 (details.slab); paper-parameter width ratios at c = %g: %s.",
                sampler.name(), CS[CS.length - 1], wr.toString().trim());
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems) + ". " + ev;
        } else if (!notes.isEmpty()) {
            b.verdict(Verdict.KNOWN_INCONSISTENCY);
            ev = String.join("; ", notes) + ". " + ev;
        }
        return b.evidence(ev).build();
    }

    private static int argmax(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[k]) k = i;
        return k;
    }

    // ------------------------------------------------------------------------------------------ 1. volume lemma

    static void volumeLemma(ClaimResult.Builder b, List<String> problems) {
        int dMax = 10_000;
        double worstRec = 0, worstBound = 0, worstVol = 0;
        int worstRecD = 0, worstBoundD = 0;
        double w = 1e-3, a = 0.7;
        for (int d = 1; d <= dMax; d++) {
            double lr = PgdBounds.logGammaRatio(d);
            double scale = Math.abs(Gamma.logGamma(d / 2.0 + 1)) + Math.abs(Gamma.logGamma(d / 2.0 + 0.5)) + 1;
            double tol = 1e-13 * scale; // absolute tolerance on logs: log-Gamma is accurate to ~1e-15 relative
            double want = d == 1 ? Math.log(Math.sqrt(Math.PI) / 2) : Math.log(d / 2.0) - PgdBounds.logGammaRatio(d - 1);
            double errRec = Math.abs(lr - want) / tol;
            if (errRec > worstRec) {
                worstRec = errRec;
                worstRecD = d;
            }
            // slab ratio: the closed form vs the volume formula Vol(B^k(a)) = π^{k/2}a^k/Γ(k/2+1), in logs
            double logVolD = d / 2.0 * Math.log(Math.PI) + d * Math.log(a) - Gamma.logGamma(d / 2.0 + 1);
            double logVolD1 = (d - 1) / 2.0 * Math.log(Math.PI) + (d - 1) * Math.log(a) - Gamma.logGamma((d - 1) / 2.0 + 1);
            double viaVolumes = w * Math.exp(logVolD1 - logVolD);
            double closed = PgdBounds.ballSlabRatio(w, a, d);
            double errVol = Math.abs(viaVolumes - closed) / (closed * 1e-13 * (scale + d));
            worstVol = Math.max(worstVol, errVol);
            double ratio = closed / PgdBounds.ballSlabRatioBound(w, a, d); // = R(d)/√d ≤ 1
            if (ratio > worstBound) {
                worstBound = ratio;
                worstBoundD = d;
            }
        }
        if (worstRec > 1) problems.add(fmt("Gamma-ratio recursion R(d)R(d-1) = d/2 off by %.3g tolerances at d = %d", worstRec, worstRecD));
        if (worstVol > 1) problems.add(fmt("slab ratio closed form disagrees with the volume formula (%.3g tolerances)", worstVol));
        if (worstBound > 1) problems.add(fmt("slab ratio exceeds (w/a)sqrt(d/pi) at d = %d (ratio %.6g)", worstBoundD, worstBound));
        // marginal density integrates to 1 and its CDF matches quadrature
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-14);
        double worstInt = 0, worstCdf = 0;
        for (int d : new int[] {1, 2, 3, 5, 10, 50, 200, 1000}) {
            final int dd = d;
            // substitution u = a·sin θ removes the (1 − u²/a²)^{(d−1)/2} endpoint singularity of small d
            double total = quad.integrate(1_000_000, th -> PgdBounds.ballMarginalDensity(a * Math.sin(th), a, dd) * a * Math.cos(th),
                    -Math.PI / 2, Math.PI / 2);
            worstInt = Math.max(worstInt, Math.abs(total - 1));
            for (double s : new double[] {1e-3 * a, 0.05 * a, 0.3 * a, 0.9 * a}) {
                double th0 = Math.asin(s / a);
                double q = quad.integrate(1_000_000, th -> PgdBounds.ballMarginalDensity(a * Math.sin(th), a, dd) * a * Math.cos(th),
                        -th0, th0);
                worstCdf = Math.max(worstCdf, Math.abs(q - PgdBounds.ballMarginalAbsCdf(s, a, dd)));
            }
        }
        if (worstInt > 1e-9) problems.add(fmt("marginal density integrates to 1 +- %.3g (> 1e-9)", worstInt));
        if (worstCdf > 1e-9) problems.add(fmt("marginal CDF (incomplete beta) differs from quadrature by %.3g (> 1e-9)", worstCdf));
        b.detail("volumeLemma", row("dimensions", "1..10000", "recursionErrorOverTolerance", worstRec, "recursionWorstD", worstRecD,
                "volumeFormulaErrorOverTolerance", worstVol, "maxSlabRatioOverBound", worstBound, "maxSlabRatioOverBoundD", worstBoundD,
                "densityIntegralError", worstInt, "cdfVsQuadratureError", worstCdf,
                "tolerance", "1e-13 x (|logGamma(d/2+1)| + |logGamma(d/2+1/2)| + 1) on logs; 1e-9 for quadrature"));
    }

    // ------------------------------------------------------------------------------------------ 2. slab Monte Carlo

    /** The quadratic-saddle slab setup in dimension d. */
    record Slab(int d, double[] h, double fThres, double sMin, double sMax, double pLo, double pHi) {}

    static Slab slab(int d, UniformRandomProvider rng) {
        double[] h = new double[d - 1];
        for (int i = 0; i < h.length; i++) h[i] = 0.5 + 0.5 * rng.nextDouble();
        double beta = (d + 1) / 2.0;
        double z2 = BetaDistribution.of(0.5, beta).inverseCumulativeProbability(TARGET_P);
        double s0 = RADIUS * Math.sqrt(z2);
        double growth = Math.exp(2.0 * STEPS * Math.log1p(ETA * GAMMA));
        double fThres = GAMMA * growth * s0 * s0 / 2;
        double maxC = 0;
        for (double hi : h) maxC = Math.max(maxC, hi * Math.pow(1 - ETA * hi, 2 * STEPS));
        double sMax = Math.sqrt(s0 * s0 + maxC * RADIUS * RADIUS / (GAMMA * growth));
        double pLo = PgdBounds.ballMarginalAbsCdf(s0, RADIUS, d);
        double pHi = PgdBounds.ballMarginalAbsCdf(Math.min(sMax, RADIUS), RADIUS, d);
        return new Slab(d, h, fThres, s0, sMax, pLo, pHi);
    }

    /** One perturbation: [1 if GD is stuck, 1 if the formula says stuck, 1 if near the boundary (not compared)]. */
    static int[] slabTrial(Slab s, QuadraticSaddle f, PerturbationSampler sampler, UniformRandomProvider rng) {
        int d = s.d();
        double[] u = new double[d];
        sampler.sample(new Gaussian(rng), RADIUS, u);
        GdResult r = new GradientDescent(f, ETA).run(u, 0, STEPS);
        double diff = r.fFinal(); // f(x̃) = 0 at the centre
        boolean gdStuck = diff > -s.fThres();
        double[] uPerp = new double[d - 1];
        System.arraycopy(u, 1, uPerp, 0, d - 1);
        double sStar = PgdBounds.stuckSlabHalfWidth(GAMMA, s.h(), ETA, STEPS, s.fThres(), uPerp);
        boolean formulaStuck = Math.abs(u[0]) < sStar;
        boolean boundary = Math.abs(diff + s.fThres()) <= 1e-9 * s.fThres() || Math.abs(Math.abs(u[0]) - sStar) <= 1e-9 * sStar;
        return new int[] {gdStuck ? 1 : 0, formulaStuck ? 1 : 0, boundary ? 1 : 0};
    }

    long slabMonteCarlo(ClaimContext ctx, double alpha, ClaimResult.Builder b, List<String> problems) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        for (int d : MC_DIMS) {
            Slab s = slab(d, ctx.rng("slab-setup/d=" + d, 0));
            double[] diag = new double[d];
            diag[0] = -GAMMA;
            System.arraycopy(s.h(), 0, diag, 1, d - 1);
            QuadraticSaddle f = QuadraticSaddle.diagonal(diag);
            // power 0.9 against a 25% relative change of the slab probability, each side at alpha/2
            int nUp = Power.binomialTrials(s.pHi(), 1.25 * s.pHi(), alpha / 2, 0.9).n();
            int n = Math.max(nUp, ctx.budget().scaled(4000, 2000));
            String stream = "slab/d=" + d;
            List<int[]> res = ctx.parallel().map(n, i -> slabTrial(s, f, sampler, ctx.rng(stream, i)));
            int k = 0, mismatch = 0, boundary = 0;
            for (int[] r : res) {
                k += r[0];
                if (r[2] == 1) boundary++;
                else if (r[0] != r[1]) mismatch++;
            }
            double pUpper = BinomialTest.upperTail(n, k, s.pHi());
            double pLower = BinomialTest.lowerTail(n, k, s.pLo());
            boolean rejected = pUpper < alpha / 2 || pLower < alpha / 2;
            if (rejected) {
                problems.add(fmt("d=%d: MC stuck fraction %d/%d = %.4f outside the exact slab probability [%.4f, %.4f] "
                        + "(p-values %.3g, %.3g < alpha/2 = %.3g)", d, k, n, (double) k / n, s.pLo(), s.pHi(), pUpper, pLower, alpha / 2));
            }
            if (mismatch > 0) {
                problems.add(fmt("d=%d: %d perturbations where GD's stuck verdict disagrees with the exact slab formula", d, mismatch));
            }
            rows.add(row("d", d, "n", n, "stuck", k, "fraction", (double) k / n, "exactLow", s.pLo(), "exactHigh", s.pHi(),
                    "pValueHigh", pUpper, "pValueLow", pLower, "formulaMismatches", mismatch, "boundaryCases", boundary,
                    "fThres", s.fThres(), "slabHalfWidthMin", s.sMin(), "slabHalfWidthMax", s.sMax()));
            total += n;
        }
        b.detail("slab", rows).detail("slabSetup", fmt("f = (1/2) x^T diag(-%g, h_2..h_d) x, h_i ~ U[0.5, 1], eta = %g, T = %d, "
                + "r = %g, sampler %s; f_thres set for slab probability %.2f; two-sided binomial test at alpha/2 = %.3g per side",
                GAMMA, ETA, STEPS, RADIUS, sampler.name(), TARGET_P, alpha / 2));
        return total;
    }

    // ------------------------------------------------------------------------------------------ 3. width ratio

    /** Width ratios at the smallest c, one per WIDTH_DIMS entry; all (c, d) rows go to details. */
    static double[] widthRatios(ClaimResult.Builder b, List<String> notes) {
        double ell = 1, rho = 1, eps = 0.05, delta = 0.1, deltaF = 1;
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] last = new double[WIDTH_DIMS.length];
        for (double c : CS) {
            for (int j = 0; j < WIDTH_DIMS.length; j++) {
                int d = WIDTH_DIMS[j];
                PgdParameters p = PgdParameters.fromPaper(d, ell, rho, eps, c, delta, deltaF);
                double gamma = Math.sqrt(rho * eps);
                long t = p.tTh();
                double eta = p.eta();
                // log s*_max² = log(2 f_thres + ℓ(1−ηℓ)^{2T} r²) − log γ − 2T log(1+ηγ)
                double a1 = Math.log(2 * p.fThres());
                double a2 = eta * ell >= 1 ? Double.NEGATIVE_INFINITY
                        : Math.log(ell) + 2.0 * t * Math.log(1 - eta * ell) + 2 * Math.log(p.r());
                double m = Math.max(a1, a2);
                double logNum = m + Math.log(Math.exp(a1 - m) + Math.exp(a2 - m));
                double logS = 0.5 * (logNum - Math.log(gamma) - 2.0 * t * Math.log1p(eta * gamma));
                double logDelta11 = Math.log(PgdBounds.lemma11FailureBound(p));
                double logWidthRatio = Math.log(2) + logS - (logDelta11 + Math.log(p.r()) - 0.5 * Math.log(d));
                // exact stuck probability ≤ 2 s* p(0) (the marginal density is largest at 0)
                double logPStuck = Math.log(2) + logS + PgdBounds.logGammaRatio(d) - 0.5 * Math.log(Math.PI) - Math.log(p.r());
                rows.add(row("c", c, "d", d, "chi", p.chi(), "T_th", t, "log10WidthRatio", logWidthRatio / Math.log(10),
                        "log10StuckProbability", logPStuck / Math.log(10), "log10Delta11", logDelta11 / Math.log(10),
                        "log10StuckOverDelta11", (logPStuck - logDelta11) / Math.log(10)));
                if (c == CS[CS.length - 1]) {
                    last[j] = Math.max(Math.exp(logWidthRatio), Double.MIN_VALUE);
                    if (logWidthRatio > 0) {
                        notes.add(fmt("[REC] width bound fails at the smallest c = %g, d = %d: width ratio 10^%.2f > 1", c, d,
                                logWidthRatio / Math.log(10)));
                    }
                }
            }
        }
        b.detail("widthRatio", rows).detail("widthSetup", "quadratic saddle with lambda_min = -sqrt(rho eps) (the weakest "
                + "saddle Lemma 11 allows), other curvatures ell; PGD paper parameters with ell = rho = 1, eps = 0.05, "
                + "delta = 0.1, Delta_f = 1; u_perp term bounded with |u_perp| <= r; [REC] lemma predicts ratio <= 1 for c <= c_max "
                + "(only the smallest c is judged; ratios > 1 at c near 1 are expected: c > c_max)");
        return last;
    }
}
