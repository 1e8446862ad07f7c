package org.saddlecheck.gen;

/**
 * Shapes of prescribed spectra (CLAIMS.md §7.1), ordered from simplest to hardest; shrinking moves toward the
 * front. All kinds pin λ_max exactly; those with κ &gt; 1 pin λ_min = λ_max/κ exactly, so κ is exact.
 */
public enum SpectrumKind {
    /** All eigenvalues λ_max (κ = 1). */
    FLAT,
    /** Log-uniform in [λ_max/κ, λ_max] with κ ≤ 1 + 1e-3. */
    IDENTITY_LIKE,
    /** ⌊d/2⌋ eigenvalues λ_min, the rest λ_max. */
    TWO_LEVEL,
    /** Log-uniform in [λ_min, λ_max], both endpoints pinned. */
    LOG_UNIFORM,
    /** One eigenvalue λ_min, all others λ_max ("[1, …, 1, 1e-8]"). */
    CLUSTERED,
    /** One eigenvalue λ_max/κ with κ ≥ 1e8, the others log-uniform in [λ_max/100, λ_max]. */
    NEAR_SINGULAR;

    /** Largest κ of {@link #IDENTITY_LIKE}. */
    public static final double IDENTITY_LIKE_MAX_KAPPA = 1 + 1e-3;
    /** Smallest κ of {@link #NEAR_SINGULAR}. */
    public static final double NEAR_SINGULAR_MIN_KAPPA = 1e8;

    /** The condition number this kind actually realises when asked for κ in dimension d. */
    public double effectiveKappa(int d, double kappa) {
        if (d == 1) return 1;
        return switch (this) {
            case FLAT -> 1;
            case IDENTITY_LIKE -> Math.min(kappa, IDENTITY_LIKE_MAX_KAPPA);
            case NEAR_SINGULAR -> Math.max(kappa, NEAR_SINGULAR_MIN_KAPPA);
            default -> kappa;
        };
    }
}
