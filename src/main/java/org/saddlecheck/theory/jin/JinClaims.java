package org.saddlecheck.theory.jin;

import java.util.List;
import org.saddlecheck.claims.Claim;

/** The Jin et al. (ICML 2017) claims (CLAIMS.md §3), with their default components. */
public final class JinClaims {
    private JinClaims() {}

    /** New instances of every implemented Jin claim. */
    public static List<Claim> all() {
        return List.of(new JinA1(), new JinD3(), new JinGd(), new JinAlg1(), new JinAlg2(), new JinT3(), new JinL10(), new JinL11(),
                new JinStuck(), new JinDimfree(), new JinSs(), new JinLocal(), new JinMf(), new JinX(), new JinOctopus());
    }
}
