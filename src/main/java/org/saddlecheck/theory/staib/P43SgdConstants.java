package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.gen.Forall;
import org.saddlecheck.gen.ForallResult;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.util.Require;

/**
 * STAIB-P4.3 (Staib et al. Prop. 4.3; CLAIMS.md STAIB-P4.3, I3): "A = I is a (Λ1, Λ2, Γ, ν, λ−)-preconditioner with
 * Λ1 = Λ2 = 1, Γ ≤ E[‖g‖²] ≤ d·tr(G), ν ≤ λ_min(G), and λ− = 1."
 *
 * <p>EXACT checks on random SPD G (the catalog grid's (d, κ, λ_max) and random instances of every spectrum kind): the
 * tightest constants of A = I are Λ1* = Λ2* = λ−* = 1, Γ* = E‖g‖² = tr(G), ν* = λ_min(G) (relative tolerance
 * 64·d·u·κ(G)), so the valid reading (1, 1, tr G, λ_min(G), 1) has tightness 1 in every constant; E‖g‖² ≤ d·tr(G) holds
 * (ratio exactly 1/d: loose); E‖g‖² = tr(G) ≤ dλ_max(G) (needed by §5.2) holds. MC: E‖g‖² = tr(G) for Gaussian g of
 * second moment G (one two-sided exact test).
 *
 * <p>Verdict KNOWN-INCONSISTENCY: Definition 4.2 needs Γ ≥ E‖Ag‖² = E‖g‖², while the print says Γ ≤ E‖g‖². Read as a
 * constraint on the constant (the way ν ≤ λ_min(G) is read), every Γ &lt; E‖g‖² it allows fails Condition 3 (e.g.
 * Γ = E‖g‖²/2 has validity ratio Γ* / Γ = 2); only the boundary Γ = E‖g‖² is valid. The chain's second half
 * "≤ d·tr(G)" is true but loose by the factor d. The claim goes VIOLATED if the true statement (with Γ = tr(G)) fails.
 */
