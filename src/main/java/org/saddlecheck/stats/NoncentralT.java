package org.saddlecheck.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.util.Require;

/**
 * Survival function of the noncentral t distribution, needed for exact power of one-sided t tests
 * ({@link Power#tPower}). Hand-written because neither Commons Statistics nor Commons Math provides it.
 *
 * <p>With T' = (Z + λ)/√(V/ν), Z ~ N(0,1), V ~ χ²_ν independent, and S = √(V/ν):
 * {@code P[T' > c] = E[Φ̄(c·S − λ)] = ∫ Φ̄(c s − λ) f_S(s) ds}, f_S(s) = 2νs·f_{χ²_ν}(νs²). The integral is
 * evaluated by composite 8-point Gauss–Legendre quadrature over S's central range [q(1e-15), q(1 − 1e-15)],
 * where the integrand is smooth; the absolute error is below 1e-9 for ν ≥ 1 in the tests.
 */
public final class NoncentralT {
    private NoncentralT() {}

    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);
    private static final int PANELS = 256;
    // 8-point Gauss–Legendre nodes and weights on [-1, 1]
    private static final double[] X = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
    private static final double[] W = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};

    /** P[T'_{ν,λ} &gt; c]. */
    public static double survival(double c, double nu, double lambda) {
        Require.finite("c", c);
        Require.positive("nu", nu);
        Require.finite("lambda", lambda);
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(nu);
        double sLo = Math.sqrt(chi.inverseCumulativeProbability(1e-15) / nu);
        double sHi = Math.sqrt(chi.inverseSurvivalProbability(1e-15) / nu);
        double h = (sHi - sLo) / PANELS;
        double sum = 0;
        for (int p = 0; p < PANELS; p++) {
            double mid = sLo + (p + 0.5) * h;
            for (int i = 0; i < X.length; i++) {
                double s = mid + 0.5 * h * X[i];
                if (s <= 0) continue;
                double dens = 2 * nu * s * chi.density(nu * s * s);
                sum += W[i] * 0.5 * h * dens * STD_NORMAL.survivalProbability(c * s - lambda);
            }
        }
        return Math.min(1.0, Math.max(0.0, sum));
    }
}
