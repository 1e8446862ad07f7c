package org.saddlecheck.experiment;

import org.saddlecheck.problem.Dataset;
import org.saddlecheck.util.Require;

/**
 * A {@link Dataset} in compressed sparse rows (CSR) for the Figure 2 training loop: MNIST images are about 80% zero
 * pixels, so the minibatch gradient and the loss touch only the non-zero features (exact: skipped terms are
 * products with 0). Row i's features are {@code col[rowStart[i] .. rowStart[i+1])} with values {@code val[…]}, in
 * increasing column order.
 */
public final class SparseDigits {
    final int n, p, classes;
    final int[] rowStart, col, labels;
    final double[] val;
    final String name;

    public SparseDigits(Dataset data) {
        Require.notNull("data", data);
        this.n = data.n();
        this.p = data.p();
        this.classes = data.classes();
        this.labels = data.labels();
        this.name = data.name();
        double[] x = data.features();
        long nnz = 0;
        for (double v : x) if (v != 0) nnz++;
        Require.that(nnz < Integer.MAX_VALUE - 16, "non-zero features", nnz, "fewer than 2^31");
        rowStart = new int[n + 1];
        col = new int[(int) nnz];
        val = new double[(int) nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = k;
            int off = i * p;
            for (int j = 0; j < p; j++) {
                double v = x[off + j];
                if (v != 0) {
                    col[k] = j;
                    val[k++] = v;
                }
            }
        }
        rowStart[n] = k;
    }

    public int n() {
        return n;
    }

    public int p() {
        return p;
    }

    public int classes() {
        return classes;
    }

    public String name() {
        return name;
    }

    /** Mean number of non-zero features per example of a data set (the cost of one example in the Figure 2 loop). */
    public static double meanNonZeros(Dataset data) {
        Require.notNull("data", data);
        long nnz = 0;
        for (double v : data.features()) if (v != 0) nnz++;
        return (double) nnz / data.n();
    }

    /** Fraction of non-zero features. */
    public double density() {
        return (double) col.length / ((double) n * p);
    }
}
