package org.saddlecheck.estimate;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.problem.StochasticOracle;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * Staib et al. Alg. 3's BURNIN(W, β) [RECON, CLAIMS.md STAIB-ALG3]: W estimator updates from stochastic
 * gradients drawn at x0 before the optimizer starts ("burn-in iterations where our estimate is updated but
 * the algorithm is not started"). It works with any estimator: each update draws
 * {@link Estimator#samplesPerUpdate()} gradients (2 for the two-sample covariance estimator). The resulting
 * estimator state is Ĝ_{−1} of the run (CLAIMS.md I9: the printed "Ĝ_0 ← BurnIn" is overwritten at t = 0).
 */
public final class BurnIn {
    private BurnIn() {}

    /** W = ⌈η^{−2/3}⌉ (Corollary 4.1: W = Θ(η^{−2/3})). */
    public static int length(double eta) {
        return length(eta, 1.0);
    }

    /** W = ⌈c·η^{−2/3}⌉ (at least 1; a value within 1e-9 relative of an integer is taken as that integer). */
    public static int length(double eta, double c) {
        Require.positive("eta", eta);
        Require.positive("c", c);
        double raw = c * Math.pow(eta, -2.0 / 3.0);
        // snap to an integer within rounding (0.001^(-2/3) is 100 up to ulps; ceil must not make it 101)
        double nearest = Math.rint(raw);
        double w = Math.abs(raw - nearest) <= 1e-9 * raw ? nearest : Math.ceil(raw);
        w = Math.max(w, 1.0);
        if (w > Integer.MAX_VALUE) throw new IllegalArgumentException("eta = " + eta + " is not allowed: the burn-in length "
                + "c*eta^(-2/3) = " + w + " must fit in an int");
        return (int) w;
    }

    /**
     * Feeds W updates drawn at x0 into the estimator, using scratch (length d) for the gradient. Returns the
     * number of oracle calls made (W·samplesPerUpdate, or 0 for an estimator that ignores samples).
     */
    public static long run(Estimator estimator, StochasticOracle oracle, double[] x0, int w,
                           UniformRandomProvider rng, double[] scratch) {
        Require.notNull("estimator", estimator);
        Require.notNull("oracle", oracle);
        Require.notNull("rng", rng);
        Require.nonNegative("w", w);
        int d = estimator.dim();
        Require.sameDimension("oracle", oracle.dim(), d);
        Require.length("x0", x0, d);
        Require.finite("x0", x0);
        Require.length("scratch", scratch, d);
        if (!estimator.usesSamples()) return 0;
        int k = estimator.samplesPerUpdate();
        long calls = 0;
        for (int s = 0; s < w; s++) {
            for (int j = 0; j < k; j++) {
                oracle.sample(x0, rng, scratch);
                calls++;
                DivergenceException.check("burn-in gradient", scratch, 0);
                estimator.observe(x0, scratch);
            }
        }
        return calls;
    }

    /** As {@link #run(Estimator, StochasticOracle, double[], int, UniformRandomProvider, double[])}, allocating scratch. */
    public static long run(Estimator estimator, StochasticOracle oracle, double[] x0, int w, UniformRandomProvider rng) {
        Require.notNull("estimator", estimator);
        return run(estimator, oracle, x0, w, rng, new double[estimator.dim()]);
    }
}
