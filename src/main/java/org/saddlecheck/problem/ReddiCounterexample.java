package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.util.Require;

/**
 * Reddi et al. (2018b)'s counterexample as discussed in Staib et al. §3.2 (CLAIMS.md STAIB-S3.2), d = 1 on the
 * feasible set [−1, 1]: F(x) = p f₁(x) + (1 − p) f₂(x), f₁(x) = Cx, f₂(x) = −x, p = (1 + ζ)/(C + 1). The oracle
 * returns C with probability p and −1 otherwise.
 *
 * <p>Exact identities [SEED/DER]: F(x) = ζx (minimised at x = −1, so f* = −ζ on [−1, 1]);
 * E[g²] = pC² + (1 − p) = C(1 + ζ) − ζ, independent of x. Requires ζ > 0 and C > ζ (so that p ∈ (0, 1)).
 * Constants: ℓ = 0, ρ = 0 (F is linear), f* = −ζ on [−1, 1]. {@link #domain()} is the box [−1, 1].
 */
public final class ReddiCounterexample implements Problem, SecondMoments {
    private final double c;
    private final double zeta;
    private final double p;

    public ReddiCounterexample(double c, double zeta) {
        this.c = Require.positive("C", c);
        this.zeta = Require.positive("zeta", zeta);
        Require.that(c > zeta, "C", c, "> zeta = " + zeta + " so that p = (1+zeta)/(C+1) < 1");
        this.p = (1 + zeta) / (c + 1);
    }

    @Override
    public int dim() {
        return 1;
    }

    public double bigC() {
        return c;
    }

    public double zeta() {
        return zeta;
    }

    /** p = (1 + ζ)/(C + 1). */
    public double p() {
        return p;
    }

    /** E[g²] = C(1 + ζ) − ζ (closed form). */
    public double expectedSquaredGradient() {
        return c * (1 + zeta) - zeta;
    }

    /** F(x) = ζx, computed as the mixture p·Cx − (1 − p)x. */
    @Override
    public double value(double[] x) {
        Require.length("x", x, 1);
        return p * c * x[0] - (1 - p) * x[0];
    }

    /** f₁(x) = Cx (i = 0) or f₂(x) = −x (i = 1). */
    public double componentValue(int i, double[] x) {
        Require.inRange("i", i, 0, 1);
        Require.length("x", x, 1);
        return i == 0 ? c * x[0] : -x[0];
    }

    /** ∇F = p·C + (1 − p)(−1) = ζ (the mixture, which equals ζ up to rounding). */
    @Override
    public void gradient(double[] x, double[] out) {
        Require.length("x", x, 1);
        Require.length("out", out, 1);
        out[0] = p * c - (1 - p);
    }

    @Override
    public void hessian(double[] x, double[] out) {
        Require.length("x", x, 1);
        Require.length("out", out, 1);
        out[0] = 0;
    }

    /** g = C with probability p, else −1. */
    @Override
    public void sample(double[] x, UniformRandomProvider rng, double[] out) {
        Require.length("out", out, 1);
        out[0] = rng.nextDouble() < p ? c : -1.0;
    }

    /** G = E[g²] = pC² + (1 − p). */
    @Override
    public void secondMoment(double[] x, double[] out) {
        Require.length("x", x, 1);
        Require.length("out", out, 1);
        out[0] = p * c * c + (1 - p);
    }

    @Override
    public Constants constants() {
        return new Constants(0.0, 0.0, -zeta, "[-1, 1]");
    }

    @Override
    public Domain domain() {
        return Domain.box(-1, 1);
    }

    @Override
    public String name() {
        return "reddi(C=" + c + ", zeta=" + zeta + ")";
    }
}
