package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.StepSchedule;

/** STAIB-EQ3's isotropy-along-runs sub-check: it holds on idealized RMSProp and goes red on planted broken runs. */
class Eq3IsotropicNoiseTest {
    static ClaimResult check(Eq3IsotropicNoise c) {
        try (Parallel p = new Parallel(2)) {
            return c.check(new ClaimContext("STAIB-EQ3", 20190126L, Budget.QUICK, c.statisticalTests() * 1e-6, p, null));
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> failures(ClaimResult r) {
        return (List<String>) r.details().get("failures");
    }

    @Test
    void holdsOnIdealizedRmsprop() {
        ClaimResult r = check(new Eq3IsotropicNoise());
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        @SuppressWarnings("unchecked")
        Map<String, Object> iso = (Map<String, Object>) r.details().get("runIsotropy");
        assertThat(iso.get("gradDecreased")).isEqualTo(true);
        assertThat(iso.get("controlShowedEffect")).isEqualTo(true);
        assertThat((double) iso.get("lastQuarterMedianKappaRmsprop")).isLessThanOrEqualTo((double) iso.get("isotropyBoundOnePlusC"));
        // SGD's anisotropy is measured, and it is the kappa(Sigma) = 1e4 of the noise
        assertThat((double) iso.get("lastQuarterMedianKappaSgdMeasured")).isBetween(5e3, 2e4);
        assertThat(r.series()).containsKeys("gradNorm", "kappaBound", "kappaRmspropSample");
    }

    /** ε = 1 inside the root: A = (G + I)^{−1/2} does not whiten Σ = diag(1, 0.09, 0.01, 1e-4): κ ≈ 5e3 ≫ 1 + c. */
    @Test
    void violatedWhenTheRunsPreconditionerDoesNotWhiten() {
        ClaimResult r = check(new Eq3IsotropicNoise(PreconditionerMap.FULL_INSIDE,
                (p, eta) -> Algorithms.idealizedRmsprop(p, StepSchedule.constant(eta), 1.0)));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(failures(r)).anyMatch(f -> f.contains("not isotropic near the stationary point"));
    }

    /** A run that never reaches the stationary regime (stepsize 1e-6 of the intended): the sub-check cannot pass vacuously. */
    @Test
    void violatedWhenTheRunDoesNotApproachAStationaryPoint() {
        ClaimResult r = check(new Eq3IsotropicNoise(PreconditionerMap.FULL_INSIDE,
                (p, eta) -> Algorithms.idealizedRmsprop(p, StepSchedule.constant(eta * 1e-6), 0)));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(failures(r)).anyMatch(f -> f.contains("did not decrease"));
    }
}
