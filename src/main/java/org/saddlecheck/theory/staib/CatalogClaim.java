package org.saddlecheck.theory.staib;

import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimInfo;

/**
 * Base of the Staib claims: the {@link Catalog} entry of the claim id and the fixed number of statistical tests the
 * claim spends its false-failure budget on (the Bonferroni split of CLAIMS.md §7.3). Package-private.
 */
abstract class CatalogClaim implements Claim {
    private final ClaimInfo info;
    private final int statisticalTests;

    CatalogClaim(String id, int statisticalTests) {
        this.info = Catalog.get(id);
        this.statisticalTests = statisticalTests;
    }

    @Override
    public final ClaimInfo info() {
        return info;
    }

    @Override
    public final int statisticalTests() {
        return statisticalTests;
    }
}
