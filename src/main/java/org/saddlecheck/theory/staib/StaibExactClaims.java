package org.saddlecheck.theory.staib;

import java.util.List;
import org.saddlecheck.claims.Claim;

/**
 * The exact and cheap Staib et al. claims (definitions, algorithm identities, preconditioner constants, §3 and §5):
 * STAIB-ALG1 … STAIB-VAR-ADAM, STAIB-VAR-COV, STAIB-EQ1-2, STAIB-EQ3, STAIB-D4.2, STAIB-P4.3, STAIB-P4.4, STAIB-C-DIAG,
 * STAIB-S5.1, STAIB-S5.2, STAIB-S5.3. STAIB-INTRO-ADAGRAD ({@link IntroAdagradEma}) is registered by the engine directly.
 */
public final class StaibExactClaims {
    private StaibExactClaims() {}

    /** New instances of every claim of this list. */
    public static List<Claim> all() {
        return List.of(
                new Alg1PreconditionedSgd(),
                new Alg2FullRmsprop(),
                new Alg3BurnIn(),
                new Alg4LargeSteps(),
                new Alg4RmsHallucination(),
                new VarDiagRmsprop(),
                new VarAdamFull(),
                new VarCovTwoSample(),
                new Eq12Decomposition(),
                new Eq3IsotropicNoise(),
                new D42Preconditioner(),
                new P43SgdConstants(),
                new P44RmspropConstants(),
                new CDiagConstants(),
                new S51ChoosingEps(),
                new S52ComparisonToSgd(),
                new S53CovariancePreconditioner());
    }
}
