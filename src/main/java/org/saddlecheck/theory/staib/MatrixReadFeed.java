package org.saddlecheck.theory.staib;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.util.Require;

/**
 * Feeds symmetric matrix reads Y_t (Staib et al. Thm. 4.1's Y_t, which need not be rank one, e.g. Haar-sign noise)
 * to the project's gradient-sample estimators by linearity. With c_t = 2‖Y_t‖_F (so Y_t + c_tI ⪰ ‖Y_t‖_F I ≻ 0) and
 * the Cholesky factor Y_t + c_tI = Σ_k l_k l_kᵀ, estimator k of the "positive" bank observes l_k and estimator k of
 * the "negative" bank observes √c_t e_k; then Σ pos_k − Σ neg_k = Σ_t w_t Y_t for every estimator that is linear in
 * its samples g gᵀ and weights them by their time only (EMA, bias-corrected or not, windows, broken variants).
 * Costs one d×d Cholesky (EJML, workspace reused) and 2d rank-one updates per read; allocation-free per read.
 */
final class MatrixReadFeed {
    private final int d;
    private final Estimator[] pos, neg;
    private final DMatrixRMaj work, factor;
    private final CholeskyDecomposition_F64<DMatrixRMaj> chol;
    private final double[] col, unit, buf;

    MatrixReadFeed(EstimatorFactory factory, int d, double beta) {
        Require.notNull("factory", factory);
        this.d = Require.positive("d", d);
        this.pos = new Estimator[d];
        this.neg = new Estimator[d];
        for (int k = 0; k < d; k++) {
            pos[k] = factory.create(d, beta);
            neg[k] = factory.create(d, beta);
            Require.that(pos[k].dim() == d && pos[k].shape() == Shape.FULL, "estimator", pos[k].describe(),
                    "a full-matrix estimator of dimension " + d);
        }
        this.work = new DMatrixRMaj(d, d);
        this.factor = new DMatrixRMaj(d, d);
        this.chol = DecompositionFactory_DDRM.chol(d, true);
        this.col = new double[d];
        this.unit = new double[d];
        this.buf = new double[d * d];
    }

    String describe() {
        return pos[0].describe();
    }

    /** Feeds one read Y (d*d, symmetric). x is passed through to the estimators (EMA ignores it). */
    void observe(double[] x, double[] y) {
        double f = 0;
        for (double v : y) f += v * v;
        double c = 2 * Math.sqrt(f);
        double[] w = work.data;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) w[i * d + j] = 0.5 * (y[i * d + j] + y[j * d + i]);
            w[i * d + i] += c;
        }
        if (c > 0) {
            if (!chol.decompose(work)) throw new IllegalStateException("Cholesky of Y + cI failed (c = " + c + ")");
            chol.getT(factor);
        } else {
            factor.zero();
        }
        double[] l = factor.data;
        double rc = Math.sqrt(c);
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) col[i] = l[i * d + k];
            pos[k].observe(x, col);
            java.util.Arrays.fill(unit, 0);
            unit[k] = rc;
            neg[k].observe(x, unit);
        }
    }

    /** out = Σ_k pos_k − Σ_k neg_k = the estimator's weighted average of the reads. */
    void estimate(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < d; k++) {
            pos[k].estimate(x, buf);
            for (int i = 0; i < out.length; i++) out[i] += buf[i];
            neg[k].estimate(x, buf);
            for (int i = 0; i < out.length; i++) out[i] -= buf[i];
        }
        for (int i = 0; i < d; i++)
            for (int j = i + 1; j < d; j++) {
                double m = 0.5 * (out[i * d + j] + out[j * d + i]);
                out[i * d + j] = m;
                out[j * d + i] = m;
            }
    }

    long count() {
        return pos[0].count();
    }
}
