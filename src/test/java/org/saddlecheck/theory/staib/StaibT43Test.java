package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.precondition.PerturbedPreconditioner;

class StaibT43Test {
    private static final List<PerturbedPreconditioner.Mode> MODES =
            List.of(PerturbedPreconditioner.Mode.BENIGN, PerturbedPreconditioner.Mode.ADVERSARIAL);

    /** d = 2, tau = 0.7, Delta = 0.49 lambda- (the worst allowed), both modes, with the negative controls. */
    private static StaibT43.Config small(boolean controls) {
        return new StaibT43.Config(FirstOrder.Spec.logSum(new double[] {1, 0.5}, 3.0), 1e-3, new double[] {0.7},
                new double[] {0.49}, MODES, controls);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(ClaimResult r, String key) {
        return (List<Map<String, Object>>) r.details().get(key);
    }

    @Test
    void holdsWithBenignAndAdversarialPerturbationsAndReportsTheControls() {
        ClaimResult r = Contexts.run(new StaibT43(StaibT43.DEFAULT_FACTORY, small(true)), 3, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThan(0.752);
        for (Map<String, Object> row : rows(r, "configurations")) {
            assertThat(row.get("hypothesesOk")).isEqualTo(true);
            assertThat((double) row.get("max ||Ahat - A|| / Delta")).isCloseTo(1.0, within(1e-9));
            assertThat((double) row.get("meanOverDerivedBound")).isLessThan(1);
        }
        List<Map<String, Object>> controls = rows(r, "negativeControls(report only)");
        assertThat(controls).hasSize(3);
        // Delta = 1.5 lambda- adversarial: the conclusion fails (reported only, the verdict stays HOLDS)
        assertThat((double) controls.get(0).get("ratio")).isGreaterThan(1);
        assertThat(r.evidence()).contains("Negative controls");
    }

    @Test
    void anAdversarialPerturbationBeyondLambdaMinusIsCaught() {
        // the planted optimizer claims Delta but applies -3.06 Delta u u^T (= -1.5 lambda- u u^T for Delta = 0.49 lambda-)
        StaibT43.Factory broken = (p, eta, eps, delta, mode, rng) -> StaibT43.DEFAULT_FACTORY.create(p, eta, eps,
                delta * (1.5 / 0.49), PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        StaibT43.Config cfg = new StaibT43.Config(FirstOrder.Spec.logSum(new double[] {1, 0.5}, 3.0), 1e-3, new double[] {0.7},
                new double[] {0.49}, List.of(PerturbedPreconditioner.Mode.ADVERSARIAL), false);
        ClaimResult r = Contexts.run(new StaibT43(broken, cfg), 3, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        Map<String, Object> row = rows(r, "configurations").get(0);
        assertThat(row.get("violated")).as("the MC-EXPECT test itself rejects").isEqualTo(true);
        assertThat(row.get("hypothesesOk")).as("||Ahat - A|| <= Delta fails too").isEqualTo(false);
    }

    @Test
    void aPreconditionerWithoutTheSquareRootIsCaught() {
        StaibT43.Factory broken = (p, eta, eps, delta, mode, rng) -> BrokenOptimizers.idealizedNoSqrt(p, eta, eps);
        StaibT43.Config cfg = new StaibT43.Config(FirstOrder.Spec.logSum(new double[] {1, 0.5, 0.1, 0.02}, 3.0), 1e-3,
                new double[] {1.0}, new double[] {0.1}, List.of(PerturbedPreconditioner.Mode.ADVERSARIAL), false);
        ClaimResult r = Contexts.run(new StaibT43(broken, cfg), 3, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(rows(r, "configurations").get(0).get("hypothesesOk")).isEqualTo(false);
    }

    @Test
    void theStepsizeAndHorizonFollowTheorem43AndTheDerivedBoundIsAbout075TauSquared() {
        FirstOrder.Setting s = FirstOrder.Spec.logSum(new double[] {1, 0.5}, 3.0).build((UniformRandomProvider) null);
        StaibT43.Constants c = StaibT43.constants(s, 1e-3, 0.5);
        double lam = s.lambdaMinus(1e-3);
        assertThat(c.eta()).isCloseTo(0.25 * lam / (4 * Math.sqrt(2) * 2 * 2), within(1e-15));
        assertThat(c.steps()).isEqualTo((long) Math.ceil(32 * s.deltaF() * 2 * 2 / (0.0625 * lam * lam)));
        double der = StaibT43.derivedBound(s, c) / 0.25;
        assertThat(der).isLessThanOrEqualTo(Math.sqrt(2) / 4 + 9 / (16 * Math.sqrt(2)) + 1e-12).isGreaterThan(0.75);
        // T4.3's T is 16x and its eta 1/(4 sqrt 2) of T4.2's
        StaibT42.Constants c42 = StaibT42.constants(StaibT42.Kind.IDEALIZED_RMSPROP, s, 1e-3, 0.5);
        assertThat(c.eta() * 4 * Math.sqrt(2)).isCloseTo(c42.eta(), within(1e-15));
        assertThat((double) c.steps()).isCloseTo(16.0 * c42.steps(), within(16.0));
    }

    @Test
    void rejectsBadInput() {
        FirstOrder.Spec spec = FirstOrder.Spec.logSum(new double[] {1, 0.5}, 3.0);
        assertThatThrownBy(() -> new StaibT43(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factory");
        assertThatThrownBy(() -> new StaibT43.Config(null, 1e-3, new double[] {0.5}, new double[] {0.1}, MODES, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec");
        assertThatThrownBy(() -> new StaibT43.Config(spec, -1, new double[] {0.5}, new double[] {0.1}, MODES, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> new StaibT43.Config(spec, 1e-3, new double[] {0}, new double[] {0.1}, MODES, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taus[0]");
        assertThatThrownBy(() -> new StaibT43.Config(spec, 1e-3, new double[] {0.5}, new double[] {0.5}, MODES, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltaFractions[0]");
        assertThatThrownBy(() -> new StaibT43.Config(spec, 1e-3, new double[] {0.5}, new double[0], MODES, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltaFractions.length");
        assertThatThrownBy(() -> new StaibT43.Config(spec, 1e-3, new double[] {0.5}, new double[] {0.1}, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modes");
    }
}
