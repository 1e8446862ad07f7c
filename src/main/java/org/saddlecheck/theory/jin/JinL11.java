package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PgdBounds;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Stationarity;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.ClopperPearson;
import org.saddlecheck.util.Require;

/**
 * JIN-L11 (Jin et al. 2017, Lemma 11 [REC]; CLAIMS.md JIN-L11, §7.3 "very small δ", §8.15): if ‖∇f(x̃)‖ ≤ g_thres and
 * λ_min(∇²f(x̃)) ≤ −√(ρε), then x₀ = x̃ + ξ (ξ uniform in B₀(r)) followed by t_thres gradient steps decreases f by
 * f_thres with probability ≥ 1 − (dℓ/√(ρε))e^{−χ}.
 *
 * <p>Harness: the cosine family f = −Σcos((Qx)_i) (Q Haar, ℓ = ρ = 1) in d = 4 and 10 with the paper's parameters
 * (ε = 0.1, δ = 0.1, Δ_f = 2k). x̃ is an exact strict saddle with k ∈ {1..d−1} π-coordinates, or (every other trial)
 * that saddle moved by a random v with ‖v‖ ≤ 0.99·g_thres, so that ‖∇f(x̃)‖ ≤ g_thres (a "gradient offset"); each x̃
 * is checked against the lemma's hypotheses with the exact gradient and Hessian. One perturbation and T_th = ⌈t_thres⌉
 * gradient steps with η = c/ℓ follow; the episode fails iff f(x_{T_th}) − f(x̃) &gt; −f_thres. Because GD with
 * η ≤ 1/ℓ never increases f (JIN-GD, JIN-L10), an episode is stopped as a success as soon as the decrease is reached.
 *
 * <p>The failure bound is astronomically small (~1e-15 here), so frequencies cannot estimate it; the test can only
 * detect rates ≳ 3/N. c_max is unknown, so only the smallest c (0.1) is tested: all its runs are pooled and compared
 * with the largest bound among the fixtures by an exact binomial test, which rejects at the first failure
 * (P[K ≥ 1] ≤ N·δ₁₁ ≪ alpha). Per-c failure counts are reported. The sampler is injectable.
 */
