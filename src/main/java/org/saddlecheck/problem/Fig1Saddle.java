package org.saddlecheck.problem;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.util.Require;

/**
 * The saddle of Staib et al.'s Figure 1 (CLAIMS.md STAIB-FIG1): f_b(x) = ½ xᵀHx + bᵀx + ‖x‖₁₀¹⁰ with
 * ‖x‖₁₀¹⁰ = Σ_j x_j¹⁰ and H = diag(h), so f(x) = E f_b(x) = ½ xᵀHx + Σ_j x_j¹⁰ (E b = 0) and the
 * stochastic gradient is g = Hx + 10x⁹ + b (elementwise x⁹).
 *
 * <p>Default (the paper's d = 2 figure): H = diag(1, −0.1), Cov b = diag(1, 0.01).
 * <ul>
 *   <li>{@link #finiteSum()}: b uniform over the 2^d sign patterns {(±s_1, …, ±s_d)}; for d = 2 these are the
 *       n = 4 vectors (±1, ±0.1) recommended by CLAIMS.md (E b = 0, Cov b = diag(1, 0.01) exactly) [RECON: the
 *       paper does not list its b_i]. Component i has b_j = s_j·(bit j of i set ? −1 : +1).</li>
 *   <li>{@link #gaussian()}: b ~ N(0, diag(s²)).</li>
 * </ul>
 * d-dimensional generalisation: H = diag(h), Cov b = diag(s²) from arrays (paper footnote: "the same
 * phenomenon still holds in higher dimensions").
 *
 * <p>Landscape [DER]: for h_j < 0 coordinate j has minimisers ±(−h_j/10)^{1/8} with value
 * 0.4·h_j·(−h_j/10)^{1/4}; for h_j ≥ 0 the minimiser is 0. So f* = Σ_{h_j<0} 0.4 h_j (−h_j/10)^{1/4}, which for
 * the default is −0.05·10^{−1/2} + 10^{−5/2} ≈ −0.0126491, attained at (0, ±0.01^{1/8}) with Hessian diag(1, 0.8).
 *
 * <p>Constants: f is only locally smooth (x¹⁰). On the box max_j|x_j| ≤ B: ℓ = max_j max(|h_j|, |h_j + 90B⁸|)
 * and ρ = 720 B⁷ (the Hessian is diagonal, ∇²f = diag(h_j + 90 x_j⁸), third derivative 720 x_j⁷).
 * {@link #constants()} uses B = 1 (which contains every local minimum of the default); see
 * {@link #constantsOnBox(double)}.
 *
 * <p>Exact moments: G(x) = ∇f∇fᵀ + diag(s²), Σ(x) = diag(s²). Immutable, thread-safe, allocation-free.
 */
public final class Fig1Saddle implements Problem, SecondMoments {
    /** Default curvature H = diag(1, −0.1). */
    public static final double[] DEFAULT_H = {1.0, -0.1};
    /** Default noise scales: Cov b = diag(1, 0.01). */
    public static final double[] DEFAULT_S = {1.0, 0.1};
    /** Default box half-width for {@link #constants()}. */
    public static final double DEFAULT_BOX = 1.0;

    private final int d;
    private final double[] h;
    private final double[] s;
    private final GradientNoise noise;

    public Fig1Saddle(double[] h, double[] s, NoiseKind kind) {
        Require.finite("h", h);
        Require.notNull("s", s);
        this.d = Require.positive("h.length", h.length);
        Require.length("s", s, d);
        Require.notNull("kind", kind);
        this.h = h.clone();
        this.s = s.clone();
        this.noise = GradientNoise.diagonal(kind, s); // validates s_j finite and >= 0
    }

    /** The paper's 2-D problem with the 4-point finite sum b ∈ {(±1, ±0.1)}. */
    public static Fig1Saddle finiteSum() {
        return new Fig1Saddle(DEFAULT_H, DEFAULT_S, NoiseKind.RADEMACHER);
    }

    /** The paper's 2-D problem with Gaussian b ~ N(0, diag(1, 0.01)). */
    public static Fig1Saddle gaussian() {
        return new Fig1Saddle(DEFAULT_H, DEFAULT_S, NoiseKind.GAUSSIAN);
    }

    /** d-dimensional finite sum: b uniform over {(±s_1, …, ±s_d)}. */
    public static Fig1Saddle finiteSum(double[] h, double[] s) {
        return new Fig1Saddle(h, s, NoiseKind.RADEMACHER);
    }

    /** d-dimensional Gaussian variant: b ~ N(0, diag(s²)). */
    public static Fig1Saddle gaussian(double[] h, double[] s) {
        return new Fig1Saddle(h, s, NoiseKind.GAUSSIAN);
    }

    @Override
    public int dim() {
        return d;
    }

    public double[] curvatures() {
        return h.clone();
    }

    public double[] noiseScales() {
        return s.clone();
    }

    public NoiseKind noiseKind() {
        return noise.kind();
    }

    public GradientNoise noise() {
        return noise;
    }

