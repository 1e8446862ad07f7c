package org.saddlecheck.theory.cross;

import java.util.List;
import org.saddlecheck.claims.Claim;

/** The cross-paper claims (CLAIMS.md §4) and STAIB-D2.1, whose predicate is shared with JIN-D3. */
public final class CrossClaims {
    private CrossClaims() {}

    /** New instances with the default (correct) components. */
    public static List<Claim> all() {
        return List.of(new StaibD21(), new X1(), new X2());
    }
}
