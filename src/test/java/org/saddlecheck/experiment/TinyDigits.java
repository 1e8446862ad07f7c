package org.saddlecheck.experiment;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.rng.Seeds;

/** Small sparse synthetic classification sets for the Figure 2 tests ("synthetic test data": tests only). */
final class TinyDigits {
    private TinyDigits() {}

    /**
     * n examples, p features in [0, 1] with about half exactly zero, K classes; class c has a raised block of
     * features so the problem is learnable.
     */
    static Dataset make(int n, int p, int k, long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        double[] x = new double[n * p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(k);
            for (int j = 0; j < p; j++) {
                boolean own = j % k == y[i];
                double v = rng.nextDouble();
                x[i * p + j] = own ? (v < 0.2 ? 0 : v) : (v < 0.7 ? 0 : v * 0.5);
            }
        }
        return new Dataset("synthetic test data (n=" + n + ", p=" + p + ", K=" + k + ")", n, p, k, x, y);
    }
}
