package org.saddlecheck.precondition;

import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.util.Require;

/**
 * Diagonal inverse root A = (diag(v) + εI)^{−1/2} ({@link EpsPlacement#INSIDE}: Staib et al.'s diagonal
 * RMSProp preconditioner, STAIB-VAR-DIAG / STAIB-C-DIAG; optax {@code eps_in_sqrt=True}) or
 * A = (diag(v)^{1/2} + εI)^{−1} ({@link EpsPlacement#OUTSIDE}: torch RMSprop/Adam/Adagrad, optax Adam).
 * The input is a diagonal estimate v ({@link Shape#DIAGONAL}) or, with input FULL, the diagonal of a full
 * estimate (e.g. the exact oracle's G(x)).
 *
 * <p>{@link #apply} divides, out_i = v_i / denom_i with denom_i = √(v_i + ε) or √v_i + ε, which is how the
 * libraries compute it (one rounding instead of two). Negative entries beyond rounding are rejected, tiny
 * ones clamped at 0. With ε = 0 an entry v_i = 0 follows the {@link Singular} policy (no relative threshold:
 * coordinates may legitimately differ in scale).
 */
public final class DiagonalInverseRoot implements Preconditioner {
    private final int d;
    private final double eps;
    private final EpsPlacement placement;
    private final Shape input;
    private final Singular singular;
    private final double[] denom; // 0 marks a pseudo-inverse zero
    private final double[] diag;
    private boolean ready;

    public DiagonalInverseRoot(int d, double eps, EpsPlacement placement) {
        this(d, eps, placement, Shape.DIAGONAL, Singular.THROW);
    }

    public DiagonalInverseRoot(int d, double eps, EpsPlacement placement, Shape input, Singular singular) {
        this.d = Require.positive("d", d);
        this.eps = Require.nonNegative("eps", eps);
        this.placement = Require.notNull("placement", placement);
        this.input = Require.notNull("input", input);
        this.singular = Require.notNull("singular", singular);
        this.denom = new double[d];
        this.diag = new double[d];
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape input() {
        return input;
    }

    public double eps() {
        return eps;
    }

    public EpsPlacement placement() {
        return placement;
    }

    @Override
    public void update(double[] v) {
        Require.length("estimate", v, input.length(d));
        if (input == Shape.FULL) {
            double maxAbs = Checks.symmetricFinite("estimate", v, d, Checks.TOL);
            for (int i = 0; i < d; i++) {
                double x = v[i * d + i];
                if (x < -Checks.TOL * maxAbs) {
                    throw new IllegalArgumentException("estimate[" + i + "," + i + "] = " + x + " is not allowed: the "
                            + "diagonal of a second-moment estimate must be >= 0");
                }
                diag[i] = x;
            }
        } else {
            Checks.nonNegativeVector("estimate", v, d, Checks.TOL);
            System.arraycopy(v, 0, diag, 0, d);
        }
        for (int i = 0; i < d; i++) {
            double l = Math.max(diag[i], 0.0);
            diag[i] = l;
            double den = placement == EpsPlacement.INSIDE ? Math.sqrt(l + eps) : Math.sqrt(l) + eps;
            if (den == 0 && singular == Singular.THROW) {
                ready = false;
                throw new SingularEstimateException("the estimate has entry " + i + " equal to 0 and eps = 0: "
                        + describe() + " is undefined; use eps > 0 or Singular.PSEUDO_INVERSE");
            }
            denom[i] = den;
        }
        ready = true;
    }

    @Override
    public void apply(double[] v, double[] out) {
        Require.length("v", v, d);
        Require.length("out", out, d);
        Checks.requireReady(ready, this);
        for (int i = 0; i < d; i++) out[i] = denom[i] == 0 ? 0.0 : v[i] / denom[i];
    }

    @Override
    public void matrix(double[] out) {
        Require.length("out", out, d * d);
        Checks.requireReady(ready, this);
        java.util.Arrays.fill(out, 0.0);
        for (int i = 0; i < d; i++) out[i * d + i] = denom[i] == 0 ? 0.0 : 1.0 / denom[i];
    }

    @Override
    public String describe() {
        String f = placement == EpsPlacement.INSIDE ? "(diag(v) + eps I)^-1/2" : "(diag(v)^1/2 + eps I)^-1";
        return f + "(eps=" + eps + ", " + placement.name().toLowerCase(java.util.Locale.ROOT)
                + (input == Shape.FULL ? ", from full" : "")
                + (eps == 0 ? ", singular=" + singular.name().toLowerCase(java.util.Locale.ROOT) : "") + ")";
    }
}
