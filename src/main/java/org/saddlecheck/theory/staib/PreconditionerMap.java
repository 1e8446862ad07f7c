package org.saddlecheck.theory.staib;

import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.util.Require;

/**
 * A preconditioner as a function of the second-moment matrix: A = map(G, ε) (Staib et al. §4.2.1). The claims of
 * this package take one as a constructor parameter so that unit tests can inject a broken one (ε outside the root,
 * a dropped square root) and watch the claim go VIOLATED.
 */
@FunctionalInterface
public interface PreconditionerMap {
    /** A (row-major d×d, symmetric positive definite) built from the symmetric PSD G. Allocates. */
    double[] matrix(double[] g, int d, double eps);

    /** Staib Prop. 4.4: A = (G + εI)^{−1/2} (full-matrix RMSProp, ε inside the root). */
    PreconditionerMap FULL_INSIDE = (g, d, eps) -> ExactLinalg.invRoot(g, d, eps, EpsPlacement.INSIDE);

    /** STAIB-VAR-ADAM: A = (G^{1/2} + εI)^{−1} (ε outside the root). */
    PreconditionerMap FULL_OUTSIDE = (g, d, eps) -> ExactLinalg.invRoot(g, d, eps, EpsPlacement.OUTSIDE);

    /** STAIB-C-DIAG: A = (diag(G) + εI)^{−1/2}. */
    PreconditionerMap DIAGONAL_INSIDE = (g, d, eps) -> {
        Require.length("g", g, d * d);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            double v = Math.max(g[i * d + i], 0.0) + eps;
            if (!(v > 0)) throw new IllegalArgumentException("diag(G)[" + i + "] + eps = " + v + " is not allowed: it must be > 0");
            a[i * d + i] = 1.0 / Math.sqrt(v);
        }
        return a;
    };

    /** Prop. 4.3: A = I. */
    PreconditionerMap IDENTITY = (g, d, eps) -> org.saddlecheck.linalg.Mat.identity(d);
}
