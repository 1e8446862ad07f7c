package org.saddlecheck.problem;

/**
 * A smooth objective f: R^d → R with analytic gradient and Hessian. Implementations are immutable and
 * thread-safe (no mutable scratch shared between calls), so one instance serves all trials.
 * Dense matrices are row-major {@code double[d*d]}.
 */
public interface Objective {
    int dim();

    double value(double[] x);

    /** out = ∇f(x) */
    void gradient(double[] x, double[] out);

    /** out = ∇²f(x), row-major d×d. */
    void hessian(double[] x, double[] out);

    /** Certified constants (ℓ, ρ, f*); NaN where unknown. */
    default Constants constants() {
        return Constants.UNKNOWN;
    }

    /** Short human-readable name, e.g. "fig1-saddle(d=2)". */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Feasible set; the identity for unconstrained problems. */
    default Domain domain() {
        return Domain.UNCONSTRAINED;
    }
}