    @Override
    public double value(double[] x) {
        Require.length("x", x, d);
        double v = 0;
        for (int j = 0; j < d; j++) {
            double x2 = x[j] * x[j];
            double x4 = x2 * x2;
            v += 0.5 * h[j] * x2 + x4 * x4 * x2;
        }
        return v;
    }

    @Override
    public void gradient(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d);
        for (int j = 0; j < d; j++) out[j] = gradientEntry(x[j], j);
    }

    @Override
    public void hessian(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        java.util.Arrays.fill(out, 0);
        for (int j = 0; j < d; j++) {
            double x2 = x[j] * x[j];
            double x4 = x2 * x2;
            out[j * d + j] = h[j] + 90.0 * x4 * x4;
        }
    }

    /** g = ∇f(x) + b with a fresh b. Allocation-free. */
    @Override
    public void sample(double[] x, UniformRandomProvider rng, double[] out) {
        gradient(x, out);
        noise.addNoise(rng, out);
    }

    /** out = G(x) = ∇f∇fᵀ + diag(s²). Allocation-free (exact preconditioners call it every step). */
    @Override
    public void secondMoment(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        for (int a = 0; a < d; a++) {
            double ga = gradientEntry(x[a], a);
            for (int b = 0; b < d; b++) out[a * d + b] = ga * gradientEntry(x[b], b);
            out[a * d + a] += s[a] * s[a];
        }
    }

    private double gradientEntry(double xj, int j) {
        double x2 = xj * xj;
        double x4 = x2 * x2;
        return h[j] * xj + 10.0 * x4 * x4 * xj;
    }

    /** out = Σ = diag(s²). */
    @Override
    public void covariance(double[] x, double[] out) {
        Require.length("x", x, d);
        noise.covariance(out);
    }

    // ---- finite-sum view -------------------------------------------------------------------------------

    /** Number n = 2^d of components of the finite sum (d ≤ 30). */
    public int numComponents() {
        Require.that(d <= 30, "d", d, "<= 30 for the explicit finite-sum view");
        return 1 << d;
    }

    /** out = b_i (component i: b_j = s_j·(bit j of i set ? −1 : +1)). */
    public void componentShift(int i, double[] out) {
        Require.inRange("i", i, 0, numComponents() - 1);
        Require.length("out", out, d);
        for (int j = 0; j < d; j++) out[j] = ((i >>> j) & 1) == 0 ? s[j] : -s[j];
    }

    /** f_i(x) = f(x) + b_iᵀx. */
    public double componentValue(int i, double[] x) {
        Require.inRange("i", i, 0, numComponents() - 1);
        double v = value(x);
        for (int j = 0; j < d; j++) v += (((i >>> j) & 1) == 0 ? s[j] : -s[j]) * x[j];
        return v;
    }

    /** out = ∇f_i(x) = ∇f(x) + b_i. */
    public void componentGradient(int i, double[] x, double[] out) {
        Require.inRange("i", i, 0, numComponents() - 1);
        gradient(x, out);
        for (int j = 0; j < d; j++) out[j] += ((i >>> j) & 1) == 0 ? s[j] : -s[j];
    }

    // ---- landscape -----------------------------------------------------------------------------------------

    /** f* = Σ_{h_j<0} 0.4 h_j (−h_j/10)^{1/4} [DER]; −0.0126491 for the default. */
    public double fStar() {
        double v = 0;
        for (double hj : h) if (hj < 0) v += 0.4 * hj * Math.pow(-hj / 10.0, 0.25);
        return v;
    }

    /**
     * All local minima: coordinate j is ±(−h_j/10)^{1/8} if h_j < 0 and 0 if h_j > 0 (2^{#negative} points).
     * Coordinates with h_j = 0 are degenerate (x_j = 0 is a minimum with zero curvature) and also give 0.
     */
    public List<double[]> localMinima() {
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[d]);
        for (int j = 0; j < d; j++) {
            if (h[j] >= 0) continue;
            double t = Math.pow(-h[j] / 10.0, 0.125);
            List<double[]> next = new ArrayList<>();
            for (double[] p : pts) {
                double[] a = p.clone(), b = p.clone();
                a[j] = t;
                b[j] = -t;
                next.add(a);
                next.add(b);
            }
            pts = next;
        }
        return pts;
    }

    /** Certified ℓ, ρ on the box max_j|x_j| ≤ B, with f* (global). */
    public Constants constantsOnBox(double bound) {
        Require.positive("bound", bound);
        double b8 = Math.pow(bound, 8);
        double ell = 0;
        for (double hj : h) ell = Math.max(ell, Math.max(Math.abs(hj), Math.abs(hj + 90.0 * b8)));
        double rho = 720.0 * Math.pow(bound, 7);
        return new Constants(ell, rho, fStar(), "max_j |x_j| <= " + bound);
    }

    /** {@link #constantsOnBox} with B = 1: ℓ = 91, ρ = 720 for the default. */
    @Override
    public Constants constants() {
        return constantsOnBox(DEFAULT_BOX);
    }

    @Override
    public String name() {
        return "fig1-saddle(d=" + d + ", " + (noise.kind() == NoiseKind.RADEMACHER ? "finite-sum" : "gaussian") + ")";
    }
}
