package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;

/**
 * Base of the algorithm-identity claims (STAIB-ALG1 … STAIB-VAR-COV; CLAIMS.md §1): a claim is its catalog id, a
 * one-line summary and its list of {@link IdentityHarness.Check}s, run by {@link IdentityHarness#run}. Exact claims:
 * no statistical tests unless a subclass adds some. Package-private.
 */
abstract class IdentityClaim implements Claim {
    /** Relative tolerance of the trajectory identities (rounding amplified along {@link #STEPS} steps). */
    static final double TOL = 1e-10;
    /** Steps of every trajectory identity. */
    static final int STEPS = 100;

    private final ClaimInfo info;
    private final String summary;

    IdentityClaim(String id, String summary) {
        this.info = Catalog.get(id);
        this.summary = summary;
    }

    /** The identities checked on random seeded instances. */
    abstract List<IdentityHarness.Check> checks();

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
        return IdentityHarness.run(info, ctx, checks(), summary);
    }
}
