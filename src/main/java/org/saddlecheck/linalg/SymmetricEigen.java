package org.saddlecheck.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQREigenHelper_DDRM;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.TridiagonalSimilarDecomposition_F64;

/**
 * Reusable symmetric eigendecomposition workspace for one dimension d (EJML's symmetric QR algorithm).
 * It drives EJML's public building blocks (Householder tridiagonalisation, then the implicit symmetric QR
 * algorithm accumulating the rotations) directly, as EJML's {@code SymmetricQRAlgorithmDecomposition_DDRM}
 * does internally, because that class's {@code getEigenvalue(k)} allocates a {@code Complex_F64} per call and
 * this workspace is used on every step of full-matrix methods.
 * The input is symmetrised first (CLAIMS.md §8.1–8.2); eigenvalues are sorted ascending. Reusing one
 * instance per trial keeps per-step allocation to EJML's own internals.
 *
 * <p>Not thread-safe: one instance per thread or trial.
 */
public final class SymmetricEigen {
    private final int d;
    private final DMatrixRMaj work;
    private final TridiagonalSimilarDecomposition_F64<DMatrixRMaj> tridiagonal;
    private final SymmetricQREigenHelper_DDRM helper;
    private final SymmetricQrAlgorithm_DDRM qr;
    private final double[] diag;
    private final double[] off;
    private DMatrixRMaj q;
    private final double[] values;
    private final double[] vectors; // vectors[k*d + i] = component i of eigenvector k
    private final int[] order;
    private final double[] rawValues;

    public SymmetricEigen(int d) {
        if (d <= 0) throw new IllegalArgumentException("d = " + d + " is not allowed: d must be an integer > 0");
        this.d = d;
        this.work = new DMatrixRMaj(d, d);
        this.tridiagonal = DecompositionFactory_DDRM.tridiagonal(d);
        this.helper = new SymmetricQREigenHelper_DDRM();
        this.qr = new SymmetricQrAlgorithm_DDRM(helper);
        this.diag = new double[d];
        this.off = new double[Math.max(0, d - 1)];
        this.values = new double[d];
        this.vectors = new double[d * d];
        this.order = new int[d];
        this.rawValues = new double[d];
    }

    public int dim() {
        return d;
    }

    /** Decomposes the symmetric part of {@code a} (row-major d*d); {@code a} is not modified. */
    public void decompose(double[] a) {
        if (a.length != d * d) {
            throw new IllegalArgumentException("matrix has length " + a.length + ", which does not match: it must have length d*d = " + (d * d));
        }
        double[] w = work.data;
        for (int i = 0; i < d; i++) {
            w[i * d + i] = a[i * d + i];
            for (int j = i + 1; j < d; j++) {
                double m = 0.5 * (a[i * d + j] + a[j * d + i]);
                if (!Double.isFinite(m)) throw new IllegalArgumentException("matrix entry (" + i + "," + j + ") = " + m + " is not allowed: entries must be finite");
                w[i * d + j] = m;
                w[j * d + i] = m;
            }
            if (!Double.isFinite(w[i * d + i])) throw new IllegalArgumentException("matrix entry (" + i + "," + i + ") = " + w[i * d + i] + " is not allowed: entries must be finite");
        }
        if (d == 1) {
            values[0] = w[0];
            vectors[0] = 1;
            return;
        }
        if (!tridiagonal.decompose(work)) throw new IllegalStateException("tridiagonal decomposition failed (d = " + d + ")");
        tridiagonal.getDiagonal(diag, off);
        helper.init(diag, off, d);
        q = tridiagonal.getQ(q, true); // rows of q become the eigenvectors
        helper.setQ(q);
        qr.setFastEigenvalues(false);
        if (!qr.process(-1, null, null)) throw new IllegalStateException("symmetric eigendecomposition failed to converge (d = " + d + ")");
        for (int k = 0; k < d; k++) {
            rawValues[k] = qr.getEigenvalue(k);
            order[k] = k;
        }
        // insertion sort on a primitive index array (no boxing, nothing allocated per call)
        for (int i = 1; i < d; i++) {
            int key = order[i];
            int j = i - 1;
            while (j >= 0 && rawValues[order[j]] > rawValues[key]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = key;
        }
        for (int k = 0; k < d; k++) {
            int src = order[k];
            values[k] = rawValues[src];
            System.arraycopy(q.data, src * d, vectors, k * d, d);
        }
    }

    /** Eigenvalues, ascending (internal array: do not modify). */
    public double[] values() {
        return values;
    }

    /** Eigenvectors, row k = eigenvector k (internal array: do not modify). */
    public double[] vectors() {
        return vectors;
    }

    public double min() {
        return values[0];
    }

    public double max() {
        return values[d - 1];
    }

    /** Copies eigenvector k into out. */
    public void vector(int k, double[] out) {
        System.arraycopy(vectors, k * d, out, 0, d);
    }

    /** A scalar function applied to the spectrum. */
    @FunctionalInterface
    public interface SpectralFunction {
        double apply(double lambda);
    }

    /** out = V f(Λ) Vᵀ for the last decomposed matrix. */
    public void reconstruct(SpectralFunction f, double[] out) {
        double[] fv = new double[d];
        for (int k = 0; k < d; k++) fv[k] = f.apply(values[k]);
        reconstructValues(fv, out);
    }

    /** out = V diag(fv) Vᵀ for the last decomposed matrix; allocation-free (hot-loop form). */
    public void reconstructValues(double[] fv, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int k = 0; k < d; k++) {
            double fk = fv[k];
            if (fk == 0) continue;
            int r = k * d;
            for (int i = 0; i < d; i++) {
                double vi = fk * vectors[r + i];
                if (vi == 0) continue;
                for (int j = i; j < d; j++) out[i * d + j] += vi * vectors[r + j];
            }
        }
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++) out[i * d + j] = out[j * d + i];
    }
}
