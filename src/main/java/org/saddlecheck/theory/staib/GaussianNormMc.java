package org.saddlecheck.theory.staib;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.rng.Gaussian;

/**
 * Monte Carlo of E‖Ag‖² for Gaussian g ~ N(0, G) (second moment G), used for Definition 4.2's Condition 3
 * (Γ ≥ E‖Ag‖², CLAIMS.md STAIB-P4.4/D4.2). With M = A G^{1/2} and g = G^{1/2}z, ‖Ag‖² = ‖Mz‖² = Σ_i μ_i Z_i² where
 * μ are the eigenvalues of MMᵀ = AGAᵀ, so E‖Ag‖² = tr(AGAᵀ) = Γ*.
 *
 * <p>Confidence bounds are exact, not asymptotic: the sum over n draws minus its mean is Q = Σ a_k (Z_k² − 1) with
 * weights a = μ repeated n times, and Laurent &amp; Massart (2000, Lemma 1) give P(Q ≥ 2‖a‖₂√x + 2‖a‖∞x) ≤ e^{−x} and
 * P(Q ≤ −2‖a‖₂√x) ≤ e^{−x}. Hand-written because the stats package's Student-t bound is only asymptotic, and at the
 * per-test levels used here (α ≈ 1e-6) the skewness of χ² sums makes it anti-conservative by ~10%.
 */
final class GaussianNormMc {
    private GaussianNormMc() {}

    /** Samples per parallel chunk. */
    static final int CHUNK = 2048;

    /**
     * Result: n draws, sample mean, exact Γ* = Σμ, and the one-sided deviation widths at level alpha (upper: the mean
     * exceeds E by more than upperDev with probability ≤ alpha; lower likewise).
     */
    record Result(int n, double mean, double gammaStar, double sumMu2, double maxMu) {
        double upperDev(double alpha) {
            double x = Math.log(1 / alpha);
            return (2 * Math.sqrt(n * sumMu2 * x) + 2 * maxMu * x) / n;
        }

        double lowerDev(double alpha) {
            double x = Math.log(1 / alpha);
            return 2 * Math.sqrt(n * sumMu2 * x) / n;
        }

        /** One-sided test of "E‖Ag‖² ≤ bound" at level alpha: violated iff mean − upperDev &gt; bound. */
        boolean exceeds(double bound, double alpha) {
            return mean - upperDev(alpha) > bound;
        }

        /** Two-sided test of "E‖Ag‖² = value" at level alpha (alpha/2 per side). */
        boolean differs(double value, double alpha) {
            return mean - upperDev(alpha / 2) > value || value - mean > lowerDev(alpha / 2);
        }

        String describe(double alpha) {
            return String.format(Locale.ROOT, "mean %.6g over n = %d (Gamma* = %.6g; two-sided exact CI [%.6g, %.6g] at alpha = %.2g)",
                    mean, n, gammaStar, mean - upperDev(alpha / 2), mean + lowerDev(alpha / 2), alpha);
        }
    }

    /**
     * Smallest n (doubling from 1024) such that the one-sided test at level alpha rejects with probability ≥ power when
     * the true mean exceeds the bound by relExcess·Γ* (normal approximation of the sample mean under the alternative).
     */
    static int trialsFor(double[] mu, double relExcess, double alpha, double power) {
        double s1 = 0, s2 = 0, mx = 0;
        for (double m : mu) {
            s1 += m;
            s2 += m * m;
            mx = Math.max(mx, m);
        }
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(1 - power); // z_power (1.28 for 0.9)
        int n = 1024;
        while (n < MAX_TRIALS) {
            Result r = new Result(n, 0, s1, s2, mx);
            double sd = Math.sqrt(2 * s2 / n);
            if (relExcess * s1 - r.upperDev(alpha) - z * sd >= 0) return n;
            n *= 2;
        }
        return MAX_TRIALS;
    }

    /** Cap on designed draws (only sums are kept; a design at the cap has less power than asked). */
    static final int MAX_TRIALS = 1 << 22;

    /** Runs n draws (chunked on ctx.parallel(), streams "stream"/chunk), with μ computed from M = A G^{1/2}. */
    static Result run(double[] a, double[] g, int d, int n, ClaimContext ctx, String stream) {
        double[] m = ExactLinalg.mul(a, ExactLinalg.sqrt(g, d), d);
        double[] mmt = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += m[i * d + k] * m[j * d + k];
                mmt[i * d + j] = s;
            }
        double[] mu = ExactLinalg.eigenvalues(mmt, d);
        double s1 = 0, s2 = 0, mx = 0;
        for (double v : mu) {
            double w = Math.max(v, 0);
            s1 += w;
            s2 += w * w;
            mx = Math.max(mx, w);
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        List<Double> sums = ctx.parallel().map(chunks, c -> {
            UniformRandomProvider rng = ctx.rng(stream, c);
            Gaussian gauss = new Gaussian(rng);
            int lo = c * CHUNK, hi = Math.min(n, lo + CHUNK);
            double[] z = new double[d];
            double sum = 0;
            for (int k = lo; k < hi; k++) {
                gauss.fill(z);
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    int r = i * d;
                    for (int j = 0; j < d; j++) s += m[r + j] * z[j];
                    sum += s * s;
                }
            }
            return sum;
        });
        double total = 0;
        for (double s : sums) total += s;
        return new Result(n, total / n, s1, s2, mx);
    }
}
