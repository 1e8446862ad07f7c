package org.saddlecheck.theory.staib;

import static org.saddlecheck.theory.staib.IdentityHarness.fmt;
import static org.saddlecheck.theory.staib.IdentityHarness.identity;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.rng.Seeds;

/**
 * STAIB-ALG4 (Staib et al. Alg. 4; CLAIMS.md STAIB-ALG4): stepsize r when t mod t_thresh = 0 (t = 0, 1, …: the first
 * step is large), η otherwise, with Â_t chosen before g_t and ‖Â_t − A_t‖ ≤ Δ. EXACT implementation identities on random
 * seeded problems: (1) {@link Algorithms#alg4Exact} equals the pseudo-code by hand (relative 1e-10 over 100 steps) and
 * takes exactly ⌈T/t_thresh⌉ large steps, at k = 0, t_thresh, 2t_thresh, …; (2) with t_thresh = ∞ and r = η it is Alg. 1
 * bit for bit; (3) benign Â: at every step Â_t is symmetric, ‖Â_t − A_t‖ = Δ (≤ Δ is the requirement; relative 1e-12),
 * A_t = (G(x_t) + εI)^{−1/2}, and Â_t is PD for Δ &lt; λ_min(A_t)/2; (4) adversarial Â = A − Δuuᵀ with u = ∇f(x_t)/‖∇f(x_t)‖
 * exactly (1e-12).
 */
public final class Alg4LargeSteps extends IdentityClaim {
    public Alg4LargeSteps() {
        super("STAIB-ALG4",
                "Algorithm 4: large step r at k = 0, tThresh, 2 tThresh, ...; A-hat chosen before g_t within Delta of A_t.");
    }

    @Override
    List<IdentityHarness.Check> checks() {
        return List.of(
                identity("large step r every tThresh (from k = 0), eta otherwise; counts", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = 0.002 + 0.01 * rng.nextDouble(), r = eta * (2 + 8 * rng.nextDouble()), eps = 1e-3;
                    long tt = 1 + rng.nextInt(20);
                    PreconditionedSgd opt = Algorithms.alg4Exact(p, StepSchedule.constant(eta), r, tt, eps);
                    int large = 0;
                    for (int k = 0; k < STEPS; k++) if (opt.isLargeStep(k)) large++;
                    int want = (int) ((STEPS + tt - 1) / tt);
                    if (large != want || !opt.isLargeStep(0)) {
                        return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, fmt("tThresh=%d: %d large steps in %d, expected %d", tt, large, STEPS, want));
                    }
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) opt.step(x, rx);
                    ReferenceMethods.exact(p, eta, eps, false, r, tt, y, Seeds.rng(seed), STEPS);
                    return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, TOL),
                            fmt("%s eta=%.4g r=%.4g tThresh=%d (%d large steps)", p.name(), eta, r, tt, large));
                }),
                identity("tThresh = infinity and r = eta is Alg. 1", rng -> {
                    AdditiveNoiseProblem p = IdentityHarness.problem(rng);
                    int d = p.dim();
                    double eta = 0.002 + 0.01 * rng.nextDouble();
                    PreconditionedSgd a4 = Algorithms.alg4Exact(p, StepSchedule.constant(eta), eta, Long.MAX_VALUE, 1e-3);
                    PreconditionedSgd a1 = Algorithms.idealizedRmsprop(p, StepSchedule.constant(eta), 1e-3);
                    double[] x = IdentityHarness.start(d, rng), y = x.clone();
                    long seed = rng.nextLong();
                    UniformRandomProvider rx = Seeds.rng(seed), ry = Seeds.rng(seed);
                    for (int k = 0; k < STEPS; k++) {
                        a4.step(x, rx);
                        a1.step(y, ry);
                        if (!Arrays.equals(x, y)) return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, "differ at step " + k);
                    }
                    return new IdentityHarness.Outcome(0, p.name() + " identical for " + STEPS + " steps");
                }),
                identity("benign A-hat: symmetric, ||A-hat - A|| = Delta, A exact, PD", rng -> perturbed(rng, PerturbedPreconditioner.Mode.BENIGN)),
                identity("adversarial A-hat = A - Delta u u^T, u = grad/|grad|", rng -> perturbed(rng, PerturbedPreconditioner.Mode.ADVERSARIAL)));
    }

    static IdentityHarness.Outcome perturbed(UniformRandomProvider rng, PerturbedPreconditioner.Mode mode) {
        AdditiveNoiseProblem p = IdentityHarness.problem(rng);
        int d = p.dim();
        double eta = 0.005, eps = 1e-2;
        // small Δ (PD is asserted only where Δ < λ_min(A_t)/2, checked at every step)
        double delta = 0.02 * rng.nextDouble();
        UniformRandomProvider prng = mode == PerturbedPreconditioner.Mode.BENIGN ? Seeds.rng(rng.nextLong()) : null;
        PreconditionedSgd opt = Algorithms.alg4Perturbed(p, StepSchedule.constant(eta), 2 * eta, 10, eps, delta, mode, prng);
        PerturbedPreconditioner pp = (PerturbedPreconditioner) opt.preconditioner();
        double[] x = IdentityHarness.start(d, rng), xt = new double[d];
        UniformRandomProvider rx = Seeds.rng(rng.nextLong());
        double[] hat = new double[d * d], a = new double[d * d], gm = new double[d * d], grad = new double[d];
        double worst = 0;
        for (int k = 0; k < 50; k++) {
            System.arraycopy(x, 0, xt, 0, d);
            opt.step(x, rx);
            opt.appliedPreconditioner(hat);
            pp.exactMatrix(a);
            p.secondMoment(xt, gm);
            double[] want = ExactLinalg.invRoot(gm, d, eps, EpsPlacement.INSIDE);
            worst = Math.max(worst, ExactLinalg.relErr(a, want) / 1e-12);
            if (Mat.asymmetry(hat, d) != 0) return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, "A-hat not symmetric at step " + k);
            double[] e = new double[d * d];
            Mat.sub(hat, a, e);
            double norm = Mat.opNormSymmetric(e);
            if (mode == PerturbedPreconditioner.Mode.BENIGN) {
                worst = Math.max(worst, Math.abs(norm - delta) / (1e-12 * Math.max(delta, 1e-300) + 1e-15 * Mat.maxAbs(a)));
            } else {
                p.gradient(xt, grad);
                double n = Math.sqrt(sumSq(grad));
                double[] adv = a.clone();
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++) adv[i * d + j] = 0.5 * (a[i * d + j] + a[j * d + i]) - delta * grad[i] / n * grad[j] / n;
                worst = Math.max(worst, ExactLinalg.maxAbsDiff(hat, adv) / (1e-12 * Math.max(1, Mat.maxAbs(a))));
            }
            double lminA = ExactLinalg.eigenvalues(a, d)[0];
            if (delta < lminA / 2 && !pp.positiveDefinite()) {
                return new IdentityHarness.Outcome(Double.POSITIVE_INFINITY, fmt("A-hat not PD with Delta=%.3g < lambda_min(A)/2=%.3g", delta, lminA / 2));
            }
        }
        return new IdentityHarness.Outcome(worst, fmt("%s %s Delta=%.4g", p.name(), mode, delta));
    }

    private static double sumSq(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return s;
    }
}
