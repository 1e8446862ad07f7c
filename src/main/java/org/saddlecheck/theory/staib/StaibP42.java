package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.EstimationChecks.DELTA;
import static org.saddlecheck.theory.staib.EstimationChecks.fmt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.gen.Forall;
import org.saddlecheck.gen.ForallResult;
import org.saddlecheck.gen.LipschitzFields;
import org.saddlecheck.gen.Space;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpdParams;
import org.saddlecheck.gen.SpdSpace;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.theory.staib.MovingEstimation.Case;
import org.saddlecheck.theory.staib.MovingEstimation.Model;
import org.saddlecheck.theory.staib.MovingEstimation.Move;
import org.saddlecheck.theory.staib.MovingEstimation.Prepared;
import org.saddlecheck.theory.staib.MovingEstimation.Result;
import org.saddlecheck.theory.staib.MovingEstimation.Spec;
import org.saddlecheck.util.Require;

/**
 * STAIB-P4.2 (Staib et al. §4.1, Proposition 4.2; CLAIMS.md STAIB-P4.2 [DER], §8.1): A_t = (G_t + εI)^{−1/2} is
 * estimable with Δ = O(η^{1/3}(ε + λ_min)^{−3/2}). Checks:
 * <ol type="i">
 *   <li>EXACT: ‖X^{−1/2} − Y^{−1/2}‖ ≤ ½a^{−3/2}‖X − Y‖ for SPD X, Y ⪰ aI on random pairs with prescribed spectra
 *       (Forall with a targeted climb toward ratio 1) and on the witness family X = aI, Y = (a + h)I, whose ratio
 *       tends to 1 as h → 0; tolerance {@link MovingEstimation#lemmaTolerance} (1e-9·κ^{3/2} plus rounding);</li>
 *   <li>EXACT along simulated EMA runs: at every window step with ‖Ĝ_t − G_t‖ ≤ λ_min/2,
 *       ‖(Ĝ_t + εI)^{−1/2} − (G_t + εI)^{−1/2}‖ ≤ ½(ε + λ_min/2)^{−3/2}‖Ĝ_t − G_t‖;</li>
 *   <li>RATE: the (1−δ)-quantile of the window sup of the error of A scales like η^{1/3} (two-sided, ±0.05); in
 *       ε + λ_min its slope is ≥ −3/2 (one-sided, tolerance 0.15 = 10% of 3/2, CLAIMS.md §7.4), and ≈ −3/2 (two-sided)
 *       on the witness Y = G + s(±v_min v_minᵀ).</li>
 * </ol>
 * The estimator is injected ({@link EstimatorFactory}).
 */
public final class StaibP42 extends CatalogClaim {
    static final double RATE_TOL = 0.05;
    static final double EPS_TOL = 0.15;
    static final int TESTS = 3;
    /** η-rate instance: G = μμᵀ + SSᵀ (λ_min ≥ s² = 0.0025), small noise so that ‖Ĝ − G‖ ≪ ε + λ_min. */
    static final Case RATE_CASE = new Case(3, Model.SINE_OUTER, Move.STRAIGHT, 0.3, 1, 0.05, 0.5);
    static final double RATE_EPS = 1;
    /** Witness: constant G with λ_min = 0.1, noise ±s v_min v_minᵀ. */
    static final Case WITNESS = new Case(3, Model.WITNESS_MIN, Move.STILL, 0, 1, 0.01, 0.1);
    static final double[] EPS_GRID = {0, 0.3, 1, 3, 10};
    static final double EPS_ETA = 1e-2;

    record Plan(int decades, int trials, int resamples, int pairCases, int pairStarts, int pairSteps) {
        static Plan of(Budget b) {
            return switch (b) {
                case QUICK -> new Plan(3, 200, 400, 100, 2, 20);
                case STANDARD -> new Plan(4, 400, 1000, 400, 4, 60);
                case THOROUGH -> new Plan(5, 1200, 2000, 2000, 8, 200);
            };
        }
    }

    private final EstimatorFactory factory;

    public StaibP42() {
        this(EstimatorFactory.NORMALISED_EMA);
    }

