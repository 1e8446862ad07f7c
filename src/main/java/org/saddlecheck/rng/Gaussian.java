package org.saddlecheck.rng;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.saddlecheck.util.Require;

/** Standard normal draws (Commons RNG's ziggurat) and common random vectors; allocation-free. */
public final class Gaussian {
    private final NormalizedGaussianSampler sampler;
    private final UniformRandomProvider rng;

    public Gaussian(UniformRandomProvider rng) {
        this.rng = rng;
        this.sampler = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    public double next() {
        return sampler.sample();
    }

    public UniformRandomProvider rng() {
        return rng;
    }

    /** Fills out with i.i.d. N(0,1). */
    public void fill(double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = sampler.sample();
    }

    /** ±1 with probability 1/2 each. */
    public static double rademacher(UniformRandomProvider rng) {
        return rng.nextBoolean() ? 1.0 : -1.0;
    }

    /**
     * Uniform sample in the Euclidean ball of radius r (volume-uniform): direction = normalised Gaussian,
     * radius = r·U^(1/d) computed as r·exp(log(U)/d) (CLAIMS.md §8.5).
     */
    public void uniformInBall(double r, double[] out) {
        Require.nonNegative("r", r);
        Require.positive("d", out.length);
        int d = out.length;
        double s;
        do {
            fill(out);
            s = 0;
            for (double v : out) s += v * v;
        } while (s == 0);
        double u = rng.nextDouble();
        while (u == 0) u = rng.nextDouble();
        double radius = r * Math.exp(Math.log(u) / d);
        double scale = radius / Math.sqrt(s);
        for (int i = 0; i < d; i++) out[i] *= scale;
    }
}
