package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.util.Require;

/**
 * STAIB-S5.2 (Staib et al. §5.2, eqs. (12)–(13); CLAIMS.md STAIB-S5.2, §8.17): comparison of Theorem 4.4's
 * preconditioner factor F = Λ1⁴Λ2⁴Γ⁴/(λ−¹⁰ν⁴) for SGD and full-matrix RMSProp. These compare UPPER BOUNDS, not runtimes.
 *
 * <p>EXACT on random SPD G (d ∈ {1, 2, 5, 20}, κ ≤ 1e6, λ_max ∈ [1e-3, 1e3]) × ε ∈ {0, 1e-3, 1}, from the tightest
 * constants computed from A and G ({@link PreconditionerConstants#tightest}; relative tolerance 64·d·u·κ(G)):
 * <ul>
 *   <li>(12) F_SGD = E‖g‖⁴/λ_min(G)⁴ (equality: Γ* = E‖g‖² = tr G) ≤ d⁴κ(G)⁴;</li>
 *   <li>(13) F_RMSProp ≤ d⁴κ(G)⁴(λ_max + ε), with equality at ε = 0 (F = d⁴κ⁴λ_max);</li>
 *   <li>the crossover of the bounds at ε = 0: d⁴κ⁴λ_max ≤ d⁴κ⁴ iff λ_max ≤ 1 (checked on λ_max straddling 1, incl. 1);</li>
 *   <li>the Λ = O(1) regime: with Λ1 = Λ2 = 1, F_RMSProp(ε = 0) = d⁴λ_max⁵ (from Γ* = d, λ−* = λ_max^{−1/2}, ν* = 1),
 *       which is ≤ the SGD bound d⁴λ_max⁴/λ_min⁴ iff λ_max ≤ λ_min^{−4} (checked on (λ_min, λ_max) straddling the curve).</li>
 * </ul>
 * Reported [DER]: with both factors tight, RMSProp's is smaller iff λ_max ≤ (tr G/(dλ_max))⁴ — a stricter crossover than
 * λ_max ≤ 1, since (12)'s last step is loose by (dλ_max/tr G)⁴.
 */
