package org.saddlecheck.precondition;

import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.util.Require;

/**
 * Full-matrix inverse root of a PSD estimate G: A = (G + εI)^{−1/2} ({@link EpsPlacement#INSIDE}; Staib et
 * al.'s analysed RMSProp preconditioner, Alg. 2/3, Prop. 4.4) or A = (G^{1/2} + εI)^{−1} ({@link EpsPlacement#OUTSIDE};
 * full-matrix Adam with β1 = 0, STAIB-VAR-ADAM). Applied to a covariance estimate it is the Σ^{−1/2}
 * preconditioner of §5.3 ({@link #sigmaInvSqrt}).
 *
 * <p>Computed from a symmetric eigendecomposition (EJML, via {@link SymmetricEigen}) of the symmetrised
 * estimate, with eigenvalues clamped at 0 before ε enters (CLAIMS.md §8.1–8.2). {@link #update} rejects
 * non-finite, non-symmetric (beyond 1e-10 relative) and non-PSD (eigenvalue below −1e-10·d·max|G_ij|)
 * input. With ε = 0, eigenvalues ≤ rtol·λ_max count as zero and follow the {@link Singular} policy.
 * update/apply allocate nothing beyond EJML's internals.
 */
public final class FullInverseRoot implements Preconditioner {
    /** Default relative threshold below which an eigenvalue counts as zero when ε = 0. */
    public static final double DEFAULT_RTOL = 1e-12;

    private final int d;
    private final double eps;
    private final EpsPlacement placement;
    private final Singular singular;
    private final double rtol;
    private final String label;
    private final SymmetricEigen eig;
    private final double[] fv;
    private final double[] a;
    private final double[] clamped;
    private boolean ready;

    public FullInverseRoot(int d, double eps, EpsPlacement placement) {
        this(d, eps, placement, Singular.THROW, DEFAULT_RTOL, "G");
    }

    /**
     * @param singular what to do when ε = 0 and the estimate is singular
     * @param rtol     eigenvalues ≤ rtol·λ_max count as zero when ε = 0 (in [0, 0.5])
     * @param label    name of the estimated matrix in {@link #describe()} ("G", "Sigma")
     */
    public FullInverseRoot(int d, double eps, EpsPlacement placement, Singular singular, double rtol, String label) {
        this.d = Require.positive("d", d);
        this.eps = Require.nonNegative("eps", eps);
        this.placement = Require.notNull("placement", placement);
        this.singular = Require.notNull("singular", singular);
        this.rtol = Require.inRange("rtol", rtol, 0.0, 0.5);
        this.label = Require.notNull("label", label);
        this.eig = new SymmetricEigen(d);
        this.fv = new double[d];
        this.a = new double[d * d];
        this.clamped = new double[d];
    }

    /** Σ^{−1/2} with ε inside, (Σ + εI)^{−1/2}: the covariance preconditioner of Staib et al. §5.3 (Ida et al. 2017). */
    public static FullInverseRoot sigmaInvSqrt(int d, double eps) {
        return new FullInverseRoot(d, eps, EpsPlacement.INSIDE, Singular.THROW, DEFAULT_RTOL, "Sigma");
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape input() {
        return Shape.FULL;
    }

    public double eps() {
        return eps;
    }

    public EpsPlacement placement() {
        return placement;
    }

    @Override
    public void update(double[] g) {
        Require.length("estimate", g, d * d);
        double maxAbs = Checks.symmetricFinite("estimate", g, d, Checks.TOL);
        eig.decompose(g);
        double[] lam = eig.values();
        Checks.notNegativeDefinite("estimate", lam[0], maxAbs, d, Checks.TOL);
        double top = Math.max(lam[d - 1], 0.0);
        double zero = rtol * top;
        for (int k = 0; k < d; k++) {
            double l = Math.max(lam[k], 0.0);
            clamped[k] = l;
            if (eps == 0 && l <= zero) {
                if (singular == Singular.THROW) {
                    ready = false;
                    throw new SingularEstimateException("the estimate of " + label + " has eigenvalue " + lam[k]
                            + " <= " + rtol + " * lambda_max = " + zero + " and eps = 0: " + describe()
                            + " is undefined; use eps > 0 or Singular.PSEUDO_INVERSE");
                }
                fv[k] = 0.0;
            } else {
                fv[k] = placement.invRoot(l, eps);
            }
        }
        eig.reconstructValues(fv, a);
        ready = true;
    }

    @Override
    public void apply(double[] v, double[] out) {
        Checks.applyDense(this, ready, a, d, v, out);
    }

    @Override
    public void matrix(double[] out) {
        Checks.copyDense(this, ready, a, d, out);
    }

    /** Eigenvalues of the last estimate, ascending and clamped at 0 (internal array: do not modify). */
    public double[] estimateEigenvalues() {
        Checks.requireReady(ready, this);
        return clamped;
    }

    @Override
    public String describe() {
        String f = placement == EpsPlacement.INSIDE ? "(" + label + " + eps I)^-1/2" : "(" + label + "^1/2 + eps I)^-1";
        return f + "(eps=" + eps + ", " + placement.name().toLowerCase(java.util.Locale.ROOT)
                + (eps == 0 ? ", singular=" + singular.name().toLowerCase(java.util.Locale.ROOT) : "") + ")";
    }
}
