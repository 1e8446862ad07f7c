package org.saddlecheck.problem;

import org.saddlecheck.util.Require;

/**
 * Du, Jin, Lee, Jordan, Poczos and Singh's "octopus" function (NeurIPS 2017, "Gradient descent can take
 * exponential time to escape saddle points", arXiv:1705.10412, eqs. (6)–(10)); ANCHORS.md §1. Gradient descent
 * started in [−1, 1]^d visits the d saddles (±4τ, …, ±4τ, 0, …, 0) one after the other and needs time
 * exponential in d, while perturbed GD does not.
 *
 * <p><b>Source of the formulas.</b> Transcribed from the public MATLAB implementation {@code octopus(x,L,gamma,tau)}
 * with helper {@code g(x,ind,L,gamma,tau)} (code index file ids 18207134175, 18510602676; the index does not name
 * the repository), which cites the paper's equation numbers; every join was re-derived here (value, gradient and
 * Hessian agree across all piece boundaries, so f is C² on its domain). Write s_j = |x_j| and
 * <pre>
 *   g₁(s) = −γs² + (−14L + 10γ)(s − τ)³/(3τ) + (5L − 3γ)(s − τ)⁴/(2τ²)
 *   g₂(s) = −γ − 10(L + γ)(s − 2τ)³/τ³ − 15(L + γ)(s − 2τ)⁴/τ⁴ − 6(L + γ)(s − 2τ)⁵/τ⁵
 *   ν     = −g₁(2τ) + 4Lτ² = (13/6)γτ² + (37/6)Lτ².
 * </pre>
 * The domain is D₀ = D₁ ∪ … ∪ D_{d+1}, D_i = {6τ ≥ s₁, …, s_{i−1} ≥ 2τ; s_i ≤ 2τ; s_{i+1}, …, s_d ≤ τ} (i ≤ d) and
 * D_{d+1} = {6τ ≥ s_j ≥ 2τ ∀j}. On D_i (1-based i):
 * <pre>
 *   s_i ≤ τ, i ≤ d:        f = Σ_{j<i} L(s_j − 4τ)² − γx_i² + Σ_{j>i} L x_j² − (i − 1)ν                (6), (8)
 *   τ < s_i ≤ 2τ, i < d:   f = Σ_{j<i} L(s_j − 4τ)² + g₁(s_i) + g₂(s_i) x_{i+1}² + Σ_{j>i+1} L x_j² − (i−1)ν  (7)
 *   τ < s_d ≤ 2τ, i = d:   f = Σ_{j<d} L(s_j − 4τ)² + g₁(s_d) − (d − 1)ν                                   (9)
 *   D_{d+1}:               f = Σ_j L(s_j − 4τ)² − dν                                                    (10)
 * </pre>
 * <b>Differences from the sources.</b> (1) The paper extends f from D₀ to R^d by a Whitney-type extension that is
 * not constructive; the MATLAB code returns +∞ outside D₀. Here f is defined on the closure of D₀ only: value,
 * gradient and Hessian throw {@link IllegalArgumentException} outside, {@link #contains} tests membership, and
 * {@link #domain()} is the Euclidean projection onto the closure of D₀ (the identity inside it), so projected
 * methods stay where f is defined. (2) On boundaries the piece is chosen as 1 + (number of leading coordinates with
 * s_j ≥ 2τ), which extends every formula to the closure (by continuity of f, ∇f, ∇²f); the MATLAB code uses the
 * first s_j ≤ 2τ, which treats a few boundary points of D₀'s closure as "outside". (3) The bound s_j ≤ 6τ is the
 * paper's; the MATLAB code does not enforce it.
 *
 * <p><b>Landscape.</b> Saddles x^{(i)} = (4τ, …, 4τ, 0, …, 0) with i − 1 leading 4τ's (i = 1..d): ∇f = 0,
 * ∇²f = diag(2L, …, 2L, −2γ, 2L, …, 2L), f = −(i − 1)ν (sign flips of the 4τ's give equivalent points). Global
 * minimum (4τ, …, 4τ) with f* = −dν.
 *
 * <p><b>Constants</b> (certified upper bounds derived here, not tight; valid along segments inside the closure of
 * D₀, where f is C² with piecewise-C³ pieces): ℓ = max(2L, 2γ, b₁₁ + b₁₂) with b₁₁ = max(sup|g₁''| + τ² sup|g₂''|,
 * 2 max(L, γ)), b₁₂ = 2τ sup|g₂'| (Gershgorin-type bound on the 2×2 (x_i, x_{i+1}) block), and
 * ρ = sqrt(T₁² + 3T₂² + 3T₃²) with T₁ = sup|g₁'''| + τ² sup|g₂'''|, T₂ = 2τ sup|g₂''|, T₃ = 2 sup|g₂'| (Frobenius norm
 * of the third-derivative tensor of that block; all other pieces are quadratic). Closed forms: with u = (s − 2τ)/τ,
 * g₂' = −(30(L+γ)/τ) u²(1+u)², g₂'' = −(60(L+γ)/τ²) u(1+u)(1+2u), g₂''' = −(60(L+γ)/τ³)(6u² + 6u + 1), so
 * sup|g₂'| = 15(L+γ)/(8τ), sup|g₂''| = (10√3/3)(L+γ)/τ², sup|g₂'''| = 60(L+γ)/τ³; g₁'' is a quadratic and g₁''' is
 * linear in t = (s − τ)/τ ∈ [0, 1] and their sups are computed exactly. For d = 1 there is no block and
 * ℓ = max(2L, 2γ, sup|g₁''|), ρ = sup|g₁'''|. For L = τ = e, γ = 1 and d ≥ 2: ℓ ≈ 49.8, ρ ≈ 112 (sampled ratios
 * reach about 0.7 and 0.6 of these).
 *
 * <p>Immutable and allocation-free. Deterministic (wrap with {@link AdditiveNoiseProblem} for noise).
 */