public final class S52ComparisonToSgd implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-S5.2");

    private final PreconditionerMap rmsprop;

    public S52ComparisonToSgd() {
        this(PreconditionerMap.FULL_INSIDE);
    }

    public S52ComparisonToSgd(PreconditionerMap rmsprop) {
        this.rmsprop = Require.notNull("rmsprop", rmsprop);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** Bound (12): d⁴κ⁴. */
    static double bound12(int d, double lmin, double lmax) {
        double dk = d * lmax / lmin;
        return dk * dk * dk * dk;
    }

    /** Bound (13): d⁴κ⁴(λ_max + ε). */
    static double bound13(int d, double lmin, double lmax, double eps) {
        return bound12(d, lmin, lmax) * (lmax + eps);
    }

    record Eval(String desc, double ratio12, double eq12, double ratio13, double eq13AtZero, double lambdaOneRegimeGap,
                boolean tightOrderMatchesDer, double tol) {
        double score() {
            double s = Math.max(ratio12, ratio13) / (1 + tol);
            s = Math.max(s, Math.max(eq12, Math.max(eq13AtZero, lambdaOneRegimeGap)) / tol);
            return tightOrderMatchesDer ? s : Double.POSITIVE_INFINITY;
        }
    }

    Eval evaluate(int d, Spd s, double eps) {
        double[] g = s.g(), lam = s.lambda();
        double lmin = lam[0], lmax = lam[d - 1];
        double tol = ConstantsInstance.tolerance(d, lmax / lmin);
        PreconditionerConstants sgd = PreconditionerConstants.tightest(Mat.identity(d), g, d);
        double fSgd = sgd.secondOrderFactor();
        double eg2 = Mat.trace(g, d);
        double eq12 = Math.abs(fSgd / Math.pow(eg2 / lmin, 4) - 1);
        PreconditionerConstants rms = PreconditionerConstants.tightest(rmsprop.matrix(g, d, eps), g, d);
        double fRms = rms.secondOrderFactor();
        double eq13 = eps == 0 ? Math.abs(fRms / bound13(d, lmin, lmax, 0) - 1) : 0;
        double gap = 0;
        boolean order = true;
        if (eps == 0) {
            PreconditionerConstants unitLambda = new PreconditionerConstants(1, 1, rms.gamma(), rms.nu(), rms.lambdaMinus());
            double f1 = unitLambda.secondOrderFactor();
            gap = Math.abs(f1 / (Math.pow(d, 4) * Math.pow(lmax, 5)) - 1);
            double crit = Math.pow(eg2 / (d * lmax), 4);
            double margin = Math.abs(lmax / crit - 1);
            if (margin > 1e3 * tol) order = (fRms < fSgd) == (lmax < crit);
        }
        String desc = String.format(Locale.ROOT, "d=%d lambdaMin=%.4g lambdaMax=%.4g eps=%.3g", d, lmin, lmax, eps);
        return new Eval(desc, fSgd / bound12(d, lmin, lmax), eq12, fRms / bound13(d, lmin, lmax, eps), eq13, gap, order, tol);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        int n = ctx.budget().scaled(150, 40);
        double[] epss = {0, 1e-3, 1};
        List<Eval> evals = new ArrayList<>();
        List<List<Eval>> parts = ctx.parallel().map(n, i -> {
            UniformRandomProvider rng = ctx.rng("spd", i);
            int d = new int[] {1, 2, 5, 20}[rng.nextInt(4)];
            double lmax = Math.pow(10, -3 + 6 * rng.nextDouble());
            double kappa = d == 1 ? 1 : Math.pow(10, 6 * rng.nextDouble());
            Spd s = ExactLinalg.spd(d, lmax, kappa, SpectrumKind.values()[rng.nextInt(5)], rng);
            List<Eval> out = new ArrayList<>();
            for (double e : epss) out.add(evaluate(d, s, e));
            return out;
        });
        for (List<Eval> p : parts) evals.addAll(p);
        List<String> failures = new ArrayList<>();
        double[] r13 = new double[evals.size()], r12 = new double[evals.size()];
        Eval worst = null;
        for (int i = 0; i < evals.size(); i++) {
            Eval e = evals.get(i);
            r12[i] = e.ratio12();
            r13[i] = e.ratio13();
            if (worst == null || e.score() > worst.score()) worst = e;
            if (e.score() > 1) failures.add(describe(e));
        }
        // crossover of the bounds at eps = 0: lambda_max straddling 1
        int crossChecks = 0;
        for (double lmax : new double[] {1e-3, 0.1, 0.5, 0.99, 1.0, 1.01, 2, 10, 1e3}) {
            for (int d : new int[] {1, 5, 50}) {
                double lmin = lmax / 100;
                double b12 = bound12(d, lmin, lmax), b13 = bound13(d, lmin, lmax, 0);
                int want = Double.compare(lmax, 1.0);
                int got = Math.abs(b13 / b12 - 1) <= 1e-12 ? 0 : Double.compare(b13, b12);
                crossChecks++;
                if (want != got) failures.add(String.format(Locale.ROOT, "lambda_max = %.3g, d = %d: bound (13) %s bound (12), expected %s",
                        lmax, d, cmp(got), cmp(want)));
            }
        }
        // Λ = O(1) regime: d^4 λ_max^5 vs d^4 λ_max^4/λ_min^4, crossover λ_max = λ_min^-4
        int regimeChecks = 0;
        for (double lmin : new double[] {0.05, 0.1, 0.3, 0.5, 0.8}) {
            for (double c : new double[] {0.5, 0.9, 0.999, 1.001, 1.1, 2}) {
                double lmax = c * Math.pow(lmin, -4);
                if (lmax < lmin) continue;
                for (int d : new int[] {2, 5}) {
                    Spd s = ExactLinalg.spd(d, lmax, lmax / lmin, SpectrumKind.LOG_UNIFORM, ctx.rng("regime", regimeChecks));
                    PreconditionerConstants rms = PreconditionerConstants.tightest(rmsprop.matrix(s.g(), d, 0), s.g(), d);
                    double fRms = new PreconditionerConstants(1, 1, rms.gamma(), rms.nu(), rms.lambdaMinus()).secondOrderFactor();
                    double sgdBound = Math.pow(d, 4) * Math.pow(lmax, 4) / Math.pow(lmin, 4);
                    regimeChecks++;
                    boolean better = fRms < sgdBound;
                    if (better != (c < 1)) {
                        failures.add(String.format(Locale.ROOT, "Lambda = O(1) regime lambda_min = %.3g lambda_max = %.4g (c = %.3g): d^4 lambda_max^5 "
                                + "factor %.6g vs SGD bound %.6g", lmin, lmax, c, fRms, sgdBound));
                    }
                }
            }
        }
        ClaimResult.Builder b = ClaimResult.builder(failures.isEmpty() ? Verdict.HOLDS : Verdict.VIOLATED)
                .trials(evals.size() + crossChecks + regimeChecks).falseFailureRate(0)
                .tightness(Tightness.of(r13, worst == null ? "" : describe(worst))).series("ratios", r13).series("ratios12", r12)
                .detail("instances", evals.size()).detail("crossoverChecks", crossChecks).detail("regimeChecks", regimeChecks)
                .detail("note", "comparisons of upper bounds, not of measured runtimes (CLAIMS.md 8.17)")
                .detail("toleranceRule", "relative 64*d*u*kappa(G)");
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "On %d (G, eps) instances the tight factors satisfy (12) F_SGD = E||g||^4/lambda_min^4 <= d^4 kappa^4 (ratio in [%.3g, %.3g]) "
                            + "and (13) F_RMSProp <= d^4 kappa^4 (lambda_max + eps) (ratio in [%.3g, %.3g], = 1 at eps = 0). The bounds cross exactly at "
                            + "lambda_max = 1 for eps = 0 (%d checks); in the Lambda = O(1) regime F_RMSProp = d^4 lambda_max^5 and it beats the SGD bound "
                            + "iff lambda_max <= lambda_min^-4 (%d checks). With both factors tight the RMSProp factor is smaller iff "
                            + "lambda_max <= (tr G/(d lambda_max))^4, verified on every eps = 0 instance. These compare upper bounds, not runtimes.",
                    evals.size(), min(r12), max(r12), min(r13), max(r13), crossChecks, regimeChecks));
        } else {
            b.evidence(failures.size() + " failure(s); first: " + failures.get(0));
            b.detail("failures", failures.subList(0, Math.min(20, failures.size())));
        }
        return b.build();
    }

    private static String cmp(int c) {
        return c < 0 ? "<" : c == 0 ? "=" : ">";
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    static String describe(Eval e) {
        return String.format(Locale.ROOT,
                "%s: F_SGD/(12) = %.4g (identity gap %.2g), F_RMSProp/(13) = %.4g (eps=0 equality gap %.2g), Lambda=1 regime gap %.2g, "
                        + "tight order matches DER criterion %s (tolerance %.2g)",
                e.desc(), e.ratio12(), e.eq12(), e.ratio13(), e.eq13AtZero(), e.lambdaOneRegimeGap(), e.tightOrderMatchesDer(), e.tol());
    }
}
