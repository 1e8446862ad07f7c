package org.saddlecheck.optim.pgd;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.saddlecheck.util.Require;

/**
 * Closed-form bounds and exact geometric quantities used by the Jin et al. theory checks (CLAIMS.md JIN-GD,
 * JIN-T3, JIN-L11, JIN-STUCK, X3). All functions validate their inputs and are overflow-safe where the
 * spec warns about it (Gamma ratios in log space, §8.6).
 */
public final class PgdBounds {
    private PgdBounds() {}

    // ---------------------------------------------------------------- iteration counts

    /**
     * Deterministic PGD iteration cap (CLAIMS.md JIN-T3 [DER] 2):
     * N ≤ (Δ_f/f_thres + 1)(T_th + 1) + 2Δ_f/(η g_thres²). Valid for every run with η ≤ 1/ℓ and Δ_f ≥ f(x_0) − f*.
     */
    public static double iterationCap(double deltaF, double fThres, long tTh, double eta, double gThres) {
        Require.positive("deltaF", deltaF);
        Require.positive("fThres", fThres);
        Require.that(tTh >= 1, "tTh", tTh, "an integer >= 1");
        Require.positive("eta", eta);
        Require.positive("gThres", gThres);
        return (deltaF / fThres + 1) * (tTh + 1.0) + 2 * deltaF / (eta * gThres * gThres);
    }

    /** {@link #iterationCap(double, double, long, double, double)} with the parameters' own values. */
    public static double iterationCap(PgdParameters p, double deltaF) {
        Require.notNull("p", p);
        return iterationCap(deltaF, p.fThres(), p.tTh(), p.eta(), p.gThres());
    }

    /** Same, for paper parameters (uses their Δ_f). */
    public static double iterationCap(PgdParameters p) {
        Require.notNull("p", p);
        Require.that(p.isPaper(), "p.source()", p.source(), "\"paper\" (explicit parameters carry no deltaF; pass it)");
        return iterationCap(p.deltaF(), p.fThres(), p.tTh(), p.eta(), p.gThres());
    }

    /** Theorem 3's scale ℓΔ_f/ε² · ln⁴(dℓΔ_f/(ε²δ)) (the O(·) without its constant; CLAIMS.md JIN-T3). */
    public static double theorem3Scale(int d, double ell, double eps, double delta, double deltaF) {
        Require.positive("d", d);
        Require.positive("ell", ell);
        Require.positive("eps", eps);
        Require.probability("delta", delta);
        Require.positive("deltaF", deltaF);
        double logArg = Math.log(d) + Math.log(ell) + Math.log(deltaF) - 2 * Math.log(eps) - Math.log(delta);
        double l2 = logArg * logArg;
        return ell * deltaF / (eps * eps) * l2 * l2;
    }

    /** JIN-GD: T = ceil(2ℓ(f(x_0) − f*)/ε²); GD with η = 1/ℓ reaches ‖∇f‖ ≤ ε at some t &lt; T. */
    public static double gdIterationBound(double ell, double f0MinusFStar, double eps) {
        Require.positive("ell", ell);
        Require.nonNegative("f0MinusFStar", f0MinusFStar);
        Require.positive("eps", eps);
        return Math.ceil(2 * ell * f0MinusFStar / (eps * eps));
    }

    // ---------------------------------------------------------------- failure probabilities

    /** Lemma 11's failure bound (dℓ/√(ρε))·e^{−χ} [REC] (CLAIMS.md JIN-L11). */
    public static double lemma11FailureBound(int d, double ell, double rho, double eps, double chi) {
        Require.positive("d", d);
        Require.positive("ell", ell);
        Require.positive("rho", rho);
        Require.positive("eps", eps);
        Require.positive("chi", chi);
        return Math.exp(Math.log(d) + Math.log(ell) - 0.5 * Math.log(rho * eps) - chi);
    }

    /** Lemma 11's bound for paper parameters. */
    public static double lemma11FailureBound(PgdParameters p) {
        requirePaper(p);
        return lemma11FailureBound(p.d(), p.ell(), p.rho(), p.eps(), p.chi());
    }

