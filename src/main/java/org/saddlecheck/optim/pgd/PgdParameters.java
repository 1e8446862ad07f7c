package org.saddlecheck.optim.pgd;

import java.util.ArrayList;
import java.util.List;
import org.saddlecheck.util.Require;

/**
 * Parameters of Perturbed Gradient Descent, Jin et al. (ICML 2017) Algorithm 2 (CLAIMS.md §3 JIN-ALG2).
 *
 * <p>{@link #fromPaper} applies Algorithm 2's formulas exactly (natural log):
 * <pre>
 * χ = 3·max{ln(dℓΔ_f/(cε²δ)), 4},  η = c/ℓ,  r = (√c/χ²)(ε/ℓ),  g_thres = (√c/χ²)ε,
 * f_thres = (c/χ³)√(ε³/ρ),  t_thres = (χ/c²)(ℓ/√(ρε)).
 * </pre>
 * {@link #explicit} takes practical values directly; its paper inputs are NaN ({@code d = 0}) and
 * {@link #source()} is {@code "explicit"}.
 *
 * <p>t_thres is real-valued, so the algorithm's equality test {@code t − t_noise = t_thres} never fires
 * literally. This class fixes {@code T_th = ceil(t_thres)} and the runners compare integers only
 * (CLAIMS.md §5 I12, §8.7).
 *
 * @param source   "paper" or "explicit"
 * @param d        dimension (0 when explicit)
 * @param ell      gradient-Lipschitz constant ℓ (NaN when explicit)
 * @param rho      Hessian-Lipschitz constant ρ (NaN when explicit)
 * @param eps      target accuracy ε (NaN when explicit)
 * @param c        the absolute constant c (NaN when explicit)
 * @param delta    failure probability δ (NaN when explicit)
 * @param deltaF   Δ_f ≥ f(x_0) − f* (NaN when explicit)
 * @param chi      χ (NaN when explicit)
 * @param eta      step size η
 * @param r        perturbation radius r (0 allowed only for explicit "no noise" controls)
 * @param gThres   gradient threshold g_thres
 * @param fThres   function-decrease threshold f_thres
 * @param tThres   real escape horizon t_thres
 * @param tTh      integer horizon T_th = ceil(t_thres)
 */