public final class Octopus implements Objective {
    private final int d;
    private final double ell; // Du et al.'s L
    private final double gamma;
    private final double tau;
    private final double lg; // L + γ
    private final double nu;
    private final Domain domain = this::project;

    public Octopus(int d, double bigL, double gamma, double tau) {
        this.d = Require.positive("d", d);
        this.ell = Require.positive("L", bigL);
        this.gamma = Require.positive("gamma", gamma);
        this.tau = Require.positive("tau", tau);
        this.lg = bigL + gamma;
        this.nu = -g1(2 * tau) + 4 * bigL * tau * tau;
    }

    /** The setting of the public MATLAB experiments: L = τ = e, γ = 1. */
    public static Octopus standard(int d) {
        return new Octopus(d, Math.E, 1.0, Math.E);
    }

    @Override
    public int dim() {
        return d;
    }

    public double bigL() {
        return ell;
    }

    public double gamma() {
        return gamma;
    }

    public double tau() {
        return tau;
    }

    /** ν = −g₁(2τ) + 4Lτ² = (13/6)γτ² + (37/6)Lτ². */
    public double nu() {
        return nu;
    }

    // ---- the one-dimensional pieces -------------------------------------------------------------------------

    double g1(double s) {
        double t = s - tau, t2 = t * t;
        return -gamma * s * s + (-14 * ell + 10 * gamma) * t2 * t / (3 * tau) + (5 * ell - 3 * gamma) * t2 * t2 / (2 * tau * tau);
    }

    double g1d(double s) {
        double t = s - tau, t2 = t * t;
        return -2 * gamma * s + (-14 * ell + 10 * gamma) * t2 / tau + 2 * (5 * ell - 3 * gamma) * t2 * t / (tau * tau);
    }

    double g1dd(double s) {
        double t = s - tau;
        return -2 * gamma + 2 * (-14 * ell + 10 * gamma) * t / tau + 6 * (5 * ell - 3 * gamma) * t * t / (tau * tau);
    }

    double g2(double s) {
        double u = (s - 2 * tau) / tau, u3 = u * u * u;
        return -gamma - lg * (10 * u3 + 15 * u3 * u + 6 * u3 * u * u);
    }

    double g2d(double s) {
        double u = (s - 2 * tau) / tau, w = u * (1 + u);
        return -(30 * lg / tau) * w * w;
    }

    double g2dd(double s) {
        double u = (s - 2 * tau) / tau;
        return -(60 * lg / (tau * tau)) * u * (1 + u) * (1 + 2 * u);
    }

    // ---- domain -----------------------------------------------------------------------------------------------

