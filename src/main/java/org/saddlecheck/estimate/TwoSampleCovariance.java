package org.saddlecheck.estimate;

import org.saddlecheck.util.Require;

/**
 * Staib et al. §5.3 (STAIB-S5.3 / STAIB-VAR-COV): estimate the gradient covariance Σ(x) = Cov(g) from pairs
 * of independent stochastic gradients g1, g2 drawn at the same x. Y = (g1 − g2)(g1 − g2)ᵀ has
 * E[Y] = 2Σ, not Σ as the paper says (CLAIMS.md I4), so this estimator feeds Y/2 into an inner sample-based
 * estimator (EMA in the paper; any {@link EmaEstimator}, {@link WindowEstimator} or
 * {@link AdagradEstimator} works): the inner estimator observes h = (g1 − g2)/√2, whose h hᵀ is Y/2.
 *
 * <p>{@link #observe} buffers the first gradient of each pair and updates the inner estimator on the second;
 * both must be drawn at the same x (checked exactly). {@link #count()} is the number of completed pairs
 * (= inner updates); {@link #samplesPerUpdate()} is 2. The estimate is the inner estimator's.
 */
public final class TwoSampleCovariance implements Estimator {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private final Estimator inner;
    private final int d;
    private final double[] first;
    private final double[] firstX;
    private final double[] h;
    private boolean pending;
    private boolean firstHasX;

    public TwoSampleCovariance(Estimator inner) {
        this.inner = Require.notNull("inner", inner);
        Require.that(inner.samplesPerUpdate() == 1 && inner.usesSamples(), "inner", inner.describe(),
                "an estimator that consumes one sample per update (EMA, window, Adagrad)");
        this.d = inner.dim();
        this.first = new double[d];
        this.firstX = new double[d];
        this.h = new double[d];
    }

    /** The paper's estimator: EMA (constant β) of Y/2, full or diagonal, optionally bias-corrected. */
    public static TwoSampleCovariance ema(int d, Shape shape, double beta, boolean biasCorrected) {
        return new TwoSampleCovariance(new EmaEstimator(d, shape, beta, biasCorrected, null));
    }

    public Estimator inner() {
        return inner;
    }

    /** True when the first gradient of a pair is buffered and the second is awaited. */
    public boolean pending() {
        return pending;
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape shape() {
        return inner.shape();
    }

    @Override
    public int samplesPerUpdate() {
        return 2;
    }

    @Override
    public long betaClamps() {
        return inner.betaClamps();
    }

    @Override
    public void observe(double[] x, double[] g) {
        Samples.checkSample(x, g, d);
        if (!pending) {
            System.arraycopy(g, 0, first, 0, d);
            firstHasX = x != null;
            if (firstHasX) System.arraycopy(x, 0, firstX, 0, d);
            pending = true;
            return;
        }
        if (firstHasX && x != null) {
            for (int i = 0; i < d; i++) {
                if (Double.doubleToLongBits(x[i]) != Double.doubleToLongBits(firstX[i])) {
                    throw new IllegalArgumentException("x[" + i + "] = " + x[i] + " is not allowed: the two gradients of a pair "
                            + "must be drawn at the same x (first was drawn at x[" + i + "] = " + firstX[i] + ")");
                }
            }
        }
        for (int i = 0; i < d; i++) h[i] = (first[i] - g[i]) * INV_SQRT2;
        inner.observe(x, h);
        pending = false;
    }

    @Override
    public void estimate(double[] x, double[] out) {
        inner.estimate(x, out);
    }

    @Override
    public long count() {
        return inner.count();
    }

    @Override
    public void reset() {
        inner.reset();
        pending = false;
        firstHasX = false;
    }

    @Override
    public String describe() {
        return "two-sample-cov(Y/2 into " + inner.describe() + ")";
    }

    /**
     * accumulator = inner accumulator; auxiliary = [pending, firstHasX, g1 (d), x1 (d), inner auxiliary...];
     * count = inner count.
     */
    @Override
    public EstimatorState state() {
        EstimatorState in = inner.state();
        double[] aux = new double[2 + 2 * d + in.auxiliary().length];
        aux[0] = pending ? 1 : 0;
        aux[1] = firstHasX ? 1 : 0;
        System.arraycopy(first, 0, aux, 2, d);
        System.arraycopy(firstX, 0, aux, 2 + d, d);
        System.arraycopy(in.auxiliary(), 0, aux, 2 + 2 * d, in.auxiliary().length);
        return new EstimatorState("two-sample-cov/" + in.kind(), in.count(), in.accumulator(), aux);
    }

    @Override
    public void restore(EstimatorState s) {
        EstimatorState cur = inner.state();
        int innerAux = cur.auxiliary().length;
        Samples.checkState(s, "two-sample-cov/" + cur.kind(), cur.accumulator().length, 2 + 2 * d + innerAux);
        double[] aux = s.auxiliary();
        inner.restore(new EstimatorState(cur.kind(), s.count(), s.accumulator(),
                java.util.Arrays.copyOfRange(aux, 2 + 2 * d, aux.length)));
        pending = aux[0] != 0;
        firstHasX = aux[1] != 0;
        System.arraycopy(aux, 2, first, 0, d);
        System.arraycopy(aux, 2 + d, firstX, 0, d);
    }
}
