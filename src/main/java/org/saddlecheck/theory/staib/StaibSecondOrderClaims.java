package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.claims.Claim;

/**
 * The claims of the "Staib second-order / Figure 1" helper: STAIB-FIG1, STAIB-S3.2, STAIB-T4.4, STAIB-C4.2
 * (registered by one line in {@code ClaimRegistry}).
 */
public final class StaibSecondOrderClaims {
    private StaibSecondOrderClaims() {}

    /** New instances, in catalog order. */
    public static List<Claim> all() {
        return List.of(new StaibS32(), new StaibT44(), new StaibC42(), new StaibFig1());
    }
}
