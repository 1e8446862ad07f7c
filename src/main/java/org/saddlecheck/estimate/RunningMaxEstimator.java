package org.saddlecheck.estimate;

import org.saddlecheck.util.Require;

/**
 * AMSGrad's running maximum of a diagonal second-moment estimate (Reddi et al. 2018). Two conventions:
 * <ul>
 *   <li>{@link Variant#TORCH} (torch.optim.Adam with {@code amsgrad=True}): the maximum is taken over the
 *       <em>raw</em> EMA v_t and then bias-corrected, v̂ = max_{s≤t} v_s / (1 − β2^t). The inner estimator
 *       must be an {@link EmaEstimator} without bias correction.</li>
 *   <li>{@link Variant#OPTAX} (optax.scale_by_amsgrad defaults): the maximum of the inner estimate itself,
 *       max_{s≤t} v̂_s; with a bias-corrected inner EMA this is optax's ν_max. With an uncorrected EMA it is
 *       the original AMSGrad paper's.</li>
 * </ul>
 * The maximum starts at 0 (both libraries). Diagonal only: an entrywise maximum of full matrices is not a
 * meaningful Loewner bound.
 */
public final class RunningMaxEstimator implements Estimator {
    /** Where the bias correction goes relative to the maximum. */
    public enum Variant { TORCH, OPTAX }

    private final Estimator inner;
    private final EmaEstimator ema; // non-null for TORCH
    private final Variant variant;
    private final int d;
    private final double[] max;
    private final double[] buf;

    public RunningMaxEstimator(Estimator inner, Variant variant) {
        this.inner = Require.notNull("inner", inner);
        this.variant = Require.notNull("variant", variant);
        Require.that(inner.shape() == Shape.DIAGONAL, "inner.shape()", inner.shape(), "DIAGONAL (running max is entrywise)");
        if (variant == Variant.TORCH) {
            if (!(inner instanceof EmaEstimator e) || e.biasCorrected()) {
                throw new IllegalArgumentException("inner = " + inner.describe() + " is not allowed: the TORCH variant needs "
                        + "an EmaEstimator without bias correction (the max is taken on the raw EMA, then corrected)");
            }
            this.ema = e;
        } else {
            this.ema = null;
        }
        this.d = inner.dim();
        this.max = new double[d];
        this.buf = new double[d];
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape shape() {
        return Shape.DIAGONAL;
    }

    @Override
    public int samplesPerUpdate() {
        return inner.samplesPerUpdate();
    }

    @Override
    public long betaClamps() {
        return inner.betaClamps();
    }

    @Override
    public void observe(double[] x, double[] g) {
        inner.observe(x, g);
        if (variant == Variant.TORCH) ema.raw(buf);
        else inner.estimate(x, buf);
        for (int i = 0; i < d; i++) max[i] = Math.max(max[i], buf[i]);
    }

    @Override
    public void estimate(double[] x, double[] out) {
        Require.length("out", out, d);
        if (variant == Variant.TORCH && inner.count() > 0) {
            double w = ema.weightSum();
            for (int i = 0; i < d; i++) out[i] = max[i] / w;
        } else {
            System.arraycopy(max, 0, out, 0, d);
        }
    }

    @Override
    public long count() {
        return inner.count();
    }

    @Override
    public void reset() {
        inner.reset();
        java.util.Arrays.fill(max, 0.0);
    }

    @Override
    public String describe() {
        return "running-max-" + variant.name().toLowerCase(java.util.Locale.ROOT) + "(" + inner.describe() + ")";
    }

    /** accumulator = running max; auxiliary = [inner accumulator..., inner auxiliary...]; count = inner count. */
    @Override
    public EstimatorState state() {
        EstimatorState in = inner.state();
        double[] aux = new double[in.accumulator().length + in.auxiliary().length];
        System.arraycopy(in.accumulator(), 0, aux, 0, in.accumulator().length);
        System.arraycopy(in.auxiliary(), 0, aux, in.accumulator().length, in.auxiliary().length);
        return new EstimatorState("running-max/" + in.kind(), in.count(), max.clone(), aux);
    }

    @Override
    public void restore(EstimatorState s) {
        EstimatorState cur = inner.state();
        int a = cur.accumulator().length;
        int b = cur.auxiliary().length;
        Samples.checkState(s, "running-max/" + cur.kind(), d, a + b);
        double[] aux = s.auxiliary();
        inner.restore(new EstimatorState(cur.kind(), s.count(), java.util.Arrays.copyOfRange(aux, 0, a),
                java.util.Arrays.copyOfRange(aux, a, a + b)));
        System.arraycopy(s.accumulator(), 0, max, 0, d);
    }
}
