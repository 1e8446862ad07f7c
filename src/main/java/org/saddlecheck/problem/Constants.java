package org.saddlecheck.problem;

/**
 * Certified constants of a problem: gradient-Lipschitz constant ℓ (Staib's L_f), Hessian-Lipschitz constant
 * ρ, and f* = inf f. {@code region} says where they hold ("global", "|x1| <= 2", "||U||^2 < Γ").
 * NaN marks an unknown constant.
 */
public record Constants(double smoothness, double hessianLipschitz, double fStar, String region) {
    public static final Constants UNKNOWN = new Constants(Double.NaN, Double.NaN, Double.NaN, "unknown");

    public static Constants global(double ell, double rho, double fStar) {
        return new Constants(ell, rho, fStar, "global");
    }
}
