package org.saddlecheck.experiment;

import org.saddlecheck.problem.Constants;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.util.Require;

/**
 * The matrix-factorisation objective f(U) = ½‖UUᵀ − U*U*ᵀ‖_F² of {@link MatrixFactorization} evaluated in O(d r²)
 * instead of O(d² r), using M* = U*U*ᵀ (CLAIMS.md JIN-MF): with A = UᵀU and B = U*ᵀU (r×r),
 * ∇f = 2(U A − U* B) and f = ½(‖A‖_F² − 2‖B‖_F² + ‖U*ᵀU*‖_F²). Value, gradient and constants agree with
 * {@link MatrixFactorization} (unit-tested); the Hessian is delegated to it (dense, used only for checks).
 *
 * <p>Hand-written because d = 200 runs with the dense O(d² r) gradient would dominate the experiment's time. The
 * value formula cancels near the optimum (relative error ~1e-16·‖A‖_F² in absolute terms), which is far below the
 * thresholds the experiment uses. <b>Not thread-safe</b> (r×r scratch buffers, so that a step allocates nothing):
 * create one instance per run with {@link #copy()}.
 */
public final class FactorizationObjective implements Objective {
    private final MatrixFactorization mf;
    private final int d, r;
    private final double[] uStar;
    private final double starNorm2; // ‖U*ᵀU*‖_F²
    private final double[] a, bm;

    public FactorizationObjective(MatrixFactorization mf) {
        this.mf = Require.notNull("mf", mf);
        this.d = mf.rows();
        this.r = mf.rank();
        this.uStar = mf.optimalFactor();
        double s = 0;
        for (int k = 0; k < r; k++)
            for (int l = 0; l < r; l++) {
                double v = 0;
                for (int i = 0; i < d; i++) v += uStar[i * r + k] * uStar[i * r + l];
                s += v * v;
            }
        this.starNorm2 = s;
        this.a = new double[r * r];
        this.bm = new double[r * r];
    }

    /** A fresh instance with its own buffers (one per run/thread). */
    public FactorizationObjective copy() {
        return new FactorizationObjective(mf);
    }

    public MatrixFactorization problem() {
        return mf;
    }

    @Override
    public int dim() {
        return d * r;
    }

    /** a = UᵀU, bm = U*ᵀU. */
    private void grams(double[] u) {
        java.util.Arrays.fill(a, 0);
        java.util.Arrays.fill(bm, 0);
        for (int i = 0; i < d; i++) {
            int ri = i * r;
            for (int k = 0; k < r; k++) {
                double uk = u[ri + k], sk = uStar[ri + k];
                for (int l = 0; l < r; l++) {
                    double ul = u[ri + l];
                    a[k * r + l] += uk * ul;
                    bm[k * r + l] += sk * ul;
                }
            }
        }
    }

    @Override
    public double value(double[] u) {
        Require.length("U", u, d * r);
        grams(u);
        double sa = 0, sb = 0;
        for (int k = 0; k < r * r; k++) {
            sa += a[k] * a[k];
            sb += bm[k] * bm[k];
        }
        return 0.5 * (sa - 2 * sb + starNorm2);
    }

    @Override
    public void gradient(double[] u, double[] out) {
        Require.length("U", u, d * r);
        Require.length("out", out, d * r);
        Require.that(out != u, "out", "U", "a different array from U");
        grams(u);
        for (int i = 0; i < d; i++) {
            int ri = i * r;
            for (int l = 0; l < r; l++) {
                double s = 0;
                for (int k = 0; k < r; k++) s += u[ri + k] * a[k * r + l] - uStar[ri + k] * bm[k * r + l];
                out[ri + l] = 2 * s;
            }
        }
    }

    @Override
    public void hessian(double[] u, double[] out) {
        mf.hessian(u, out);
    }

    @Override
    public Constants constants() {
        return mf.constants();
    }

    @Override
    public String name() {
        return mf.name() + "[fast]";
    }
}
