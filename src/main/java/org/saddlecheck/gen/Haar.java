package org.saddlecheck.gen;

import org.apache.commons.rng.UniformRandomProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * Haar-distributed orthogonal matrices (CLAIMS.md §7.1, §8.19): QR-factorise a d×d standard Gaussian matrix
 * Z = QR with EJML's Householder QR and multiply column j of Q by sign(R_jj). Without the sign fix the law of Q
 * depends on the QR implementation's sign convention and is not Haar.
 *
 * <p>Private to the generators (a second copy lives in {@code problem.RandomMatrices}; to be deduplicated).
 * Instances are reusable workspaces (allocation-free per sample after construction) and not thread-safe.
 */
public final class Haar {
    private final int d;
    private final DMatrixRMaj z, q, r;
    private final QRDecomposition<DMatrixRMaj> qr;

    public Haar(int d) {
        this.d = Require.positive("d", d);
        this.z = new DMatrixRMaj(d, d);
        this.q = new DMatrixRMaj(d, d);
        this.r = new DMatrixRMaj(d, d);
        this.qr = DecompositionFactory_DDRM.qr(d, d);
    }

    public int dim() {
        return d;
    }

    /** A fresh Haar orthogonal matrix, row-major d*d, into {@code out}. */
    public void sample(Gaussian g, double[] out) {
        Require.length("out", out, d * d);
        double[] zd = z.data;
        for (int i = 0; i < zd.length; i++) zd[i] = g.next();
        if (!qr.decompose(z)) throw new IllegalStateException("QR decomposition failed (d = " + d + ")");
        qr.getQ(q, false);
        qr.getR(r, false);
        for (int j = 0; j < d; j++) {
            double s = r.get(j, j) < 0 ? -1.0 : 1.0;
            for (int i = 0; i < d; i++) out[i * d + j] = s * q.get(i, j);
        }
    }

    /** Convenience: one Haar orthogonal d×d matrix (allocates). */
    public static double[] orthogonal(int d, UniformRandomProvider rng) {
        Require.notNull("rng", rng);
        double[] out = new double[d * d];
        new Haar(d).sample(new Gaussian(rng), out);
        return out;
    }
}