public record PgdParameters(
        String source, int d, double ell, double rho, double eps, double c, double delta, double deltaF,
        double chi, double eta, double r, double gThres, double fThres, double tThres, long tTh) {

    /** Largest accepted t_thres, so that t − t_noise never overflows a long. */
    public static final double MAX_T_THRES = 1e15;

    public PgdParameters {
        Require.notNull("source", source);
        Require.that(source.equals("paper") || source.equals("explicit"), "source", source, "\"paper\" or \"explicit\"");
        if (source.equals("paper")) {
            // a record built by hand must not pass as the paper's parameters with invalid paper inputs
            requirePaperInputs(d, ell, rho, eps, c, delta, deltaF);
            Require.positive("chi", chi);
        }
        Require.positive("eta", eta);
        Require.nonNegative("r", r);
        Require.positive("gThres", gThres);
        Require.positive("fThres", fThres);
        Require.positive("tThres", tThres);
        Require.that(tThres <= MAX_T_THRES, "tThres", tThres, "<= " + MAX_T_THRES);
        Require.that(tTh == (long) Math.ceil(tThres), "tTh", tTh, "ceil(tThres) = " + (long) Math.ceil(tThres));
    }

    /**
     * Algorithm 2's parameters, exactly as printed (natural log). Validates d ≥ 1; ℓ, ρ, ε, c, Δ_f > 0;
     * δ ∈ (0, 1). c > 1 is allowed but flagged in {@link #warnings()}: with η = c/ℓ > 1/ℓ the descent
     * guarantees (JIN-L10; JIN-T3 [DER] 2) no longer apply.
     */
    public static PgdParameters fromPaper(int d, double ell, double rho, double eps, double c, double delta, double deltaF) {
        requirePaperInputs(d, ell, rho, eps, c, delta, deltaF);
        // ln(dℓΔ_f/(cε²δ)) as a sum of logs: the product overflows for extreme but legal inputs.
        double logArg = Math.log(d) + Math.log(ell) + Math.log(deltaF) - Math.log(c) - 2 * Math.log(eps) - Math.log(delta);
        double chi = 3 * Math.max(logArg, 4);
        double sqrtC = Math.sqrt(c);
        double eta = c / ell;
        double gThres = sqrtC / (chi * chi) * eps;
        double r = sqrtC / (chi * chi) * (eps / ell);
        double fThres = c / (chi * chi * chi) * Math.sqrt(eps * eps * eps / rho);
        double tThres = chi / (c * c) * (ell / Math.sqrt(rho * eps));
        Require.that(tThres <= MAX_T_THRES, "t_thres (from the inputs)", tThres,
                "<= " + MAX_T_THRES + " (reduce ell/sqrt(rho*eps) or increase c)");
        return new PgdParameters("paper", d, ell, rho, eps, c, delta, deltaF, chi, eta, r, gThres, fThres, tThres,
                (long) Math.ceil(tThres));
    }

    /** d ≥ 1; ℓ, ρ, ε, c, Δ_f > 0 and finite; δ ∈ (0, 1). */
    private static void requirePaperInputs(int d, double ell, double rho, double eps, double c, double delta, double deltaF) {
        Require.positive("d", d);
        Require.positive("ell", ell);
        Require.positive("rho", rho);
        Require.positive("eps", eps);
        Require.positive("c", c);
        Require.probability("delta", delta);
        Require.positive("deltaF", deltaF);
    }

    /** Practical parameters given directly (no paper inputs). r = 0 is accepted as a "no noise" control. */
    public static PgdParameters explicit(double eta, double r, double gThres, double fThres, double tThres) {
        Require.positive("eta", eta);
        Require.nonNegative("r", r);
        Require.positive("gThres", gThres);
        Require.positive("fThres", fThres);
        Require.positive("tThres", tThres);
        Require.that(tThres <= MAX_T_THRES, "tThres", tThres, "<= " + MAX_T_THRES);
        double nan = Double.NaN;
        return new PgdParameters("explicit", 0, nan, nan, nan, nan, nan, nan, nan, eta, r, gThres, fThres, tThres,
                (long) Math.ceil(tThres));
    }

    public boolean isPaper() {
        return "paper".equals(source);
    }

    /** Initial t_noise = −T_th − 1, so that a perturbation may fire at t = 0. */
    public long tNoiseInitial() {
        return -tTh - 1;
    }

    /** Paper parameters with c ≤ 1 (η ≤ 1/ℓ): the descent guarantees apply. False for explicit parameters. */
    public boolean descentGuaranteed() {
        return isPaper() && c <= 1;
    }

    /** η ≤ 1/ℓ for a given smoothness ℓ (use for explicit parameters). */
    public boolean descentGuaranteedFor(double ell) {
        Require.positive("ell", ell);
        return eta * ell <= 1;
    }

    /** Theorem 3's precondition ε ≤ ℓ²/ρ (CLAIMS.md JIN-T3); false for explicit parameters. */
    public boolean theorem3PreconditionHolds() {
        return isPaper() && eps <= ell * ell / rho;
    }

    /** Human-readable flags (c > 1, ε > ℓ²/ρ); empty when none applies. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (isPaper() && c > 1) {
            w.add("c = " + c + " > 1: eta = c/ell > 1/ell, so the descent guarantees (JIN-L10, JIN-T3 iteration cap) do not apply");
        }
        if (isPaper() && !(eps <= ell * ell / rho)) {
            w.add("eps = " + eps + " > ell^2/rho = " + (ell * ell / rho) + ": outside Theorem 3's precondition");
        }
        return w;
    }

    public String describe() {
        String p = "eta=" + eta + ", r=" + r + ", g_thres=" + gThres + ", f_thres=" + fThres + ", t_thres=" + tThres
                + " (T_th=" + tTh + ")";
        if (!isPaper()) return "pgd-explicit(" + p + ")";
        return "pgd-paper(d=" + d + ", ell=" + ell + ", rho=" + rho + ", eps=" + eps + ", c=" + c + ", delta=" + delta
                + ", deltaF=" + deltaF + "; chi=" + chi + ", " + p + ")";
    }
}
