package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.fmt;
import static org.saddlecheck.theory.staib.IdentityHarness.identity;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-VAR-DIAG (Staib et al. §4.2.1, App. D; CLAIMS.md STAIB-VAR-DIAG, §8.13): A = (diag(G) + εI)^{−1/2};
 * v_t = βv_{t−1} + (1−β)g_t ⊙ g_t, x_{t+1} = x_t − ηg_t/√(v_t + ε). EXACT implementation identities on random seeded
 * problems: (1) {@link Algorithms#rmspropDiagonal} (ε inside, no bias correction) equals the step formula by hand, and
 * so do the ε-outside g/(√v + ε) and bias-corrected variants (relative 1e-10 over 100 steps); (2) full-matrix RMSProp
 * fed axis-aligned samples (every g gᵀ diagonal) equals diagonal RMSProp for both ε placements and both normalisations
 * (relative 1e-12); (3) the idealized diagonal method uses A = (diag(G(x_t)) + εI)^{−1/2} (relative 1e-10); (4) Figure 1's
 * RMSProp is diagonal RMSProp with β = 1 − Cη^{2/3}, ε inside, v_0 = 0, no bias correction (bit for bit).
 */
public final class VarDiagRmsprop extends IdentityClaim {
    public VarDiagRmsprop() {
        super("STAIB-VAR-DIAG",
                "Diagonal RMSProp: v = beta v + (1 - beta) g^2, step g/sqrt(v + eps) (paper's eps inside; eps-outside and bias-corrected variants "
                        + "recorded separately).");
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("v_t = beta v + (1-beta) g^2, x -= eta g/sqrt(v + eps) (and eps-outside, bias-corrected variants)", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    EpsPlacement pl = rng.nextBoolean() ? EpsPlacement.INSIDE : EpsPlacement.OUTSIDE;
                    boolean bc = rng.nextBoolean();
                    double eta = 0.002 + 0.01 * rng.nextDouble(), beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -8 + 6 * rng.nextDouble());
                    PreconditionedSgd opt = Algorithms.rmspropDiagonal(p, StepSchedule.constant(eta), beta, eps, pl, bc);
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) opt.step(x, rx);
                    ReferenceMethods.ema(p, new ReferenceMethods.Ema(eta, beta, eps, pl, true, bc, false, 0, 0, 0, 0), y, Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL),
                            fmt("%s %s biasCorrected=%s eta=%.4g beta=%.4f eps=%.3g", p.name(), pl, bc, eta, beta, eps));
                }),
                identity("full-matrix RMSProp with diagonal samples = diagonal RMSProp", rng -> {
                    AxisAlignedOracle o = AxisAlignedOracle.random(rng);
                    int d = o.dim();
                    double eta = 0.01, beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -6 + 4 * rng.nextDouble());
                    double worst = 0;
                    for (EpsPlacement pl : EpsPlacement.values()) {
                        for (boolean bc : new boolean[] {false, true}) {
                            PreconditionedSgd full = PreconditionedSgd.builder(o, StepSchedule.constant(eta)).name("full")
                                    .estimator(new EmaEstimator(d, Shape.FULL, beta, bc, null)).preconditioner(new FullInverseRoot(d, eps, pl))
                                    .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
                            PreconditionedSgd diag = Algorithms.rmspropDiagonal(o, StepSchedule.constant(eta), beta, eps, pl, bc);
                            double[] a = IdentityHarness.start(d, rng), b = a.clone();
                            long seed = rng.nextLong();
                            UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed);
                            for (int k = 0; k < STEPS; k++) {
                                full.step(a, ra);
                                diag.step(b, rb);
                            }
                            worst = Math.max(worst, ExactLinalg.relErr(a, b) / 1e-12);
                        }
                    }
                    return new IdentityHarness.Outcome(worst, fmt("d=%d beta=%.4f eps=%.3g, both placements and normalisations", d, beta, eps));
                }),
                identity("idealized diagonal RMSProp: A = (diag(G(x_t)) + eps I)^(-1/2)", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = 0.002 + 0.01 * rng.nextDouble(), eps = Math.pow(10, -4 + 3 * rng.nextDouble());
                    PreconditionedSgd opt = Algorithms.idealizedDiagonalRmsprop(p, StepSchedule.constant(eta), eps);
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) opt.step(x, rx);
                    ReferenceMethods.exact(p, eta, eps, true, 0, 0, y, Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL), fmt("%s eta=%.4g eps=%.3g", p.name(), eta, eps));
                }),
                identity("Figure 1's RMSProp = diagonal RMSProp with beta = 1 - C eta^(2/3)", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = Math.pow(10, -4 + 2 * rng.nextDouble()), c = Math.pow(10, rng.nextDouble() - 0.5), eps = 1e-8;
                    PreconditionedSgd f1 = Algorithms.fig1Rmsprop(p, eta, c, eps);
                    PreconditionedSgd rms = Algorithms.rmspropDiagonal(p, StepSchedule.constant(eta), BetaSchedule.fromEta(eta, c), eps,
                            EpsPlacement.INSIDE, false);
                    double[] a = IdentityHarness.start(d, rng), b = a.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) {
                        f1.step(a, ra);
                        rms.step(b, rb);
                        if (!Arrays.equals(a, b)) return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, "differ at step " + k);
                    }
                    return new IdentityHarness.Outcome(0, fmt("%s eta=%.4g C=%.3g", p.name(), eta, c));
                }));
    }
}
