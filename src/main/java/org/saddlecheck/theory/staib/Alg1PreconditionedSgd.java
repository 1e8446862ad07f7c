package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.identity;
import static org.saddlecheck.theory.staib.IdentityHarness.fmt;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-ALG1 (Staib et al. Alg. 1; CLAIMS.md STAIB-ALG1): x_{t+1} = x_t − ηA(x_t)g_t with A_t chosen before g_t.
 * EXACT implementation identities of the optimizer core on random seeded problems (quadratic saddles with correlated
 * Rademacher noise, LogSum with diagonal noise; d ∈ [2, 5]):
 * <ol>
 *   <li>A = I is SGD bit for bit (constant and η0/√t schedules; also with an estimator that is fed but unused);</li>
 *   <li>the exact-oracle method ({@link Algorithms#idealizedRmsprop}) equals Alg. 1 with A_t = (G(x_t) + εI)^{−1/2}
 *       computed by hand before drawing g_t (relative 1e-10 over 100 steps);</li>
 *   <li>Alg. 1 with an EMA estimate ({@link Algorithms#preconditionedSgd}) uses A_t = (Ĝ_{t−1} + εI)^{−1/2}, built before
 *       g_t enters Ĝ (relative 1e-10 over 100 steps; A_0 = ε^{−1/2}I).</li>
 * </ol>
 * The tolerance 1e-10 covers rounding amplified along the trajectory (the reference uses the same eigendecomposition
 * routine but not the same operation order).
 */
public final class Alg1PreconditionedSgd extends IdentityClaim {
    public Alg1PreconditionedSgd() {
        super("STAIB-ALG1",
                "Preconditioned SGD (Alg. 1): A = I is SGD; A_t is built at x_t before g_t is drawn.");
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("A = I is SGD bit for bit", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta0 = 0.01 + 0.05 * rng.nextDouble();
                    StepSchedule sch = rng.nextBoolean() ? StepSchedule.constant(eta0) : StepSchedule.inverseSqrt(eta0);
                    PreconditionedSgd sgd = Algorithms.sgd(p, sch);
                    PreconditionedSgd pre = Algorithms.preconditionedSgd(p, sch, null, new IdentityPreconditioner(d));
                    PreconditionedSgd fed = Algorithms.preconditionedSgd(p, sch, EmaEstimator.diagonal(d, 0.9), new IdentityPreconditioner(d));
                    double[] a = IdentityHarness.start(d, rng), b = a.clone(), c = a.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider ra = Seeds.rng(seed), rb = Seeds.rng(seed), rc = Seeds.rng(seed);
                    for (int t = 0; t < 300; t++) {
                        sgd.step(a, ra);
                        pre.step(b, rb);
                        fed.step(c, rc);
                        if (!Arrays.equals(a, b) || !Arrays.equals(a, c)) {
                            return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, fmt("%s %s: differ at step %d", p.name(), sch.describe(), t));
                        }
                    }
                    return new IdentityHarness.Outcome(0, fmt("%s %s, 300 steps identical", p.name(), sch.describe()));
                }),
                identity("idealized RMSProp = Alg. 1 with A = (G(x_t) + eps I)^(-1/2)", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = 0.005 + 0.02 * rng.nextDouble(), eps = Math.pow(10, -4 + 3 * rng.nextDouble());
                    PreconditionedSgd opt = Algorithms.idealizedRmsprop(p, StepSchedule.constant(eta), eps);
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int t = 0; t < STEPS; t++) opt.step(x, rx);
                    ReferenceMethods.exact(p, eta, eps, false, 0, 0, y, Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL), fmt("%s eta=%.4g eps=%.3g", p.name(), eta, eps));
                }),
                identity("Alg. 1 with an EMA estimate builds A_t from G_(t-1) before g_t", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = 0.005 + 0.02 * rng.nextDouble(), beta = 0.5 + 0.49 * rng.nextDouble(), eps = Math.pow(10, -3 + 2 * rng.nextDouble());
                    PreconditionedSgd opt = Algorithms.preconditionedSgd(p, StepSchedule.constant(eta), EmaEstimator.full(d, beta),
                            new FullInverseRoot(d, eps, EpsPlacement.INSIDE));
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int t = 0; t < STEPS; t++) opt.step(x, rx);
                    ReferenceMethods.ema(p, new ReferenceMethods.Ema(eta, beta, eps, EpsPlacement.INSIDE, false, false, true, 0, 0, 0, 0), y,
                            Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL), fmt("%s eta=%.4g beta=%.4g eps=%.3g", p.name(), eta, beta, eps));
                }));
    }
}