    /** Number of leading coordinates with |x_j| ≥ 2τ (the 0-based index of the active coordinate). */
    private int leading(double[] x) {
        int m = 0;
        while (m < d && Math.abs(x[m]) >= 2 * tau) m++;
        return m;
    }

    /** True iff x lies in the closure of D₀ (where f is defined). */
    public boolean contains(double[] x) {
        Require.length("x", x, d);
        for (double v : x) if (!Double.isFinite(v)) return false;
        int m = leading(x);
        for (int j = 0; j < m; j++) if (Math.abs(x[j]) > 6 * tau) return false;
        for (int j = m + 1; j < d; j++) if (Math.abs(x[j]) > tau) return false;
        return true;
    }

    /** The 1-based index i of the piece D_i containing x (d + 1 for the final region); x must be in the domain. */
    public int piece(double[] x) {
        requireInside(x);
        return leading(x) + 1;
    }

    private int requireInside(double[] x) {
        Require.length("x", x, d);
        if (!contains(x)) {
            throw new IllegalArgumentException("x = " + java.util.Arrays.toString(x) + " is not allowed: x must lie in the"
                    + " closure of the octopus domain D0 (leading |x_j| in [2tau, 6tau], then one |x_i| <= 2tau, then all"
                    + " later |x_j| <= tau, tau = " + tau + "); project with domain()");
        }
        return leading(x);
    }

    @Override
    public double value(double[] x) {
        int i = requireInside(x);
        double v = -i * nu;
        for (int j = 0; j < i; j++) {
            double t = Math.abs(x[j]) - 4 * tau;
            v += ell * t * t;
        }
        if (i == d) return v;
        double s = Math.abs(x[i]);
        if (s <= tau) {
            v -= gamma * x[i] * x[i];
            for (int j = i + 1; j < d; j++) v += ell * x[j] * x[j];
        } else if (i < d - 1) {
            v += g1(s) + g2(s) * x[i + 1] * x[i + 1];
            for (int j = i + 2; j < d; j++) v += ell * x[j] * x[j];
        } else {
            v += g1(s);
        }
        return v;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        int i = requireInside(x);
        Require.length("out", out, d);
        for (int j = 0; j < i; j++) out[j] = 2 * ell * (Math.abs(x[j]) - 4 * tau) * Math.signum(x[j]);
        if (i == d) return;
        double s = Math.abs(x[i]);
        if (s <= tau) {
            out[i] = -2 * gamma * x[i];
            for (int j = i + 1; j < d; j++) out[j] = 2 * ell * x[j];
        } else if (i < d - 1) {
            double y = x[i + 1];
            out[i] = (g1d(s) + g2d(s) * y * y) * Math.signum(x[i]);
            out[i + 1] = 2 * g2(s) * y;
            for (int j = i + 2; j < d; j++) out[j] = 2 * ell * x[j];
        } else {
            out[i] = g1d(s) * Math.signum(x[i]);
        }
    }

    @Override
    public void hessian(double[] x, double[] out) {
        int i = requireInside(x);
        Require.length("out", out, d * d);
        java.util.Arrays.fill(out, 0);
        for (int j = 0; j < i; j++) out[j * d + j] = 2 * ell;
        if (i == d) return;
        double s = Math.abs(x[i]);
        if (s <= tau) {
            out[i * d + i] = -2 * gamma;
            for (int j = i + 1; j < d; j++) out[j * d + j] = 2 * ell;
        } else if (i < d - 1) {
            double y = x[i + 1];
            out[i * d + i] = g1dd(s) + g2dd(s) * y * y;
            double cross = 2 * g2d(s) * y * Math.signum(x[i]);
            out[i * d + i + 1] = cross;
            out[(i + 1) * d + i] = cross;
            out[(i + 1) * d + i + 1] = 2 * g2(s);
            for (int j = i + 2; j < d; j++) out[j * d + j] = 2 * ell;
        } else {
            out[i * d + i] = g1dd(s);
        }
    }

