package org.saddlecheck.estimate;

import org.saddlecheck.util.Require;

/**
 * Adagrad's running sum G_t = G_0 + Σ_{i≤t} Y_i with Y = g gᵀ (full-matrix Adagrad, STAIB-INTRO-ADAGRAD) or
 * g ⊙ g (diagonal). G_0 is the initial accumulator: torch.optim.Adagrad's {@code initial_accumulator_value}
 * (default 0) or optax.adagrad's (default 0.1), times I for the full shape.
 */
public final class AdagradEstimator implements Estimator {
    private final int d;
    private final Shape shape;
    private final double[] initial;
    private final double[] acc;
    private long count;

    /** G_0 = initial (a symmetric PSD matrix or a nonnegative vector; null means 0). */
    public AdagradEstimator(int d, Shape shape, double[] initial) {
        this.d = Require.positive("d", d);
        this.shape = Require.notNull("shape", shape);
        this.initial = initial == null ? new double[shape.length(d)] : Samples.psdCopy("initial", initial, shape, d);
        this.acc = this.initial.clone();
    }

    /** G_0 = value·I (full) or value·1 (diagonal), value ≥ 0. */
    public static AdagradEstimator of(int d, Shape shape, double initialValue) {
        Require.nonNegative("initialValue", initialValue);
        Require.positive("d", d);
        Require.notNull("shape", shape);
        double[] init = new double[shape.length(d)];
        if (shape == Shape.DIAGONAL) java.util.Arrays.fill(init, initialValue);
        else for (int i = 0; i < d; i++) init[i * d + i] = initialValue;
        return new AdagradEstimator(d, shape, init);
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
    public void observe(double[] x, double[] g) {
        Samples.checkSample(x, g, d);
        Samples.add(acc, 1.0, g, shape, d);
        count++;
    }

    @Override
    public void estimate(double[] x, double[] out) {
        Require.length("out", out, acc.length);
        System.arraycopy(acc, 0, out, 0, acc.length);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void reset() {
        System.arraycopy(initial, 0, acc, 0, acc.length);
        count = 0;
    }

    private String kind() {
        return shape == Shape.FULL ? "adagrad-full" : "adagrad-diag";
    }

    /** "v" when G_0 = v·I (full) or v·1 (diagonal), else "custom". */
    private String initialLabel() {
        double v = initial[0];
        for (int i = 0; i < d; i++) {
            if (shape == Shape.DIAGONAL) {
                if (initial[i] != v) return "custom";
                continue;
            }
            for (int j = 0; j < d; j++) {
                if (initial[i * d + j] != (i == j ? v : 0.0)) return "custom";
            }
        }
        return Double.toString(v);
    }

    @Override
    public String describe() {
        return kind() + "(initial=" + initialLabel() + ")";
    }

    /** accumulator = G_t; no auxiliary data. */
    @Override
    public EstimatorState state() {
        return new EstimatorState(kind(), count, acc.clone(), new double[0]);
    }

    @Override
    public void restore(EstimatorState s) {
        Samples.checkState(s, kind(), acc.length, 0);
        System.arraycopy(s.accumulator(), 0, acc, 0, acc.length);
        count = s.count();
    }
}
