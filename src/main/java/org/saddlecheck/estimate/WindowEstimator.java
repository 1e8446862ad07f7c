package org.saddlecheck.estimate;

import org.saddlecheck.util.Require;

/**
 * Sliding-window mean of the last W samples Y = g gᵀ (full) or g ⊙ g (diagonal): the "window" estimator of
 * Staib et al.'s estimability definition (Def. 4.1, window length W). Before W samples have been seen the
 * mean is over the samples so far; with none it is 0.
 *
 * <p>A ring buffer holds the last W samples; a running sum is updated in O(d²) per sample and recomputed
 * exactly from the buffer every W samples, which keeps the add/subtract rounding drift bounded.
 */
public final class WindowEstimator implements Estimator {
    private final int d;
    private final Shape shape;
    private final int window;
    private final int len;
    private final double[] buffer; // window × len, slot k at k*len
    private final double[] sum;
    private long count;

    public WindowEstimator(int d, Shape shape, int window) {
        this.d = Require.positive("d", d);
        this.shape = Require.notNull("shape", shape);
        this.window = Require.positive("window", window);
        this.len = shape.length(d);
        if ((long) window * len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("window = " + window + " is not allowed: window * " + len
                    + " doubles must fit in one array (at most " + (Integer.MAX_VALUE - 8) + ")");
        }
        this.buffer = new double[window * len];
        this.sum = new double[len];
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    public int window() {
        return window;
    }

    @Override
    public void observe(double[] x, double[] g) {
        Samples.checkSample(x, g, d);
        int slot = (int) (count % window);
        int off = slot * len;
        if (count >= window) {
            for (int i = 0; i < len; i++) sum[i] -= buffer[off + i];
        }
        if (shape == Shape.DIAGONAL) {
            for (int i = 0; i < d; i++) buffer[off + i] = g[i] * g[i];
        } else {
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = g[i] * g[j];
                    buffer[off + i * d + j] = v;
                    buffer[off + j * d + i] = v;
                }
            }
        }
        for (int i = 0; i < len; i++) sum[i] += buffer[off + i];
        count++;
        if (count % window == 0) recomputeSum();
    }

    private void recomputeSum() {
        int n = (int) Math.min(count, window);
        java.util.Arrays.fill(sum, 0.0);
        for (int k = 0; k < n; k++) {
            int off = k * len;
            for (int i = 0; i < len; i++) sum[i] += buffer[off + i];
        }
    }

    @Override
    public void estimate(double[] x, double[] out) {
        Require.length("out", out, len);
        long n = Math.min(count, window);
        if (n == 0) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        for (int i = 0; i < len; i++) out[i] = sum[i] / n;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(buffer, 0.0);
        java.util.Arrays.fill(sum, 0.0);
        count = 0;
    }

    private String kind() {
        return shape == Shape.FULL ? "window-full" : "window-diag";
    }

    @Override
    public String describe() {
        return kind() + "(W=" + window + ")";
    }

    /** accumulator = ring buffer (slot k = sample number k mod W); auxiliary = running sum. */
    @Override
    public EstimatorState state() {
        return new EstimatorState(kind(), count, buffer.clone(), sum.clone());
    }

    @Override
    public void restore(EstimatorState s) {
        Samples.checkState(s, kind(), buffer.length, len);
        System.arraycopy(s.accumulator(), 0, buffer, 0, buffer.length);
        System.arraycopy(s.auxiliary(), 0, sum, 0, len);
        count = s.count();
    }
}
