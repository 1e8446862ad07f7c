package org.saddlecheck.theory.staib;

import java.util.ArrayList;
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
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.util.Require;

/**
 * STAIB-S5.1 (Staib et al. §5.1, eqs. (10)–(11); CLAIMS.md STAIB-S5.1, I2): choosing ε.
 * <ul>
 *   <li>(11) Λ1⁴Λ2⁴Γ⁴/(λ−¹⁰ν⁴) ≤ d⁴κ(G)⁴(λ_max + ε), "minimized with ε = 0". EXACT: with Prop. 4.4's constants the two
 *       sides are EQUAL (relative 1e-12) and strictly increasing in ε (minimiser ε = 0) on random spectra and an ε grid
 *       ε = λ_max·10^k, k = −8..3, plus ε = 0.</li>
 *   <li>(10) Γ/λ_min(A) ≤ (dλ_min/(ε + λ_min))(λ_max + ε). With Prop. 4.4's Γ and λ_min(A) = λ− the left side is
 *       dλ_max(λ_max + ε)^{−1/2} (checked to 1e-12), which exceeds the printed right side on many instances, e.g.
 *       λ_min = 1e-6, λ_max = 1, ε = 1: 0.707d vs 2e-6·d. So (10) does not follow from Prop. 4.4: KNOWN-INCONSISTENCY,
 *       both sides printed. Also Γ/λ−² = dλ_max (Theorem 4.2's factor) is ε-free (relative 1e-12); the qualitative
 *       direction "larger ε is not worse for first order" holds for Γ/λ_min(A) (strictly decreasing in ε).</li>
 *   <li>[DER] extras, reported: with the tightest constants (Γ* = Σλ_i/(λ_i + ε)) the first-order factor
 *       Γ* / λ−*² = (λ_max + ε)Σλ_i/(λ_i + ε) decreases from dλ_max (ε = 0) toward tr(G) — an ε-dependence in the paper's
 *       direction that the printed constants hide — and whether the tight second-order factor is minimised at ε = 0.</li>
 * </ul>
 * The printed-constant formula is injectable (unit tests plant a wrong one).
 */
