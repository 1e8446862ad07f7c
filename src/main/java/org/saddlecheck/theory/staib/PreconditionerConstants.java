package org.saddlecheck.theory.staib;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.util.Require;

/**
 * The constants (Λ1, Λ2, Γ, ν, λ−) of a preconditioner in the sense of Staib et al. Definition 4.2 (CLAIMS.md
 * STAIB-D4.2), pointwise at one x with second moment G = E[ggᵀ]:
 * <ol>
 *   <li>‖A∇f‖² ≤ Λ1‖A^{1/2}∇f‖²;</li>
 *   <li>‖A(∇f − ∇f̃)‖ ≤ Λ2‖∇f − ∇f̃‖;</li>
 *   <li>Γ ≥ E‖Ag‖²;</li>
 *   <li>ν ≤ λ_min(A E[ggᵀ] Aᵀ);</li>
 *   <li>λ− ≤ λ_min(A).</li>
 * </ol>
 * Λ1, Λ2, Γ are upper-bound constants (valid iff ≥ the tightest value), ν and λ− lower-bound constants (valid iff
 * ≤ the tightest value). {@link #tightest} computes the tightest valid values for a given symmetric positive definite A
 * and G: Λ1* = sup_v vᵀA²v / vᵀAv = λ_max(A) (a generalised Rayleigh quotient, attained at A's top eigenvector),
 * Λ2* = ‖A‖ = λ_max(A) (the direction ∇f − ∇f̃ is arbitrary), Γ* = tr(AGAᵀ), ν* = λ_min(AGAᵀ), λ−* = λ_min(A).
 * The printed constants of Props. 4.3/4.4 and the derived diagonal constants (STAIB-C-DIAG) are static factories.
 */
public record PreconditionerConstants(double lambda1, double lambda2, double gamma, double nu, double lambdaMinus) {

    /** Names of the five constants, in record order. */
    public static final String[] NAMES = {"Lambda1", "Lambda2", "Gamma", "nu", "lambda-"};

    /**
     * Tightest valid constants at one point for symmetric positive definite A (checked: symmetric to 1e-10 relative,
     * λ_min(A) &gt; 0) and symmetric PSD G, both row-major d×d.
     */
    public static PreconditionerConstants tightest(double[] a, double[] g, int d) {
        Require.positive("d", d);
        Require.length("a", a, d * d);
        Require.length("g", g, d * d);
        Require.finite("a", a);
        Require.finite("g", g);
        double scale = Math.max(Mat.maxAbs(a), Double.MIN_NORMAL);
        Require.that(Mat.asymmetry(a, d) <= 1e-10 * scale, "a", "asymmetry " + Mat.asymmetry(a, d), "a symmetric matrix (Definition 4.2 uses A^{1/2})");
        double[] la = ExactLinalg.eigenvalues(a, d);
        Require.that(la[0] > 0, "a", "lambda_min(A) = " + la[0], "positive definite");
        double[] aga = ExactLinalg.sandwich(a, g, d);
        double[] lm = ExactLinalg.eigenvalues(aga, d);
        double top = la[d - 1];
        return new PreconditionerConstants(top, top, Mat.trace(aga, d), lm[0], la[0]);
    }

    /** Prop. 4.3 read as valid constants for A = I: Λ1 = Λ2 = λ− = 1, Γ = E‖g‖² = tr(G), ν = λ_min(G). */
    public static PreconditionerConstants sgd(double[] lambdaAscending) {
        double tr = 0;
        for (double l : lambdaAscending) tr += l;
        return new PreconditionerConstants(1, 1, tr, lambdaAscending[0], 1);
    }

    /**
     * Prop. 4.4 as printed, for A = (G + εI)^{−1/2}: Λ1 = Λ2 = (λ_min + ε)^{−1/2}, Γ = dλ_max/(ε + λ_max),
     * ν = λ_min/(λ_min + ε), λ− = (λ_max + ε)^{−1/2}.
     */
    public static PreconditionerConstants p44(double lambdaMin, double lambdaMax, int d, double eps) {
        Require.positive("d", d);
        Require.nonNegative("eps", eps);
        Require.that(lambdaMin > 0 || eps > 0, "lambdaMin", lambdaMin, "> 0 when eps = 0");
        Require.that(lambdaMax >= lambdaMin, "lambdaMax", lambdaMax, ">= lambdaMin = " + lambdaMin);
        double l = 1 / Math.sqrt(lambdaMin + eps);
        return new PreconditionerConstants(l, l, d * lambdaMax / (eps + lambdaMax), lambdaMin / (lambdaMin + eps),
                1 / Math.sqrt(lambdaMax + eps));
    }

