package org.saddlecheck.gen;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * Unbiased noisy matrix oracles with exact R and σ (CLAIMS.md §7.1):
 * <ul>
 *   <li>(i) Haar-sign noise Y = G + s_N·Q D Qᵀ, fresh Haar Q, Rademacher diagonal D: (Y − EY)² = s_N² I, so
 *       R = σ = s_N exactly ({@code at} = G);</li>
 *   <li>(ii) bounded outer products Y = ggᵀ, g = μ + Sζ, ζ ∈ {±1}^d: E[Y] = μμᵀ + SSᵀ; R and σ exact by enumerating
 *       all 2^d sign vectors (d ≤ 12) ({@code at} = μ);</li>
 *   <li>(iii) diagonal Y = diag(g ⊙ g) with the same g (diagonal RMSProp); R, σ by enumeration;</li>
 *   <li>(iv) negative control: Gaussian g = μ + Sz, R = +∞ (violates Thm. 4.1's boundedness), σ in closed form.</li>
 * </ul>
 */
public final class MatrixOracles {
    private MatrixOracles() {}

    /** Largest d for which exact moments are computed by enumeration. */
    public static final int MAX_ENUMERATION_DIM = 12;

    public static MatrixOracle haarSign(int d, double noise) {
        Require.positive("d", d);
        Require.nonNegative("noise", noise);
        return new HaarSign(d, noise);
    }

    public static MatrixOracle rademacherOuter(double[] s) {
        return new Outer(checkFactor(s), false, false);
    }

    public static MatrixOracle diagonalSquares(double[] s) {
        return new Outer(checkFactor(s), true, false);
    }

    public static MatrixOracle gaussianOuter(double[] s) {
        return new Outer(checkFactor(s), false, true);
    }

    private static double[] checkFactor(double[] s) {
        Require.notNull("s", s);
        Require.finite("s", s);
        Mat.dim(s);
        return s.clone();
    }

    private static final class HaarSign implements MatrixOracle {
        private final int d;
        private final double noise;
        private final Haar haar;
        private final double[] q, signs;
        private UniformRandomProvider lastRng;
        private Gaussian gauss;

        HaarSign(int d, double noise) {
            this.d = d;
            this.noise = noise;
            this.haar = new Haar(d);
            this.q = new double[d * d];
            this.signs = new double[d];
        }

        @Override public int dim() { return d; }

        @Override
        public void mean(double[] at, double[] out) {
            Require.length("at", at, d * d);
            System.arraycopy(at, 0, out, 0, d * d);
        }

        @Override
        public void sample(double[] at, UniformRandomProvider rng, double[] out) {
            if (rng != lastRng) {
                lastRng = rng;
                gauss = new Gaussian(rng);
            }
            haar.sample(gauss, q);
            for (int k = 0; k < d; k++) signs[k] = rng.nextBoolean() ? noise : -noise;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) v += q[i * d + k] * signs[k] * q[j * d + k];
                    out[i * d + j] = at[i * d + j] + v;
                    out[j * d + i] = at[j * d + i] + v;
                }
            }
        }

        @Override
        public NoiseMoments moments(double[] at) {
            return new NoiseMoments(noise, noise);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "Haar-sign noise, d=%d, s_N=%.4g (R = sigma = s_N)", d, noise);
        }
    }

    private static final class Outer implements MatrixOracle {
        private final int d;
        private final double[] s, sst, z, g;
        private final boolean diagonal, gaussian;
        private UniformRandomProvider lastRng;
        private Gaussian gauss;

        Outer(double[] s, boolean diagonal, boolean gaussian) {
            this.s = s;
            this.d = Mat.dim(s);
            this.diagonal = diagonal;
            this.gaussian = gaussian;
            this.sst = new double[d * d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) v += s[i * d + k] * s[j * d + k];
                    sst[i * d + j] = v;
                }
            Mat.symmetrize(sst, d);
            this.z = new double[d];
            this.g = new double[d];
        }

        @Override public int dim() { return d; }

        @Override
        public void mean(double[] at, double[] out) {
            Require.length("at", at, d);
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < d; i++) {
                if (diagonal) out[i * d + i] = at[i] * at[i] + sst[i * d + i];
                else for (int j = 0; j < d; j++) out[i * d + j] = at[i] * at[j] + sst[i * d + j];
            }
        }

        private void gradient(double[] mu, double[] zeta) {
            for (int i = 0; i < d; i++) {
                double v = mu[i];
                for (int k = 0; k < d; k++) v += s[i * d + k] * zeta[k];
                g[i] = v;
            }
        }

        private void outer(double[] out) {
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < d; i++) {
                if (diagonal) out[i * d + i] = g[i] * g[i];
                else for (int j = 0; j < d; j++) out[i * d + j] = g[i] * g[j];
            }
        }

        @Override
        public void sample(double[] at, UniformRandomProvider rng, double[] out) {
            if (gaussian) {
                if (rng != lastRng) {
                    lastRng = rng;
                    gauss = new Gaussian(rng);
                }
                gauss.fill(z);
            } else {
                for (int k = 0; k < d; k++) z[k] = rng.nextBoolean() ? 1.0 : -1.0;
            }
            gradient(at, z);
            outer(out);
        }

        @Override
        public NoiseMoments moments(double[] at) {
            Require.length("at", at, d);
            if (gaussian) return gaussianMoments(at);
            Require.that(d <= MAX_ENUMERATION_DIM, "d", d, "<= " + MAX_ENUMERATION_DIM + " for exact moments by enumeration");
            double[] mean = new double[d * d], y = new double[d * d], sq = new double[d * d], acc = new double[d * d];
            mean(at, mean);
            SymmetricEigen eig = new SymmetricEigen(d);
            double r = 0;
            int n = 1 << d;
            for (int m = 0; m < n; m++) {
                for (int k = 0; k < d; k++) z[k] = ((m >>> k) & 1) == 0 ? 1.0 : -1.0;
                gradient(at, z);
                outer(y);
                Mat.sub(y, mean, y);
                eig.decompose(y);
                r = Math.max(r, Math.max(Math.abs(eig.min()), Math.abs(eig.max())));
                Mat.mul(y, y, sq, d);
                for (int i = 0; i < sq.length; i++) acc[i] += sq[i];
            }
            for (int i = 0; i < acc.length; i++) acc[i] /= n;
            eig.decompose(acc);
            return new NoiseMoments(r, Math.sqrt(Math.max(0, eig.max())));
        }

        /**
         * g ~ N(μ, Σ), Σ = SSᵀ, M = μμᵀ: E[Y²] = E[‖g‖² ggᵀ] = ‖μ‖²(M + Σ) + 2(MΣ + ΣM) + tr(Σ)M + 2Σ² + tr(Σ)Σ
         * (Isserlis), so E[(Y − EY)²] = E[Y²] − (M + Σ)².
         */
        private NoiseMoments gaussianMoments(double[] mu) {
            Require.that(!diagonal, "diagonal", diagonal, "false for the Gaussian control");
            double[] m = new double[d * d], t1 = new double[d * d], t2 = new double[d * d], v = new double[d * d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) m[i * d + j] = mu[i] * mu[j];
            double mu2 = 0;
            for (double x : mu) mu2 += x * x;
            double trS = Mat.trace(sst, d);
            for (int i = 0; i < v.length; i++) v[i] = mu2 * (m[i] + sst[i]) + trS * m[i] + trS * sst[i];
            Mat.mul(m, sst, t1, d);
            Mat.mul(sst, m, t2, d);
            for (int i = 0; i < v.length; i++) v[i] += 2 * (t1[i] + t2[i]);
            Mat.mul(sst, sst, t1, d);
            for (int i = 0; i < v.length; i++) v[i] += 2 * t1[i];
            for (int i = 0; i < v.length; i++) t2[i] = m[i] + sst[i];
            Mat.mul(t2, t2, t1, d);
            for (int i = 0; i < v.length; i++) v[i] -= t1[i];
            SymmetricEigen eig = new SymmetricEigen(d);
            eig.decompose(v);
            return new NoiseMoments(Double.POSITIVE_INFINITY, Math.sqrt(Math.max(0, eig.max())));
        }

        @Override
        public String describe() {
            String kind = gaussian ? "Gaussian outer products (negative control, R = inf)"
                    : diagonal ? "diagonal squares diag(g*g), g = mu + S zeta" : "Rademacher outer products g g^T, g = mu + S zeta";
            return kind + ", d=" + d;
        }
    }
}
