package org.saddlecheck.theory.staib;

import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;

/** Runs a claim on a fixed seed with a typical per-claim alpha. */
final class Contexts {
    private Contexts() {}

    /** A typical share of the run's 1e-4 budget: 1e-4 · tests / 150. */
    static ClaimResult run(Claim claim, long seed, int threads) {
        try (Parallel p = new Parallel(threads)) {
            return claim.check(new ClaimContext(claim.info().id(), seed, Budget.QUICK, 1e-4 * claim.statisticalTests() / 150.0, p, null));
        }
    }
}
