package org.saddlecheck.optim.pgd;

import java.util.ArrayList;
import java.util.List;
import org.saddlecheck.util.Require;

/**
 * Explicit constants of the JACM 2021 version of PGD (Jin, Netrapalli, Ge, Kakade, Jordan; arXiv 1902.04811,
 * eq. (6), Lemma 20, Theorem 18; CLAIMS.md JIN-X). Results computed with these must be labelled "JACM variant".
 * <pre>
 * η = 1/ℓ,  r = ε/(400ι³),  𝒯 = ℓι/√(ρε),  𝓕 = √(ε³/ρ)/(50ι³),  𝒮 = √(ε/ρ)/(4ι),  ω = 2^{2−ι}ℓ𝒮,
 * T = ceil(8·max{Δ_f𝒯/𝓕, Δ_f/(ηε²)})  (= 400ι⁴ℓΔ_f/ε² up to the ceil),
 * Lemma 20 failure bound (ℓ√d/√(ρε))·ι²·2^{8−ι}.
 * </pre>
 * The runner uses the integer horizon {@code calTCeil} = ceil(𝒯) (CLAIMS.md §8.7). T is kept as a double
 * holding an integer value because it exceeds the long range for extreme inputs.
 *
 * @param calT               𝒯 (real)
 * @param calTCeil           ceil(𝒯)
 * @param calF               𝓕
 * @param calS               𝒮
 * @param omega              ω
 * @param totalIterations    T of Theorem 18 (an integer stored as double)
 * @param lemma20FailureBound (ℓ√d/√(ρε))ι²2^{8−ι} (may exceed 1: then the lemma is vacuous)
 */
public record JacmParameters(int d, double ell, double rho, double eps, double iota, double deltaF, double eta,
        double r, double calT, long calTCeil, double calF, double calS, double omega, double totalIterations,
        double lemma20FailureBound) {

    public JacmParameters {
        Require.positive("d", d);
        Require.positive("ell", ell);
        Require.positive("rho", rho);
        Require.positive("eps", eps);
        Require.finite("iota", iota);
        Require.that(iota >= 1, "iota", iota, ">= 1 (JACM standing assumption)");
        Require.positive("deltaF", deltaF);
        Require.positive("eta", eta);
        Require.positive("r", r);
        Require.positive("calT", calT);
        Require.that(calT <= PgdParameters.MAX_T_THRES, "calT", calT, "<= " + PgdParameters.MAX_T_THRES);
        Require.that(calTCeil == (long) Math.ceil(calT), "calTCeil", calTCeil, "ceil(calT) = " + (long) Math.ceil(calT));
    }

    /** Eq. (6) of arXiv 1902.04811 v2. Validates d ≥ 1; ℓ, ρ, ε, Δ_f &gt; 0; ι ≥ 1. */
    public static JacmParameters of(int d, double ell, double rho, double eps, double iota, double deltaF) {
        Require.positive("d", d);
        Require.positive("ell", ell);
        Require.positive("rho", rho);
        Require.positive("eps", eps);
        Require.finite("iota", iota);
        Require.that(iota >= 1, "iota", iota, ">= 1 (JACM standing assumption)");
        Require.positive("deltaF", deltaF);
        double iota3 = iota * iota * iota;
        double sqrtRhoEps = Math.sqrt(rho * eps);
        double eta = 1.0 / ell;
        double r = eps / (400 * iota3);
        double calT = ell * iota / sqrtRhoEps;
        Require.that(calT <= PgdParameters.MAX_T_THRES, "calT (from the inputs)", calT, "<= " + PgdParameters.MAX_T_THRES);
        double calF = Math.sqrt(eps * eps * eps / rho) / (50 * iota3);
        double calS = Math.sqrt(eps / rho) / (4 * iota);
        double omega = Math.pow(2, 2 - iota) * ell * calS;
        double total = Math.ceil(8 * Math.max(deltaF * calT / calF, deltaF / (eta * eps * eps)));
        double lemma20 = ell * Math.sqrt(d) / sqrtRhoEps * iota * iota * Math.pow(2, 8 - iota);
        return new JacmParameters(d, ell, rho, eps, iota, deltaF, eta, r, calT, (long) Math.ceil(calT), calF, calS,
                omega, total, lemma20);
    }

    /** T as a long; throws if it exceeds the long range. */
    public long totalIterationsLong() {
        Require.that(totalIterations < 0x1p63, "totalIterations", totalIterations, "< 2^63 to fit a long");
        return (long) totalIterations;
    }

    /** The closed form 400ι⁴ℓΔ_f/ε² of Theorem 18's T (before the ceil). */
    public double totalIterationsClosedForm() {
        return 400 * iota * iota * iota * iota * ell * deltaF / (eps * eps);
    }

    /** Theorem 18's failure expression (Tℓ√d/√(ρε))ι²2^{8−ι}; the theorem applies when it is ≤ δ. */
    public double theorem18FailureBound() {
        return totalIterations * lemma20FailureBound;
    }

    /** Standing assumption √(ρε) ≤ ℓ. */
    public boolean standingAssumptionsHold() {
        return Math.sqrt(rho * eps) <= ell;
    }

    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (!standingAssumptionsHold()) {
            w.add("sqrt(rho*eps) = " + Math.sqrt(rho * eps) + " > ell = " + ell + ": JACM standing assumption fails");
        }
        if (lemma20FailureBound >= 1) {
            w.add("Lemma 20 failure bound = " + lemma20FailureBound + " >= 1: the lemma is vacuous at iota = " + iota);
        }
        return w;
    }

    public String describe() {
        return "pgd-jacm(d=" + d + ", ell=" + ell + ", rho=" + rho + ", eps=" + eps + ", iota=" + iota + ", deltaF="
                + deltaF + "; eta=" + eta + ", r=" + r + ", calT=" + calT + " (ceil " + calTCeil + "), calF=" + calF
                + ", calS=" + calS + ", omega=" + omega + ", T=" + totalIterations + ")";
    }
}
