package org.saddlecheck.claims;

/**
 * Static description of a claim: its id (as in CLAIMS.md), title, paper and section, kind, statement in
 * readable math, the explicit bound we check, and the proofs-notes entry (path relative to the project root).
 */
public record ClaimInfo(String id, String title, Paper paper, String section, ClaimKind kind,
                        String statement, String bound, String proofNote) {

    /** "Staib et al. 2019, §4.1" style source string used in claims.json. */
    public String source() {
        String who = switch (paper) {
            case STAIB2019 -> "Staib et al. 2019";
            case JIN2017 -> "Jin et al. 2017";
            case BOTH -> "Staib et al. 2019 / Jin et al. 2017";
        };
        return who + ", " + section;
    }
}
