package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.saddlecheck.util.Require;

/**
 * An in-memory classification data set (for {@link SoftmaxRegression}; STAIB-FIG2 uses MNIST, loaded elsewhere).
 * Features are stored flat and row-major: example i, feature j is {@code features[i*p + j]}; labels are in
 * [0, classes). {@code name} records where the data came from (e.g. "mnist-train", "synthetic-blobs(seed=…)").
 * The arrays are not copied (data sets can be large): treat them as read-only.
 */
public record Dataset(String name, int n, int p, int classes, double[] features, int[] labels) {
    public Dataset {
        Require.notNull("name", name);
        Require.positive("n", n);
        Require.positive("p", p);
        Require.that(classes >= 2, "classes", classes, "an integer >= 2");
        Require.notNull("features", features);
        Require.that(features.length == (long) n * p, "features.length", features.length, "n*p = " + ((long) n * p));
        Require.finite("features", features);
        Require.notNull("labels", labels);
        Require.that(labels.length == n, "labels.length", labels.length, "n = " + n);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not allowed: labels must be in [0, "
                        + (classes - 1) + "]");
            }
        }
    }

    /** From a ragged-free 2-D array x[n][p] (copied into the flat layout). */
    public static Dataset of(String name, double[][] x, int[] labels, int classes) {
        Require.notNull("x", x);
        Require.positive("x.length", x.length);
        int n = x.length, p = Require.notNull("x[0]", x[0]).length;
        double[] f = new double[n * p];
        for (int i = 0; i < n; i++) {
            Require.notNull("x[" + i + "]", x[i]);
            Require.that(x[i].length == p, "x[" + i + "].length", x[i].length, "p = " + p + " (all rows the same length)");
            System.arraycopy(x[i], 0, f, i * p, p);
        }
        return new Dataset(name, n, p, classes, f, labels);
    }

    public double feature(int i, int j) {
        return features[i * p + j];
    }

    /**
     * Synthetic Gaussian blobs: class means μ_k ~ N(0, separation²·I), labels uniform over the classes, and
     * x_i = μ_{y_i} + N(0, I). For tests and smoke runs.
     */
    public static Dataset gaussianBlobs(int n, int p, int classes, double separation, UniformRandomProvider rng) {
        Require.positive("n", n);
        Require.positive("p", p);
        Require.that(classes >= 2, "classes", classes, "an integer >= 2");
        Require.nonNegative("separation", separation);
        Require.notNull("rng", rng);
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] mu = new double[classes * p];
        for (int i = 0; i < mu.length; i++) mu[i] = separation * g.sample();
        double[] f = new double[n * p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
            for (int j = 0; j < p; j++) f[i * p + j] = mu[y[i] * p + j] + g.sample();
        }
        return new Dataset("gaussian-blobs(n=" + n + ", p=" + p + ", K=" + classes + ", sep=" + separation + ")", n, p, classes, f, y);
    }
}
