package org.saddlecheck.optim.pgd;

import org.saddlecheck.rng.Gaussian;

/**
 * WRONG on purpose (negative control): the radius law of a public PyTorch PGD port (ANCHORS.md §1, CLAIMS.md
 * §8.5): u ~ Uniform(0, r), radius = u^(1/d) = (r·U)^(1/d) instead of r·U^(1/d). In high d the norm is ≈ 1 ≫ r.
 * It coincides with the correct law when d = 1 or r = 1, so sampler checks cannot catch it there.
 */
public final class WrongRadiusLawSampler implements PerturbationSampler {
    public static final WrongRadiusLawSampler INSTANCE = new WrongRadiusLawSampler();

    private WrongRadiusLawSampler() {}

    @Override
    public void sample(Gaussian gaussian, double r, double[] out) {
        int d = out.length;
        double s;
        do {
            gaussian.fill(out);
            s = 0;
            for (double v : out) s += v * v;
        } while (s == 0);
        double u = gaussian.rng().nextDouble();
        while (u == 0) u = gaussian.rng().nextDouble();
        double radius = Math.exp(Math.log(r * u) / d); // (r·U)^(1/d): the bug being reproduced
        double scale = radius / Math.sqrt(s);
        for (int i = 0; i < d; i++) out[i] *= scale;
    }

    @Override
    public String name() {
        return "WRONG-radius-law-(rU)^(1/d)";
    }

    @Override
    public boolean isNegativeControl() {
        return true;
    }
}
