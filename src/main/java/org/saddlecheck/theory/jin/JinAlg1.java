package org.saddlecheck.theory.jin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdEvent;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.PgdResult;
import org.saddlecheck.optim.pgd.StepObserver;
import org.saddlecheck.optim.pgd.UniformBallSampler;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Objective;

/**
 * JIN-ALG1 (CLAIMS.md §3): the PGD meta-algorithm — gradient steps, plus a perturbation ξ ~ Uniform(B_0(r)) exactly
 * when the perturbation condition holds. Checked on every iteration of seeded runs from strict saddles of Haar
 * cosine functions (EXACT, replaying the trajectory the runner reports):
 * <ol>
 *   <li>every iteration that is not a perturbation is one exact gradient step: x_{t+1} = x_t − η∇f(x_t) bit for bit;</li>
 *   <li>a perturbation happens at t iff ‖∇f(x̃_t)‖ ≤ g_thres and t − t_noise &gt; T_th (the trigger never misses an
 *       allowed perturbation and never fires early), and it moves the iterate by at most r;</li>
 *   <li>with r = 0 the iterates are exactly gradient descent's.</li>
 * </ol>
 * Tightness: max ‖ξ‖/r over perturbations (≤ 1; near 1 because the ball's mass sits near its surface in high d).
 */
public final class JinAlg1 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-ALG1");
    private final PerturbationSampler sampler;

    public JinAlg1() {
        this(UniformBallSampler.INSTANCE);
    }

    /** With another perturbation sampler (tests plant wrong ones). */
    public JinAlg1(PerturbationSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** Records the iterates the runner reports (x_t after that iteration's perturbation). */
    private static final class Recorder implements StepObserver {
        final List<double[]> xs = new ArrayList<>();
        final List<Double> grads = new ArrayList<>();

        @Override
        public void observe(long t, double[] x, double f, double gradNorm) {
            xs.add(x.clone());
            grads.add(gradNorm);
        }

        @Override
        public boolean needsValue() {
            return false;
        }
    }

    private record Run(int violations, List<String> messages, double maxRatio, int perturbations, int steps) {}

    static Run replay(Objective f, PgdParameters p, PerturbationSampler sampler, double[] x0, UniformRandomProvider rng, int cap) {
        Recorder rec = new Recorder();
        PgdResult res = new PerturbedGradientDescent(f, p, sampler, cap, rec).run(x0, rng);
        int d = f.dim();
        double[] g = new double[d], pre = new double[d];
        List<String> msgs = new ArrayList<>();
        int bad = 0;
        double maxRatio = 0;
        java.util.Set<Long> perturbTimes = new java.util.HashSet<>();
        for (PgdEvent e : res.events(PgdEvent.Type.PERTURB)) perturbTimes.add(e.t());
        long tNoise = -p.tTh() - 1;
        for (int t = 0; t < rec.xs.size(); t++) {
            // the iterate before this iteration's perturbation: x0, or one exact gradient step from x_{t-1}
            if (t == 0) {
                Vec.copy(x0, pre);
            } else {
                double[] prev = rec.xs.get(t - 1);
                f.gradient(prev, g);
                for (int i = 0; i < d; i++) pre[i] = prev[i] - p.eta() * g[i];
            }
            f.gradient(pre, g);
            boolean allowed = Vec.norm(g) <= p.gThres() && t - tNoise > p.tTh();
            boolean perturbed = perturbTimes.contains((long) t);
            double[] x = rec.xs.get(t);
            if (perturbed != allowed) {
                bad++;
                if (msgs.size() < 5) msgs.add(String.format(Locale.ROOT, "t=%d: perturbation %s but the condition is %s",
                        t, perturbed ? "fired" : "did not fire", allowed));
            }
            if (perturbed) {
                tNoise = t;
                double moved = Vec.distance(x, pre);
                if (p.r() > 0) maxRatio = Math.max(maxRatio, moved / p.r());
                if (moved > p.r() * (1 + 1e-12)) {
                    bad++;
                    if (msgs.size() < 5) msgs.add(String.format(Locale.ROOT, "t=%d: perturbation of norm %.6g > r = %.6g", t, moved, p.r()));
                }
            } else if (!java.util.Arrays.equals(x, pre)) {
                bad++;
                if (msgs.size() < 5) msgs.add(String.format(Locale.ROOT, "t=%d: not an exact gradient step (off by %.3g)", t, Vec.distance(x, pre)));
            }
        }
        return new Run(bad, msgs, maxRatio, perturbTimes.size(), rec.xs.size());
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        int runs = ctx.budget().scaled(24, 8);
        int[] dims = {2, 5, 20};
        double a = 1.0;
        List<Run> results = ctx.parallel().map(runs, i -> {
            UniformRandomProvider rng = ctx.rng("run", i);
            int d = dims[i % dims.length];
            CosineFamily f = CosineFamily.haar(d, a, rng);
            double[] x0 = f.saddle(1 + (i % (d - 1 > 0 ? d - 1 : 1)));
            // practical parameters (ℓ = ρ = a): several perturb/escape episodes within a few hundred steps
            PgdParameters p = PgdParameters.explicit(0.5 / a, 1e-2, 1e-3, 1e-4, 40);
            return replay(f, p, sampler, x0, rng, 5_000);
        });
        // r = 0: PGD is gradient descent (the replay then requires every step to be exact, perturbations included)
        List<Run> noiseless = ctx.parallel().map(dims.length, i -> {
            UniformRandomProvider rng = ctx.rng("noiseless", i);
            CosineFamily f = CosineFamily.haar(dims[i], a, rng);
            double[] x0 = new double[dims[i]];
            for (int k = 0; k < x0.length; k++) x0[k] = 0.3 + rng.nextDouble();
            return replay(f, PgdParameters.explicit(0.5 / a, 0.0, 1e-6, 1e-9, 20), sampler, x0, rng, 5_000);
        });
        int bad = 0, perturbations = 0, steps = 0;
        double[] ratios = new double[runs];
        List<String> msgs = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Run r = results.get(i);
            bad += r.violations();
            perturbations += r.perturbations();
            steps += r.steps();
            ratios[i] = r.maxRatio();
            for (String m : r.messages()) if (msgs.size() < 8) msgs.add("run " + i + ": " + m);
        }
        for (Run r : noiseless) {
            bad += r.violations();
            steps += r.steps();
            for (String m : r.messages()) if (msgs.size() < 8) msgs.add("r=0: " + m);
        }
        Verdict v = bad == 0 ? Verdict.HOLDS : Verdict.VIOLATED;
        String evidence = String.format(Locale.ROOT,
                "%d PGD runs from strict saddles of Haar cosine functions (d in {2, 5, 20}) and %d noiseless runs, %d iterations "
                        + "replayed: %d violations. Every non-perturbation iteration was an exact gradient step, the perturbation "
                        + "fired exactly when ||grad f|| <= g_thres and t - t_noise > T_th (%d perturbations), and moved the "
                        + "iterate by at most r (max ||xi||/r = %.4f).%s",
                runs, noiseless.size(), steps, bad, perturbations, max(ratios), msgs.isEmpty() ? "" : " First problems: " + msgs);
        return ClaimResult.builder(v).trials(runs + noiseless.size()).falseFailureRate(0)
                .tightness(Tightness.of(ratios, "largest ||xi||/r over a run's perturbations"))
                .evidence(evidence).detail("violations", bad).detail("perturbations", perturbations).detail("iterations", steps)
                .detail("sampler", sampler.name()).detail("problems", msgs).series("ratios", ratios).build();
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, v);
        return m;
    }
}
