package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.claims.Claim;

/**
 * The estimation claims of Staib et al. §4.1 (CLAIMS.md STAIB-T4.1, STAIB-D4.1, STAIB-P4.1, STAIB-P4.2), each on the
 * estimator of Theorem 4.1 (bias-corrected EMA). For the registry.
 */
public final class StaibEstimationClaims {
    private StaibEstimationClaims() {}

    /** New instances, in catalog order. */
    public static List<Claim> all() {
        return List.of(new StaibT41(), new StaibD41(), new StaibP41(), new StaibP42());
    }
}
