package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.fmt;
import static org.saddlecheck.theory.staib.IdentityHarness.identity;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-ALG4-RMS (Staib et al. §4.2.3 / App. B [SEED summary] + [RECON]; CLAIMS.md STAIB-ALG4-RMS): "whenever we take a
 * large stepsize, the estimation algorithm will need to hallucinate S number of smaller steps". EXACT implementation
 * identities of {@link Algorithms#alg4Rmsprop} on random seeded problems: (1) the oracle is called W (burn-in, at x_0) +
 * T (one per step, at x_t, before the step) + S per large step times, and the S hallucinated samples of a large step
 * from x_t to x_{t+1} are drawn exactly at x_t + (j/S)(x_{t+1} − x_t), j = 1..S (so consecutive estimator points are
 * ≤ r‖Â g‖/S apart); (2) the trajectory equals the pseudo-code by hand (A_t = (Ĝ_{t−1} + εI)^{−1/2} before g_t, g_t into
 * the EMA, S EMA updates along each large step; relative 1e-10 over 100 steps); (3) S = 0 adds no calls.
 */
public final class Alg4RmsHallucination extends IdentityClaim {
    public Alg4RmsHallucination() {
        super("STAIB-ALG4-RMS",
                "RMSProp version of Alg. 4: burn-in at x0, A_t from G_(t-1) before g_t, S hallucinated EMA samples along every large step.");
    }

    record Setup(AdditiveNoiseProblem p, double eta, double r, long tThresh, double beta, double eps, int w, int s) {
        PreconditionedSgd build(org.saddlecheck.problem.StochasticOracle o) {
            return Algorithms.alg4Rmsprop(o, StepSchedule.constant(eta), r, tThresh, beta, eps, w, s);
        }

        @Override
        public String toString() {
            return fmt("%s eta=%.4g r=%.4g tThresh=%d beta=%.4f eps=%.3g W=%d S=%d", p.name(), eta, r, tThresh, beta, eps, w, s);
        }
    }

    static Setup setup(UniformRandomProvider rng, boolean withS) {
        AdditiveNoiseProblem p = IdentityHarness.problem(rng);
        double eta = 0.002 + 0.008 * rng.nextDouble();
        return new Setup(p, eta, eta * (5 + 20 * rng.nextDouble()), 2 + rng.nextInt(15), 0.5 + 0.45 * rng.nextDouble(), 1e-3,
                p.dim() + rng.nextInt(50), withS ? 1 + rng.nextInt(30) : 0);
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("oracle calls W + T + S per large step; hallucinated points on the segment", rng -> {
                    Setup su = setup(rng, true);
                    int d = su.p().dim();
                    RecordingOracle rec = new RecordingOracle(su.p());
                    PreconditionedSgd opt = su.build(rec);
                    double[] x = IdentityHarness.start(d, rng), x0 = x.clone();
                    UniformRandomProvider rx = Seeds.rng(rng.nextLong());
                    List<double[]> traj = new ArrayList<>();
                    traj.add(x.clone());
                    int large = 0;
                    for (int k = 0; k < STEPS; k++) {
                        if (opt.isLargeStep(k)) large++;
                        opt.step(x, rx);
                        traj.add(x.clone());
                    }
                    long want = su.w() + STEPS + (long) su.s() * large;
                    if (rec.calls() != want || opt.oracleCalls() != want) {
                        return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, fmt("%s: %d calls, expected %d", su, rec.calls(), want));
                    }
                    double worst = 0;
                    int c = 0;
                    for (int s = 0; s < su.w(); s++) worst = Math.max(worst, ExactLinalg.relErr(rec.points.get(c++), x0));
                    for (int k = 0; k < STEPS; k++) {
                        double[] xk = traj.get(k), xn = traj.get(k + 1);
                        worst = Math.max(worst, ExactLinalg.relErr(rec.points.get(c++), xk));
                        if (opt.isLargeStep(k)) {
                            for (int j = 1; j <= su.s(); j++) {
                                double f = (double) j / su.s();
                                double[] pt = new double[d];
                                for (int i = 0; i < d; i++) pt[i] = xk[i] + f * (xn[i] - xk[i]);
                                worst = Math.max(worst, ExactLinalg.relErr(rec.points.get(c++), pt));
                            }
                        }
                    }
                    return new IdentityHarness.Outcome(worst / 1e-15, su + fmt(" (%d large steps)", large));
                }),
                identity("trajectory with hallucination = pseudo-code", rng -> {
                    Setup su = setup(rng, true);
                    int d = su.p().dim();
                    PreconditionedSgd opt = su.build(su.p());
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) opt.step(x, rx);
                    ReferenceMethods.ema(su.p(), new ReferenceMethods.Ema(su.eta(), su.beta(), su.eps(), EpsPlacement.INSIDE, false, false, true,
                            su.w(), su.r(), su.tThresh(), su.s()), y, Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL), su.toString());
                }),
                identity("S = 0 adds no oracle calls", rng -> {
                    Setup su = setup(rng, false);
                    PreconditionedSgd opt = su.build(su.p());
                    double[] x = IdentityHarness.start(su.p().dim(), rng);
                    UniformRandomProvider rx = Seeds.rng(rng.nextLong());
                    for (int k = 0; k < STEPS; k++) opt.step(x, rx);
                    boolean ok = opt.oracleCalls() == su.w() + STEPS;
                    return new IdentityHarness.Outcome(ok ? 0 : Double.POSITIVE_INFINITY, su + " calls " + opt.oracleCalls());
                }));
    }
}
