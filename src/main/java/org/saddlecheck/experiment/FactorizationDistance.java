package org.saddlecheck.experiment;

import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.util.Require;

/**
 * dist(U, X*) = min_{R ∈ O(r)} ‖U − U*R‖_F without allocation (CLAIMS.md JIN-MF "orthogonal Procrustes"), for use
 * inside per-step observers. With A = U*ᵀU: the optimal R is the polar factor A(AᵀA)^{−1/2}; when AᵀA is well
 * conditioned the distance is evaluated directly as ‖U − U*R‖_F (no cancellation near the optimum), otherwise from
 * dist² = ‖U‖² + ‖U*‖² − 2‖A‖_* (nuclear norm), which is exact but cancels. Agrees with
 * {@link MatrixFactorization#distanceToOptima} (EJML SVD; unit-tested). A workspace: not thread-safe.
 */
public final class FactorizationDistance {
    private final int d, r;
    private final double[] uStar;
    private final double starNorm2;
    private final double[] a, ata, inv, rot;
    private final SymmetricEigen eig;
    private final double[] fv;

    public FactorizationDistance(MatrixFactorization mf) {
        Require.notNull("mf", mf);
        this.d = mf.rows();
        this.r = mf.rank();
        this.uStar = mf.optimalFactor();
        double s = 0;
        for (double v : uStar) s += v * v;
        this.starNorm2 = s;
        this.a = new double[r * r];
        this.ata = new double[r * r];
        this.inv = new double[r * r];
        this.rot = new double[r * r];
        this.eig = new SymmetricEigen(r);
        this.fv = new double[r];
    }

    public double distance(double[] u) {
        Require.length("U", u, d * r);
        java.util.Arrays.fill(a, 0);
        double un = 0;
        for (int i = 0; i < d; i++) {
            int ri = i * r;
            for (int k = 0; k < r; k++) {
                double sk = uStar[ri + k];
                un += u[ri + k] * u[ri + k];
                for (int l = 0; l < r; l++) a[k * r + l] += sk * u[ri + l];
            }
        }
        for (int k = 0; k < r; k++)
            for (int l = 0; l < r; l++) {
                double s = 0;
                for (int m = 0; m < r; m++) s += a[m * r + k] * a[m * r + l];
                ata[k * r + l] = s;
            }
        eig.decompose(ata);
        double[] ev = eig.values();
        double max = Math.max(ev[r - 1], 0), nuclear = 0;
        boolean wellConditioned = ev[0] > 1e-12 * max && max > 0;
        for (int k = 0; k < r; k++) {
            double e = Math.max(ev[k], 0);
            nuclear += Math.sqrt(e);
            fv[k] = wellConditioned ? 1 / Math.sqrt(e) : 0;
        }
        if (!wellConditioned) return Math.sqrt(Math.max(0, un + starNorm2 - 2 * nuclear));
        eig.reconstructValues(fv, inv); // (AᵀA)^{-1/2}
        for (int k = 0; k < r; k++)
            for (int l = 0; l < r; l++) {
                double s = 0;
                for (int m = 0; m < r; m++) s += a[k * r + m] * inv[m * r + l];
                rot[k * r + l] = s; // R = A (AᵀA)^{-1/2}
            }
        double dist2 = 0;
        for (int i = 0; i < d; i++) {
            int ri = i * r;
            for (int l = 0; l < r; l++) {
                double s = u[ri + l];
                for (int k = 0; k < r; k++) s -= uStar[ri + k] * rot[k * r + l];
                dist2 += s * s;
            }
        }
        return Math.sqrt(dist2);
    }
}
