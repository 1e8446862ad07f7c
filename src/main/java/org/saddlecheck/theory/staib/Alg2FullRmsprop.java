package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.fmt;
import static org.saddlecheck.theory.staib.IdentityHarness.identity;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.gen.Gradients;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-ALG2 (Staib et al. Alg. 2; CLAIMS.md STAIB-ALG2, I8): Ĝ_t = βĜ_{t−1} + (1−β)g_tg_tᵀ (Ĝ_{−1} = 0, no bias
 * correction), A_t = (Ĝ_t + εI)^{−1/2}, x_{t+1} = x_t − ηA_tg_t. EXACT implementation identities on random seeded
 * problems: (1) {@link Algorithms#fullMatrixRmsprop} equals the printed pseudo-code by hand, A_t built AFTER g_t enters
 * Ĝ_t (relative 1e-10 over 100 steps); (2) the estimate-before-sample variant uses A_t = (Ĝ_{t−1} + εI)^{−1/2}
 * (relative 1e-10); (3) the EMA estimator itself ({@link EmaEstimator#full}) equals the closed form
 * (1−β)Σ_{i≤t}β^{t−i}g_ig_iᵀ with weight sum 1 − β^t (1e-12 relative to max‖g_i‖²).
 */
public final class Alg2FullRmsprop extends IdentityClaim {
    public Alg2FullRmsprop() {
        super("STAIB-ALG2",
                "Full-matrix RMSProp (Alg. 2): EMA of g g^T from 0 without bias correction, A_t = (G_t + eps I)^(-1/2) after g_t (as printed) "
                        + "or from G_(t-1) (estimate-first).");
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("Alg. 2 as printed (A_t after g_t) = pseudo-code", rng -> run(rng, false)),
                identity("Alg. 2 estimate-before-sample (A_t from G_(t-1))", rng -> run(rng, true)),
                identity("EMA estimator = closed form, weights sum to 1 - beta^t", rng -> {
                    int d = 1 + rng.nextInt(6), t = 1 + rng.nextInt(300);
                    double beta = 0.5 + 0.499 * rng.nextDouble();
                    double[][] g = Gradients.sequence(t, d, 1e-2, 1e2, rng);
                    EmaEstimator e = EmaEstimator.full(d, beta);
                    double[] closed = new double[d * d];
                    double scale = 0, wsum = 0;
                    for (int i = 1; i <= t; i++) {
                        e.observe(null, g[i - 1]);
                        double w = (1 - beta) * Math.pow(beta, t - i);
                        wsum += w;
                        Mat.addOuter(closed, w, g[i - 1]);
                        double n2 = 0;
                        for (double v : g[i - 1]) n2 += v * v;
                        scale = Math.max(scale, n2);
                    }
                    double[] est = new double[d * d];
                    e.estimate(null, est);
                    double r1 = ExactLinalg.maxAbsDiff(est, closed) / (1e-12 * scale);
                    double r2 = Math.max(Math.abs(e.weightSum() - (1 - Math.pow(beta, t))), Math.abs(wsum - (1 - Math.pow(beta, t)))) / 1e-12;
                    return new IdentityHarness.Outcome(Math.max(r1, r2), fmt("d=%d T=%d beta=%.4f weightSum=%.6f", d, t, beta, e.weightSum()));
                }));
    }

    static IdentityHarness.Outcome run(UniformRandomProvider rng, boolean before) {
        AdditiveNoiseProblem p = IdentityHarness.problem(rng);
        int d = p.dim();
        double eta = 0.005 + 0.02 * rng.nextDouble(), beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -3 + 2 * rng.nextDouble());
        PreconditionedSgd opt = before ? Algorithms.fullMatrixRmspropEstimateFirst(p, StepSchedule.constant(eta), beta, eps)
                : Algorithms.fullMatrixRmsprop(p, StepSchedule.constant(eta), beta, eps);
        double[] x = IdentityHarness.start(d, rng), y = x.clone();
        long seed = rng.nextLong();
        UniformRandomProvider rx = Seeds.rng(seed);
        for (int t = 0; t < STEPS; t++) opt.step(x, rx);
        ReferenceMethods.ema(p, new ReferenceMethods.Ema(eta, beta, eps, EpsPlacement.INSIDE, false, false, before, 0, 0, 0, 0), y,
                Seeds.rng(seed), STEPS);
        return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL), fmt("%s eta=%.4g beta=%.4g eps=%.3g", p.name(), eta, beta, eps));
    }
}
