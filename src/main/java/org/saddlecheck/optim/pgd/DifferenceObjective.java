package org.saddlecheck.optim.pgd;

import org.saddlecheck.problem.Objective;

/**
 * An {@link Objective} that can compute f(x) − f(y) more accurately than {@code value(x) − value(y)}, e.g.
 * analytically for quadratic or Taylor-exact models, or with compensated summation (CLAIMS.md §8.8). PGD's
 * termination test {@code f(x_t) − f(x̃) > −f_thres} uses it when the objective implements this interface; f_thres
 * can be ~1e-9 or smaller while |f| = O(1), so the plain difference may be pure rounding noise.
 */
public interface DifferenceObjective extends Objective {
    /** f(x) − f(y). The default is the plain difference; override it with an accurate form. */
    default double valueDifference(double[] x, double[] y) {
        return value(x) - value(y);
    }

    /** Whether {@link #valueDifference} is more accurate than the plain difference (reported in results). */
    default boolean accurateDifference() {
        return false;
    }
}
