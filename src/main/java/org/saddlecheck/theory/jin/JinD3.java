package org.saddlecheck.theory.jin;

import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;

/**
 * JIN-D3 (Jin et al. 2017, Definition 3; CLAIMS.md JIN-D3, §8.9): x is an ε-second-order stationary point iff
 * ‖∇f(x)‖ ≤ ε and λ_min(∇²f(x)) ≥ −√(ρε). The shared predicate {@code Stationarity.checkEps} must agree with the exact
 * truth at known critical points and with brute force at random points ({@link StationarityBruteForce}, EXACT).
 */
public final class JinD3 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-D3");

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
        return StationarityBruteForce.check(ctx, StationarityBruteForce.Mode.JIN);
    }
}
