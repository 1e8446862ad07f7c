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
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.gen.Forall;
import org.saddlecheck.gen.ForallResult;
import org.saddlecheck.gen.Gradients;
import org.saddlecheck.gen.Space;
import org.saddlecheck.linalg.Mat;

/**
 * STAIB-INTRO-ADAGRAD (Staib et al. §1; CLAIMS.md STAIB-INTRO-ADAGRAD, §8.3): the EMA recursion
 * Ĝ_t = βĜ_{t−1} + (1−β)g_t g_tᵀ from Ĝ_0 = 0 equals the closed form (1−β)Σ_{i≤t} β^{t−i} g_i g_iᵀ, and its weights
 * sum to 1 − β^t, not 1. EXACT: on random (d, T, β, gradient scales), max|recursion − closed form| ≤ 1e-12·scale
 * (scale = max_i ‖g_i‖²), |Σ weights − (1 − β^T)| ≤ 1e-12, and with constant gradients Ĝ_T = (1 − β^T)ggᵀ.
 * The recursion is this claim's own loop (the estimator implementations are checked by STAIB-ALG2).
 * Tightness = worst error / tolerance, found by a targeted search.
 */
public final class IntroAdagradEma implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-INTRO-ADAGRAD");
    static final double TOL = 1e-12;

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** One instance: dimension, horizon, β and the gradient norm range [normLo, normHi]. */
    record Params(int d, int t, double beta, double normLo, double normHi) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "d=%d T=%d beta=%.6g norms in [%.3g, %.3g]", d, t, beta, normLo, normHi);
        }
    }

    static final Space<Params> SPACE = new Space<>() {
        @Override
        public Params draw(UniformRandomProvider rng) {
            int d = 1 + rng.nextInt(8);
            int t = 1 + rng.nextInt(400);
            double beta = rng.nextInt(10) == 0 ? 0.0 : 1 - Math.pow(10, -3 * rng.nextDouble());
            double lo = Math.pow(10, -3 + 3 * rng.nextDouble());
            return new Params(d, t, Math.min(beta, 0.999), lo, lo * Math.pow(10, 3 * rng.nextDouble()));
        }

        @Override
        public List<Params> shrink(Params p) {
            List<Params> out = new ArrayList<>();
            if (p.d() > 1) out.add(new Params(1, p.t(), p.beta(), p.normLo(), p.normHi()));
            if (p.t() > 1) out.add(new Params(p.d(), Math.max(1, p.t() / 2), p.beta(), p.normLo(), p.normHi()));
            if (p.normLo() != 1 || p.normHi() != 1) out.add(new Params(p.d(), p.t(), p.beta(), 1, 1));
            if (p.beta() != 0.5) out.add(new Params(p.d(), p.t(), 0.5, p.normLo(), p.normHi()));
            return out;
        }

        @Override
        public Params mutate(Params p, UniformRandomProvider rng) {
            return switch (rng.nextInt(3)) {
                case 0 -> new Params(Math.max(1, Math.min(8, p.d() + (rng.nextBoolean() ? 1 : -1))), p.t(), p.beta(), p.normLo(), p.normHi());
                case 1 -> new Params(p.d(), Math.max(1, Math.min(800, (int) Math.round(p.t() * Math.pow(2, 2 * rng.nextDouble() - 1)))),
                        p.beta(), p.normLo(), p.normHi());
                default -> new Params(p.d(), p.t(), Math.min(0.999, 1 - (1 - p.beta()) * Math.pow(10, rng.nextDouble() - 0.5)), p.normLo(), p.normHi());
            };
        }
    };

    /** max of the three error/tolerance ratios for one instance. */
    static double ratio(Params p, UniformRandomProvider rng) {
        int d = p.d();
        double[][] g = Gradients.sequence(p.t(), d, p.normLo(), p.normHi(), rng);
        double beta = p.beta();
        double[] rec = new double[d * d], closed = new double[d * d];
        double scale = 0;
        for (double[] gi : g) {
            for (int k = 0; k < d * d; k++) rec[k] *= beta;
            Mat.addOuter(rec, 1 - beta, gi);
            Mat.symmetrize(rec, d);
            double n2 = 0;
            for (double v : gi) n2 += v * v;
            scale = Math.max(scale, n2);
        }
        int t = p.t();
        double wsum = 0;
        for (int i = 1; i <= t; i++) {
            double w = (1 - beta) * Math.pow(beta, t - i);
            wsum += w;
            Mat.addOuter(closed, w, g[i - 1]);
        }
        double err = 0;
        for (int k = 0; k < d * d; k++) err = Math.max(err, Math.abs(rec[k] - closed[k]));
        double r1 = err / (TOL * scale);
        double r2 = Math.abs(wsum - (1 - Math.pow(beta, t))) / TOL;
        // constant gradients: Ĝ_T = (1 − β^T) g gᵀ
        double[] c = new double[d * d];
        for (int i = 0; i < t; i++) {
            for (int k = 0; k < d * d; k++) c[k] *= beta;
            Mat.addOuter(c, 1 - beta, g[0]);
        }
        double f = 1 - Math.pow(beta, t), n0 = 0;
        for (double v : g[0]) n0 += v * v;
        double err3 = 0;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) err3 = Math.max(err3, Math.abs(c[i * d + j] - f * g[0][i] * g[0][j]));
        double r3 = err3 / (TOL * n0);
        return Math.max(r1, Math.max(r2, r3));
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        int cases = ctx.budget().scaled(300, 60);
        ForallResult<Params> fr = Forall.over(INFO.id(), SPACE).seed(ctx.seed("forall", 0)).cases(cases)
                .parallel(ctx.parallel()).target(4, ctx.budget().scaled(40, 10)).check(IntroAdagradEma::ratio);
        // the weights do not sum to 1: report 1 − β^T at a typical instance
        double beta = 0.9;
        int t = 10;
        double sum = 0;
        for (int i = 1; i <= t; i++) sum += (1 - beta) * Math.pow(beta, t - i);
        ClaimResult.Builder b = ClaimResult.builder(fr.passed() ? Verdict.HOLDS : Verdict.VIOLATED)
                .trials(fr.evaluations()).falseFailureRate(0).tightness(fr.tightness()).series("ratios", fr.scores())
                .detail("cases", cases).detail("evaluations", fr.evaluations()).detail("tolerance", TOL)
                .detail("weightSum(beta=0.9, T=10)", sum).detail("targetedGain", fr.targetedGain());
        if (fr.passed()) {
            b.evidence(String.format(Locale.ROOT,
                    "recursion = closed form and weight sum = 1 - beta^T on %d instances (d <= 8, T <= 800, beta <= 0.999), "
                            + "worst error %.3g x 1e-12 x scale at %s; e.g. beta = 0.9, T = 10: weights sum to %.6f = 1 - 0.9^10, not 1.",
                    fr.evaluations(), fr.tightness().max(), fr.tightness().worst(), sum));
        } else {
            b.evidence(fr.failureMessage());
        }
        return b.build();
    }
}
