package org.saddlecheck.theory.staib;

import org.saddlecheck.util.Require;

/**
 * Explicit-constant companion of Staib et al. Theorem 4.1 and Propositions 4.1–4.2 (CLAIMS.md STAIB-T4.1 [DER],
 * proofs-notes/STAIB-T4.1.md): exact sums of the normalised EMA weights w_t = β^{T−t}(1−β)/(1−β^T), t = 1..T, the
 * reference bound
 *
 * <pre>
 *   B_ref(η, β, T, δ) = √(2 v ℓ) + (2/3) R_w ℓ + L η M Σ_t w_t (T − t),   ℓ = log(2d/δ),
 *   v = σ² Σ_t w_t²,  R_w = R · w_T
 * </pre>
 *
 * (matrix Bernstein, Tropp 2015 Thm 6.1.1, for oblivious sequences; matrix Freedman, Tropp 2011 Thm 1.1, for
 * adaptive ones), its union bound over a window (Prop. 4.1, Def. 4.1), the inverse-square-root perturbation
 * constant of Prop. 4.2, and the error-minimising 1 − β.
 *
 * <p>Numerics: β^T and 1 − β^T are computed as exp(T·log1p(−(1−β))) and −expm1(T·log1p(−(1−β))), so that 1 − β
 * down to 1e-12 keeps full relative precision. The closed form of Σ w_t(T−t) = β/(1−β) − Tβ^T/(1−β^T) cancels when
 * T(1−β) is small (both terms ≈ 1/(1−β), difference ≈ (T−1)/2); below T(1−β) = 1e-3 the sum is evaluated directly
 * (O(T), hand-written: no library sums a geometric-times-linear series).
 */
public final class EstimationBounds {
    private EstimationBounds() {}

    /** Below this T(1−β) the lag sum Σ w_t (T−t) is summed directly instead of by its closed form. */
    static final double DIRECT_LAG_BELOW = 1e-3;

    /**
     * Constants of Theorem 4.1: dimension d, Lipschitz constant L of the field G (operator norm), speed M
     * (‖x_t − x_{t+1}‖ ≤ ηM), a.s. noise bound R ≥ ‖Y − EY‖ and σ with ‖E(Y − EY)²‖ ≤ σ².
     */
    public record Constants(int d, double lipschitz, double speed, double r, double sigma) {
        public Constants {
            Require.positive("d", d);
            Require.nonNegative("lipschitz", lipschitz);
            Require.nonNegative("speed", speed);
            Require.nonNegative("r", r);
            Require.nonNegative("sigma", sigma);
        }
    }

    /** The parts of B_ref: the variance term √(2vℓ), the range term (2/3)R_wℓ and the bias term LηMΣw(T−t). */
    public record Parts(double variance, double range, double bias) {
        public double total() {
            return variance + range + bias;
        }
    }

    private static void checkBetaT(double beta, long t) {
        Require.beta("beta", beta);
        Require.positive("T", t);
    }

    /** β^T, computed as exp(T log1p(−(1−β))). */
    public static double betaPower(double beta, long t) {
        checkBetaT(beta, t);
        if (beta == 0) return 0;
        return Math.exp(t * Math.log1p(-(1 - beta)));
    }

    /** 1 − β^T without cancellation. */
    public static double oneMinusBetaPower(double beta, long t) {
        checkBetaT(beta, t);
        if (beta == 0) return 1;
        return -Math.expm1(t * Math.log1p(-(1 - beta)));
    }

    /** Weight of sample t (1-based) among T: β^{T−t}(1−β)/(1−β^T). */
    public static double weight(double beta, long t, long bigT) {
        checkBetaT(beta, bigT);
        Require.that(t >= 1 && t <= bigT, "t", t, "an integer in [1, T] with T = " + bigT);
        double lag = bigT - t;
        double num = beta == 0 ? (lag == 0 ? 1 : 0) : Math.exp(lag * Math.log(beta));
        return num * (1 - beta) / oneMinusBetaPower(beta, bigT);
    }

