package org.saddlecheck.stats;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.saddlecheck.util.Require;

/**
 * Exact one-sided binomial test of an exceedance rate (CLAIMS.md §7.3, MC-HP): a claim "P[X &gt; B] ≤ δ" is
 * checked by counting {@code k} exceedances in {@code n} independent trials; the p-value is
 * {@code P[Binomial(n, δ) ≥ k]} and the claim is rejected iff {@code p < alpha}. Under the claim (true rate ≤ δ)
 * the probability of a false rejection is at most {@code alpha}.
 *
 * @param n        trials
 * @param k        exceedances observed
 * @param delta    the claimed bound on the exceedance probability
 * @param alpha    the test's false-failure rate
 * @param pValue   P[Binomial(n, δ) ≥ k]
 * @param rejected true iff pValue &lt; alpha (the claim is VIOLATED)
 */
public record BinomialTest(int n, int k, double delta, double alpha, double pValue, boolean rejected) {

    /** Runs the test. */
    public static BinomialTest exceedance(int n, int k, double delta, double alpha) {
        Require.positive("n", n);
        Require.that(k >= 0 && k <= n, "k", k, "an integer in [0, n] with n = " + n);
        Require.probability("delta", delta);
        Require.probability("alpha", alpha);
        double p = upperTail(n, k, delta);
        return new BinomialTest(n, k, delta, alpha, p, p < alpha);
    }

    /** P[Binomial(n, p) ≥ k] (1 for k ≤ 0). */
    public static double upperTail(int n, int k, double p) {
        Require.nonNegative("n", n);
        Require.inRange("p", p, 0, 1);
        if (k <= 0) return 1.0;
        if (k > n) return 0.0;
        return BinomialDistribution.of(n, p).survivalProbability(k - 1);
    }

    /** P[Binomial(n, p) ≤ k] (0 for k &lt; 0). */
    public static double lowerTail(int n, int k, double p) {
        Require.nonNegative("n", n);
        Require.inRange("p", p, 0, 1);
        if (k < 0) return 0.0;
        if (k >= n) return 1.0;
        return BinomialDistribution.of(n, p).cumulativeProbability(k);
    }

    /** Observed exceedance rate k/n. */
    public double rate() {
        return (double) k / n;
    }

    /** One-line summary for evidence strings. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d/%d exceedances (rate %.4g vs delta %.4g), p = P[Bin(%d, %.4g) >= %d] = %.3g %s alpha = %.3g",
                k, n, rate(), delta, n, delta, k, pValue, rejected ? "<" : ">=", alpha);
    }
}