    /**
     * The union bound of Theorem 3 (CLAIMS.md JIN-L11 [DER]): (dℓΔ_f/(cε²))·χ³·e^{−χ}, which the choice of χ makes
     * ≤ δ.
     */
    public static double theorem3UnionFailureBound(PgdParameters p) {
        requirePaper(p);
        double chi = p.chi();
        return Math.exp(Math.log(p.d()) + Math.log(p.ell()) + Math.log(p.deltaF()) - Math.log(p.c())
                - 2 * Math.log(p.eps()) + 3 * Math.log(chi) - chi);
    }

    // ---------------------------------------------------------------- ball geometry

    /** log(Γ(d/2+1)/Γ(d/2+1/2)) via Commons Math log-Gamma (no overflow; CLAIMS.md §8.6). */
    public static double logGammaRatio(int d) {
        Require.positive("d", d);
        return Gamma.logGamma(d / 2.0 + 1) - Gamma.logGamma(d / 2.0 + 0.5);
    }

    /** Γ(d/2+1)/Γ(d/2+1/2) ≈ √(d/2) for large d. */
    public static double gammaRatio(int d) {
        return Math.exp(logGammaRatio(d));
    }

    /**
     * Exact slab fraction of the ball: w·Vol(B^{d−1}(a))/Vol(B^d(a)) = (w/(a√π))·Γ(d/2+1)/Γ(d/2+1/2)
     * (CLAIMS.md JIN-STUCK; JACM Lemma 20's display). It is the thin-slab approximation of the probability that a
     * uniform point of B^d(a) lies in a slab of width w through the centre (exact as w → 0).
     */
    public static double ballSlabRatio(double w, double a, int d) {
        Require.nonNegative("w", w);
        Require.positive("a", a);
        return w / (a * Math.sqrt(Math.PI)) * gammaRatio(d);
    }

    /** The bound (w/a)·√(d/π) ≥ {@link #ballSlabRatio}. */
    public static double ballSlabRatioBound(double w, double a, int d) {
        Require.nonNegative("w", w);
        Require.positive("a", a);
        Require.positive("d", d);
        return w / a * Math.sqrt(d / Math.PI);
    }

    /**
     * Density of one coordinate u of a uniform point in B^d(a):
     * p(u) = Γ(d/2+1)/(√π Γ(d/2+1/2) a) · (1 − u²/a²)^{(d−1)/2} for |u| &lt; a, else 0.
     */
    public static double ballMarginalDensity(double u, double a, int d) {
        Require.finite("u", u);
        Require.positive("a", a);
        Require.positive("d", d);
        double z = u / a;
        if (Math.abs(z) >= 1) return d == 1 && Math.abs(z) == 1 ? 1 / (2 * a) : 0;
        double logKernel = d == 1 ? 0 : 0.5 * (d - 1) * Math.log1p(-z * z);
        return Math.exp(logGammaRatio(d) + logKernel) / (Math.sqrt(Math.PI) * a);
    }

    /**
     * P(|u_1| ≤ s) for a uniform point in B^d(a): u_1²/a² ~ Beta(1/2, (d+1)/2), so the probability is the
     * regularized incomplete beta function I_{s²/a²}(1/2, (d+1)/2) (Commons Math {@link Beta#regularizedBeta}).
     */
    public static double ballMarginalAbsCdf(double s, double a, int d) {
        Require.nonNegative("s", s);
        Require.positive("a", a);
        Require.positive("d", d);
        if (s >= a) return 1;
        double z = s / a;
        return Beta.regularizedBeta(z * z, 0.5, 0.5 * (d + 1));
    }

