package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.EstimationChecks.DELTA;
import static org.saddlecheck.theory.staib.EstimationChecks.fmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.stats.Power;
import org.saddlecheck.theory.staib.EstimationChecks.Exceedance;
import org.saddlecheck.theory.staib.MovingEstimation.Case;
import org.saddlecheck.theory.staib.MovingEstimation.Model;
import org.saddlecheck.theory.staib.MovingEstimation.Move;
import org.saddlecheck.theory.staib.MovingEstimation.Prepared;
import org.saddlecheck.theory.staib.MovingEstimation.Result;
import org.saddlecheck.theory.staib.MovingEstimation.Spec;
import org.saddlecheck.util.Require;

/**
 * STAIB-D4.1 (Staib et al. §4.1, Definition 4.1; CLAIMS.md STAIB-D4.1, I6): a matrix sequence A(x_t) is
 * (W, T, η, Δ, δ)-estimable if with probability 1 − δ the estimates satisfy ‖Â_t − A_t‖ ≤ Δ simultaneously for all
 * t ∈ (W, W + T]. The predicate is checked as MC-HP on simulated runs with explicit Δ: for A = G,
 * Δ_G = max_{t in the window} B_ref(η, β, t, δ/T) (Theorem 4.1's explicit bound, union bound over the window, as in
 * Prop. 4.1); for A = (G + εI)^{−1/2}, Δ_A = ½(ε + λ_min/2)^{−3/2}Δ_G when Δ_G ≤ λ_min/2 (the perturbation lemma of
 * Prop. 4.2). Burn-in W = ⌈η^{−2/3}⌉, window T = ⌈3η^{−2/3}⌉, β = 1 − η^{2/3}. Each instance's exceedance count of
 * Δ is tested against δ = 0.05 by the exact binomial test. The estimator is injected ({@link EstimatorFactory}).
 */
public final class StaibD41 extends CatalogClaim {
    /** An instance: which sequence (A = G when eps is NaN, else A = (G + εI)^{−1/2}). */
    record Instance(String name, Case c, double eta, double eps) {}

    static final List<Instance> INSTANCES = List.of(
            new Instance("G: sine-outer straight", new Case(3, Model.SINE_OUTER, Move.STRAIGHT, 1, 1, 0.5, 0.5), 1e-2, Double.NaN),
            new Instance("G: affine-haar adaptive-sign", new Case(3, Model.AFFINE_HAAR, Move.ADAPTIVE_SIGN, 1, 1, 1, 0.5), 1e-3, Double.NaN),
            new Instance("A: rotating-haar straight, eps=0.1", new Case(3, Model.ROTATING_HAAR, Move.STRAIGHT, 1, 1, 0.2, 1), 1e-2, 0.1),
            new Instance("A: witness, eps=0", new Case(3, Model.WITNESS_MIN, Move.STILL, 0, 1, 0.05, 0.5), 1e-2, 0));
    static final int TESTS = INSTANCES.size();
    static final double BURN_K = 1, WINDOW_K = 3;

    private final EstimatorFactory factory;

    public StaibD41() {
        this(EstimatorFactory.NORMALISED_EMA);
    }

