package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.claims.Claim;

/** The claims of the Figure 2 helper: STAIB-FIG2 ({@link StaibFig2}). */
public final class StaibFig2Claims {
    private StaibFig2Claims() {}

    public static List<Claim> all() {
        return List.of(new StaibFig2());
    }
}
