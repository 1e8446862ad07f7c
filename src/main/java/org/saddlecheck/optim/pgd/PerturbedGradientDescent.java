package org.saddlecheck.optim.pgd;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * Perturbed Gradient Descent with exact gradients, Jin et al. (ICML 2017) Algorithm 2 (CLAIMS.md JIN-ALG2):
 * <pre>
 * t_noise ← −T_th − 1
 * for t = 0, 1, ...:
 *     if ‖∇f(x_t)‖ ≤ g_thres and t − t_noise &gt; T_th:  x̃ ← x_t; t_noise ← t; x_t ← x̃ + ξ, ξ ~ sampler (uniform in B_0(r))
 *     if t − t_noise = T_th and f(x_t) − f(x̃) &gt; −f_thres:  return x̃
 *     x_{t+1} ← x_t − η∇f(x_t)
 * </pre>
 * with the integer horizon T_th = ceil(t_thres) (CLAIMS.md §8.7). An episode t_noise..t_noise+T_th that does not
 * terminate is logged as ESCAPE. A safety cap {@code maxIterations} ends a run as "cap reached" (never silently).
 * The difference f(x_t) − f(x̃) uses {@link DifferenceObjective#valueDifference} when the objective provides it;
 * runs with f_thres/|f| &lt; 1e-10 otherwise are flagged numerically unreliable (§8.8).
 *
 * <p>The instance is immutable and may be shared across threads, except for the optional {@link StepObserver},
 * which is called from the running thread. Each {@link #run} allocates its buffers once; the main loop allocates
 * nothing apart from the (rare) event records. Non-finite gradients or values throw {@link DivergenceException}.
 */
public final class PerturbedGradientDescent {
    /** Default safety cap on gradient steps. */
    public static final long DEFAULT_MAX_ITERATIONS = 10_000_000L;

    private final Objective objective;
    private final PgdParameters params;
    private final PerturbationSampler sampler;
    private final long maxIterations;
    private final StepObserver observer;

    /** Uniform-ball perturbations, default cap, no observer. */
    public PerturbedGradientDescent(Objective objective, PgdParameters params) {
        this(objective, params, UniformBallSampler.INSTANCE, DEFAULT_MAX_ITERATIONS, null);
    }

    /**
     * @param observer may be null
     */
    public PerturbedGradientDescent(Objective objective, PgdParameters params, PerturbationSampler sampler,
            long maxIterations, StepObserver observer) {
        this.objective = Require.notNull("objective", objective);
        this.params = Require.notNull("params", params);
        this.sampler = Require.notNull("sampler", sampler);
        this.maxIterations = Require.positive("maxIterations", maxIterations);
        this.observer = observer;
        Require.positive("objective.dim()", objective.dim());
        Require.that(objective.domain().unconstrained(), "objective.domain()", objective.name(),
                "unconstrained (Jin et al.'s PGD has no projection)");
    }

    public PerturbedGradientDescent withSampler(PerturbationSampler s) {
        return new PerturbedGradientDescent(objective, params, s, maxIterations, observer);
    }

    public PerturbedGradientDescent withMaxIterations(long cap) {
        return new PerturbedGradientDescent(objective, params, sampler, cap, observer);
    }

    public PerturbedGradientDescent withObserver(StepObserver obs) {
        return new PerturbedGradientDescent(objective, params, sampler, maxIterations, obs);
    }

    public PgdParameters parameters() {
        return params;
    }

    public long maxIterations() {
        return maxIterations;
    }

    public String describe() {
        return "PGD[" + params.describe() + ", sampler=" + sampler.name() + ", cap=" + maxIterations + "]";
    }

    /** Runs PGD(x0) with all randomness from {@code rng}. x0 is not modified. */
    public PgdResult run(double[] x0, UniformRandomProvider rng) {
        int d = objective.dim();
        Require.length("x0", x0, d);
        Require.finite("x0", x0);
        Require.notNull("rng", rng);

        final double eta = params.eta();
        final double r = params.r();
        final double gThres = params.gThres();
        final double fThres = params.fThres();
        final long tTh = params.tTh();

        double[] x = x0.clone();
        double[] g = new double[d];
        double[] xTilde = new double[d];
        double[] xi = new double[d];
        Gaussian gaussian = new Gaussian(rng);
        List<PgdEvent> events = new ArrayList<>();
        DifferenceObjective diffObjective = objective instanceof DifferenceObjective dob ? dob : null;
        boolean accurate = diffObjective != null && diffObjective.accurateDifference();
        StepObserver obs = observer;
        boolean obsValue = obs != null && obs.needsValue();

        long tNoise = -tTh - 1;
        double fTilde = Double.NaN;
        double gTildeNorm = Double.NaN;
        int perturbations = 0;
        int escapes = 0;
        long gradEvals = 0;
        double worstRatio = Double.POSITIVE_INFINITY;

        for (long t = 0; ; t++) {
            objective.gradient(x, g);
            gradEvals++;
            DivergenceException.check("gradient", g, t);
            double gn = Vec.norm(g);
            if (gn <= gThres && t - tNoise > tTh) {
                Vec.copy(x, xTilde);
                fTilde = DivergenceException.check("f(x_tilde)", objective.value(xTilde), t);
                gTildeNorm = gn;
                tNoise = t;
                sampler.sample(gaussian, r, xi);
                DivergenceException.check("perturbation", xi, t);
                for (int i = 0; i < d; i++) x[i] = xTilde[i] + xi[i];
                perturbations++;
                events.add(new PgdEvent(PgdEvent.Type.PERTURB, t, fTilde, gn, Vec.norm(xi)));
                objective.gradient(x, g);
                gradEvals++;
                DivergenceException.check("gradient", g, t);
                gn = Vec.norm(g);
            }
            double fx = Double.NaN;
            boolean terminate = false;
            double diff = Double.NaN;
            if (t - tNoise == tTh) {
                fx = DivergenceException.check("f(x_t)", objective.value(x), t);
                diff = diffObjective != null ? diffObjective.valueDifference(x, xTilde) : fx - fTilde;
                DivergenceException.check("f(x_t) - f(x_tilde)", diff, t);
                double scale = Math.max(Math.abs(fx), Math.abs(fTilde));
                if (scale > 0) worstRatio = Math.min(worstRatio, fThres / scale);
                if (diff > -fThres) {
                    terminate = true;
                } else {
                    escapes++;
                    events.add(new PgdEvent(PgdEvent.Type.ESCAPE, t, fx, gn, diff));
                }
            }
            if (obs != null) {
                if (obsValue && Double.isNaN(fx)) fx = DivergenceException.check("f(x_t)", objective.value(x), t);
                obs.observe(t, x, fx, gn);
            }
            if (terminate) {
                events.add(new PgdEvent(PgdEvent.Type.TERMINATE, t, fTilde, gTildeNorm, diff));
                return result(xTilde.clone(), t, true, events, perturbations, escapes, fTilde, gTildeNorm, gradEvals,
                        worstRatio, accurate);
            }
            if (t >= maxIterations) {
                if (Double.isNaN(fx)) fx = DivergenceException.check("f(x_t)", objective.value(x), t);
                events.add(new PgdEvent(PgdEvent.Type.CAP_REACHED, t, fx, gn, Double.NaN));
                return result(x, t, false, events, perturbations, escapes, fx, gn, gradEvals, worstRatio, accurate);
            }
            Vec.axpy(-eta, g, x);
        }
    }

    private PgdResult result(double[] out, long t, boolean terminated, List<PgdEvent> events, int perturbations,
            int escapes, double fOut, double gOut, long gradEvals, double worstRatio, boolean accurate) {
        boolean unreliable = !accurate && worstRatio < PgdResult.UNRELIABLE_RATIO;
        return new PgdResult(out, t, terminated, !terminated, events, perturbations, escapes, fOut, gOut, gradEvals,
                unreliable, worstRatio, accurate, sampler.name(), params);
    }
}