    public StaibP42(EstimatorFactory factory) {
        super("STAIB-P4.2", TESTS);
        this.factory = Require.notNull("factory", factory);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        return check(ctx, Plan.of(ctx.budget()));
    }

    // ------------------------------------------------------------------ (i) the perturbation lemma on SPD pairs

    /** A random pair: X with a prescribed spectrum, Y = X + h·λ_min(X)·Δ, Δ = unit mix of ±v_min v_minᵀ and a random E. */
    record Pair(SpdParams x, double logRelH, double align, boolean negative) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s h/lambdaMin=%.3g align=%.3f sign=%s", x, Math.pow(10, logRelH), align, negative ? "-" : "+");
        }
    }

    static final SpdSpace SPD = new SpdSpace(1, 6, EnumSet.complementOf(EnumSet.of(SpectrumKind.NEAR_SINGULAR)), 1e-3, 1e3, 1e4);

    static final Space<Pair> PAIRS = new Space<>() {
        @Override
        public Pair draw(UniformRandomProvider rng) {
            return new Pair(SPD.draw(rng), -6 + 6 * rng.nextDouble(), rng.nextDouble(), rng.nextBoolean());
        }

        @Override
        public List<Pair> shrink(Pair p) {
            List<Pair> out = new ArrayList<>();
            for (SpdParams s : SPD.shrink(p.x())) out.add(new Pair(s, p.logRelH(), p.align(), p.negative()));
            return out;
        }

        @Override
        public Pair mutate(Pair p, UniformRandomProvider rng) {
            return switch (rng.nextInt(4)) {
                case 0 -> new Pair(SPD.mutate(p.x(), rng), p.logRelH(), p.align(), p.negative());
                case 1 -> new Pair(p.x(), Math.max(-8, Math.min(0, p.logRelH() + rng.nextDouble() - 0.5)), p.align(), p.negative());
                case 2 -> new Pair(p.x(), p.logRelH(), Math.max(0, Math.min(1, p.align() + 0.3 * (rng.nextDouble() - 0.5))), p.negative());
                default -> new Pair(p.x(), p.logRelH(), p.align(), !p.negative());
            };
        }
    };

    /** Ratio LHS/RHS of the lemma and its tolerance. */
    record LemmaRatio(double ratio, double tol, double kappa) {
        double score() {
            return ratio / (1 + tol);
        }
    }

    /** Evaluates the lemma on X and Y (row-major, symmetric PD). */
    static LemmaRatio lemma(double[] x, double[] y, int d) {
        SymmetricEigen eig = new SymmetricEigen(d);
        double[] fv = new double[d], ax = new double[d * d], ay = new double[d * d], diff = new double[d * d];
        eig.decompose(x);
        double lx = eig.min(), hx = eig.max();
        MovingEstimation.invSqrtValues(eig, 0, fv);
        eig.reconstructValues(fv, ax);
        eig.decompose(y);
        double ly = eig.min(), hy = eig.max();
        MovingEstimation.invSqrtValues(eig, 0, fv);
        eig.reconstructValues(fv, ay);
        for (int i = 0; i < diff.length; i++) diff[i] = ax[i] - ay[i];
        double lhs = MovingEstimation.opNorm(eig, diff);
        for (int i = 0; i < diff.length; i++) diff[i] = x[i] - y[i];
        double dn = MovingEstimation.opNorm(eig, diff);
        double a = Math.min(lx, ly);
        Require.that(a > 0, "min(lambda_min(X), lambda_min(Y))", a, "> 0");
        double kappa = Math.max(hx, hy) / a;
        double ratio = dn == 0 ? 0 : lhs / (EstimationBounds.invSqrtLipschitz(a) * dn);
        return new LemmaRatio(ratio, MovingEstimation.lemmaTolerance(kappa, Math.max(hx, hy), dn, d), kappa);
    }

    static LemmaRatio pairRatio(Pair p, UniformRandomProvider rng) {
        Spd x = Spd.random(p.x(), rng);
        int d = x.d();
        double[] e = LipschitzFields.unitSymmetric(d, rng);
        double[] delta = new double[d * d];
        double sgn = p.negative() ? -1 : 1;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) delta[i * d + j] = p.align() * sgn * x.q()[i * d] * x.q()[j * d] + (1 - p.align()) * e[i * d + j];
        SymmetricEigen eig = new SymmetricEigen(d);
        double n = MovingEstimation.opNorm(eig, delta);
        double h = 0.9 * Math.pow(10, p.logRelH()) * x.lambda()[0] / n;
        double[] y = x.g().clone();
        for (int i = 0; i < y.length; i++) y[i] += h * delta[i];
        return lemma(x.g(), y, d);
    }

    // ------------------------------------------------------------------ check

    ClaimResult check(ClaimContext ctx, Plan plan) {
        double alpha = ctx.alphaPerTest(TESTS);
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS);
        List<String> failures = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long trials = 0;
        String worstWhat;

        // (i) random pairs with a targeted climb toward ratio 1
        ForallResult<Pair> fr = Forall.over(info().id() + "/lemma", PAIRS).seed(ctx.seed("pairs", 0)).cases(plan.pairCases())
                .parallel(ctx.parallel()).target(plan.pairStarts(), plan.pairSteps()).check((p, rng) -> pairRatio(p, rng).score());
        trials += fr.evaluations();
        if (!fr.passed()) failures.add("lemma on SPD pairs: " + fr.failureMessage());
        for (double s : fr.scores()) if (!Double.isNaN(s)) ratios.add(s);
        Tightness pairT = fr.tightness();
        ratios.add(pairT.max());
        worstWhat = "SPD pair " + pairT.worst();
        double worst = pairT.max();
        // witness family X = aI, Y = (a + h)I
        List<Map<String, Object>> witness = new ArrayList<>();
        double witnessMax = 0;
        for (double a : new double[] {1e-3, 1, 1e3}) {
            for (double rel : new double[] {1e-1, 1e-3, 1e-6}) {
                int d = 3;
                double[] x = new double[d * d], y = new double[d * d];
                for (int i = 0; i < d; i++) {
                    x[i * d + i] = a;
                    y[i * d + i] = a + rel * a;
                }
                LemmaRatio lr = lemma(x, y, d);
                double exact = (1 / Math.sqrt(a) - 1 / Math.sqrt(a + rel * a)) / (0.5 * Math.pow(a, -1.5) * rel * a);
                trials++;
                witnessMax = Math.max(witnessMax, lr.ratio());
                ratios.add(lr.score());
                if (lr.score() > worst) {
                    worst = lr.score();
                    worstWhat = fmt("witness X = %.0e I, Y = (1 + %.0e) X", a, rel);
                }
                if (lr.score() > 1) failures.add(fmt("witness a=%.0e h/a=%.0e: ratio %.12f > 1 + %.3g", a, rel, lr.ratio(), lr.tol()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", a);
                m.put("hOverA", rel);
                m.put("ratio", lr.ratio());
                m.put("exactRatio", exact);
                m.put("tolerance", lr.tol());
                witness.add(m);
            }
        }

        // (iii) rate in eta, with (ii) checked at every window step
        Prepared rp = new Prepared(RATE_CASE, ctx.seed("structure/rate", 0));
        double[] etas = EstimationChecks.etas(plan.decades());
        double[][] samples = new double[etas.length][];
        double[] q = new double[etas.length], lo = new double[etas.length], hi = new double[etas.length];
        double[] qG = new double[etas.length];
        LemmaAcc acc = new LemmaAcc();
        for (int j = 0; j < etas.length; j++) {
            double eta = etas[j], beta = EstimationChecks.beta(eta, 1);
            int w = StaibP41.burnIn(eta, 3), tw = StaibP41.burnIn(eta, 3);
            Spec spec = new Spec(eta, beta, w, tw, null, RATE_EPS, factory);
            ctx.progress(fmt("rate eta=%.0e: W=%d, T_w=%d, %d trials", eta, w, tw, plan.trials()));
            List<Result> rs = EstimationChecks.windowRuns(ctx, rp, spec, plan.trials(), fmt("rate/eta=%.0e", eta));
            trials += rs.size();
            acc.add(rs, fmt("rate eta=%.0e", eta));
            samples[j] = rs.stream().mapToDouble(Result::supA).toArray();
            qG[j] = Quantiles.quantile(rs.stream().mapToDouble(r -> r.supG()[0]).toArray(), 1 - DELTA);
            q[j] = Quantiles.quantile(samples[j], 1 - DELTA);
            var ci = Quantiles.interval(samples[j], 1 - DELTA, 0.95);
            lo[j] = ci.lo();
            hi[j] = ci.hi();
        }
        SlopeFit.Bootstrap boot = SlopeFit.bootstrap(etas, samples, SlopeFit.quantile(1 - DELTA), plan.resamples(), ctx.rng("bootstrap/eta", 0));
        SlopeFit.RateTest rate = boot.test(1.0 / 3, RATE_TOL, SlopeFit.Direction.TWO_SIDED, alpha);
        if (rate.violated()) failures.add("eta rate of the A error: " + rate.describe());

        // (iii) eps sweeps: general (one-sided) and witness (two-sided)
        EpsSweep general = epsSweep(ctx, plan, rp, "general", alpha, SlopeFit.Direction.AT_LEAST, acc);
        EpsSweep wit = epsSweep(ctx, plan, new Prepared(WITNESS, ctx.seed("structure/witness", 0)), "witness", alpha,
                SlopeFit.Direction.TWO_SIDED, acc);
        trials += general.trials + wit.trials;
        if (general.test.violated()) failures.add("(eps + lambda_min) slope, general: " + general.test.describe());
        if (wit.test.violated()) failures.add("(eps + lambda_min) slope, witness: " + wit.test.describe());

        // (ii) along the runs
        if (acc.maxExcess > 0) failures.add(fmt("lemma along EMA runs: ratio %.12f exceeds 1 + tolerance at %s", acc.maxRatio, acc.where));
        ratios.add(acc.maxRatio);
        if (acc.maxRatio > worst) {
            worst = acc.maxRatio;
            worstWhat = "along EMA runs, " + acc.where;
        }

        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        b.trials(trials).falseFailureRate(alpha * TESTS).tightness(Tightness.of(r, worstWhat))
                .exponent(new Exponent(rate.slope(), rate.ciLow(), rate.ciHigh(), 1.0 / 3, "= 1/3 +- 0.05 (CI must meet the band)"))
                .series("ratios", r).series("x", etas).series("y", q).series("yLow", lo).series("yHigh", hi)
                .detail("rateXLabel", "step size eta").detail("rateYLabel", "q95 of sup ||(G_hat + eps I)^-1/2 - (G + eps I)^-1/2||");
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("cases", plan.pairCases());
        pairs.put("evaluations", fr.evaluations());
        pairs.put("maxRatioOverOnePlusTol", pairT.max());
        pairs.put("medianRatioOverOnePlusTol", pairT.median());
        pairs.put("worst", pairT.worst());
        pairs.put("targetedGain", fr.targetedGain());
        pairs.put("tolerance", "1e-9 kappa^(3/2) + 128 d u (lambda_max / ||X - Y||)");
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("checks", acc.checks);
        runs.put("maxRatio", acc.maxRatio);
        runs.put("maxExcessOverTolerance", acc.maxExcess);
        runs.put("where", acc.where);
        Map<String, Object> rateM = StaibT41.rateDetails(boot, rate, etas, q, lo, hi);
        rateM.put("case", rp.describe());
        rateM.put("eps", RATE_EPS);
        rateM.put("lambdaMinBound", rp.lambdaMin);
        rateM.put("q95SupGError", qG);
        b.detail("estimator", factory.describe()).detail("delta", DELTA).detail("alphaPerTest", alpha)
                .detail("lemmaPairs", pairs).detail("lemmaWitness", witness).detail("lemmaAlongRuns", runs)
                .detail("etaRate", rateM).detail("epsGeneral", general.details).detail("epsWitness", wit.details);
        String summary = fmt("Lemma ||X^-1/2 - Y^-1/2|| <= a^-3/2 ||X - Y||/2: %d random SPD pairs (climb toward 1) max ratio/(1+tol) %.9f; "
                        + "witness aI vs (a+h)I max ratio %.9f (-> 1 as h -> 0); along EMA runs %d checks, max ratio %.6f. "
                        + "Sup error of (G^+eps I)^-1/2 (eps=%.3g, lambda_min>=%.3g): q95 = %s at eta = %s, %s. "
                        + "Slope in eps+lambda_min: general %s; witness %s.",
                fr.evaluations(), pairT.max(), witnessMax, acc.checks, acc.maxRatio, RATE_EPS, rp.lambdaMin,
                Arrays.toString(StaibP41.round(q)), Arrays.toString(etas), rate.describe(), general.test.describe(), wit.test.describe());
        String rateUnderpowered = StaibT41.underpowered("eta rate of the A error", rate);
        if (!failures.isEmpty()) b.verdict(Verdict.VIOLATED).evidence("VIOLATED: " + String.join("; ", failures) + ". " + summary);
        else if (rateUnderpowered != null) b.verdict(Verdict.INCONCLUSIVE).evidence("INCONCLUSIVE: " + rateUnderpowered + ". " + summary);
        else b.evidence(summary);
        return b.build();
    }

    /** Collects the lemma checks (ii) over runs. */
    static final class LemmaAcc {
        long checks;
        double maxRatio, maxExcess = Double.NEGATIVE_INFINITY;
        String where = "";

        void add(List<Result> rs, String label) {
            for (int i = 0; i < rs.size(); i++) {
                Result r = rs.get(i);
                checks += r.lemmaChecks();
                if (r.lemmaChecks() > 0 && r.lemmaMaxRatio() > maxRatio) {
                    maxRatio = r.lemmaMaxRatio();
                    where = label + " trial " + i;
                }
                maxExcess = Math.max(maxExcess, r.lemmaMaxExcess());
            }
        }
    }

    record EpsSweep(SlopeFit.RateTest test, long trials, Map<String, Object> details) {}

    private EpsSweep epsSweep(ClaimContext ctx, Plan plan, Prepared p, String name, double alpha, SlopeFit.Direction dir, LemmaAcc acc) {
        double eta = EPS_ETA, beta = EstimationChecks.beta(eta, 1);
        int w = StaibP41.burnIn(eta, 3), tw = StaibP41.burnIn(eta, 3);
        double[] x = new double[EPS_GRID.length], q = new double[EPS_GRID.length];
        double[][] samples = new double[EPS_GRID.length][];
        long trials = 0;
        for (int j = 0; j < EPS_GRID.length; j++) {
            double eps = EPS_GRID[j];
            x[j] = eps + p.lambdaMin;
            Spec spec = new Spec(eta, beta, w, tw, null, eps, factory);
            ctx.progress(fmt("eps sweep %s eps=%.3g: %d trials", name, eps, plan.trials()));
            List<Result> rs = EstimationChecks.windowRuns(ctx, p, spec, plan.trials(), fmt("eps/%s/%s", name, eps));
            trials += rs.size();
            acc.add(rs, fmt("eps sweep %s eps=%.3g", name, eps));
            samples[j] = rs.stream().mapToDouble(Result::supA).toArray();
            q[j] = Quantiles.quantile(samples[j], 1 - DELTA);
        }
        SlopeFit.Bootstrap boot = SlopeFit.bootstrap(x, samples, SlopeFit.quantile(1 - DELTA), plan.resamples(), ctx.rng("bootstrap/eps/" + name, 0));
        SlopeFit.RateTest t = boot.test(-1.5, EPS_TOL, dir, alpha);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", p.describe());
        m.put("eta", eta);
        m.put("eps", EPS_GRID.clone());
        m.put("epsPlusLambdaMin", x);
        m.put("q95SupAError", q);
        m.put("slope", t.slope());
        m.put("ciLow", t.ciLow());
        m.put("ciHigh", t.ciHigh());
        m.put("direction", dir.name());
        m.put("localSlopes", boot.fit().localSlopes());
        m.put("method", t.method());
        return new EpsSweep(t, trials, m);
    }
}
