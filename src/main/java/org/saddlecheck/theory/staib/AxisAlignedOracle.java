package org.saddlecheck.theory.staib;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.problem.StochasticOracle;

/**
 * An oracle whose samples are axis-aligned, g = ±s_i e_i with i uniform, so that every g gᵀ is diagonal: then a
 * full-matrix EMA of g gᵀ is the diagonal matrix of the diagonal EMA of g ⊙ g, and full-matrix RMSProp/Adam must equal
 * their diagonal versions (STAIB-VAR-DIAG, STAIB-VAR-ADAM identities). Allocation-free.
 */
final class AxisAlignedOracle implements StochasticOracle {
    private final double[] s;

    AxisAlignedOracle(double[] s) {
        this.s = s.clone();
    }

    @Override
    public int dim() {
        return s.length;
    }

    @Override
    public void sample(double[] x, UniformRandomProvider rng, double[] out) {
        Arrays.fill(out, 0.0);
        int i = rng.nextInt(s.length);
        out[i] = rng.nextBoolean() ? s[i] : -s[i];
    }

    static AxisAlignedOracle random(UniformRandomProvider rng) {
        int d = 2 + rng.nextInt(4);
        double[] s = new double[d];
        for (int i = 0; i < d; i++) s[i] = Math.pow(10, 2 * rng.nextDouble() - 1);
        return new AxisAlignedOracle(s);
    }
}