    /** Projection onto the closure of D₀: the nearest point among the closures of D₁, …, D_{d+1}. Allocation-free. */
    public void project(double[] x) {
        Require.length("x", x, d);
        Require.finite("x", x);
        if (contains(x)) return;
        double totalLo = 0;
        for (int j = 0; j < d; j++) totalLo += distSq(Math.abs(x[j]), 0, tau);
        double prefixHi = 0, prefixLo = 0, best = Double.POSITIVE_INFINITY;
        int bestK = 0;
        for (int k = 0; k <= d; k++) {
            double cost;
            if (k < d) {
                double sk = Math.abs(x[k]);
                double lo = distSq(sk, 0, tau);
                cost = prefixHi + distSq(sk, 0, 2 * tau) + Math.max(0, totalLo - prefixLo - lo);
                prefixHi += distSq(sk, 2 * tau, 6 * tau);
                prefixLo += lo;
            } else {
                cost = prefixHi;
            }
            if (cost < best) {
                best = cost;
                bestK = k;
            }
        }
        for (int j = 0; j < d; j++) {
            double sgn = x[j] < 0 ? -1.0 : 1.0;
            double sj = Math.abs(x[j]);
            double hi = j < bestK ? 6 * tau : j == bestK ? 2 * tau : tau;
            double lo = j < bestK ? 2 * tau : 0;
            x[j] = sgn * Math.min(hi, Math.max(lo, sj));
        }
    }

    private static double distSq(double s, double lo, double hi) {
        double t = s < lo ? lo - s : s > hi ? s - hi : 0;
        return t * t;
    }

    @Override
    public Domain domain() {
        return domain;
    }

    /** The i-th saddle (1 ≤ i ≤ d): i − 1 leading coordinates 4τ, the rest 0; i = d + 1 gives the global minimum. */
    public double[] saddle(int i) {
        Require.inRange("i", i, 1, d + 1);
        double[] x = new double[d];
        for (int j = 0; j < i - 1; j++) x[j] = 4 * tau;
        return x;
    }

    /** The global minimiser (4τ, …, 4τ). */
    public double[] globalMinimizer() {
        return saddle(d + 1);
    }

    /** Certified upper bound on sup ‖∇²f‖ over the domain (see class doc). */
    public double smoothnessBound() {
        double g1ddSup = quadraticAbsSup(6 * (5 * ell - 3 * gamma), 2 * (-14 * ell + 10 * gamma), -2 * gamma);
        double g2dSup = 15 * lg / (8 * tau);
        double g2ddSup = 10 * Math.sqrt(3) / 3 * lg / (tau * tau);
        double b11 = Math.max(g1ddSup + tau * tau * g2ddSup, 2 * Math.max(ell, gamma));
        double b12 = 2 * tau * g2dSup;
        if (d == 1) return Math.max(Math.max(2 * ell, 2 * gamma), g1ddSup); // no (x_i, x_{i+1}) block
        return Math.max(Math.max(2 * ell, 2 * gamma), b11 + b12);
    }

    /** Certified upper bound on the Hessian-Lipschitz constant over the domain (see class doc). */
    public double hessianLipschitzBound() {
        double a0 = 2 * (-14 * ell + 10 * gamma), a1 = 12 * (5 * ell - 3 * gamma);
        double g1dddSup = Math.max(Math.abs(a0), Math.abs(a0 + a1)) / tau;
        double g2dddSup = 60 * lg / (tau * tau * tau);
        if (d == 1) return g1dddSup; // only g₁ is cubic-or-higher
        double t1 = g1dddSup + tau * tau * g2dddSup;
        double t2 = 2 * tau * (10 * Math.sqrt(3) / 3 * lg / (tau * tau));
        double t3 = 2 * (15 * lg / (8 * tau));
        return Math.sqrt(t1 * t1 + 3 * t2 * t2 + 3 * t3 * t3);
    }

    /** sup_{t∈[0,1]} |a t² + b t + c|. */
    private static double quadraticAbsSup(double a, double b, double c) {
        double m = Math.max(Math.abs(c), Math.abs(a + b + c));
        if (a != 0) {
            double t = -b / (2 * a);
            if (t > 0 && t < 1) m = Math.max(m, Math.abs(a * t * t + b * t + c));
        }
        return m;
    }

    @Override
    public Constants constants() {
        return new Constants(smoothnessBound(), hessianLipschitzBound(), -d * nu, "closure of octopus domain D0 (segments inside it)");
    }

    @Override
    public String name() {
        return "octopus(d=" + d + ", L=" + ell + ", gamma=" + gamma + ", tau=" + tau + ")";
    }
}