public final class JinL11 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-L11");
    static final double[] CS = {1, 0.5, 0.25, 0.1};
    static final int[] DIMS = {4, 10};
    static final double EPS = 0.1, DELTA = 0.1;

    private final PerturbationSampler sampler;

    public JinL11() {
        this(PerturbationSampler.uniformBall());
    }

    public JinL11(PerturbationSampler sampler) {
        this.sampler = Require.notNull("sampler", sampler);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 1;
    }

    /** One episode: [failed (0/1), steps used, hypothesis violated (0/1)]. */
    static double[] episode(CosineFamily f, double c, boolean offset, PerturbationSampler sampler, UniformRandomProvider rng) {
        int d = f.dim();
        int k = 1 + rng.nextInt(d - 1);
        PgdParameters p = PgdParameters.fromPaper(d, 1, 1, EPS, c, DELTA, f.deltaF(k));
        Gaussian gauss = new Gaussian(rng);
        double[] xt = f.saddle(k);
        if (offset) {
            double[] v = new double[d];
            gauss.fill(v);
            Vec.scale(0.99 * p.gThres() * rng.nextDouble() / Vec.norm(v), v); // ‖∇f(x̃)‖ ≤ a‖v‖ < g_thres (sin is 1-Lipschitz)
            Vec.axpy(1, v, xt);
        }
        Stationarity.Result hyp = Stationarity.isSOSP(f, xt, p.gThres(), Math.sqrt(EPS)); // ρ = 1
        boolean hypothesisOk = hyp.firstOrder() && hyp.lambdaMin() <= -Math.sqrt(EPS);
        double fTilde = f.value(xt);
        double[] x = new double[d];
        double[] xi = new double[d];
        double[] g = new double[d];
        sampler.sample(gauss, p.r(), xi);
        for (int i = 0; i < d; i++) x[i] = xt[i] + xi[i];
        double eta = p.eta();
        long tTh = p.tTh();
        for (long t = 0; t <= tTh; t++) {
            if (f.value(x) - fTilde <= -p.fThres()) return new double[] {0, t, hypothesisOk ? 0 : 1};
            if (t == tTh) break;
            f.gradient(x, g);
            Vec.axpy(-eta, g, x);
        }
        return new double[] {1, tTh, hypothesisOk ? 0 : 1};
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(statisticalTests());
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(alpha);
        int nSmall = ctx.budget().scaled(10_000, 2500);
        int nOther = Math.max(500, nSmall / 5);
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        int kSmallest = 0, nSmallest = 0, hypothesisFailures = 0;
        double boundMax = 0;
        for (int d : DIMS) {
            CosineFamily f = CosineFamily.haar(d, 1.0, ctx.rng("basis/d=" + d, 0));
            for (double c : CS) {
                boolean smallest = c == CS[CS.length - 1];
                int n = smallest ? nSmall : nOther;
                String stream = "episode/d=" + d + "/c=" + c;
                List<double[]> res = ctx.parallel().map(n, i -> episode(f, c, i % 2 == 1, sampler, ctx.rng(stream, i)));
                int fails = 0, hyp = 0;
                double steps = 0;
                for (double[] r : res) {
                    fails += (int) r[0];
                    steps += r[1];
                    hyp += (int) r[2];
                }
                // bound for the worst k (largest Δ_f gives the largest χ, so the smallest bound; report the largest)
                double bound = PgdBounds.lemma11FailureBound(PgdParameters.fromPaper(d, 1, 1, EPS, c, DELTA, f.deltaF(1)));
                rows.add(row("d", d, "c", c, "episodes", n, "failures", fails, "failureBound", bound,
                        "upper95", ClopperPearson.upper(fails, n, 0.05), "meanStepsToDecrease", steps / n, "tested", smallest));
                total += n;
                hypothesisFailures += hyp;
                if (smallest) {
                    kSmallest += fails;
                    nSmallest += n;
                    boundMax = Math.max(boundMax, bound);
                }
            }
        }
        BinomialTest t = BinomialTest.exceedance(nSmallest, kSmallest, boundMax, alpha);
        b.trials(total).detail("episodes", rows).detail("pooledSmallestC", row("c", CS[CS.length - 1], "episodes", nSmallest,
                "failures", kSmallest, "largestBound", boundMax, "pValue", t.pValue(), "detectableRate", 3.0 / nSmallest));
        b.detail("setup", fmt("cosine family (Haar Q, l = rho = 1), paper parameters eps = %g, delta = %g, Delta_f = 2k; x_tilde = "
                + "exact saddle or saddle + offset with |grad| <= g_thres (alternate trials); sampler %s", EPS, DELTA, sampler.name()));
        String counts = rows.stream().map(m -> fmt("d=%s c=%s: %s/%s", m.get("d"), m.get("c"), m.get("failures"), m.get("episodes")))
                .reduce((x, y) -> x + ", " + y).orElse("");
        String ev = fmt("Failures to decrease f by f_thres within T_th steps after one perturbation: %s. Lemma 11 bound "
                + "(d l/sqrt(rho eps)) e^-chi <= %.3g; at c = %g, %d/%d failures (detectable rate ~3/N = %.2g).",
                counts, boundMax, CS[CS.length - 1], kSmallest, nSmallest, 3.0 / nSmallest);
        if (hypothesisFailures > 0) {
            b.verdict(Verdict.INCONCLUSIVE);
            ev = hypothesisFailures + " starting points did not satisfy the lemma's hypotheses (harness problem). " + ev;
        }
        if (t.rejected()) {
            b.verdict(Verdict.VIOLATED);
            ev = "failures persist at the smallest c: " + t.describe() + ". " + ev;
        }
        return b.evidence(ev).build();
    }
}