    public StaibD41(EstimatorFactory factory) {
        super("STAIB-D4.1", TESTS);
        this.factory = Require.notNull("factory", factory);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(TESTS);
        Power.BinomialDesign design = Power.binomialTrials(DELTA, EstimationChecks.ALTERNATIVE, alpha, EstimationChecks.POWER);
        int n = Math.max(design.n(), ctx.budget().scaled(300, 100));
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS);
        List<String> failures = new ArrayList<>(), inapplicable = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        double worst = Double.NEGATIVE_INFINITY;
        String worstWhat = "";
        int tests = 0;
        long trials = 0;
        for (Instance in : INSTANCES) {
            Prepared p = new Prepared(in.c(), ctx.seed("structure/" + in.name(), 0));
            double eta = in.eta(), beta = EstimationChecks.beta(eta, 1);
            int w = StaibP41.burnIn(eta, BURN_K), tw = StaibP41.burnIn(eta, WINDOW_K);
            double deltaG = EstimationBounds.windowBound(p.constants, eta, beta, w, tw, DELTA);
            boolean inverse = !Double.isNaN(in.eps());
            double bound = inverse ? EstimationBounds.invSqrtWindowBound(deltaG, in.eps(), p.lambdaMin) : deltaG;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instance", in.name());
            m.put("case", p.describe());
            m.put("eta", eta);
            m.put("beta", beta);
            m.put("W", w);
            m.put("windowT", tw);
            m.put("deltaG", deltaG);
            if (inverse) {
                m.put("eps", in.eps());
                m.put("lambdaMin", p.lambdaMin);
                m.put("deltaA", bound);
            }
            if (Double.isNaN(bound)) {
                inapplicable.add(fmt("%s: Delta_G = %.4g > lambda_min/2 = %.4g, the perturbation bound does not apply", in.name(), deltaG, p.lambdaMin / 2));
                m.put("applicable", false);
                rows.add(m);
                continue;
            }
            Spec spec = new Spec(eta, beta, w, tw, null, inverse ? in.eps() : Double.NaN, factory);
            ctx.progress(fmt("%s: W=%d, T=%d, %d trials", in.name(), w, tw, n));
            List<Result> rs = EstimationChecks.windowRuns(ctx, p, spec, n, "instance/" + in.name());
            trials += n;
            double[] sup = rs.stream().mapToDouble(r -> inverse ? r.supA() : r.supG()[0]).toArray();
            Exceedance e = EstimationChecks.exceedance(sup, bound, alpha);
            tests++;
            m.put("trials", n);
            m.put("bound", bound);
            m.put("q95Sup", e.q());
            m.put("q95SupUpper95", e.qUpper());
            m.put("ratio", e.ratio());
            m.put("exceedances", e.k());
            m.put("pValue", e.test().pValue());
            m.put("rejected", e.test().rejected());
            m.put("constantsExact", p.exactConstants);
            rows.add(m);
            ratios.add(e.ratio());
            if (e.ratio() > worst) {
                worst = e.ratio();
                worstWhat = in.name() + " (" + p.describe() + ")";
            }
            if (e.test().rejected()) failures.add(in.name() + ": " + e.test().describe());
        }
        b.trials(trials).falseFailureRate(alpha * tests).detail("estimator", factory.describe()).detail("delta", DELTA)
                .detail("alphaPerTest", alpha).detail("binomialTrials", n).detail("instances", rows)
                .detail("DeltaG", "max over t in (W, W+T] of B_ref(eta, beta, t, delta/T) (union bound)")
                .detail("DeltaA", "(1/2)(eps + lambda_min/2)^(-3/2) Delta_G, valid when Delta_G <= lambda_min/2");
        if (!ratios.isEmpty()) {
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
            b.tightness(Tightness.of(r, worstWhat)).series("ratios", r);
        }
        StringBuilder s = new StringBuilder(fmt("Estimability with explicit Delta (union-bound B_ref; perturbation lemma for A) at delta=%.2g, "
                + "W = ceil(eta^(-2/3)), T = ceil(3 eta^(-2/3)), %d trials per instance, alpha %.2g per test: ", DELTA, n, alpha));
        for (Map<String, Object> m : rows) {
            if (m.containsKey("ratio")) {
                s.append(fmt("%s: q95 sup %.4g vs Delta %.4g (ratio %.3f, %d exceedances); ", m.get("instance"), (double) m.get("q95Sup"),
                        (double) m.get("bound"), (double) m.get("ratio"), (int) m.get("exceedances")));
            }
        }
        if (!failures.isEmpty()) b.verdict(Verdict.VIOLATED).evidence("VIOLATED: " + String.join("; ", failures) + ". " + s);
        else if (!inapplicable.isEmpty()) b.verdict(Verdict.INCONCLUSIVE).evidence("INCONCLUSIVE: " + String.join("; ", inapplicable) + ". " + s);
        else b.evidence(s.toString());
        return b.build();
    }
}
