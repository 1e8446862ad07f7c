package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.util.Require;

/**
 * STAIB-C-DIAG (Staib et al. §4.2.1 / App. C–D, which are not available; CLAIMS.md STAIB-C-DIAG [DER]): constants of the
 * diagonal preconditioner A = (diag(G) + εI)^{−1/2}. With D = diag(G) + εI the derived values are Λ1* = Λ2* =
 * max_i (G_ii + ε)^{−1/2}, Γ* = Σ G_ii/(G_ii + ε) ≤ d, ν* = λ_min(D^{−1/2}GD^{−1/2}) ≥ λ_min(G)/(max_i G_ii + ε),
 * λ−* = (max_i G_ii + ε)^{−1/2}.
 *
 * <p>EXACT, asserting only derived inequalities (the paper's own constants are missing): the tightest constants computed
 * from A and G equal the closed forms (Λ, Γ, λ−) within 64·d·u·κ(G) relative, Γ* ≤ d, ν* ≥ λ_min(G)/(max G_ii + ε); and,
 * against the full-matrix A = (G + εI)^{−1/2} on the same G: Λ*_diag ≤ Λ*_full and λ−*_diag ≥ λ−*_full (since
 * λ_min(G) ≤ G_ii ≤ λ_max(G)), Γ*_diag ≥ Γ*_full (Schur–Horn: diag(G) is majorised by the spectrum and x ↦ x/(x+ε) is
 * concave). The ν ratio and the Theorem 4.4 factor ratio diag/full are reported, not asserted (no general order).
 */
