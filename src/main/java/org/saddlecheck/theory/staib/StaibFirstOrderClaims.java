package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.claims.Claim;

/**
 * Staib et al.'s first-order convergence claims (§4.2.2): STAIB-T4.2 (exact preconditioner), STAIB-T4.3 (inexact
 * preconditioner) and STAIB-C4.1 (RMSProp with burn-in), with the project's optimizers under test.
 */
public final class StaibFirstOrderClaims {
    private StaibFirstOrderClaims() {}

    /** New instances of the three claims, in catalog order. */
    public static List<Claim> all() {
        return List.of(new StaibT42(), new StaibT43(), new StaibC41());
    }
}
