package org.saddlecheck.estimate;

import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.SecondMoments;
import org.saddlecheck.util.Require;

/**
 * The exact oracle "estimator": reports the true G(x) = E[g gᵀ] or Σ(x) = Cov(g) at the queried x, from the
 * problem's {@link SecondMoments}. With a preconditioner (G + εI)^{−1/2} this is Staib et al.'s idealized
 * adaptive method (Alg. 1 with A(x) = E[g gᵀ]^{−1/2}, "IAM"). Samples are ignored ({@link #usesSamples()} is
 * false; {@link #count()} still counts them). {@link Shape#DIAGONAL} reports diag(G(x)) (or diag(Σ(x))).
 *
 * <p>Covariance: if the problem overrides {@link SecondMoments#covariance} it is called; otherwise (the
 * interface default allocates) Σ = G − ∇f∇fᵀ is formed here with preallocated buffers, which needs the
 * problem to be an {@link Objective}.
 */
public final class ExactEstimator implements Estimator {
    /** Which exact moment to report. */
    public enum Moment { SECOND_MOMENT, COVARIANCE }

    private final SecondMoments moments;
    private final Objective objective; // for the covariance fallback; may be null
    private final boolean ownCovariance;
    private final Moment moment;
    private final Shape shape;
    private final int d;
    private final double[] full;
    private final double[] grad;
    private long count;

    public ExactEstimator(SecondMoments moments, Moment moment, Shape shape) {
        this.moments = Require.notNull("moments", moments);
        this.moment = Require.notNull("moment", moment);
        this.shape = Require.notNull("shape", shape);
        this.d = Require.positive("moments.dim()", moments.dim());
        boolean overridden;
        try {
            overridden = moments.getClass().getMethod("covariance", double[].class, double[].class).getDeclaringClass()
                    != SecondMoments.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        this.ownCovariance = moment == Moment.COVARIANCE && !overridden;
        this.objective = moments instanceof Objective o ? o : null;
        if (ownCovariance && objective == null) {
            throw new IllegalArgumentException("moments = " + moments.getClass().getName() + " is not allowed: the covariance "
                    + "needs the gradient, so moments must override covariance() or also implement Objective");
        }
        if (objective != null) Require.sameDimension("objective", objective.dim(), d);
        this.full = new double[d * d];
        this.grad = new double[d];
    }

    /** True G(x), full (the idealized RMSProp's second moment). */
    public static ExactEstimator secondMoment(SecondMoments m) {
        return new ExactEstimator(m, Moment.SECOND_MOMENT, Shape.FULL);
    }

    /** True Σ(x), full. */
    public static ExactEstimator covariance(SecondMoments m) {
        return new ExactEstimator(m, Moment.COVARIANCE, Shape.FULL);
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public boolean usesSamples() {
        return false;
    }

    @Override
    public void observe(double[] x, double[] g) {
        Samples.checkSample(x, g, d);
        count++;
    }

    @Override
    public void estimate(double[] x, double[] out) {
        Require.notNull("x", x);
        Require.length("x", x, d);
        Require.length("out", out, shape.length(d));
        double[] target = shape == Shape.FULL ? out : full;
        if (moment == Moment.SECOND_MOMENT) {
            moments.secondMoment(x, target);
        } else if (ownCovariance) {
            moments.secondMoment(x, target);
            objective.gradient(x, grad);
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = target[i * d + j] - grad[i] * grad[j];
                    target[i * d + j] = v;
                    target[j * d + i] = v;
                }
            }
        } else {
            moments.covariance(x, target);
        }
        if (shape == Shape.DIAGONAL) {
            for (int i = 0; i < d; i++) out[i] = full[i * d + i];
        }
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void reset() {
        count = 0;
    }

    private String kind() {
        return "exact-" + (moment == Moment.SECOND_MOMENT ? "G" : "Sigma") + (shape == Shape.FULL ? "-full" : "-diag");
    }

    @Override
    public String describe() {
        return kind() + "(" + (objective != null ? objective.name() : moments.getClass().getSimpleName()) + ")";
    }

    @Override
    public EstimatorState state() {
        return new EstimatorState(kind(), count, new double[0], new double[0]);
    }

    @Override
    public void restore(EstimatorState s) {
        Samples.checkState(s, kind(), 0, 0);
        count = s.count();
    }
}
