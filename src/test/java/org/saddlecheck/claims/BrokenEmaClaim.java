package org.saddlecheck.claims;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.gen.Forall;
import org.saddlecheck.gen.ForallResult;
import org.saddlecheck.gen.Gradients;
import org.saddlecheck.gen.Space;

/**
 * A deliberately broken implementation of STAIB-INTRO-ADAGRAD's check: its "recursion" normalises the EMA
 * (divides by 1 − β^t, i.e. bias correction), so it disagrees with the closed form (1−β)Σβ^{t−i}g_ig_iᵀ. The
 * engine must report it VIOLATED with the reproducing seed.
 */
final class BrokenEmaClaim implements Claim {
    record P(int d, int t, double beta) {}

    static final Space<P> SPACE = new Space<>() {
        @Override
        public P draw(UniformRandomProvider rng) {
            return new P(1 + rng.nextInt(5), 1 + rng.nextInt(50), 0.5 + 0.49 * rng.nextDouble());
        }

        @Override
        public List<P> shrink(P p) {
            return p.d() > 1 ? List.of(new P(1, p.t(), p.beta())) : List.of();
        }
    };

    @Override
    public ClaimInfo info() {
        return TestClaims.info("TEST-BROKEN-EMA", ClaimKind.EXACT);
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    static double ratio(P p, UniformRandomProvider rng) {
        int d = p.d();
        double[][] g = Gradients.sequence(p.t(), d, 0.1, 10, rng);
        double[] rec = new double[d * d], closed = new double[d * d];
        for (int i = 0; i < p.t(); i++) {
            for (int k = 0; k < d * d; k++) rec[k] = p.beta() * rec[k];
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) rec[a * d + b] += (1 - p.beta()) * g[i][a] * g[i][b];
        }
        double norm = 1 - Math.pow(p.beta(), p.t()); // BUG: bias correction
        for (int k = 0; k < d * d; k++) rec[k] /= norm;
        double scale = 0;
        for (int i = 0; i < p.t(); i++) {
            double w = (1 - p.beta()) * Math.pow(p.beta(), p.t() - 1 - i);
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) closed[a * d + b] += w * g[i][a] * g[i][b];
            for (double v : g[i]) scale = Math.max(scale, v * v);
        }
        double err = 0;
        for (int k = 0; k < d * d; k++) err = Math.max(err, Math.abs(rec[k] - closed[k]));
        return err / (1e-12 * scale);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        ForallResult<P> r = Forall.over("TEST-BROKEN-EMA", SPACE).seed(ctx.seed("forall", 0)).cases(20)
                .parallel(ctx.parallel()).check(BrokenEmaClaim::ratio);
        return ClaimResult.builder(r.passed() ? Verdict.HOLDS : Verdict.VIOLATED).trials(r.evaluations())
                .tightness(r.tightness()).evidence(r.failureMessage()).build();
    }
}
