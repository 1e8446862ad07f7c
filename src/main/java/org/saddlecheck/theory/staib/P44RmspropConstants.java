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
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.util.Require;

/**
 * STAIB-P4.4 (Staib et al. Prop. 4.4; CLAIMS.md STAIB-P4.4): A = (G + εI)^{−1/2} is a (Λ1, Λ2, Γ, ν, λ−)-preconditioner
 * with Λ1 = Λ2 = (λ_min + ε)^{−1/2}, Γ = dλ_max/(ε + λ_max), ν = λ_min/(λ_min + ε), λ− = (λ_max + ε)^{−1/2}.
 *
 * <p>EXACT: on the catalog grid (κ ∈ {1, 10, 1e3, 1e6} × ε ∈ {0, 1e-8, 1e-3, 1, 1e2} × d ∈ {1, 2, 5, 50} ×
 * λ_max ∈ {1e-2, 1, 1e2}) and on random instances of every spectrum kind with a targeted climb, the printed constants are
 * compared with the tightest ones computed from A and G ({@link PreconditionerConstants#tightest}); each Definition 4.2
 * inequality must hold within the relative tolerance 64·d·u·κ(G), and the tightest constants must equal the [DER] closed
 * forms ({@link PreconditionerConstants#p44Exact}). Tightness per constant: Λ1* / Λ1, Λ2* / Λ2, Γ* / Γ, ν / ν*, λ− / λ−*
 * (all 1 except Γ* / Γ ∈ (0, 1]). MC: Condition 3 by Gaussian g with second moment G on 4 instances, two exact tests
 * each (E‖Ag‖² ≤ printed Γ one-sided; E‖Ag‖² = Γ* two-sided).
 *
 * <p>The preconditioner map and the printed-constant formula are injectable (unit tests plant a broken one).
 */
