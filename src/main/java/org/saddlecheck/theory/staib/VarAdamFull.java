package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.fmt;
import static org.saddlecheck.theory.staib.IdentityHarness.identity;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-VAR-ADAM (Staib et al. §3; CLAIMS.md STAIB-VAR-ADAM, §8.13): full-matrix Adam with β1 = 0, A = (E[ggᵀ]^{1/2} + εI)^{−1}
 * (RMSProp "as commonly implemented", ε outside the root). EXACT implementation identities: (1) the preconditioner
 * (G^{1/2} + εI)^{−1} equals an independent route — G^{1/2} by eigendecomposition, then a Cholesky solve of
 * (G^{1/2} + εI)X = I — on random SPD G (relative 64·d·u·κ(G^{1/2} + εI)); (2) {@link Algorithms#fullMatrixAdam} equals
 * the pseudo-code by hand (EMA of ggᵀ, optionally bias-corrected, A_t after g_t; relative 1e-10 over 100 steps, ε ∈ [1e-3, 1e-1]:
 * the first estimates are rank one and rounding in their null space is amplified by 1/ε);
 * (3) Adam with β1 = 0 equals bias-corrected diagonal RMSProp with ε outside (relative 1e-14 over 100 steps);
 * (4) full-matrix Adam fed axis-aligned samples equals diagonal Adam with β1 = 0 (relative 1e-12).
 */
public final class VarAdamFull extends IdentityClaim {
    public VarAdamFull() {
        super("STAIB-VAR-ADAM",
                "Full-matrix Adam with beta1 = 0: A = (G^(1/2) + eps I)^(-1) (eps outside the root), EMA of g g^T, A_t after g_t.");
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("A = (G^(1/2) + eps I)^(-1) by an independent route", rng -> {
                    int d = 1 + rng.nextInt(8);
                    double kappa = d == 1 ? 1 : Math.pow(10, 6 * rng.nextDouble()), eps = rng.nextInt(4) == 0 ? 0 : Math.pow(10, -8 + 9 * rng.nextDouble());
                    Spd s = ExactLinalg.spd(d, Math.pow(10, 4 * rng.nextDouble() - 2), kappa, SpectrumKind.LOG_UNIFORM, rng);
                    FullInverseRoot f = new FullInverseRoot(d, eps, EpsPlacement.OUTSIDE);
                    f.update(s.g());
                    double[] a = new double[d * d];
                    f.matrix(a);
                    double[] root = ExactLinalg.sqrt(s.g(), d);
                    Mat.addDiagonal(root, eps, d);
                    double[] inv = new double[d * d];
                    for (int j = 0; j < d; j++) {
                        double[] e = new double[d];
                        e[j] = 1;
                        double[] col = ExactLinalg.solveSpd(root, d, e);
                        for (int i = 0; i < d; i++) inv[i * d + j] = col[i];
                    }
                    double k = (Math.sqrt(s.lambda()[d - 1]) + eps) / (Math.sqrt(s.lambda()[0]) + eps);
                    double tol = 64.0 * d * ExactLinalg.U * Math.max(1, k) * Math.sqrt(Math.max(1, kappa));
                    return new IdentityHarness.Outcome(ExactLinalg.relErr(a, inv) / tol, fmt("d=%d kappa(G)=%.3g eps=%.3g", d, kappa, eps));
                }),
                identity("full-matrix Adam (beta1 = 0) = pseudo-code", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    boolean bc = rng.nextBoolean();
                    // eps >= 1e-3: the first EMA estimates are rank one, and rounding in their null space is amplified by 1/eps
                    double eta = 0.002 + 0.01 * rng.nextDouble(), beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -3 + 2 * rng.nextDouble());
                    PreconditionedSgd opt = Algorithms.fullMatrixAdam(p, StepSchedule.constant(eta), beta, eps, bc);
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) opt.step(x, rx);
                    ReferenceMethods.ema(p, new ReferenceMethods.Ema(eta, beta, eps, EpsPlacement.OUTSIDE, false, bc, false, 0, 0, 0, 0), y,
                            Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL),
                            fmt("%s biasCorrected=%s eta=%.4g beta2=%.4f eps=%.3g", p.name(), bc, eta, beta, eps));
                }),
                identity("Adam with beta1 = 0 = bias-corrected RMSProp with eps outside", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = 0.002 + 0.01 * rng.nextDouble(), beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -8 + 6 * rng.nextDouble());
                    PreconditionedSgd adam = Algorithms.adam(p, StepSchedule.constant(eta), 0.0, beta, eps);
                    PreconditionedSgd rms = Algorithms.rmspropDiagonal(p, StepSchedule.constant(eta), beta, eps, EpsPlacement.OUTSIDE, true);
                    double[] a = IdentityHarness.start(d, rng), b = a.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) {
                        adam.step(a, ra);
                        rms.step(b, rb);
                    }
                    return new IdentityHarness.Outcome(ExactLinalg.relErr(a, b) / 1e-14, fmt("%s eta=%.4g beta2=%.4f eps=%.3g", p.name(), eta, beta, eps));
                }),
                identity("full-matrix Adam with diagonal samples = diagonal Adam (beta1 = 0)", rng -> {
                    AxisAlignedOracle o = AxisAlignedOracle.random(rng);
                    int d = o.dim();
                    double eta = 0.01, beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -6 + 4 * rng.nextDouble());
                    PreconditionedSgd full = Algorithms.fullMatrixAdam(o, StepSchedule.constant(eta), beta, eps, true);
                    PreconditionedSgd diag = Algorithms.adam(o, StepSchedule.constant(eta), 0.0, beta, eps);
                    double[] a = IdentityHarness.start(d, rng), b = a.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) {
                        full.step(a, ra);
                        diag.step(b, rb);
                    }
                    return new IdentityHarness.Outcome(ExactLinalg.relErr(a, b) / 1e-12, fmt("d=%d beta2=%.4f eps=%.3g", d, beta, eps));
                }));
    }
}
