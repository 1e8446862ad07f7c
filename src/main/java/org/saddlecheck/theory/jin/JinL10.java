package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdEvent;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.PgdResult;
import org.saddlecheck.optim.pgd.Trajectory;
import org.saddlecheck.problem.CosineFamily;

/**
 * JIN-L10 (Jin et al. 2017, Lemma 10; CLAIMS.md JIN-L10): if ‖∇f(x_t)‖ ≥ g_thres then one gradient step with
 * η = c/ℓ (c ≤ 1) gives f(x_{t+1}) − f(x_t) ≤ −(η/2)‖∇f(x_t)‖². EXACT, checked on every step of every PGD run:
 * PGD with the paper's parameters on the {@link PgdFixtures} cosine (d = 4, Haar) and quartic saddles and on an
 * axis-aligned cosine in d = 100, for c ∈ {1, 0.5, 0.25, 0.1}, recording f(x_t) and ‖∇f(x_t)‖ at every iteration
 * ({@link Trajectory}). A pair (t, t+1) is checked when ‖∇f(x_t)‖ ≥ g_thres and no perturbation happens at t + 1 (the
 * recorded x_{t+1} is then exactly x_t − η∇f(x_t)). Tolerance 1e-12·max(|f(x_t)|, |f(x_{t+1})|) (rounding of f).
 * Tightness: per run, the largest (η/2)‖∇f‖²/(f(x_t) − f(x_{t+1})) (≤ 1; → 1 where the curvature along the step is
 * ℓ and c = 1).
 */
public final class JinL10 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-L10");
    static final double[] CS = {1, 0.5, 0.25, 0.1};
    static final double REL_TOL = 1e-12;

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** Outcome of checking one run. */
    record RunCheck(long steps, long checked, long violations, double maxRatio, String worst) {}

    /** Runs PGD once and checks every eligible step. */
    static RunCheck checkRun(PgdFixtures.Fixture fx, double c, int trial, UniformRandomProvider rng) {
        PgdParameters p = fx.params(c, trial);
        PgdFixtures.Start s = fx.start(trial);
        int cap = 400_000;
        Trajectory tr = new Trajectory(cap + 2);
        PgdResult r = new PerturbedGradientDescent(fx.f(), p, PerturbationSampler.uniformBall(), cap, tr).run(s.x0(), rng);
        Set<Long> perturbed = new HashSet<>();
        for (PgdEvent e : r.events(PgdEvent.Type.PERTURB)) perturbed.add(e.t());
        long checked = 0, viol = 0;
        double maxRatio = 0;
        String worst = "";
        for (int i = 0; i + 1 < tr.size(); i++) {
            long t = tr.iteration(i);
            if (tr.iteration(i + 1) != t + 1 || perturbed.contains(t + 1)) continue;
            double g = tr.gradNorm(i);
            if (g < p.gThres()) continue;
            double f0 = tr.value(i), f1 = tr.value(i + 1);
            double need = -0.5 * p.eta() * g * g;
            double tol = REL_TOL * Math.max(Math.abs(f0), Math.abs(f1));
            checked++;
            if (f1 - f0 > need + tol) {
                viol++;
                worst = fmt("%s c=%g t=%d: f(x_t+1)-f(x_t) = %.6g > -(eta/2)|g|^2 = %.6g", fx.name(), c, t, f1 - f0, need);
            }
            double ratio = f1 < f0 ? -need / (f0 - f1) : Double.POSITIVE_INFINITY;
            if (ratio > maxRatio && viol == 0) {
                maxRatio = ratio;
                worst = fmt("%s c=%g t=%d |grad|=%.3g", fx.name(), c, t, g);
            }
        }
        return new RunCheck(tr.size(), checked, viol, maxRatio, worst);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(0);
        List<PgdFixtures.Fixture> fixtures = new ArrayList<>(PgdFixtures.standard(ctx.rng("fixture", 0)));
        fixtures.removeIf(PgdFixtures.Fixture::escapeOnly);
        fixtures.add(new PgdFixtures.Fixture("cosine(d=100, axis)", CosineFamily.axisAligned(100, 1.0), 1, 1, 0.1, 0.1, false, 99));
        int runs = ctx.budget().scaled(8, 3);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long steps = 0, checked = 0, viol = 0;
        String worst = "";
        double worstRatio = -1;
        String firstViolation = null;
        for (PgdFixtures.Fixture fx : fixtures) {
            for (double c : CS) {
                String stream = fx.name() + "/c=" + c;
                List<RunCheck> res = ctx.parallel().map(runs, i -> checkRun(fx, c, i, ctx.rng(stream, i)));
                long st = 0, ch = 0, vi = 0;
                double mr = 0;
                for (RunCheck rc : res) {
                    st += rc.steps();
                    ch += rc.checked();
                    vi += rc.violations();
                    mr = Math.max(mr, rc.maxRatio());
                    ratios.add(rc.maxRatio());
                    if (rc.violations() > 0 && firstViolation == null) firstViolation = rc.worst();
                    if (rc.violations() == 0 && rc.maxRatio() > worstRatio) {
                        worstRatio = rc.maxRatio();
                        worst = rc.worst();
                    }
                }
                rows.add(row("fixture", fx.name(), "c", c, "runs", runs, "steps", st, "checkedSteps", ch, "violations", vi,
                        "maxRatio", mr));
                steps += st;
                checked += ch;
                viol += vi;
            }
        }
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        b.trials(checked).tightness(Tightness.of(r, worst)).series("ratios", r).detail("runs", rows)
                .detail("tolerance", "1e-12 * max(|f(x_t)|, |f(x_t+1)|)").detail("stepsRecorded", steps);
        String ev = fmt("%d gradient steps with |grad f| >= g_thres checked on %d PGD runs (paper parameters, c in {1, 0.5, 0.25, 0.1}): "
                + "%d violations of f(x_t+1) - f(x_t) <= -(eta/2)|grad f|^2; largest (eta/2)|g|^2/decrease = %.6f.",
                checked, runs * fixtures.size() * CS.length, viol, worstRatio);
        if (viol > 0) {
            b.verdict(Verdict.VIOLATED);
            ev = firstViolation + ". " + ev;
        }
        return b.evidence(ev).build();
    }
}