public final class CDiagConstants implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-C-DIAG");

    private final PreconditionerMap diagonal;

    public CDiagConstants() {
        this(PreconditionerMap.DIAGONAL_INSIDE);
    }

    /** With an injected diagonal preconditioner map (tests plant a wrong one). */
    public CDiagConstants(PreconditionerMap diagonal) {
        this.diagonal = Require.notNull("diagonal", diagonal);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** Inequality ratios (≤ 1 holds) and diag/full comparisons of one instance. */
    record Eval(ConstantsInstance inst, double[] checks, double tol, PreconditionerConstants diag, PreconditionerConstants full,
                PreconditionerConstants der) {
        static final String[] CHECKS = {"Lambda=closedForm", "Gamma=closedForm", "lambda-=closedForm", "Gamma<=d",
            "nu>=lambdaMin/(maxGii+eps)", "LambdaDiag<=LambdaFull", "lambda-Diag>=lambda-Full", "GammaDiag>=GammaFull"};

        double score() {
            double s = 0;
            for (int k = 0; k < 3; k++) s = Math.max(s, checks[k] / tol);
            for (int k = 3; k < checks.length; k++) s = Math.max(s, checks[k] / (1 + tol));
            return s;
        }
    }

    Eval evaluate(ConstantsInstance p, Spd s) {
        int d = p.d();
        double eps = p.eps();
        double[] g = s.g();
        PreconditionerConstants diag = PreconditionerConstants.tightest(diagonal.matrix(g, d, eps), g, d);
        PreconditionerConstants full = PreconditionerConstants.tightest(PreconditionerMap.FULL_INSIDE.matrix(g, d, eps), g, d);
        PreconditionerConstants der = PreconditionerConstants.diagonalDer(g, d, eps, s.lambda()[0]);
        double[] c = {
            Math.max(Math.abs(diag.lambda1() / der.lambda1() - 1), Math.abs(diag.lambda2() / der.lambda2() - 1)),
            Math.abs(diag.gamma() / der.gamma() - 1),
            Math.abs(diag.lambdaMinus() / der.lambdaMinus() - 1),
            diag.gamma() / d,
            der.nu() / diag.nu(),
            diag.lambda1() / full.lambda1(),
            full.lambdaMinus() / diag.lambdaMinus(),
            full.gamma() / diag.gamma(),
        };
        return new Eval(p, c, p.tolerance(), diag, full, der);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        List<ConstantsInstance> grid = ConstantsInstance.grid();
        List<Eval> evals = ctx.parallel().map(grid.size(), i -> evaluate(grid.get(i), grid.get(i).draw(ctx.rng("grid", i))));
        int cases = ctx.budget().scaled(200, 40);
        ForallResult<ConstantsInstance> fr = Forall.over(INFO.id(), ConstantsInstance.SPACE).seed(ctx.seed("forall", 0)).cases(cases)
                .parallel(ctx.parallel()).target(3, ctx.budget().scaled(30, 8)).check((p, rng) -> evaluate(p, p.draw(rng)).score());
        List<String> failures = new ArrayList<>();
        if (!fr.passed()) failures.add(fr.failureMessage());
        double[] scores = new double[evals.size()];
        double[][] cmp = new double[5][evals.size()];
        double[] nuBoundTightness = new double[evals.size()];
        List<Map<String, Object>> table = new ArrayList<>();
        Eval worst = null;
        for (int i = 0; i < evals.size(); i++) {
            Eval e = evals.get(i);
            scores[i] = e.score();
            if (worst == null || e.score() > worst.score()) worst = e;
            if (e.score() > 1) failures.add("grid " + describe(e));
            double[] dg = e.diag().toArray(), fu = e.full().toArray();
            for (int k = 0; k < 5; k++) cmp[k][i] = dg[k] / fu[k];
            nuBoundTightness[i] = e.checks()[4];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instance", e.inst().toString());
            for (int k = 0; k < Eval.CHECKS.length; k++) row.put(Eval.CHECKS[k], e.checks()[k]);
            for (int k = 0; k < 5; k++) row.put(PreconditionerConstants.NAMES[k] + "DiagOverFull", cmp[k][i]);
            row.put("factorDiagOverFull", e.diag().secondOrderFactor() / e.full().secondOrderFactor());
            table.add(row);
        }
        Map<String, Object> cmpSummary = new LinkedHashMap<>();
        for (int k = 0; k < 5; k++) {
            cmpSummary.put(PreconditionerConstants.NAMES[k], Map.of("min", Arrays.stream(cmp[k]).min().orElse(Double.NaN),
                    "median", Quantiles.median(cmp[k]), "max", Arrays.stream(cmp[k]).max().orElse(Double.NaN)));
        }
        ClaimResult.Builder b = ClaimResult.builder(failures.isEmpty() ? Verdict.HOLDS : Verdict.VIOLATED)
                .trials(evals.size() + fr.evaluations()).falseFailureRate(0)
                .tightness(Tightness.of(nuBoundTightness, "nu lower bound / nu* (the only non-trivial derived bound)"))
                .series("ratios", nuBoundTightness).detail("diagOverFull", cmpSummary).detail("gridInstances", evals.size())
                .detail("forallEvaluations", fr.evaluations()).detail("toleranceRule", "relative 64*d*u*kappa(G), u = 2^-53")
                .detail("grid", table);
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "On %d grid and %d random instances the diagonal constants equal their closed forms (Lambda, Gamma, lambda-), Gamma* <= d "
                            + "and nu* >= lambda_min(G)/(max G_ii + eps) (bound/nu* in [%.3g, %.3g]); versus full-matrix RMSProp: Lambda_diag/Lambda_full "
                            + "in [%.3g, %.3g] (<= 1), lambda-_diag/lambda-_full in [%.3g, %.3g] (>= 1), Gamma_diag/Gamma_full in [%.3g, %.3g] (>= 1), "
                            + "nu_diag/nu_full in [%.3g, %.3g] (reported only).",
                    evals.size(), fr.evaluations(), min(nuBoundTightness), max(nuBoundTightness), min(cmp[0]), max(cmp[0]), min(cmp[4]),
                    max(cmp[4]), min(cmp[2]), max(cmp[2]), min(cmp[3]), max(cmp[3])));
        } else {
            b.evidence(failures.size() + " failure(s); first: " + failures.get(0));
            b.detail("failures", failures.subList(0, Math.min(20, failures.size())));
        }
        return b.build();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static String describe(Eval e) {
        StringBuilder sb = new StringBuilder(e.inst().toString()).append(':');
        for (int k = 0; k < Eval.CHECKS.length; k++) sb.append(' ').append(Eval.CHECKS[k]).append('=').append(ExactLinalg.g4(e.checks()[k]));
        return sb.append(String.format(Locale.ROOT, " (tolerance %.2g); diag %s, full %s", e.tol(), e.diag(), e.full())).toString();
    }
}
