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
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.optim.pgd.JacmParameters;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Stationarity;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.ClopperPearson;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * JIN-X ("JACM variant": Jin, Netrapalli, Ge, Kakade, Jordan, JACM 2021 / arXiv 1902.04811; CLAIMS.md JIN-X, §8.15).
 * <ol>
 *   <li>EXACT: {@link JacmParameters#of} reproduces eq. (6) — η = 1/ℓ, r = ε/(400ι³), 𝒯 = ℓι/√(ρε),
 *       𝓕 = √(ε³/ρ)/(50ι³), 𝒮 = √(ε/ρ)/(4ι), ω = 2^{2−ι}ℓ𝒮, Lemma 20's bound (ℓ√d/√(ρε))ι²2^{8−ι} — evaluated
 *       independently on random inputs (relative error ≤ 1e-13), and Theorem 18's T = ⌈8 max{Δ_f𝒯/𝓕, Δ_f/(ηε²)}⌉
 *       equals ⌈400ι⁴ℓΔ_f/ε²⌉ (up to one unit of rounding in the ceil).</li>
 *   <li>MC-HP, Lemma 20 at moderate ι ∈ {20, 25, 30} where the bound is non-trivial: at a point x̃ with
 *       ‖∇f(x̃)‖ ≤ ε and λ_min ≤ −√(ρε) (cosine family, d = 4, Haar; exact strict saddles and, in every other trial,
 *       the saddle moved so that 0 &lt; ‖∇f(x̃)‖ ≤ ε), x₀ = x̃ + ηξ with ξ uniform in B₀(r), ⌈𝒯⌉ gradient steps; a failure
 *       is f(x_𝒯) − f(x̃) &gt; −𝓕/2. Exact binomial test of "failure rate ≤ bound" per ι; N from the power to detect
 *       3× the bound (capped at 30000; the false-failure rate is α whatever N). GD with η = 1/ℓ never increases f, so
 *       an episode stops as a success once the decrease is reached. Tightness = 95% Clopper–Pearson upper bound of the
 *       failure rate / bound.</li>
 * </ol>
 */
public final class JinX implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-X");
    static final double[] IOTAS = {20, 25, 30};
    static final int D = 4;
    static final double EPS = 0.1;
    static final int MAX_N = 30_000;

    private final PerturbationSampler sampler;

    public JinX() {
        this(PerturbationSampler.uniformBall());
    }

    public JinX(PerturbationSampler sampler) {
        this.sampler = Require.notNull("sampler", sampler);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return IOTAS.length;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(statisticalTests());
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(statisticalTests() * alpha);
        List<String> problems = new ArrayList<>();
        parameters(ctx.rng("parameters", 0), b, problems);
        CosineFamily f = CosineFamily.haar(D, 1.0, ctx.rng("basis", 0));
        List<Map<String, Object>> rows = new ArrayList<>();
        double[] ratios = new double[IOTAS.length];
        long total = 0;
        String worst = "";
        double worstRatio = -1;
        for (int j = 0; j < IOTAS.length; j++) {
            double iota = IOTAS[j];
            JacmParameters p = JacmParameters.of(D, 1, 1, EPS, iota, f.deltaF(D - 1));
            double bound = p.lemma20FailureBound();
            int n = Math.min(MAX_N, Math.max(ctx.budget().scaled(2000, 1000),
                    bound < 1 / 3.0 ? Power.binomialTrials(bound, 3 * bound, alpha, 0.9).n() : 0));
            String stream = "lemma20/iota=" + iota;
            List<double[]> res = ctx.parallel().map(n, i -> episode(f, p, i % 2 == 1, sampler, ctx.rng(stream, i)));
            int k = 0, hyp = 0;
            double steps = 0;
            for (double[] r : res) {
                k += (int) r[0];
                steps += r[1];
                hyp += (int) r[2];
            }
            total += n;
            BinomialTest t = BinomialTest.exceedance(n, k, Math.min(bound, 1 - 1e-12), alpha);
            double up = ClopperPearson.upper(k, n, 0.05);
            ratios[j] = up / bound;
            if (ratios[j] > worstRatio) {
                worstRatio = ratios[j];
                worst = fmt("iota=%g: %d/%d failures, bound %.3g", iota, k, n, bound);
            }
            if (t.rejected()) problems.add(fmt("Lemma 20 at iota = %g: %s", iota, t.describe()));
            if (hyp > 0) problems.add(fmt("iota = %g: %d starting points violate the lemma's hypotheses (harness)", iota, hyp));
            rows.add(row("iota", iota, "episodes", n, "failures", k, "bound", bound, "pValue", t.pValue(), "upper95", up,
                    "upper95OverBound", ratios[j], "calT", p.calT(), "calF", p.calF(), "r", p.r(), "meanSteps", steps / n));
        }
        b.trials(total).tightness(Tightness.of(ratios, worst)).series("ratios", ratios).detail("lemma20", rows)
                .detail("label", "JACM variant (arXiv 1902.04811), not the ICML paper")
                .detail("setup", fmt("cosine family d = %d (Haar, l = rho = 1), eps = %g, Delta_f = 2(d-1); x0 = x_tilde + eta xi, "
                        + "xi uniform in B(r); failure: f(x_T) - f(x_tilde) > -F/2 after ceil(calT) steps; sampler %s", D, EPS, sampler.name()));
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> m : rows) {
            s.append(fmt("iota=%s: %s/%s (bound %.3g); ", m.get("iota"), m.get("failures"), m.get("episodes"), (Double) m.get("bound")));
        }
        String ev = fmt("JACM variant. Eq. (6) parameters and Theorem 18's T = ceil(400 iota^4 l Delta_f/eps^2) reproduced exactly. "
                + "Lemma 20 failures: %sworst 95%% upper bound / bound = %.3g.", s, worstRatio);
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems) + ". " + ev;
        }
        return b.evidence(ev).build();
    }

    /** One Lemma 20 episode: [failed (0/1), steps, hypothesis violated (0/1)]. */
    static double[] episode(CosineFamily f, JacmParameters p, boolean offset, PerturbationSampler sampler, UniformRandomProvider rng) {
        int d = f.dim();
        int k = 1 + rng.nextInt(d - 1);
        Gaussian gauss = new Gaussian(rng);
        double[] xt = f.saddle(k);
        if (offset) {
            double[] v = new double[d];
            gauss.fill(v);
            Vec.scale(0.99 * p.eps() * rng.nextDouble() / Vec.norm(v), v); // ‖∇f(x̃)‖ ≤ ‖v‖ < ε (a = 1)
            Vec.axpy(1, v, xt);
        }
        Stationarity.Result h = Stationarity.isSOSP(f, xt, p.eps(), Math.sqrt(p.rho() * p.eps()));
        boolean hypOk = h.firstOrder() && h.lambdaMin() <= -Math.sqrt(p.rho() * p.eps());
        double fTilde = f.value(xt);
        double[] xi = new double[d], x = new double[d], g = new double[d];
        sampler.sample(gauss, p.r(), xi);
        for (int i = 0; i < d; i++) x[i] = xt[i] + p.eta() * xi[i];
        double half = p.calF() / 2;
        long horizon = p.calTCeil();
        for (long t = 0; t <= horizon; t++) {
            if (f.value(x) - fTilde <= -half) return new double[] {0, t, hypOk ? 0 : 1};
            if (t == horizon) break;
            f.gradient(x, g);
            Vec.axpy(-p.eta(), g, x);
        }
        return new double[] {1, horizon, hypOk ? 0 : 1};
    }

    static void parameters(UniformRandomProvider rng, ClaimResult.Builder b, List<String> problems) {
        double worst = 0, worstT = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            int d = 1 + rng.nextInt(100_000);
            double ell = Math.pow(10, -1 + 3 * rng.nextDouble()), iota = 1 + 60 * rng.nextDouble();
            double eps = Math.pow(10, -4 + 3 * rng.nextDouble()), dF = Math.pow(10, -2 + 4 * rng.nextDouble());
            double rho = Math.pow(10, -2 + 3 * rng.nextDouble());
            double calT = ell * iota / Math.sqrt(rho * eps);
            if (calT > 1e12) continue;
            JacmParameters p = JacmParameters.of(d, ell, rho, eps, iota, dF);
            double i3 = iota * iota * iota;
            double calS = Math.sqrt(eps / rho) / (4 * iota);
            double[] want = {1 / ell, eps / (400 * i3), calT, Math.sqrt(eps * eps * eps / rho) / (50 * i3), calS,
                Math.pow(2, 2 - iota) * ell * calS, ell * Math.sqrt(d) / Math.sqrt(rho * eps) * iota * iota * Math.pow(2, 8 - iota)};
            double[] got = {p.eta(), p.r(), p.calT(), p.calF(), p.calS(), p.omega(), p.lemma20FailureBound()};
            for (int k = 0; k < want.length; k++) worst = Math.max(worst, Math.abs(got[k] - want[k]) / Math.abs(want[k]));
            double closed = Math.ceil(400 * i3 * iota * ell * dF / (eps * eps));
            worstT = Math.max(worstT, Math.abs(p.totalIterations() - closed) / Math.max(1, 1e-15 * closed));
            if (p.calTCeil() != (long) Math.ceil(p.calT())) problems.add("calTCeil != ceil(calT) for " + p.describe());
        }
        if (worst > 1e-13) problems.add(fmt("JacmParameters differ from eq. (6) by %.3g relative (> 1e-13)", worst));
        if (worstT > 1) problems.add(fmt("Theorem 18's T differs from ceil(400 iota^4 l Delta_f/eps^2) by %.3g units", worstT));
        b.detail("parameterCheck", row("randomInputs", n, "worstRelativeError", worst, "tolerance", 1e-13,
                "worstTDifferenceInUnits", worstT));
    }
}
