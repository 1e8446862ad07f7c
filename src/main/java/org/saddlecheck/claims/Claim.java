package org.saddlecheck.claims;

/**
 * A checkable statement of one of the papers. Implementations live one per file under
 * {@code org.saddlecheck.theory} and are listed in {@link ClaimRegistry}.
 *
 * <p>Contract: {@link #check} must be able to fail (return {@link Verdict#VIOLATED}) if the optimizer or the
 * bound were wrong; it must be deterministic given {@link ClaimContext#masterSeed()} whatever the thread
 * count; and every Monte Carlo test in it must use at most {@link ClaimContext#alpha()} in total as its
 * false-failure probability (split among its {@link #statisticalTests()} tests).
 */
public interface Claim {
    ClaimInfo info();

    /** How many statistical tests the check performs (0 for deterministic checks); used for the Bonferroni split. */
    int statisticalTests();

    ClaimResult check(ClaimContext ctx);
}
