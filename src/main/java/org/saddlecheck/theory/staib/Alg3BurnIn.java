package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.fmt;
import static org.saddlecheck.theory.staib.IdentityHarness.identity;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.BurnIn;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-ALG3 (Staib et al. Alg. 3 + BurnIn [RECON]; CLAIMS.md STAIB-ALG3, I1, I9): W burn-in EMA updates from samples at
 * x_0 before the first step; the burn-in result is Ĝ_{−1}. EXACT implementation identities on random seeded problems:
 * (1) the first W oracle calls are at x_0 exactly, the total is W + T, and the estimator state after burn-in plus one step
 * equals β·EMA_W + (1−β)g_0g_0ᵀ with EMA_W the EMA of the W recorded samples (relative 1e-12); (2) the whole trajectory
 * equals the pseudo-code by hand (relative 1e-10 over 100 steps, ε &gt; 0); (3) ε = 0 reproduces the printed Ĝ_t^{−1/2}
 * (I1; relative 1e-10); (4) W = ⌈η^{−2/3}⌉ (BurnIn.length: 100 at η = 1e-3).
 */
public final class Alg3BurnIn extends IdentityClaim {
    public Alg3BurnIn() {
        super("STAIB-ALG3",
                "RMSProp with burn-in (Alg. 3): W EMA updates at x0 form G_(-1), then Alg. 2 runs; eps = 0 is the printed G_t^(-1/2).");
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("burn-in: W samples at x0, then Alg. 2 starts from their EMA", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim(), w = 1 + rng.nextInt(200);
                    double eta = 0.01, beta = 0.5 + 0.49 * rng.nextDouble(), eps = 1e-3;
                    RecordingOracle rec = new RecordingOracle(p);
                    PreconditionedSgd opt = Algorithms.rmspropWithBurnIn(rec, StepSchedule.constant(eta), beta, eps, w);
                    double[] x0 = IdentityHarness.start(d, rng), x = x0.clone();
                    opt.step(x, Seeds.rng(rng.nextLong()));
                    if (rec.calls() != w + 1 || opt.oracleCalls() != w + 1) {
                        return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, fmt("W=%d: %d oracle calls after one step, expected W + 1", w, rec.calls()));
                    }
                    for (int s = 0; s <= w; s++) {
                        if (!Arrays.equals(rec.points.get(s), x0)) {
                            return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, fmt("W=%d: call %d not at x0", w, s));
                        }
                    }
                    double[] ema = new double[d * d];
                    double scale = 0;
                    for (int s = 0; s <= w; s++) {
                        for (int k = 0; k < d * d; k++) ema[k] *= beta;
                        Mat.addOuter(ema, 1 - beta, rec.samples.get(s));
                        for (double v : rec.samples.get(s)) scale = Math.max(scale, v * v);
                    }
                    double[] est = new double[d * d];
                    opt.estimator().estimate(x, est);
                    double r = ExactLinalg.maxAbsDiff(est, ema) / (1e-12 * d * scale);
                    return new IdentityHarness.Outcome(r, fmt("%s W=%d beta=%.4f", p.name(), w, beta));
                }),
                identity("Alg. 3 trajectory (eps > 0) = pseudo-code", rng -> run(rng, Math.pow(10, -3 + 2 * rng.nextDouble()))),
                identity("Alg. 3 with eps = 0 = printed G_t^(-1/2)", rng -> run(rng, 0)),
                identity("W = ceil(eta^(-2/3))", rng -> {
                    double eta = Math.pow(10, -6 + 5 * rng.nextDouble());
                    int w = BurnIn.length(eta);
                    double raw = Math.pow(eta, -2.0 / 3.0);
                    boolean ok = w >= raw * (1 - 1e-9) && w < raw + 1 && BurnIn.length(1e-3) == 100;
                    return new IdentityHarness.Outcome(ok ? 0 : Double.POSITIVE_INFINITY, fmt("eta=%.4g W=%d eta^(-2/3)=%.6g", eta, w, raw));
                }));
    }

    static IdentityHarness.Outcome run(UniformRandomProvider rng, double eps) {
        AdditiveNoiseProblem p = IdentityHarness.problem(rng);
        int d = p.dim(), w = d + 5 + rng.nextInt(100);
        double eta = 0.005 + 0.01 * rng.nextDouble(), beta = 0.5 + 0.45 * rng.nextDouble();
        PreconditionedSgd opt = Algorithms.rmspropWithBurnIn(p, StepSchedule.constant(eta), beta, eps, w);
        double[] x = IdentityHarness.start(d, rng), y = x.clone();
        long seed = rng.nextLong();
        UniformRandomProvider rx = Seeds.rng(seed);
        for (int t = 0; t < STEPS; t++) opt.step(x, rx);
        if (opt.oracleCalls() != w + STEPS) return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, "oracle calls " + opt.oracleCalls());
        ReferenceMethods.ema(p, new ReferenceMethods.Ema(eta, beta, eps, EpsPlacement.INSIDE, false, false, false, w, 0, 0, 0), y,
                Seeds.rng(seed), STEPS);
        return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL), fmt("%s W=%d eta=%.4g beta=%.4g eps=%.3g", p.name(), w, eta, beta, eps));
    }
}
