package org.saddlecheck.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

class MatrixOraclesTest {
    private static UniformRandomProvider rng(String name) {
        return Seeds.rng(Seeds.DEFAULT_MASTER_SEED, "oracle/" + name, 0);
    }

    /** Independent operator norm of a symmetric matrix (Commons Math). */
    private static double opNorm(double[][] m) {
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(m)).getRealEigenvalues();
        double r = 0;
        for (double v : ev) r = Math.max(r, Math.abs(v));
        return r;
    }

    @Test
    void haarSignNoiseSquaresToSigmaSquaredIdentityAndIsUnbiased() {
        UniformRandomProvider r = rng("haar");
        int d = 4, n = 20000;
        double sn = 0.7;
        double[] g = Spd.random(new SpdParams(d, SpectrumKind.LOG_UNIFORM, 3, 10), r).g();
        MatrixOracle o = MatrixOracles.haarSign(d, sn);
        double[] y = new double[d * d], e = new double[d * d], sq = new double[d * d], sum = new double[d * d];
        for (int k = 0; k < n; k++) {
            o.sample(g, r, y);
            Mat.sub(y, g, e);
            Mat.mul(e, e, sq, d);
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) assertThat(sq[i * d + j]).isCloseTo(i == j ? sn * sn : 0, within(1e-12));
            for (int i = 0; i < y.length; i++) sum[i] += y[i];
        }
        for (int i = 0; i < y.length; i++) assertThat(sum[i] / n).isCloseTo(g[i], within(5 * sn / Math.sqrt(n)));
        assertThat(o.moments(g)).isEqualTo(new MatrixOracle.NoiseMoments(sn, sn));
    }

    @Test
    void rademacherMomentsForIsotropicNoiseHaveClosedForms() {
        // S = sI, mu = 0: Y - EY = s²(ζζᵀ - I), R = s²(d - 1), E[(ζζᵀ - I)²] = (d - 1)I so sigma = s²√(d - 1)
        int d = 5;
        double s = 0.6;
        double[] sm = Mat.identity(d);
        for (int i = 0; i < sm.length; i++) sm[i] *= s;
        MatrixOracle.NoiseMoments m = MatrixOracles.rademacherOuter(sm).moments(new double[d]);
        assertThat(m.r()).isCloseTo(s * s * (d - 1), within(1e-12));
        assertThat(m.sigma()).isCloseTo(s * s * Math.sqrt(d - 1), within(1e-12));
        // diagonal squares with mu: Y - EY = diag(2 mu_i s ζ_i) so R = sigma = 2 s max|mu_i|
        double[] mu = {0.3, -1.2, 0.5, 0, 0.1};
        MatrixOracle.NoiseMoments dm = MatrixOracles.diagonalSquares(sm).moments(mu);
        assertThat(dm.r()).isCloseTo(2 * s * 1.2, within(1e-12));
        assertThat(dm.sigma()).isCloseTo(2 * s * 1.2, within(1e-12));
    }

    /** General S and mu: mean, R and sigma against an independent enumeration with Commons Math eigenvalues. */
    @Test
    void rademacherOuterIsExactlyUnbiasedAndItsMomentsMatchEnumeration() {
        UniformRandomProvider r = rng("rademacher");
        int d = 4;
        double[] s = Gradients.gaussian(d * d, r), mu = Gradients.gaussian(d, r);
        MatrixOracle o = MatrixOracles.rademacherOuter(s);
        double[] mean = new double[d * d];
        o.mean(mu, mean);
        double[][] avg = new double[d][d], avg2 = new double[d][d];
        double rMax = 0;
        int n = 1 << d;
        for (int m = 0; m < n; m++) {
            double[] g = mu.clone();
            for (int i = 0; i < d; i++)
                for (int k = 0; k < d; k++) g[i] += s[i * d + k] * (((m >>> k) & 1) == 0 ? 1 : -1);
            double[][] c = new double[d][d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) {
                    avg[i][j] += g[i] * g[j] / n;
                    c[i][j] = g[i] * g[j] - mean[i * d + j];
                }
            rMax = Math.max(rMax, opNorm(c));
            RealMatrix cm = new Array2DRowRealMatrix(c);
            double[][] c2 = cm.multiply(cm).getData();
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) avg2[i][j] += c2[i][j] / n;
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) assertThat(avg[i][j]).isCloseTo(mean[i * d + j], within(1e-12));
        MatrixOracle.NoiseMoments mo = o.moments(mu);
        assertThat(mo.r()).isCloseTo(rMax, within(1e-10));
        assertThat(mo.sigma()).isCloseTo(Math.sqrt(opNorm(avg2)), within(1e-10));
        // sampling is unbiased
        double[] y = new double[d * d], sum = new double[d * d];
        int draws = 20000;
        for (int k = 0; k < draws; k++) {
            o.sample(mu, r, y);
            for (int i = 0; i < y.length; i++) sum[i] += y[i];
        }
        for (int i = 0; i < y.length; i++) assertThat(sum[i] / draws).isCloseTo(mean[i], within(5 * mo.r() / Math.sqrt(draws)));
    }

    @Test
    void gaussianControlIsUnboundedWithClosedFormSigma() {
        UniformRandomProvider r = rng("gaussian");
        int d = 3, n = 40000;
        double[] s = Gradients.gaussian(d * d, r), mu = Gradients.gaussian(d, r);
        MatrixOracle o = MatrixOracles.gaussianOuter(s);
        MatrixOracle.NoiseMoments m = o.moments(mu);
        assertThat(m.r()).isEqualTo(Double.POSITIVE_INFINITY);
        double[] mean = new double[d * d], y = new double[d * d], sq = new double[d * d], acc = new double[d * d];
        o.mean(mu, mean);
        for (int k = 0; k < n; k++) {
            o.sample(mu, r, y);
            Mat.sub(y, mean, y);
            Mat.mul(y, y, sq, d);
            for (int i = 0; i < sq.length; i++) acc[i] += sq[i] / n;
        }
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(acc);
        assertThat(Math.sqrt(e.max())).isCloseTo(m.sigma(), within(0.05 * m.sigma()));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> MatrixOracles.haarSign(0, 1)).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> MatrixOracles.haarSign(2, -1)).hasMessageContaining("noise = -1.0");
        assertThatThrownBy(() -> MatrixOracles.rademacherOuter(new double[3])).hasMessageContaining("length 3");
        assertThatThrownBy(() -> MatrixOracles.rademacherOuter(new double[169]).moments(new double[13])).hasMessageContaining("d = 13");
        assertThatThrownBy(() -> MatrixOracles.rademacherOuter(new double[4]).mean(new double[3], new double[4])).hasMessageContaining("at has length 3");
    }
}