    /**
     * [DER] tightest constants of A = (G + εI)^{−1/2} from G's spectrum (CLAIMS.md STAIB-P4.4): Λ1* = Λ2* = (λ_min+ε)^{−1/2},
     * Γ* = Σ λ_i/(λ_i + ε), ν* = λ_min/(λ_min + ε), λ−* = (λ_max + ε)^{−1/2}.
     */
    public static PreconditionerConstants p44Exact(double[] lambdaAscending, double eps) {
        int d = lambdaAscending.length;
        double lo = lambdaAscending[0], hi = lambdaAscending[d - 1];
        double gamma = 0;
        for (double l : lambdaAscending) gamma += l / (l + eps);
        double l1 = 1 / Math.sqrt(lo + eps);
        return new PreconditionerConstants(l1, l1, gamma, lo / (lo + eps), 1 / Math.sqrt(hi + eps));
    }

    /**
     * [DER] constants of the diagonal preconditioner A = (diag(G) + εI)^{−1/2} (CLAIMS.md STAIB-C-DIAG): Λ1* = Λ2* =
     * max_i (G_ii + ε)^{−1/2}, Γ* = Σ G_ii/(G_ii + ε), λ−* = (max_i G_ii + ε)^{−1/2}; ν is the derived lower bound
     * λ_min(G)/(max_i G_ii + ε) (the exact ν* = λ_min(D^{−1/2}GD^{−1/2}) has no closed form).
     */
    public static PreconditionerConstants diagonalDer(double[] g, int d, double eps, double lambdaMinG) {
        double minDiag = Double.POSITIVE_INFINITY, maxDiag = 0, gamma = 0;
        for (int i = 0; i < d; i++) {
            double v = g[i * d + i];
            minDiag = Math.min(minDiag, v);
            maxDiag = Math.max(maxDiag, v);
            gamma += v / (v + eps);
        }
        double l1 = 1 / Math.sqrt(minDiag + eps);
        return new PreconditionerConstants(l1, l1, gamma, lambdaMinG / (maxDiag + eps), 1 / Math.sqrt(maxDiag + eps));
    }

    /** The five constants in record order. */
    public double[] toArray() {
        return new double[] {lambda1, lambda2, gamma, nu, lambdaMinus};
    }

    /**
     * Validity ratios against the tightest constants, oriented so that ≤ 1 means "this constant satisfies its
     * Definition 4.2 inequality" and = 1 means "tight": Λ1* / Λ1, Λ2* / Λ2, Γ* / Γ, ν / ν*, λ− / λ−*. (A lower-bound constant
     * with tightest value 0 gives 0 if it is ≤ 0 and +∞ otherwise.)
     */
    public double[] validityRatios(PreconditionerConstants tight) {
        return new double[] {tight.lambda1 / lambda1, tight.lambda2 / lambda2, tight.gamma / gamma, lower(nu, tight.nu),
                lower(lambdaMinus, tight.lambdaMinus)};
    }

    private static double lower(double printed, double tight) {
        if (tight > 0) return printed / tight;
        return printed <= 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /** Theorem 4.4's preconditioner factor Λ1⁴Λ2⁴Γ⁴/(λ−¹⁰ν⁴) (eqs. (11)–(13)). */
    public double secondOrderFactor() {
        double l = lambda1 * lambda2 * gamma / nu;
        double l2 = l * l;
        double lm = lambdaMinus * lambdaMinus;
        return l2 * l2 / (lm * lm * lm * lm * lm);
    }

    /** Theorem 4.2's factor Γ/λ−² (its iteration count T ∝ LΓ/(τ⁴λ−²)). */
    public double firstOrderFactor() {
        return gamma / (lambdaMinus * lambdaMinus);
    }

    /** Eq. (10)'s left side Γ/λ_min(A), with λ_min(A) read as λ−. */
    public double gammaOverLambdaMinus() {
        return gamma / lambdaMinus;
    }

    /**
     * Random-direction cross-check of Λ1* (CLAIMS.md STAIB-D4.2): max over {@code directions} uniform unit v of
     * vᵀA²v / vᵀAv = ‖Av‖²/‖A^{1/2}v‖², and the same at each eigenvector of A (the maximum is attained at the top one).
     * Returns {random max, eigenvector max}.
     */
    public static double[] lambda1Search(double[] a, int d, UniformRandomProvider rng, int directions) {
        Require.positive("directions", directions);
        double[] a2 = ExactLinalg.mul(a, a, d);
        double best = 0;
        for (int k = 0; k < directions; k++) {
            double[] v = ExactLinalg.unitVector(d, rng);
            best = Math.max(best, Mat.quadForm(a2, v) / Mat.quadForm(a, v));
        }
        org.saddlecheck.linalg.SymmetricEigen e = new org.saddlecheck.linalg.SymmetricEigen(d);
        e.decompose(a);
        double eig = 0;
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            e.vector(k, v);
            eig = Math.max(eig, Mat.quadForm(a2, v) / Mat.quadForm(a, v));
        }
        return new double[] {best, eig};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "(Lambda1=%.6g, Lambda2=%.6g, Gamma=%.6g, nu=%.6g, lambda-=%.6g)", lambda1, lambda2, gamma, nu,
                lambdaMinus);
    }
}