public final class P44RmspropConstants implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-P4.4");
    /** Monte Carlo instances: (d, κ, λ_max, ε). */
    static final ConstantsInstance[] MC_INSTANCES = {
        new ConstantsInstance(1, SpectrumKind.FLAT, 1, 1, 1),
        new ConstantsInstance(5, SpectrumKind.LOG_UNIFORM, 1, 1e3, 1e-3),
        new ConstantsInstance(50, SpectrumKind.LOG_UNIFORM, 1, 1e6, 0),
        new ConstantsInstance(2, SpectrumKind.LOG_UNIFORM, 1e2, 10, 1e2),
    };
    /** Relative excess of E‖Ag‖² over Γ that the MC test detects with power 0.9. */
    static final double MC_EFFECT = 0.05;

    /** The printed constants as a function of (λ_min, λ_max, d, ε). */
    @FunctionalInterface
    public interface Printed {
        PreconditionerConstants of(double lambdaMin, double lambdaMax, int d, double eps);
    }

    private final PreconditionerMap map;
    private final Printed printed;

    public P44RmspropConstants() {
        this(PreconditionerMap.FULL_INSIDE, PreconditionerConstants::p44);
    }

    /** With an injected preconditioner map A(G, ε) and printed-constant formula (tests plant broken ones). */
    public P44RmspropConstants(PreconditionerMap map, Printed printed) {
        this.map = Require.notNull("map", map);
        this.printed = Require.notNull("printed", printed);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 2 * MC_INSTANCES.length;
    }

    /** Evaluation of one instance: validity ratios (5), DER mismatch, tolerance. */
    record Eval(ConstantsInstance inst, double[] ratios, double derMismatch, double tol, PreconditionerConstants tight,
                PreconditionerConstants printedConstants) {
        /** max ratio/(1 + tol), and derMismatch/tol: > 1 is a violation. */
        double score() {
            double s = 0;
            for (double r : ratios) s = Math.max(s, r / (1 + tol));
            return Math.max(s, derMismatch / tol);
        }
    }

    Eval evaluate(ConstantsInstance p, Spd s) {
        int d = p.d();
        double[] lam = s.lambda();
        double[] a = map.matrix(s.g(), d, p.eps());
        PreconditionerConstants tight = PreconditionerConstants.tightest(a, s.g(), d);
        PreconditionerConstants pr = printed.of(lam[0], lam[d - 1], d, p.eps());
        PreconditionerConstants der = PreconditionerConstants.p44Exact(lam, p.eps());
        double[] t = tight.toArray(), e = der.toArray();
        double mis = 0;
        for (int k = 0; k < 5; k++) mis = Math.max(mis, Math.abs(t[k] / e[k] - 1));
        return new Eval(p, pr.validityRatios(tight), mis, p.tolerance(), tight, pr);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        List<ConstantsInstance> grid = ConstantsInstance.grid();
        List<Eval> evals = ctx.parallel().map(grid.size(), i -> evaluate(grid.get(i), grid.get(i).draw(ctx.rng("grid", i))));
        List<String> failures = new ArrayList<>();
        List<double[]> perConstant = new ArrayList<>();
        for (int k = 0; k < 5; k++) perConstant.add(new double[0]);
        List<Map<String, Object>> table = new ArrayList<>();
        double[][] cols = new double[5][evals.size()];
        double worstScore = -1;
        Eval worst = null;
        for (int i = 0; i < evals.size(); i++) {
            Eval ev = evals.get(i);
            for (int k = 0; k < 5; k++) cols[k][i] = ev.ratios()[k];
            if (ev.score() > worstScore) {
                worstScore = ev.score();
                worst = ev;
            }
            if (ev.score() > 1) failures.add("grid " + describe(ev));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("d", ev.inst().d());
            row.put("kappa", ev.inst().kappa());
            row.put("lambdaMax", ev.inst().lambdaMax());
            row.put("eps", ev.inst().eps());
            for (int k = 0; k < 5; k++) row.put(PreconditionerConstants.NAMES[k] + "Ratio", ev.ratios()[k]);
            row.put("derMismatch", ev.derMismatch());
            row.put("tolerance", ev.tol());
            table.add(row);
        }

        int cases = ctx.budget().scaled(200, 40);
        ForallResult<ConstantsInstance> fr = Forall.over(INFO.id(), ConstantsInstance.SPACE).seed(ctx.seed("forall", 0)).cases(cases)
                .parallel(ctx.parallel()).target(3, ctx.budget().scaled(30, 8))
                .check((p, rng) -> evaluate(p, p.draw(rng)).score());
        if (!fr.passed()) failures.add(fr.failureMessage());
        // per-constant ratios of the random cases (re-evaluated: Forall keeps scores only)
        List<Eval> randomEvals = new ArrayList<>(ctx.parallel().map(cases, i -> {
            var c = fr.cases().get(i);
            try {
                return evaluate(c.params(), c.params().draw(org.saddlecheck.rng.Seeds.rng(c.seed())));
            } catch (RuntimeException e) {
                return null; // already a Forall failure
            }
        }));
        randomEvals.removeIf(java.util.Objects::isNull);
        double[][] all = new double[5][evals.size() + randomEvals.size()];
        for (int k = 0; k < 5; k++) {
            System.arraycopy(cols[k], 0, all[k], 0, evals.size());
            for (int i = 0; i < randomEvals.size(); i++) all[k][evals.size() + i] = randomEvals.get(i).ratios()[k];
        }

        // Monte Carlo of Condition 3
        double alpha = ctx.alphaPerTest(statisticalTests());
        List<Map<String, Object>> mcRows = new ArrayList<>();
        long mcDraws = 0;
        boolean underpowered = false;
        for (int j = 0; j < MC_INSTANCES.length; j++) {
            ConstantsInstance p = MC_INSTANCES[j];
            Spd s = p.draw(ctx.rng("mc-instance", j));
            int d = p.d();
            double[] a = map.matrix(s.g(), d, p.eps());
            PreconditionerConstants tight = PreconditionerConstants.tightest(a, s.g(), d);
            PreconditionerConstants pr = printed.of(s.lambda()[0], s.lambda()[d - 1], d, p.eps());
            double[] mu = ExactLinalg.eigenvalues(ExactLinalg.sandwich(a, s.g(), d), d);
            int n = GaussianNormMc.trialsFor(mu, MC_EFFECT, alpha, 0.9);
            underpowered |= n >= GaussianNormMc.MAX_TRIALS;
            GaussianNormMc.Result r = GaussianNormMc.run(a, s.g(), d, n, ctx, "mc-" + j);
            mcDraws += n;
            boolean exceeds = r.exceeds(pr.gamma(), alpha);
            boolean differs = r.differs(tight.gamma(), alpha);
            if (exceeds) failures.add("MC " + p + ": E||Ag||^2 exceeds printed Gamma = " + pr.gamma() + ": " + r.describe(alpha));
            if (differs) failures.add("MC " + p + ": E||Ag||^2 differs from Gamma* = tr(AGA) = " + tight.gamma() + ": " + r.describe(alpha));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("instance", p.toString());
            row.put("n", n);
            row.put("mean", r.mean());
            row.put("gammaStar", tight.gamma());
            row.put("gammaPrinted", pr.gamma());
            row.put("ciLow", r.mean() - r.upperDev(alpha / 2));
            row.put("ciHigh", r.mean() + r.lowerDev(alpha / 2));
            row.put("meanOverPrintedGamma", r.mean() / pr.gamma());
            row.put("exceedsPrinted", exceeds);
            row.put("differsFromGammaStar", differs);
            mcRows.add(row);
        }

        Map<String, Object> perConst = new LinkedHashMap<>();
        for (int k = 0; k < 5; k++) {
            double[] v = all[k];
            perConst.put(PreconditionerConstants.NAMES[k], Map.of("min", Arrays.stream(v).min().orElse(Double.NaN),
                    "median", Quantiles.median(v), "max", Arrays.stream(v).max().orElse(Double.NaN)));
        }
        double[] maxRatio = new double[all[0].length];
        for (int i = 0; i < maxRatio.length; i++) {
            double m = 0;
            for (int k = 0; k < 5; k++) m = Math.max(m, all[k][i]);
            maxRatio[i] = m;
        }
        String worstDesc = worst == null ? "" : describe(worst);
        if (fr.worst() != null && fr.worst().score() > worstScore) worstDesc = "random " + fr.worst().description() + " score " + fr.worst().score();
        Tightness t = Tightness.of(maxRatio, worstDesc);
        ClaimResult.Builder b = ClaimResult.builder(!failures.isEmpty() ? Verdict.VIOLATED : underpowered ? Verdict.INCONCLUSIVE : Verdict.HOLDS)
                .detail("monteCarloUnderpowered", underpowered)
                .trials(evals.size() + fr.evaluations() + mcDraws).falseFailureRate(alpha * statisticalTests()).tightness(t)
                .series("ratios", maxRatio).series("gammaRatios", all[2])
                .detail("tightnessPerConstant", perConst).detail("gridInstances", evals.size()).detail("randomCases", cases)
                .detail("forallEvaluations", fr.evaluations()).detail("targetedGain", fr.targetedGain())
                .detail("toleranceRule", "relative 64*d*u*kappa(G), u = 2^-53").detail("monteCarlo", mcRows).detail("grid", table);
        double[] gam = all[2];
        double gmin = Arrays.stream(gam).min().orElse(Double.NaN);
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "All five Definition 4.2 inequalities hold for the printed constants on %d grid instances and %d random ones "
                            + "(tolerance 64 d u kappa(G)); the tightest constants equal the derived closed forms. Tightness (tightest vs "
                            + "printed): Lambda1, Lambda2, nu, lambda- all 1 to rounding (max deviation %.2g); Gamma*/Gamma in [%.3g, %.6g] "
                            + "(1 iff eps = 0 or G ~ I). Condition 3 by Gaussian MC on %d instances (%d draws): E||Ag||^2 matches Gamma* and "
                            + "never exceeds the printed Gamma.",
                    evals.size(), fr.evaluations(), maxDeviation(all), gmin, Arrays.stream(gam).max().orElse(Double.NaN),
                    MC_INSTANCES.length, mcDraws));
        } else {
            b.evidence(failures.size() + " failure(s); first: " + failures.get(0));
            b.detail("failures", failures.subList(0, Math.min(20, failures.size())));
        }
        return b.build();
    }

    private static double maxDeviation(double[][] all) {
        double m = 0;
        for (int k : new int[] {0, 1, 3, 4})
            for (double v : all[k]) m = Math.max(m, Math.abs(v - 1));
        return m;
    }

    static String describe(Eval ev) {
        return String.format(Locale.ROOT, "%s: ratios %s (tolerance %.2g), DER mismatch %.2g; tightest %s, printed %s", ev.inst(),
                Arrays.toString(ev.ratios()), ev.tol(), ev.derMismatch(), ev.tight(), ev.printedConstants());
    }
}
