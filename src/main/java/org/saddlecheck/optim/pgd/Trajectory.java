package org.saddlecheck.optim.pgd;

import java.util.Arrays;
import org.saddlecheck.util.Require;

/**
 * A preallocated {@link StepObserver} that stores f(x_t) and ‖∇f(x_t)‖ of every {@code stride}-th iteration (for
 * charts), up to a fixed capacity; later samples are counted as dropped. Allocation-free while recording.
 * Not thread-safe: one instance per run.
 */
public final class Trajectory implements StepObserver {
    private final long[] t;
    private final double[] f;
    private final double[] gradNorm;
    private final int stride;
    private final boolean recordValue;
    private int size;
    private long dropped;

    /** Records f and ‖∇f‖ at every iteration. */
    public Trajectory(int capacity) {
        this(capacity, 1, true);
    }

    /**
     * @param capacity    maximum number of stored samples
     * @param stride      store iterations t with t % stride == 0
     * @param recordValue evaluate f at every step (false: only ‖∇f‖ is meaningful; f may be NaN)
     */
    public Trajectory(int capacity, int stride, boolean recordValue) {
        Require.positive("capacity", capacity);
        Require.positive("stride", stride);
        this.t = new long[capacity];
        this.f = new double[capacity];
        this.gradNorm = new double[capacity];
        this.stride = stride;
        this.recordValue = recordValue;
    }

    @Override
    public void observe(long iteration, double[] x, double value, double gn) {
        if (iteration % stride != 0) return;
        if (size == t.length) {
            dropped++;
            return;
        }
        t[size] = iteration;
        f[size] = value;
        gradNorm[size] = gn;
        size++;
    }

    @Override
    public boolean needsValue() {
        return recordValue;
    }

    public int size() {
        return size;
    }

    /** Samples that did not fit. */
    public long dropped() {
        return dropped;
    }

    public long iteration(int i) {
        check(i);
        return t[i];
    }

    public double value(int i) {
        check(i);
        return f[i];
    }

    public double gradNorm(int i) {
        check(i);
        return gradNorm[i];
    }

    /** Copies of the stored samples. */
    public long[] iterations() {
        return Arrays.copyOf(t, size);
    }

    public double[] values() {
        return Arrays.copyOf(f, size);
    }

    public double[] gradNorms() {
        return Arrays.copyOf(gradNorm, size);
    }

    /** Forgets all samples (reuse for another run). */
    public void clear() {
        size = 0;
        dropped = 0;
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("i = " + i + " is not allowed: i must be in [0, " + (size - 1) + "]");
        }
    }
}
