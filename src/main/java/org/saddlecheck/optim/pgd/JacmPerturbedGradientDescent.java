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
 * PGD of the JACM 2021 paper, Algorithm 4 (arXiv 1902.04811; CLAIMS.md JIN-X). "JACM variant", not the ICML
 * algorithm:
 * <pre>
 * t_perturb ← 0
 * for t = 0, 1, ..., T−1:
 *     if ‖∇f(x_t)‖ ≤ ε and t − t_perturb &gt; 𝒯:  x̃ ← x_t; x_t ← x_t − ηξ, ξ ~ Uniform(B_0(r)); t_perturb ← t
 *     x_{t+1} ← x_t − η∇f(x_t)
 * </pre>
 * The perturbation is scaled by η and there is no termination rule. Because t_perturb starts at 0, no
 * perturbation can fire before t = 𝒯 + 1. 𝒯 is used as the integer ceil(𝒯) (CLAIMS.md §8.7). For Lemma 20 each
 * episode is classified at t_perturb + ceil(𝒯) as ESCAPE when f(x_t) − f(x̃) ≤ −𝓕/2, else STUCK (bookkeeping
 * only; it does not change the iterates).
 *
 * <p>The observer sees x_t after the perturbation of iteration t (Theorem 18 counts ε-SOSPs among x_0..x_{T−1}).
 * Immutable apart from the observer; allocation-free main loop apart from event records.
 */
public final class JacmPerturbedGradientDescent {
    private final Objective objective;
    private final JacmParameters params;
    private final PerturbationSampler sampler;
    private final StepObserver observer;

    public JacmPerturbedGradientDescent(Objective objective, JacmParameters params) {
        this(objective, params, UniformBallSampler.INSTANCE, null);
    }

    /** @param observer may be null */
    public JacmPerturbedGradientDescent(Objective objective, JacmParameters params, PerturbationSampler sampler,
            StepObserver observer) {
        this.objective = Require.notNull("objective", objective);
        this.params = Require.notNull("params", params);
        this.sampler = Require.notNull("sampler", sampler);
        this.observer = observer;
        Require.sameDimension("objective", objective.dim(), params.d());
        Require.that(objective.domain().unconstrained(), "objective.domain()", objective.name(),
                "unconstrained (PGD has no projection)");
    }

    public JacmParameters parameters() {
        return params;
    }

    /** Runs {@code iterations} iterations (e.g. {@link JacmParameters#totalIterationsLong()}) from x0. */
    public JacmResult run(double[] x0, long iterations, UniformRandomProvider rng) {
        int d = objective.dim();
        Require.length("x0", x0, d);
        Require.finite("x0", x0);
        Require.positive("iterations", iterations);
        Require.notNull("rng", rng);
        final double eta = params.eta();
        final double r = params.r();
        final double eps = params.eps();
        final long horizon = params.calTCeil();
        final double halfF = params.calF() / 2;

        double[] x = x0.clone();
        double[] g = new double[d];
        double[] xi = new double[d];
        Gaussian gaussian = new Gaussian(rng);
        List<PgdEvent> events = new ArrayList<>();
        StepObserver obs = observer;
        boolean obsValue = obs != null && obs.needsValue();
        long tPerturb = 0;
        boolean pending = false;
        double fTilde = Double.NaN;
        int perturbations = 0;
        int escapes = 0;
        int stuck = 0;
        for (long t = 0; t < iterations; t++) {
            objective.gradient(x, g);
            DivergenceException.check("gradient", g, t);
            double gn = Vec.norm(g);
            if (gn <= eps && t - tPerturb > horizon) {
                fTilde = DivergenceException.check("f(x_tilde)", objective.value(x), t);
                sampler.sample(gaussian, r, xi);
                DivergenceException.check("perturbation", xi, t);
                Vec.axpy(-eta, xi, x);
                tPerturb = t;
                pending = true;
                perturbations++;
                events.add(new PgdEvent(PgdEvent.Type.PERTURB, t, fTilde, gn, eta * Vec.norm(xi)));
                objective.gradient(x, g);
                DivergenceException.check("gradient", g, t);
                gn = Vec.norm(g);
            }
            double fx = Double.NaN;
            if (pending && t - tPerturb == horizon) {
                fx = DivergenceException.check("f(x_t)", objective.value(x), t);
                double diff = fx - fTilde;
                if (diff <= -halfF) {
                    escapes++;
                    events.add(new PgdEvent(PgdEvent.Type.ESCAPE, t, fx, gn, diff));
                } else {
                    stuck++;
                    events.add(new PgdEvent(PgdEvent.Type.STUCK, t, fx, gn, diff));
                }
                pending = false;
            }
            if (obs != null) {
                if (obsValue && Double.isNaN(fx)) fx = DivergenceException.check("f(x_t)", objective.value(x), t);
                obs.observe(t, x, fx, gn);
            }
            Vec.axpy(-eta, g, x);
        }
        objective.gradient(x, g);
        DivergenceException.check("gradient", g, iterations);
        double fFinal = DivergenceException.check("f(x_T)", objective.value(x), iterations);
        return new JacmResult(x, iterations, events, perturbations, escapes, stuck, fFinal, Vec.norm(g), sampler.name(),
                params);
    }
}
