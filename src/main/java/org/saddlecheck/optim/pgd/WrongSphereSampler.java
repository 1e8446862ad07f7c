package org.saddlecheck.optim.pgd;

import org.saddlecheck.rng.Gaussian;

/**
 * WRONG on purpose (negative control): uniform on the sphere of radius r instead of in the ball. Every draw has
 * ‖ξ‖ = r, so E‖ξ‖² = r² instead of d r²/(d+2) (CLAIMS.md §8.5, X3). In high d the one-coordinate marginal is almost
 * the ball's, so only the norm check catches it there. Never use it for claim checks other than as a control.
 */
public final class WrongSphereSampler implements PerturbationSampler {
    public static final WrongSphereSampler INSTANCE = new WrongSphereSampler();

    private WrongSphereSampler() {}

    @Override
    public void sample(Gaussian gaussian, double r, double[] out) {
        double s;
        do {
            gaussian.fill(out);
            s = 0;
            for (double v : out) s += v * v;
        } while (s == 0);
        double scale = r / Math.sqrt(s);
        for (int i = 0; i < out.length; i++) out[i] *= scale;
    }

    @Override
    public String name() {
        return "WRONG-sphere";
    }

    @Override
    public boolean isNegativeControl() {
        return true;
    }
}
