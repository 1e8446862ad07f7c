package org.saddlecheck.claims;

import org.saddlecheck.util.Require;

/**
 * Placeholder for a catalog id without an implementation: its check returns INCONCLUSIVE with the evidence
 * "not yet implemented", so that claims.json and the report list every catalog id. It performs no statistical test
 * and never fails the build.
 */
public final class NotImplementedClaim implements Claim {
    /** The evidence string of a placeholder. */
    public static final String EVIDENCE = "not yet implemented";

    private final ClaimInfo info;

    public NotImplementedClaim(ClaimInfo info) {
        this.info = Require.notNull("info", info);
    }

    @Override
    public ClaimInfo info() {
        return info;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        return ClaimResult.builder(Verdict.INCONCLUSIVE).evidence(EVIDENCE).detail("implemented", false).build();
    }
}