    /** The largest weight, w_T = (1−β)/(1−β^T). */
    public static double lastWeight(double beta, long t) {
        return (1 - beta) / oneMinusBetaPower(beta, t);
    }

    /** Σ_t w_t² = (1−β)(1+β^T)/((1+β)(1−β^T)). */
    public static double sumSquares(double beta, long t) {
        double bt = betaPower(beta, t);
        return (1 - beta) * (1 + bt) / ((1 + beta) * oneMinusBetaPower(beta, t));
    }

    /** Σ_t w_t (T − t) = β/(1−β) − Tβ^T/(1−β^T) (directly summed when T(1−β) &lt; 1e-3). */
    public static double lagSum(double beta, long t) {
        checkBetaT(beta, t);
        double om = 1 - beta;
        if (t * om < DIRECT_LAG_BELOW) return directLagSum(beta, t);
        return beta / om - t * betaPower(beta, t) / oneMinusBetaPower(beta, t);
    }

    /** Σ_{k<T} k β^k / Σ_{k<T} β^k by direct summation (oldest terms first). */
    static double directLagSum(double beta, long t) {
        double num = 0, den = 0;
        double p = Math.exp((t - 1) * Math.log(beta));
        for (long k = t - 1; k >= 0; k--) {
            num += k * p;
            den += p;
            p /= beta;
        }
        return num / den;
    }

    /** log(2d/δ), the dimensional-and-confidence factor of matrix Bernstein/Freedman for symmetric d×d sums. */
    public static double logFactor(int d, double delta) {
        Require.positive("d", d);
        Require.probability("delta", delta);
        return Math.log(2.0 * d / delta);
    }

    /** The three terms of B_ref(η, β, T, δ). */
    public static Parts parts(Constants c, double eta, double beta, long t, double delta) {
        Require.notNull("c", c);
        Require.nonNegative("eta", eta);
        checkBetaT(beta, t);
        double l = logFactor(c.d(), delta);
        double v = c.sigma() * c.sigma() * sumSquares(beta, t);
        double rw = c.r() * lastWeight(beta, t);
        return new Parts(Math.sqrt(2 * v * l), 2.0 / 3.0 * rw * l, c.lipschitz() * eta * c.speed() * lagSum(beta, t));
    }

    /** B_ref(η, β, T, δ) (proofs-notes/STAIB-T4.1.md). */
    public static double bRef(Constants c, double eta, double beta, long t, double delta) {
        return parts(c, eta, beta, t, delta).total();
    }

    /**
     * The exact Bernstein/Freedman threshold s solving s²/2 = ℓ(v + R_w s/3), plus the bias term: a slightly smaller
     * valid bound than B_ref (which uses s ≤ √(2vℓ) + (2/3)R_wℓ). Reported for comparison only.
     */
    public static double bernsteinBound(Constants c, double eta, double beta, long t, double delta) {
        Require.notNull("c", c);
        Require.nonNegative("eta", eta);
        checkBetaT(beta, t);
        double l = logFactor(c.d(), delta);
        double v = c.sigma() * c.sigma() * sumSquares(beta, t);
        double a = c.r() * lastWeight(beta, t) * l / 3;
        return a + Math.sqrt(a * a + 2 * v * l) + c.lipschitz() * eta * c.speed() * lagSum(beta, t);
    }

    /**
     * Δ_G for a window (Prop. 4.1 by a union bound, Def. 4.1): the estimate at time t uses the t samples seen so far
     * with normalised weights, so P(∃ t ∈ (W, W+T_w]: ‖Ĝ_t − G_t‖ &gt; B_ref(η, β, t, δ/T_w)) ≤ δ; returns
     * max over the window of B_ref(η, β, t, δ/T_w).
     */
    public static double windowBound(Constants c, double eta, double beta, long burnIn, long window, double delta) {
        Require.nonNegative("burnIn", burnIn);
        Require.positive("window", window);
        Require.probability("delta", delta);
        double dt = delta / window, worst = 0;
        for (long t = burnIn + 1; t <= burnIn + window; t++) worst = Math.max(worst, bRef(c, eta, beta, t, dt));
        return worst;
    }