public final class S51ChoosingEps implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-S5.1");
    static final double TOL = 1e-12;

    private final P44RmspropConstants.Printed printed;

    public S51ChoosingEps() {
        this(PreconditionerConstants::p44);
    }

    public S51ChoosingEps(P44RmspropConstants.Printed printed) {
        this.printed = Require.notNull("printed", printed);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** RHS of (11): d⁴κ⁴(λ_max + ε). */
    static double rhs11(int d, double lmin, double lmax, double eps) {
        double k = lmax / lmin;
        double dk = d * k;
        return dk * dk * dk * dk * (lmax + eps);
    }

    /** RHS of (10) as printed: dλ_min/(ε + λ_min)·(λ_max + ε). */
    static double rhs10(int d, double lmin, double lmax, double eps) {
        return d * lmin / (eps + lmin) * (lmax + eps);
    }

    /** Results of one spectrum over the ε grid. */
    record Eval(int d, double lmin, double lmax, double eq11, boolean increasing11, double firstOrderEpsFree, double lhs10Identity,
                boolean decreasing10, int violations10, int cases10, double worst10Ratio, String worst10, boolean tightFirstDecreasing,
                boolean tightSecondMinAtZero) {
        double score() {
            double s = Math.max(eq11, Math.max(firstOrderEpsFree, lhs10Identity)) / TOL;
            if (!increasing11 || !decreasing10) s = Math.max(s, Double.POSITIVE_INFINITY);
            return s;
        }
    }

    static double[] epsGrid(double lmax) {
        double[] e = new double[13];
        e[0] = 0;
        for (int k = -8; k <= 3; k++) e[k + 9] = lmax * Math.pow(10, k);
        return e;
    }

    Eval evaluate(int d, double[] lambda) {
        double lmin = lambda[0], lmax = lambda[lambda.length - 1];
        double[] eps = epsGrid(lmax);
        double eq = 0, epsFree = 0, id10 = 0, worst10 = 0;
        String worstDesc = "";
        int viol = 0;
        boolean inc = true, dec = true, tightDec = true;
        double prevLhs = -1, prev10 = Double.POSITIVE_INFINITY, prevTightFirst = Double.POSITIVE_INFINITY;
        double tightSecondAt0 = 0;
        boolean tightMinAtZero = true;
        for (int k = 0; k < eps.length; k++) {
            double e = eps[k];
            PreconditionerConstants p = printed.of(lmin, lmax, d, e);
            double lhs = p.secondOrderFactor(), rhs = rhs11(d, lmin, lmax, e);
            eq = Math.max(eq, Math.abs(lhs / rhs - 1));
            if (k > 0 && !(lhs > prevLhs)) inc = false;
            prevLhs = lhs;
            epsFree = Math.max(epsFree, Math.abs(p.firstOrderFactor() / (d * lmax) - 1));
            double l10 = p.gammaOverLambdaMinus(), r10 = rhs10(d, lmin, lmax, e);
            id10 = Math.max(id10, Math.abs(l10 / (d * lmax / Math.sqrt(lmax + e)) - 1));
            if (k > 0 && !(l10 < prev10)) dec = false;
            prev10 = l10;
            if (l10 > r10 * (1 + TOL)) viol++;
            if (l10 / r10 > worst10) {
                worst10 = l10 / r10;
                worstDesc = String.format(Locale.ROOT, "d=%d lambdaMin=%.3g lambdaMax=%.3g eps=%.3g: LHS %.4g vs printed RHS %.4g", d, lmin,
                        lmax, e, l10, r10);
            }
            PreconditionerConstants t = PreconditionerConstants.p44Exact(lambda, e);
            double tf = t.firstOrderFactor();
            if (k > 0 && !(tf <= prevTightFirst * (1 + TOL))) tightDec = false;
            prevTightFirst = tf;
            double ts = t.secondOrderFactor();
            if (k == 0) tightSecondAt0 = ts;
            else if (ts < tightSecondAt0 * (1 - TOL)) tightMinAtZero = false;
        }
        return new Eval(d, lmin, lmax, eq, inc, epsFree, id10, dec, viol, eps.length, worst10, worstDesc, tightDec, tightMinAtZero);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        int n = ctx.budget().scaled(400, 100);
        List<Eval> evals = ctx.parallel().map(n, i -> {
            UniformRandomProvider rng = ctx.rng("spectrum", i);
            int d = new int[] {1, 2, 5, 10, 50}[rng.nextInt(5)];
            double lmax = Math.pow(10, -3 + 6 * rng.nextDouble());
            double kappa = d == 1 ? 1 : Math.pow(10, 8 * rng.nextDouble());
            Spd s = ExactLinalg.spd(d, lmax, kappa, SpectrumKind.LOG_UNIFORM, rng);
            return evaluate(d, s.lambda());
        });
        // the catalog's example
        Eval example = evaluate(2, new double[] {1e-6, 1});
        PreconditionerConstants ex = printed.of(1e-6, 1, 2, 1);
        double exL = ex.gammaOverLambdaMinus() / 2, exR = rhs10(2, 1e-6, 1, 1) / 2;

        List<String> failures = new ArrayList<>();
        double[] eq11 = new double[evals.size()];
        int viol10 = 0, cases10 = 0, tightDecCount = 0, tightMinCount = 0;
        Eval worst = null, worst10 = null;
        for (int i = 0; i < evals.size(); i++) {
            Eval e = evals.get(i);
            eq11[i] = e.eq11() / TOL;
            if (e.score() > 1) failures.add(describe(e));
            if (worst == null || e.score() > worst.score()) worst = e;
            if (worst10 == null || e.worst10Ratio() > worst10.worst10Ratio()) worst10 = e;
            viol10 += e.violations10();
            cases10 += e.cases10();
            if (e.tightFirstDecreasing()) tightDecCount++;
            if (e.tightSecondMinAtZero()) tightMinCount++;
        }
        if (example.score() > 1) failures.add("example " + describe(example));
        boolean inconsistent = viol10 > 0 && exL > exR;
        Verdict v = !failures.isEmpty() ? Verdict.VIOLATED : inconsistent ? Verdict.KNOWN_INCONSISTENCY : Verdict.HOLDS;
        Map<String, Object> exMap = new LinkedHashMap<>();
        exMap.put("lambdaMin", 1e-6);
        exMap.put("lambdaMax", 1.0);
        exMap.put("eps", 1.0);
        exMap.put("lhsOverD", exL);
        exMap.put("rhsOverD", exR);
        ClaimResult.Builder b = ClaimResult.builder(v).trials(evals.size()).falseFailureRate(0)
                .tightness(Tightness.of(eq11, worst == null ? "" : describe(worst))).series("ratios", eq11)
                .detail("tolerance", TOL).detail("spectra", evals.size()).detail("epsPerSpectrum", 13)
                .detail("eq10Example", exMap).detail("eq10Violations", viol10).detail("eq10Cases", cases10)
                .detail("eq10WorstRatio", worst10 == null ? Double.NaN : worst10.worst10Ratio())
                .detail("eq10Worst", worst10 == null ? "" : worst10.worst10())
                .detail("tightFirstOrderFactorDecreasingInEps", tightDecCount)
                .detail("tightSecondOrderFactorMinimisedAtEpsZero", tightMinCount);
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "(11): with Prop. 4.4's constants Lambda1^4 Lambda2^4 Gamma^4/(lambda-^10 nu^4) = d^4 kappa^4 (lambda_max + eps) holds with "
                            + "equality (max relative gap %.2g) on %d spectra x 13 eps, strictly increasing in eps (minimiser eps = 0). (10) does NOT "
                            + "follow from Prop. 4.4: Gamma/lambda_min(A) = d lambda_max (lambda_max + eps)^(-1/2) exceeds the printed right side in "
                            + "%d of %d cases; example lambda_min = 1e-6, lambda_max = 1, eps = 1: LHS = %.4f d vs RHS = %.3g d (worst ratio %.3g at %s). "
                            + "Gamma/lambda-^2 = d lambda_max is eps-free (gap %.2g), so Theorem 4.2's T does not depend on eps with the printed "
                            + "constants; Gamma/lambda_min(A) decreases in eps (the paper's qualitative direction). [DER] With the tightest Gamma* the "
                            + "first-order factor decreases in eps on %d/%d spectra; the tight second-order factor is minimised at eps = 0 on %d/%d.",
                    max(evals, 0), evals.size(), viol10, cases10, exL, exR, worst10.worst10Ratio(), worst10.worst10(), max(evals, 1),
                    tightDecCount, evals.size(), tightMinCount, evals.size()));
        } else {
            b.evidence(failures.size() + " failure(s); first: " + failures.get(0));
            b.detail("failures", failures.subList(0, Math.min(20, failures.size())));
        }
        return b.build();
    }

    private static double max(List<Eval> evals, int which) {
        double m = 0;
        for (Eval e : evals) m = Math.max(m, which == 0 ? e.eq11() : e.firstOrderEpsFree());
        return m;
    }

    static String describe(Eval e) {
        return String.format(Locale.ROOT,
                "d=%d lambdaMin=%.4g lambdaMax=%.4g: (11) max relative gap %.3g (tolerance %.0g), increasing in eps %s; Gamma/lambda-^2 vs "
                        + "d lambdaMax gap %.3g; (10) LHS identity gap %.3g, decreasing in eps %s",
                e.d(), e.lmin(), e.lmax(), e.eq11(), TOL, e.increasing11(), e.firstOrderEpsFree(), e.lhs10Identity(), e.decreasing10());
    }
}
