package org.saddlecheck.optim.pgd;

import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * Plain gradient descent x_{t+1} = x_t − η∇f(x_t) with exact gradients, the baseline of Jin et al. (CLAIMS.md
 * JIN-GD). With η = 1/ℓ each step satisfies f(x_{t+1}) ≤ f(x_t) − ‖∇f(x_t)‖²/(2ℓ), so an ε-first-order stationary
 * point is reached at some t &lt; ceil(2ℓ(f(x_0) − f*)/ε²) ({@link PgdBounds#gdIterationBound}).
 *
 * <p>Stops at the first t with ‖∇f(x_t)‖ ≤ ε (returning t) or after {@code maxSteps} steps. Immutable; each run
 * allocates its buffers once and nothing per step. An optional {@link StepObserver} receives (t, x_t, f, ‖∇f‖).
 */
public final class GradientDescent {
    private final Objective objective;
    private final double eta;

    public GradientDescent(Objective objective, double eta) {
        this.objective = Require.notNull("objective", objective);
        this.eta = Require.positive("eta", eta);
        Require.positive("objective.dim()", objective.dim());
    }

    /** η = 1/ℓ (the default of JIN-GD). */
    public static GradientDescent withSmoothness(Objective objective, double ell) {
        return new GradientDescent(objective, 1.0 / Require.positive("ell", ell));
    }

    public double eta() {
        return eta;
    }

    public GdResult run(double[] x0, double eps, long maxSteps) {
        return run(x0, eps, maxSteps, null);
    }

    /**
     * @param eps      target ‖∇f‖ ≤ ε (ε ≥ 0; ε = 0 runs exactly {@code maxSteps} steps unless ∇f vanishes)
     * @param maxSteps step cap (≥ 0)
     * @param observer may be null; called at every t = 0..iterations with x_t before its step
     */
    public GdResult run(double[] x0, double eps, long maxSteps, StepObserver observer) {
        int d = objective.dim();
        Require.length("x0", x0, d);
        Require.finite("x0", x0);
        Require.nonNegative("eps", eps);
        Require.that(maxSteps >= 0, "maxSteps", maxSteps, "an integer >= 0");
        double[] x = x0.clone();
        double[] g = new double[d];
        boolean obsValue = observer != null && observer.needsValue();
        for (long t = 0; ; t++) {
            objective.gradient(x, g);
            DivergenceException.check("gradient", g, t);
            double gn = Vec.norm(g);
            if (observer != null) {
                double f = obsValue ? DivergenceException.check("f(x_t)", objective.value(x), t) : Double.NaN;
                observer.observe(t, x, f, gn);
            }
            if (gn <= eps || t >= maxSteps) {
                double f = DivergenceException.check("f(x_t)", objective.value(x), t);
                return new GdResult(x, t, gn <= eps, f, gn, eta, eps);
            }
            Vec.axpy(-eta, g, x);
        }
    }
}