    /** CDF P(u_1 ≤ u) of one coordinate of a uniform point in B^d(a). */
    public static double ballMarginalCdf(double u, double a, int d) {
        Require.finite("u", u);
        double half = 0.5 * ballMarginalAbsCdf(Math.abs(u), a, d);
        return u >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** E[u_1²] = r²/(d+2): per-direction noise variance of the uniform ball (CLAIMS.md X3). */
    public static double ballCoordinateVariance(double r, int d) {
        Require.nonNegative("r", r);
        Require.positive("d", d);
        return r * r / (d + 2.0);
    }

    /** E‖ξ‖² = d r²/(d+2) for ξ uniform in B_0(r) (CLAIMS.md §8.5). */
    public static double ballMeanSquaredNorm(double r, int d) {
        Require.nonNegative("r", r);
        Require.positive("d", d);
        return d * (r * r) / (d + 2.0);
    }

    /** Var‖ξ‖² = r⁴·4d/((d+4)(d+2)²) for ξ uniform in B_0(r) (‖ξ‖² = r²U^{2/d}, E‖ξ‖⁴ = r⁴d/(d+4)). */
    public static double ballSquaredNormVariance(double r, int d) {
        Require.nonNegative("r", r);
        Require.positive("d", d);
        double r4 = r * r * r * r;
        return r4 * 4.0 * d / ((d + 4.0) * (d + 2.0) * (d + 2.0));
    }

    // ---------------------------------------------------------------- quadratic saddle (JIN-STUCK step 3)

    /**
     * Exact f(x_T) − f(x̃) after T GD steps with step η on f(x) = ½(x−x̃)ᵀH(x−x̃), H = diag(−γ, h_2, …, h_d), from
     * x_0 = x̃ + u: ½[−γ(1+ηγ)^{2T}u_1² + Σ_{i≥2} h_i(1−ηh_i)^{2T}u_i²] (CLAIMS.md JIN-STUCK [DER]).
     *
     * @param h the positive curvatures h_2..h_d (length d−1)
     * @param u the perturbation (length d; u[0] is the escape coordinate)
     */
    public static double quadraticSaddleDecrease(double gamma, double[] h, double eta, long steps, double[] u) {
        validateSaddle(gamma, h, eta, steps);
        Require.length("u", u, h.length + 1);
        Require.finite("u", u);
        double s = -gamma * Math.exp(2.0 * steps * Math.log1p(eta * gamma)) * u[0] * u[0];
        for (int i = 0; i < h.length; i++) s += h[i] * contraction(eta * h[i], steps) * u[i + 1] * u[i + 1];
        return 0.5 * s;
    }

    /**
     * Exact stuck-slab half-width s*(u_⊥) of the quadratic saddle: after T steps f(x_T) − f(x̃) &gt; −f_thres iff
     * |u_1| &lt; s*, with s*² = (2f_thres + Σ_{i≥2} h_i(1−ηh_i)^{2T}u_i²)/(γ(1+ηγ)^{2T}) (CLAIMS.md JIN-STUCK step 3).
     * Computed in log space so that (1+ηγ)^{2T} cannot overflow.
     *
     * @param uPerp u_2..u_d (length d−1)
     */
    public static double stuckSlabHalfWidth(double gamma, double[] h, double eta, long steps, double fThres,
            double[] uPerp) {
        validateSaddle(gamma, h, eta, steps);
        Require.nonNegative("fThres", fThres);
        Require.length("uPerp", uPerp, h.length);
        Require.finite("uPerp", uPerp);
        double num = 2 * fThres;
        for (int i = 0; i < h.length; i++) num += h[i] * contraction(eta * h[i], steps) * uPerp[i] * uPerp[i];
        if (num == 0) return 0;
        return Math.exp(0.5 * (Math.log(num) - Math.log(gamma) - 2.0 * steps * Math.log1p(eta * gamma)));
    }

    /** (1 − x)^{2T}, exact 0 when x = 1. */
    private static double contraction(double x, long steps) {
        double b = Math.abs(1 - x);
        if (b == 0) return steps == 0 ? 1 : 0;
        return Math.exp(2.0 * steps * Math.log(b));
    }

    private static void validateSaddle(double gamma, double[] h, double eta, long steps) {
        Require.positive("gamma", gamma);
        Require.notNull("h", h);
        for (int i = 0; i < h.length; i++) {
            if (!(Double.isFinite(h[i]) && h[i] > 0)) {
                throw new IllegalArgumentException("h[" + i + "] = " + h[i]
                        + " is not allowed: every curvature h_i must be a finite number > 0");
            }
        }
        Require.positive("eta", eta);
        Require.that(steps >= 0, "steps", steps, "an integer >= 0");
    }

    private static void requirePaper(PgdParameters p) {
        Require.notNull("p", p);
        Require.that(p.isPaper(), "p.source()", p.source(), "\"paper\" (the bound needs d, ell, rho, eps, c, chi)");
    }
}
