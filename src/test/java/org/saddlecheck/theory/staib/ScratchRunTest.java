package org.saddlecheck.theory.staib;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.*;

class ScratchRunTest {
    @Test
    void run() {
        String which = System.getProperty("claim", "T41");
        Budget budget = Budget.parse(System.getProperty("budget", "standard"));
        try (Parallel p = new Parallel(2)) {
            Claim c = switch (which) {
                case "P41" -> new StaibP41();
                case "P42" -> new StaibP42();
                case "D41" -> new StaibD41();
                case "D41raw" -> new StaibD41(EstimatorFactory.RAW_EMA);
                case "P41raw" -> new StaibP41(EstimatorFactory.RAW_EMA);
                default -> new StaibT41();
            };
            long t0 = System.nanoTime();
            final long ts = System.nanoTime(); ClaimResult r = c.check(new ClaimContext(c.info().id(), 20190126L, budget, 1.8e-5, p, s -> System.out.printf("PROG %.2f %s%n", (System.nanoTime() - ts) / 1e9, s)));
            System.out.printf("time %.1f s%n", (System.nanoTime() - t0) / 1e9);
            System.out.println(r.verdict() + " " + r.evidence());
            System.out.println(r.tightness());
            System.out.println(r.exponent());
            r.details().forEach((k, v) -> System.out.println(k + " = " + org.saddlecheck.claims.ResultsJsonAccess.str(v)));
        }
    }
}
