package org.saddlecheck.theory.staib;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.estimate.AdagradEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.estimate.TwoSampleCovariance;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.problem.GradientNoise;
import org.saddlecheck.problem.NoiseKind;
import org.saddlecheck.problem.QuadraticSaddle;

/**
 * Shared checks of Staib et al. §5.3's two-sample estimator (STAIB-S5.3, STAIB-VAR-COV; CLAIMS.md I4): for independent
 * g1, g2 at the same x, E[(g1 − g2)(g1 − g2)ᵀ] = 2Σ, because g1 − g2 = S(ζ1 − ζ2) and Cov(ζ1 − ζ2) = 2I.
 */
final class TwoSampleChecks {
    private TwoSampleChecks() {}

    /** A finite oracle: a quadratic with Haar basis and Rademacher noise of factor S = Σ^{1/2}, κ(Σ) = kappa. */
    static AdditiveNoiseProblem oracle(int d, double kappa, UniformRandomProvider rng) {
        QuadraticSaddle f = QuadraticSaddle.haar(linspace(d), rng);
        double[] sigma = ExactLinalg.spd(d, 1.0, kappa, SpectrumKind.LOG_UNIFORM, rng).g();
        return f.withNoise(GradientNoise.withCovariance(NoiseKind.RADEMACHER, sigma, d));
    }

    private static double[] linspace(int d) {
        double[] l = new double[d];
        for (int i = 0; i < d; i++) l[i] = i == 0 ? -0.5 : 0.5 + i;
        return l;
    }

    /** Exact enumeration over all (ζ1, ζ2) ∈ {±1}^d × {±1}^d. */
    record Enumeration(double[] expectedY, double[] sigma, double[] estimatorMean, double relErr2Sigma, double relErrEstimator,
                       double traceRatio) {}

