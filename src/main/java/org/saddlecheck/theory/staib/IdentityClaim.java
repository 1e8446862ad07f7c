package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;

/**
 * Base of the algorithm-identity claims (STAIB-ALG1 … STAIB-VAR-COV; CLAIMS.md §1): a claim is its catalog id, a
 * one-line summary and its list of {@link IdentityHarness.Check}s, run by {@link IdentityHarness#run}. Exact claims:
 * no statistical tests unless a subclass adds some. Package-private.
 */
abstract class IdentityClaim extends CatalogClaim {
    /** Relative tolerance of the trajectory identities (rounding amplified along {@link #STEPS} steps). */
    static final double TOL = 1e-10;
    /** Steps of every trajectory identity. */
    static final int STEPS = 100;

    private final String summary;

    /** An exact claim: no statistical tests. */
    IdentityClaim(String id, String summary) {
        this(id, 0, summary);
    }

    /** A claim that adds statisticalTests tests of its own to the identities (see {@link #check}). */
    IdentityClaim(String id, int statisticalTests, String summary) {
        super(id, statisticalTests);
        this.summary = summary;
    }

    /** The identities checked on random seeded instances. */
    abstract List<IdentityHarness.Check> checks();

    /** Runs {@link #checks()} through {@link IdentityHarness#run}; the summary opens the evidence. */
    @Override
    public ClaimResult check(ClaimContext ctx) {
        return IdentityHarness.run(info(), ctx, checks(), summary);
    }
}