    /** The constant ½a^{−3/2} of ‖X^{−1/2} − Y^{−1/2}‖ ≤ ½a^{−3/2}‖X − Y‖ for X, Y ⪰ aI (CLAIMS.md STAIB-P4.2 [DER]). */
    public static double invSqrtLipschitz(double a) {
        Require.positive("a", a);
        return 0.5 / (a * Math.sqrt(a));
    }

    /**
     * Δ_A for A = (G + εI)^{−1/2} given Δ_G ≤ λ_min(G)/2: ½(ε + λ_min/2)^{−3/2}Δ_G (Weyl: Ĝ ⪰ (λ_min/2)I on the
     * event ‖Ĝ − G‖ ≤ Δ_G). NaN when Δ_G &gt; λ_min/2 (the bound does not apply).
     */
    public static double invSqrtWindowBound(double deltaG, double eps, double lambdaMin) {
        Require.nonNegative("deltaG", deltaG);
        Require.nonNegative("eps", eps);
        Require.positive("lambdaMin", lambdaMin);
        if (deltaG > lambdaMin / 2) return Double.NaN;
        return invSqrtLipschitz(eps + lambdaMin / 2) * deltaG;
    }

    /** argmin over s &gt; 0 of a√s + b/s: s* = (2b/a)^{2/3}. */
    public static double optimalOneMinusBeta(double a, double b) {
        Require.positive("a", a);
        Require.positive("b", b);
        return Math.pow(2 * b / a, 2.0 / 3.0);
    }

    /**
     * C* with 1 − β* = C*η^{2/3} for the large-T form of B_ref's leading terms, σ√(ℓ(1−β)) + LMη/(1−β)
     * (ℓ = log(2d/δ)): C* = (2LM/(σ√ℓ))^{2/3}, independent of η.
     */
    public static double optimalC(Constants c, double delta) {
        Require.notNull("c", c);
        double l = logFactor(c.d(), delta);
        return Math.pow(2 * c.lipschitz() * c.speed() / (c.sigma() * Math.sqrt(l)), 2.0 / 3.0);
    }

    /**
     * 1 − β minimising the stationary (T → ∞) B_ref, √(2σ²ℓ(1−β)/(1+β)) + (2/3)R(1−β)ℓ + LηMβ/(1−β), found by
     * golden-section search on log(1−β) ∈ [1e-12, 1) (the function is unimodal there: a sum of increasing
     * and decreasing convex-in-log terms).
     */
    public static double argminStationaryBRef(Constants c, double eta, double delta) {
        Require.notNull("c", c);
        Require.positive("eta", eta);
        double l = logFactor(c.d(), delta);
        double lo = Math.log(1e-12), hi = Math.log(1 - 1e-12);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
        double f1 = stationary(c, eta, l, Math.exp(x1)), f2 = stationary(c, eta, l, Math.exp(x2));
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = stationary(c, eta, l, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = stationary(c, eta, l, Math.exp(x2));
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    private static double stationary(Constants c, double eta, double l, double om) {
        double beta = 1 - om;
        return Math.sqrt(2 * c.sigma() * c.sigma() * l * om / (1 + beta)) + 2.0 / 3.0 * c.r() * om * l
                + c.lipschitz() * eta * c.speed() * beta / om;
    }

    /** T = ⌈10/(1−β)⌉, the horizon used by the checks (&gt; 4/(1−β) as Theorem 4.1 requires; CLAIMS.md I10). */
    public static long horizon(double beta) {
        Require.beta("beta", beta);
        return (long) Math.ceil(10 / (1 - beta));
    }
}
