package org.saddlecheck.problem;

import org.saddlecheck.linalg.Mat;

/** Exact gradient second moments of a stochastic oracle: G(x) = E[g gᵀ] and Σ(x) = Cov(g) = G − ∇f∇fᵀ. */
public interface SecondMoments {
    int dim();

    /** out = G(x) = E[g gᵀ], row-major d×d. */
    void secondMoment(double[] x, double[] out);

    /** out = Σ(x) = Cov(g). The default computes G(x) − ∇f(x)∇f(x)ᵀ when this is also an Objective. */
    default void covariance(double[] x, double[] out) {
        if (!(this instanceof Objective f)) throw new UnsupportedOperationException("covariance needs the gradient");
        secondMoment(x, out);
        double[] grad = new double[dim()];
        f.gradient(x, grad);
        Mat.addOuter(out, -1.0, grad);
    }
}
