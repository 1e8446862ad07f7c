package org.saddlecheck.theory.jin;

import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;

/** Runs a claim's check with a fixed seed and an explicit alpha (tests only). */
public final class ClaimTestSupport {
    private ClaimTestSupport() {}

    public static final long SEED = 20190126L;

    /** alpha = 1e-6 per statistical test (a typical share of the run's 1e-4 budget). */
    public static ClaimResult run(Claim c, Budget budget) {
        return run(c, budget, SEED);
    }

    public static ClaimResult run(Claim c, Budget budget, long seed) {
        double alpha = 1e-6 * Math.max(1, c.statisticalTests());
        if (c.statisticalTests() == 0) alpha = 0;
        try (Parallel p = new Parallel(2)) {
            return c.check(new ClaimContext(c.info().id(), seed, budget, alpha, p, s -> { }));
        }
    }

    public static double alphaFor(Claim c) {
        return c.statisticalTests() == 0 ? 0 : 1e-6 * c.statisticalTests();
    }
}
