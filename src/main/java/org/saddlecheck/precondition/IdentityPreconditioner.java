package org.saddlecheck.precondition;

import org.saddlecheck.estimate.Shape;
import org.saddlecheck.util.Require;

/** A = I: plain SGD (Staib et al. Prop. 4.3). Ignores estimates; {@link #apply} copies. */
public final class IdentityPreconditioner implements Preconditioner {
    private final int d;

    public IdentityPreconditioner(int d) {
        this.d = Require.positive("d", d);
    }

    @Override
    public int dim() {
        return d;
    }

    /** Nominal (estimates are ignored). */
    @Override
    public Shape input() {
        return Shape.DIAGONAL;
    }

    @Override
    public boolean needsEstimate() {
        return false;
    }

    @Override
    public void update(double[] estimate) {}

    @Override
    public void apply(double[] v, double[] out) {
        Require.length("v", v, d);
        Require.length("out", out, d);
        System.arraycopy(v, 0, out, 0, d);
    }

    @Override
    public void matrix(double[] out) {
        Require.length("out", out, d * d);
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < d; i++) out[i * d + i] = 1.0;
    }

    @Override
    public String describe() {
        return "identity";
    }
}