public final class P43SgdConstants implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-P4.3");
    static final ConstantsInstance MC_INSTANCE = new ConstantsInstance(5, SpectrumKind.LOG_UNIFORM, 1, 1e3, 0);

    private final PreconditionerMap map;

    public P43SgdConstants() {
        this(PreconditionerMap.IDENTITY);
    }

    /** With an injected preconditioner map (the identity by default; tests plant a wrong one). */
    public P43SgdConstants(PreconditionerMap map) {
        this.map = Require.notNull("map", map);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 1;
    }

    /** One instance: validity ratios of the valid reading, mismatch vs (1, 1, tr G, λ_min, 1), looseness ratios. */
    record Eval(ConstantsInstance inst, double[] ratios, double mismatch, double tol, double looseChain, double traceOverDLambdaMax,
                double literalHalfRatio) {
        double score() {
            double s = mismatch / tol;
            for (double r : ratios) s = Math.max(s, r / (1 + tol));
            // E||g||^2 <= d tr G and tr G <= d lambda_max must hold
            s = Math.max(s, looseChain / (1 + tol));
            return Math.max(s, traceOverDLambdaMax / (1 + tol));
        }
    }

    Eval evaluate(ConstantsInstance p, Spd s) {
        int d = p.d();
        double[] lam = s.lambda();
        double[] a = map.matrix(s.g(), d, 0);
        PreconditionerConstants tight = PreconditionerConstants.tightest(a, s.g(), d);
        PreconditionerConstants valid = PreconditionerConstants.sgd(lam);
        double[] t = tight.toArray(), v = valid.toArray();
        double mis = 0;
        for (int k = 0; k < 5; k++) mis = Math.max(mis, Math.abs(t[k] / v[k] - 1));
        double trG = Mat.trace(s.g(), d);
        double dTr = d * trG;
        PreconditionerConstants literal = new PreconditionerConstants(1, 1, 0.5 * tight.gamma(), lam[0], 1);
        return new Eval(p, valid.validityRatios(tight), mis, p.tolerance(), tight.gamma() / dTr, trG / (d * lam[d - 1]),
                literal.validityRatios(tight)[2]);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        Set<ConstantsInstance> set = new LinkedHashSet<>();
        for (ConstantsInstance c : ConstantsInstance.grid()) set.add(new ConstantsInstance(c.d(), c.kind(), c.lambdaMax(), c.kappa(), 0));
        List<ConstantsInstance> grid = new ArrayList<>(set);
        List<Eval> evals = ctx.parallel().map(grid.size(), i -> evaluate(grid.get(i), grid.get(i).draw(ctx.rng("grid", i))));
        List<String> failures = new ArrayList<>();
        double[] maxRatio = new double[evals.size()];
        double[] loose = new double[evals.size()];
        Eval worst = null;
        List<Map<String, Object>> table = new ArrayList<>();
        for (int i = 0; i < evals.size(); i++) {
            Eval e = evals.get(i);
            double m = 0;
            for (double r : e.ratios()) m = Math.max(m, r);
            maxRatio[i] = m;
            loose[i] = e.looseChain();
            if (worst == null || e.score() > worst.score()) worst = e;
            if (e.score() > 1) failures.add("grid " + describe(e));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instance", e.inst().toString());
            for (int k = 0; k < 5; k++) row.put(PreconditionerConstants.NAMES[k] + "Ratio", e.ratios()[k]);
            row.put("mismatch", e.mismatch());
            row.put("EgOverDtrG", e.looseChain());
            row.put("trGOverDLambdaMax", e.traceOverDLambdaMax());
            row.put("literalHalfGammaRatio", e.literalHalfRatio());
            table.add(row);
        }
        int cases = ctx.budget().scaled(150, 30);
        ForallResult<ConstantsInstance> fr = Forall.over(INFO.id(), ConstantsInstance.SPACE).seed(ctx.seed("forall", 0)).cases(cases)
                .parallel(ctx.parallel()).target(2, ctx.budget().scaled(20, 5)).check((p, rng) -> evaluate(p, p.draw(rng)).score());
        if (!fr.passed()) failures.add(fr.failureMessage());

        double alpha = ctx.alphaPerTest(1);
        Spd s = MC_INSTANCE.draw(ctx.rng("mc-instance", 0));
        int d = MC_INSTANCE.d();
        double[] a = map.matrix(s.g(), d, 0);
        PreconditionerConstants tight = PreconditionerConstants.tightest(a, s.g(), d);
        double[] mu = ExactLinalg.eigenvalues(ExactLinalg.sandwich(a, s.g(), d), d);
        int n = GaussianNormMc.trialsFor(mu, P44RmspropConstants.MC_EFFECT, alpha, 0.9);
        GaussianNormMc.Result r = GaussianNormMc.run(a, s.g(), d, n, ctx, "mc");
        double trG = Mat.trace(s.g(), d);
        boolean differs = r.differs(trG, alpha);
        if (differs) failures.add("MC: E||Ag||^2 differs from tr(G) = " + trG + ": " + r.describe(alpha));
        boolean literalRejected = r.exceeds(0.5 * tight.gamma(), alpha);

        ClaimResult.Builder b = ClaimResult.builder(failures.isEmpty() ? Verdict.KNOWN_INCONSISTENCY : Verdict.VIOLATED)
                .trials(evals.size() + fr.evaluations() + n).falseFailureRate(alpha)
                .tightness(Tightness.of(maxRatio, worst == null ? "" : describe(worst))).series("ratios", maxRatio)
                .series("gammaOverDTraceG", loose)
                .detail("gridInstances", evals.size()).detail("forallEvaluations", fr.evaluations())
                .detail("toleranceRule", "relative 64*d*u*kappa(G), u = 2^-53")
                .detail("printedGamma", "Gamma <= E||g||^2 <= d tr(G) (Prop. 4.3 as printed)")
                .detail("validReading", "Gamma = E||g||^2 = tr(G) (Definition 4.2 needs Gamma >= E||Ag||^2)")
                .detail("literalCounterexampleGammaRatio", evals.get(0).literalHalfRatio())
                .detail("monteCarlo", Map.of("instance", MC_INSTANCE.toString(), "n", n, "mean", r.mean(), "traceG", trG,
                        "ciLow", r.mean() - r.upperDev(alpha / 2), "ciHigh", r.mean() + r.lowerDev(alpha / 2),
                        "halfTraceRejected", literalRejected))
                .detail("grid", table);
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "For A = I the tightest constants are exactly Lambda1 = Lambda2 = lambda- = 1, Gamma* = E||g||^2 = tr(G), nu* = lambda_min(G) "
                            + "on %d grid and %d random instances (tightness 1 for the valid reading Gamma = tr(G)). Printing problem (CLAIMS.md I3): "
                            + "Definition 4.2 needs Gamma >= E||g||^2, but Prop. 4.3 prints Gamma <= E||g||^2; any Gamma strictly below E||g||^2 "
                            + "fails Condition 3 (Gamma = E||g||^2/2 gives Gamma*/Gamma = 2; MC: mean %.4g vs tr(G)/2 = %.4g, one-sided exact test "
                            + "rejects: %s), so only Gamma = E||g||^2 is valid. The bound E||g||^2 <= d tr(G) is true but loose (ratio exactly 1/d); "
                            + "E||g||^2 = tr(G) <= d lambda_max(G), which Sec. 5.2 needs, holds. MC (n = %d): E||g||^2 = %.5g vs tr(G) = %.5g.",
                    evals.size(), fr.evaluations(), r.mean(), 0.5 * trG, literalRejected, n, r.mean(), trG));
        } else {
            b.evidence(failures.size() + " failure(s); first: " + failures.get(0));
            b.detail("failures", failures.subList(0, Math.min(20, failures.size())));
        }
        return b.build();
    }

    static String describe(Eval e) {
        return String.format(Locale.ROOT, "%s: ratios %s, mismatch %.2g (tolerance %.2g), E||g||^2/(d trG) = %.3g, trG/(d lambdaMax) = %.3g",
                e.inst(), java.util.Arrays.toString(e.ratios()), e.mismatch(), e.tol(), e.looseChain(), e.traceOverDLambdaMax());
    }
}
