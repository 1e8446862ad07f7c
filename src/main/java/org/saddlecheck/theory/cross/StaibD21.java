package org.saddlecheck.theory.cross;

import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.theory.jin.StationarityBruteForce;

/**
 * STAIB-D2.1 (Staib et al. 2019, Definition 2.1; CLAIMS.md STAIB-D2.1): x is a (τ_g, τ_h)-stationary point iff
 * ‖∇f(x)‖ ≤ τ_g and λ_min(∇²f(x)) ≥ −τ_h. The shared predicate {@code Stationarity.check} (the same one Jin's ε-SOSP
 * uses, hence this claim lives with the cross-paper checks) must agree with the exact truth at known critical points
 * and with brute force at random points, for independent thresholds τ_g, τ_h ({@link StationarityBruteForce}, EXACT).
 */
public final class StaibD21 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("STAIB-D2.1");

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        return StationarityBruteForce.check(ctx, StationarityBruteForce.Mode.STAIB);
    }
}
