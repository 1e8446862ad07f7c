package org.saddlecheck.optim.pgd;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * Statistical checks of a {@link PerturbationSampler} against the uniform-ball law (CLAIMS.md §8.5, JIN-STUCK
 * harness 2): (1) E‖ξ‖² = d r²/(d+2), as a z-score with the exact null variance
 * {@link PgdBounds#ballSquaredNormVariance}; (2) the one-coordinate marginal against its exact CDF
 * {@link PgdBounds#ballMarginalCdf}, as a one-sample Kolmogorov–Smirnov test; (3) the support ‖ξ‖ ≤ r.
 * The {@code Wrong*} samplers must fail at least one of them ({@link Report#passes}).
 */
public final class SamplerDiagnostics {
    private SamplerDiagnostics() {}

    /**
     * @param meanSquaredNorm         sample mean of ‖ξ‖²
     * @param expectedMeanSquaredNorm d r²/(d+2)
     * @param momentZ                 (mean − expected)/SE with the exact null SE
     * @param ksStatistic             sup |F_n − F| of the first coordinate
     * @param ksPValue                asymptotic Kolmogorov p-value (Stephens' small-n correction)
     * @param maxNormOverR            max ‖ξ‖/r over the sample
     */
    public record Report(String sampler, int d, double r, int n, double meanSquaredNorm, double expectedMeanSquaredNorm,
            double momentZ, double ksStatistic, double ksPValue, double maxNormOverR) {

        public boolean momentOk(double zMax) {
            return Math.abs(momentZ) <= zMax;
        }

        public boolean marginalOk(double pMin) {
            return ksPValue >= pMin;
        }

        /** ‖ξ‖ ≤ r (1 + 1e-12) for every draw. */
        public boolean supportOk() {
            return maxNormOverR <= 1 + 1e-12;
        }

        /** All three checks pass. */
        public boolean passes(double zMax, double pMin) {
            return momentOk(zMax) && marginalOk(pMin) && supportOk();
        }
    }

    /** Draws n samples in dimension d with radius r and runs the three checks. */
    public static Report check(PerturbationSampler sampler, int d, double r, int n, UniformRandomProvider rng) {
        Require.notNull("sampler", sampler);
        Require.positive("d", d);
        Require.positive("r", r);
        Require.that(n >= 100, "n", n, "an integer >= 100");
        Require.notNull("rng", rng);
        Gaussian gaussian = new Gaussian(rng);
        double[] xi = new double[d];
        double[] first = new double[n];
        double sum = 0;
        double comp = 0; // Kahan compensation: n up to 1e6 terms of similar size
        double maxNorm2 = 0;
        for (int k = 0; k < n; k++) {
            sampler.sample(gaussian, r, xi);
            double s2 = 0;
            for (double v : xi) s2 += v * v;
            double y = s2 - comp;
            double tsum = sum + y;
            comp = (tsum - sum) - y;
            sum = tsum;
            maxNorm2 = Math.max(maxNorm2, s2);
            first[k] = xi[0];
        }
        double mean = sum / n;
        double expected = PgdBounds.ballMeanSquaredNorm(r, d);
        double se = Math.sqrt(PgdBounds.ballSquaredNormVariance(r, d) / n);
        double z = (mean - expected) / se;
        Arrays.sort(first);
        double ks = ksStatistic(first, r, d);
        return new Report(sampler.name(), d, r, n, mean, expected, z, ks, kolmogorovPValue(ks, n),
                Math.sqrt(maxNorm2) / r);
    }

    /** sup_u |F_n(u) − F(u)| of a sorted sample against the ball's one-coordinate CDF. */
    public static double ksStatistic(double[] sorted, double a, int d) {
        Require.notNull("sorted", sorted);
        int n = sorted.length;
        Require.positive("sorted.length", n);
        double dMax = 0;
        for (int i = 0; i < n; i++) {
            double f = PgdBounds.ballMarginalCdf(sorted[i], a, d);
            dMax = Math.max(dMax, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return dMax;
    }

    /**
     * P(D_n ≥ D) ≈ Q_KS((√n + 0.12 + 0.11/√n)·D) (Stephens 1970). Q_KS is evaluated with the two classical series
     * (the theta-function form for λ &lt; 1.18, the alternating form otherwise) because Commons Math's
     * {@code ksSum} uses only the alternating series, which converges slowly and cancels for small λ.
     */
    public static double kolmogorovPValue(double dStat, int n) {
        Require.nonNegative("dStat", dStat);
        Require.positive("n", n);
        double sn = Math.sqrt(n);
        double lambda = (sn + 0.12 + 0.11 / sn) * dStat;
        if (lambda <= 0) return 1;
        if (lambda < 1.18) {
            // P(K ≤ λ) = √(2π)/λ Σ_{k≥1} exp(−(2k−1)²π²/(8λ²))
            double y = -Math.PI * Math.PI / (8 * lambda * lambda);
            double s = 0;
            for (int k = 1; k <= 50; k++) {
                double term = Math.exp((2 * k - 1) * (2 * k - 1) * y);
                s += term;
                if (term < 1e-17 * s) break;
            }
            return Math.min(1, Math.max(0, 1 - Math.sqrt(2 * Math.PI) / lambda * s));
        }
        // Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²)
        double s = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            s += (k % 2 == 1) ? term : -term;
            if (term < 1e-300 || term < 1e-17 * Math.abs(s)) break;
        }
        return Math.min(1, Math.max(0, 2 * s));
    }
}
