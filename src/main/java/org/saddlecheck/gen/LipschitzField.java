package org.saddlecheck.gen;

/**
 * A matrix field x ↦ G(x) (symmetric d×d, row-major) that is L-Lipschitz in the operator norm,
 * ‖G(x) − G(y)‖ ≤ L‖x − y‖ (Staib et al. Thm. 4.1; CLAIMS.md §7.1 a–d), with L known by construction.
 * Certify it empirically with {@link LipschitzFields#certify}. Instances may hold scratch buffers: one per trial.
 */
public interface LipschitzField {
    int dim();

    /** The Lipschitz constant L by construction. */
    double lipschitz();

    /** True if {@link #lipschitz()} is the exact constant (a–c), false if it is only an upper bound (d). */
    boolean lipschitzExact();

    /** G(x) is PSD (and the constant valid) for ‖x‖ ≤ this radius; +∞ for global fields. */
    double domainRadius();

    /** G(x) into out (d*d), symmetric; allocation-free. */
    void value(double[] x, double[] out);

    /** A unit direction along which L is (nearly) attained, or null if none is known. */
    double[] worstDirection();

    String describe();
}
