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
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.gen.Forall;
import org.saddlecheck.gen.ForallResult;
import org.saddlecheck.gen.Space;
import org.saddlecheck.optim.StepSchedule;

/**
 * STAIB-S5.4 (Staib et al. §5.4; CLAIMS.md STAIB-S5.4, §8.14): β = 1 − Cη^{2/3}. EXACT checks of
 * {@link BetaSchedule#fromEta}: η = 0.001, C = 1 gives β = 0.99 to 1e-15 ("the common initial choice of η = 0.001
 * and β = 0.99 corresponds to C = 1"); the reference values η = 1e-2 → β = 1 − 0.0464C and η = 1e-4 →
 * β = 1 − 0.00215C within their printed rounding (half a unit of the last digit); 1 − β = C·(∛η)² to 1e-14 on
 * random (η, C); and clamping to β = 0 where Cη^{2/3} ≥ 1. Tightness = |error| / tolerance over all checks.
 */
public final class S54BetaSchedule implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-S5.4");
    static final double EXACT_TOL = 1e-15;
    static final double FORMULA_TOL = 1e-14;

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** Parameters of one random check. */
    record EtaC(double eta, double c) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "eta=%.6g C=%.6g", eta, c);
        }
    }

    static final Space<EtaC> SPACE = new Space<>() {
        @Override
        public EtaC draw(UniformRandomProvider rng) {
            return new EtaC(Math.pow(10, -6 + 5 * rng.nextDouble()), Math.pow(10, -1 + 2 * rng.nextDouble()));
        }

        @Override
        public List<EtaC> shrink(EtaC p) {
            List<EtaC> out = new ArrayList<>();
            if (p.eta() != 1e-3 || p.c() != 1) out.add(new EtaC(1e-3, 1));
            if (p.c() != 1) out.add(new EtaC(p.eta(), 1));
            return out;
        }

        @Override
        public EtaC mutate(EtaC p, UniformRandomProvider rng) {
            double f = Math.pow(10, rng.nextDouble() - 0.5);
            return rng.nextBoolean() ? new EtaC(Math.min(0.1, p.eta() * f), p.c()) : new EtaC(p.eta(), Math.min(10, p.c() * f));
        }
    };

    /** |(1 − β) − C(∛η)²| / 1e-14, or +∞ when β is wrongly clamped or out of [0, 1). */
    static double formulaRatio(EtaC p) {
        double beta = BetaSchedule.fromEta(p.eta(), p.c());
        double cb = Math.cbrt(p.eta());
        double want = p.c() * cb * cb;
        if (want >= 1) return beta == 0 ? 0 : Double.POSITIVE_INFINITY;
        if (!(beta >= 0 && beta < 1)) return Double.POSITIVE_INFINITY;
        return Math.abs((1 - beta) - want) / FORMULA_TOL;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS);
        List<Double> ratios = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        double worst = Double.NEGATIVE_INFINITY;
        String worstWhat = "";

        // 1. the paper's example
        double b0 = BetaSchedule.fromEta(1e-3, 1);
        double r0 = Math.abs(b0 - 0.99) / EXACT_TOL;
        ratios.add(r0);
        worst = r0;
        worstWhat = "beta(0.001, 1) vs 0.99 (tolerance 1e-15)";
        b.detail("beta(eta=1e-3, C=1)", b0);
        if (r0 > 1) failures.add(String.format(Locale.ROOT, "beta(0.001, 1) = %.17g, not 0.99 within 1e-15", b0));

        // 2. reference values within their printed rounding
        double[][] refs = {{1e-2, 0.0464, 0.00005}, {1e-4, 0.00215, 0.000005}};
        for (double[] ref : refs) {
            for (double c : new double[] {0.5, 1, 2, 10}) {
                double beta = BetaSchedule.fromEta(ref[0], c);
                double err = Math.abs((1 - beta) - ref[1] * c);
                double r = err / (ref[2] * c);
                ratios.add(r);
                if (r > worst) {
                    worst = r;
                    worstWhat = String.format(Locale.ROOT, "eta=%s C=%s: 1-beta = %.6g vs printed %s C (rounding %s C)", ref[0], c,
                            1 - beta, ref[1], ref[2]);
                }
                if (r > 1) {
                    failures.add(String.format(Locale.ROOT, "eta=%g C=%g: 1-beta = %.6g vs printed %.6g C (tolerance %.1g C)",
                            ref[0], c, 1 - beta, ref[1], ref[2]));
                }
            }
            b.detail("1-beta(eta=" + ref[0] + ", C=1)", 1 - BetaSchedule.fromEta(ref[0], 1));
        }

        // 3. clamping (CLAIMS.md §8.14): C·eta^(2/3) >= 1 gives beta = 0 and fromSteps reports it
        double clampedBeta = BetaSchedule.fromEta(0.1, 5);
        boolean flagged = BetaSchedule.fromSteps(StepSchedule.constant(0.1), 5).clamped(1);
        ratios.add(clampedBeta == 0 && flagged ? 0.0 : Double.POSITIVE_INFINITY);
        if (clampedBeta != 0 || !flagged) failures.add("eta=0.1, C=5 (C eta^(2/3) = 1.08): beta = " + clampedBeta + ", clamped flag " + flagged);

        // 4. random (eta, C): 1 - beta = C cbrt(eta)^2, with a targeted climb toward the largest error
        int cases = ctx.budget().scaled(200, 50);
        ForallResult<EtaC> fr = Forall.over(INFO.id() + "/formula", SPACE).seed(ctx.seed("forall", 0)).cases(cases)
                .parallel(ctx.parallel()).target(2, ctx.budget().scaled(20, 5)).check((p, rng) -> formulaRatio(p));
        if (!fr.passed()) failures.add(fr.failureMessage());
        for (double s : fr.scores()) ratios.add(s);
        if (fr.worst() != null) {
            ratios.add(fr.worst().score());
            if (fr.worst().score() > worst) {
                worst = fr.worst().score();
                worstWhat = "random (eta, C) " + fr.worst().description() + " vs C cbrt(eta)^2 (tolerance 1e-14)";
            }
        }

        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        Tightness t = Tightness.of(r, worstWhat);
        b.trials(r.length).tightness(t).falseFailureRate(0).series("ratios", r).detail("formulaCases", cases)
                .detail("formulaEvaluations", fr.evaluations());
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT,
                    "beta(0.001, 1) = %.17g; 1-beta(0.01, 1) = %.6g ~ 0.0464, 1-beta(1e-4, 1) = %.6g ~ 0.00215; clamping at C eta^(2/3) >= 1; "
                            + "%d random (eta, C) agree with C cbrt(eta)^2 to %.2g. Worst error/tolerance %.3g: %s.",
                    b0, 1 - BetaSchedule.fromEta(1e-2, 1), 1 - BetaSchedule.fromEta(1e-4, 1), fr.evaluations(), FORMULA_TOL,
                    t.max(), worstWhat));
        } else {
            b.verdict(Verdict.VIOLATED).evidence(String.join("; ", failures));
        }
        return b.build();
    }
}