    static Enumeration enumerate(AdditiveNoiseProblem p, double[] x) {
        int d = p.dim();
        GradientNoise noise = p.noise();
        double[] grad = new double[d];
        p.gradient(x, grad);
        int m = 1 << d;
        double[][] g = new double[m][];
        double[] z = new double[d];
        for (int mask = 0; mask < m; mask++) {
            for (int j = 0; j < d; j++) z[j] = ((mask >>> j) & 1) == 0 ? 1 : -1;
            double[] gi = grad.clone();
            noise.addNoise(z, gi);
            g[mask] = gi;
        }
        double[] ey = new double[d * d];
        double[] diff = new double[d];
        TwoSampleCovariance est = new TwoSampleCovariance(AdagradEstimator.of(d, Shape.FULL, 0));
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++) {
                for (int i = 0; i < d; i++) diff[i] = g[a][i] - g[b][i];
                Mat.addOuter(ey, 1.0, diff);
                est.observe(x, g[a]);
                est.observe(x, g[b]);
            }
        double pairs = (double) m * m;
        for (int k = 0; k < d * d; k++) ey[k] /= pairs;
        double[] sigma = new double[d * d];
        p.covariance(x, sigma);
        double[] two = sigma.clone();
        for (int k = 0; k < d * d; k++) two[k] *= 2;
        double[] sum = new double[d * d];
        est.estimate(x, sum);
        for (int k = 0; k < d * d; k++) sum[k] /= pairs;
        double scale = Mat.maxAbs(sigma);
        return new Enumeration(ey, sigma, sum, ExactLinalg.maxAbsDiff(ey, two) / scale, ExactLinalg.maxAbsDiff(sum, sigma) / scale,
                Mat.trace(ey, d) / Mat.trace(sigma, d));
    }

    /** Monte Carlo of Y/2 (and Y) against Σ: exact entrywise bounded-mean tests, Bonferroni over the d(d+1)/2 entries. */
    record Mc(int n, double halfWorst, boolean halfRejected, double fullWorst, boolean fullRejected, double[] scaledErrors, double[] sizes) {
        String describe() {
            return String.format(Locale.ROOT, "n = %d: Y/2 vs Sigma max |mean - Sigma_ij|/half-width %.3g (%s); Y vs Sigma %.3g (%s)", n,
                    halfWorst, halfRejected ? "rejected" : "consistent", fullWorst, fullRejected ? "rejected" : "consistent");
        }
    }

    /** Pairs needed to detect an entrywise deviation of 5% of max Σ_ii with power 0.9 (sd ≤ √3·max Σ_ii for Y/2). */
    static int trialsFor(AdditiveNoiseProblem p, double[] x, double alpha) {
        int d = p.dim();
        double[] s = p.noise().factor();
        double[] sigma = new double[d * d];
        p.covariance(x, sigma);
        double maxDiag = 0, r = 0;
        for (int i = 0; i < d; i++) {
            maxDiag = Math.max(maxDiag, sigma[i * d + i]);
            double ri = 0;
            for (int k = 0; k < d; k++) ri += 2 * Math.abs(s[i * d + k]);
            r = Math.max(r, ri);
        }
        return BoundedMeanTest.trialsFor(0.05 * maxDiag, Math.sqrt(3) * maxDiag, r * r, alpha / (d * (d + 1) / 2), 0.9);
    }

    static Mc monteCarlo(AdditiveNoiseProblem p, double[] x, int n, double alpha, ClaimContext ctx, String stream) {
        int d = p.dim();
        double[] s = p.noise().factor();
        double[] sigma = new double[d * d];
        p.covariance(x, sigma);
        double[] r = new double[d]; // |(g1 − g2)_i| ≤ 2 Σ_k |S_ik|
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) r[i] += 2 * Math.abs(s[i * d + k]);
            r[i] *= 1 + 1e-12;
        }
        int entries = d * (d + 1) / 2;
        int chunk = 4096, chunks = (n + chunk - 1) / chunk;
        List<double[][]> parts = ctx.parallel().map(chunks, c -> {
            UniformRandomProvider rng = ctx.rng(stream, c);
            int lo = c * chunk, hi = Math.min(n, lo + chunk);
            double[][] out = new double[entries][hi - lo];
            double[] g1 = new double[d], g2 = new double[d];
            for (int t = lo; t < hi; t++) {
                p.sample(x, rng, g1);
                p.sample(x, rng, g2);
                int e = 0;
                for (int i = 0; i < d; i++)
                    for (int k = i; k < d; k++) out[e++][t - lo] = (g1[i] - g2[i]) * (g1[k] - g2[k]);
            }
            return out;
        });
        double[][] all = new double[entries][n];
        int off = 0;
        for (double[][] part : parts) {
            for (int e = 0; e < entries; e++) System.arraycopy(part[e], 0, all[e], off, part[e].length);
            off += part[0].length;
        }
        double aEntry = alpha / entries;
        double halfWorst = 0, fullWorst = 0;
        boolean halfRej = false, fullRej = false;
        boolean anyFull = false;
        int e = 0;
        for (int i = 0; i < d; i++)
            for (int k = i; k < d; k++, e++) {
                double bnd = r[i] * r[k];
                double[] half = all[e].clone();
                for (int t = 0; t < n; t++) half[t] *= 0.5;
                BoundedMeanTest th = BoundedMeanTest.of(half, i == k ? 0 : -bnd / 2, bnd / 2, sigma[i * d + k], aEntry);
                halfRej |= th.rejected();
                halfWorst = Math.max(halfWorst, th.score());
                if (i == k) { // the factor 2 is visible on the diagonal (Σ_ii > 0)
                    BoundedMeanTest tf = BoundedMeanTest.of(all[e], 0, bnd, sigma[i * d + k], aEntry);
                    fullWorst = Math.max(fullWorst, tf.score());
                    anyFull = true;
                    fullRej |= tf.rejected();
                }
            }
        // error of the mean of Y/2 (Frobenius) on nested prefixes n/4^k, scaled by sqrt(n_k): O(N^{-1/2}) means bounded
        int levels = 4;
        double[] scaled = new double[levels], sizes = new double[levels];
        for (int lv = 0; lv < levels; lv++) {
            int nk = Math.max(1, n >> (2 * (levels - 1 - lv)));
            double err2 = 0;
            e = 0;
            for (int i = 0; i < d; i++)
                for (int k = i; k < d; k++, e++) {
                    double sm = 0;
                    for (int t = 0; t < nk; t++) sm += all[e][t];
                    double dev = 0.5 * sm / nk - sigma[i * d + k];
                    err2 += (i == k ? 1 : 2) * dev * dev;
                }
            sizes[lv] = nk;
            scaled[lv] = Math.sqrt(err2) * Math.sqrt(nk);
        }
        return new Mc(n, halfWorst, halfRej, fullWorst, anyFull && fullRej, scaled, sizes);
    }
}
