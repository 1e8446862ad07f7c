package org.saddlecheck.theory.cross;

import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.theory.jin.StationarityBruteForce;

/**
 * X1 (CLAIMS.md §4): Staib's (τ, √(ρτ))-stationarity is Jin's ε-SOSP with ε = τ. On known critical points and random
 * points with random τ, {@code Stationarity.check(f, x, τ, √(ρτ))} and {@code Stationarity.checkEps(f, x, τ, ρ)} must
 * return identical results, and both must agree with the exact truth / brute force ({@link StationarityBruteForce}
 * in mode CROSS; EXACT).
 */
public final class X1 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("X1");

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
        return StationarityBruteForce.check(ctx, StationarityBruteForce.Mode.CROSS);
    }
}
