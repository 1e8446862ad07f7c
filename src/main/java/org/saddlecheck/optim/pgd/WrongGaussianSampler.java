package org.saddlecheck.optim.pgd;

import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * WRONG on purpose (negative control): ξ ~ N(0, σ²I) with a fixed per-coordinate standard deviation σ, so
 * ‖ξ‖ ≈ σ√d grows with d and is unbounded (CLAIMS.md JIN-DIMFREE negative control). {@link #stdEqualToRadius()}
 * uses σ = r (the radius passed at each call); {@link #withStd(double)} uses a fixed σ and ignores r.
 */
public final class WrongGaussianSampler implements PerturbationSampler {
    private final double sigma; // NaN: use σ = r

    private WrongGaussianSampler(double sigma) {
        this.sigma = sigma;
    }

    /** σ = r per coordinate. */
    public static WrongGaussianSampler stdEqualToRadius() {
        return new WrongGaussianSampler(Double.NaN);
    }

    /** A fixed σ per coordinate, whatever r is. */
    public static WrongGaussianSampler withStd(double sigma) {
        return new WrongGaussianSampler(Require.positive("sigma", sigma));
    }

    @Override
    public void sample(Gaussian gaussian, double r, double[] out) {
        double s = Double.isNaN(sigma) ? r : sigma;
        gaussian.fill(out);
        for (int i = 0; i < out.length; i++) out[i] *= s;
    }

    @Override
    public String name() {
        return Double.isNaN(sigma) ? "WRONG-gaussian(std=r)" : "WRONG-gaussian(std=" + sigma + ")";
    }

    @Override
    public boolean isNegativeControl() {
        return true;
    }
}
