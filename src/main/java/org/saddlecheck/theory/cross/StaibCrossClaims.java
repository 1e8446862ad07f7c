package org.saddlecheck.theory.cross;

import java.util.List;
import org.saddlecheck.claims.Claim;

/** The cross-paper claims written with the Staib exact claims (X3); CrossClaims holds the others. */
public final class StaibCrossClaims {
    private StaibCrossClaims() {}

    /** New instances of every claim of this list. */
    public static List<Claim> all() {
        return List.of(new X3IsotropicNoise());
    }
}
