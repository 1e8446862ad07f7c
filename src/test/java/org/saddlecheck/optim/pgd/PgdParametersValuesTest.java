package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-computed values and edge cases of the parameter helpers: Algorithm 2 (CLAIMS.md JIN-ALG2) and JACM eq. (6)
 * (CLAIMS.md JIN-X), including the integer horizon limits and the hand-built-record validation.
 */
class PgdParametersValuesTest {

    /** χ floor case with ρ ≠ 1, every value exact by hand: ln(1·1·1e-3/(1·1²·0.5)) = ln 0.002 < 4 ⇒ χ = 12. */
    @Test
    void floorChiWithRhoFourHandValues() {
        PgdParameters p = PgdParameters.fromPaper(1, 1, 4, 1, 1, 0.5, 1e-3);
        assertThat(p.chi()).isEqualTo(12.0);
        assertThat(p.eta()).isEqualTo(1.0);
        assertThat(p.gThres()).isCloseTo(1.0 / 144, within(1e-18));
        assertThat(p.r()).isCloseTo(1.0 / 144, within(1e-18));
        // f_thres = (c/χ³)·√(ε³/ρ) = (1/1728)·(1/2) = 1/3456
        assertThat(p.fThres()).isCloseTo(1.0 / 3456, within(1e-18));
        // t_thres = (χ/c²)·ℓ/√(ρε) = 12·(1/2) = 6 exactly, so T_th = 6
        assertThat(p.tThres()).isEqualTo(6.0);
        assertThat(p.tTh()).isEqualTo(6);
    }

    /** Non-floor χ with ρ = 0.5, c = 0.25: dℓΔ_f/(cε²δ) = 60/(0.25·0.01·0.1) = 240000. */
    @Test
    void logBranchWithRhoAndCNotOne() {
        PgdParameters p = PgdParameters.fromPaper(10, 2, 0.5, 0.1, 0.25, 0.1, 3);
        double chi = 3 * Math.log(240000);
        assertThat(p.chi()).isCloseTo(chi, within(1e-12));
        assertThat(p.eta()).isEqualTo(0.125);
        assertThat(p.gThres()).isCloseTo(0.5 * 0.1 / Math.pow(chi, 2), within(1e-17));
        assertThat(p.r()).isCloseTo(0.5 * 0.05 / Math.pow(chi, 2), within(1e-17));
        // √(ε³/ρ) = √(0.001/0.5) = √0.002
        assertThat(p.fThres()).isCloseTo(0.25 * Math.sqrt(0.002) / Math.pow(chi, 3), within(1e-17));
        // ℓ/√(ρε) = 2/√0.05; χ/c² = 16χ
        assertThat(p.tThres()).isCloseTo(16 * chi * 2 / Math.sqrt(0.05), within(1e-9));
        assertThat(p.tTh()).isEqualTo((long) Math.ceil(p.tThres()));
    }

    /** t_thres = 1e15 exactly is the largest accepted value, from both factories. */
    @Test
    void maxTThresIsInclusive() {
        PgdParameters e = PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, PgdParameters.MAX_T_THRES);
        assertThat(e.tTh()).isEqualTo(1_000_000_000_000_000L);
        // χ = 12 (ln(dℓΔ_f/(cε²δ)) ≈ 0.51 < 4), c = ρ = ε = 1 ⇒ t_thres = 12·ℓ with ℓ = 1e15/12 (rounds back to 1e15)
        PgdParameters p = PgdParameters.fromPaper(1, 1e15 / 12, 1, 1, 1, 0.5, 1e-14);
        assertThat(p.chi()).isEqualTo(12.0);
        assertThat(p.tThres()).isEqualTo(1e15);
        assertThat(p.tTh()).isEqualTo(1_000_000_000_000_000L);
        assertThatThrownBy(() -> PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, Math.nextUp(1e15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tThres = ");
    }

    /** The canonical constructor re-validates a hand-built record. */
    @Test
    void handBuiltRecordsAreValidated() {
        assertThatThrownBy(() -> new PgdParameters("bogus", 0, 1, 1, 1, 1, 0.5, 1, 1, 0.5, 0.1, 1e-3, 1e-4, 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source = bogus");
        assertThatThrownBy(() -> new PgdParameters("explicit", 0, 1, 1, 1, 1, 0.5, 1, 1, 0.5, 0.1, 1e-3, 1e-4, 2e15,
                2_000_000_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tThres = 2.0E15")
                .hasMessageContaining("<= 1.0E15");
        PgdParameters ok = new PgdParameters("explicit", 0, 1, 1, 1, 1, 0.5, 1, 1, 0.5, 0.1, 1e-3, 1e-4, 1e15,
                1_000_000_000_000_000L);
        assertThat(ok.tTh()).isEqualTo(1_000_000_000_000_000L);
    }

    /** Theorem 3's precondition ε ≤ ℓ²/ρ, with ℓ = 2, ρ = 4 (ℓ²/ρ = 1): inclusive at ε = 1, false at ε = 1.5. */
    @Test
    void theorem3PreconditionBoundary() {
        PgdParameters at = PgdParameters.fromPaper(10, 2, 4, 1, 1, 0.1, 1);
        assertThat(at.theorem3PreconditionHolds()).isTrue();
        assertThat(at.warnings()).isEmpty();
        PgdParameters inside = PgdParameters.fromPaper(10, 2, 4, 0.5, 1, 0.1, 1);
        assertThat(inside.theorem3PreconditionHolds()).isTrue();
        PgdParameters outside = PgdParameters.fromPaper(10, 2, 4, 1.5, 1, 0.1, 1);
        assertThat(outside.theorem3PreconditionHolds()).isFalse();
        assertThat(outside.warnings()).containsExactly("eps = 1.5 > ell^2/rho = 1.0: outside Theorem 3's precondition");
        assertThat(PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, 5).theorem3PreconditionHolds()).isFalse();
        assertThat(PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, 5).warnings()).isEmpty();
    }

    @Test
    void describeNamesTheSource() {
        PgdParameters paper = PgdParameters.fromPaper(10, 2, 4, 1, 1, 0.1, 1);
        assertThat(paper.describe()).startsWith("pgd-paper(d=10, ell=2.0, rho=4.0, eps=1.0, c=1.0, delta=0.1, deltaF=1.0; chi=")
                .contains("eta=0.5").endsWith("(T_th=" + paper.tTh() + "))");
        PgdParameters explicit = PgdParameters.explicit(0.5, 0.25, 1e-3, 1e-4, 5.2);
        assertThat(explicit.describe())
                .isEqualTo("pgd-explicit(eta=0.5, r=0.25, g_thres=0.001, f_thres=1.0E-4, t_thres=5.2 (T_th=6))");
    }

    // ------------------------------------------------------------------ JACM eq. (6)

    private static JacmParameters copy(JacmParameters p, double iota, double calT, long calTCeil, double total,
            double lemma20) {
        return new JacmParameters(p.d(), p.ell(), p.rho(), p.eps(), iota, p.deltaF(), p.eta(), p.r(), calT, calTCeil,
                p.calF(), p.calS(), p.omega(), total, lemma20);
    }

    /**
     * ι = ℓ = ρ = Δ_f = 1, ε = 100: 𝒯 = 1/√100 = 0.1, 𝓕 = √(1e6)/50 = 20, so Δ_f𝒯/𝓕 = 0.005 and Δ_f/(ηε²) = 1e-4;
     * T = ceil(8·0.005) = 1. (Exercises both terms of the max: any change of the second term above 0.005 shows.)
     */
    @Test
    void jacmTotalIterationsSmallCase() {
        JacmParameters p = JacmParameters.of(1, 1, 1, 100, 1, 1);
        assertThat(p.calT()).isCloseTo(0.1, within(1e-15));
        assertThat(p.calTCeil()).isEqualTo(1);
        assertThat(p.calF()).isCloseTo(20, within(1e-12));
        assertThat(p.totalIterations()).isEqualTo(1.0);
        assertThat(p.totalIterationsLong()).isEqualTo(1L);
        // closed form 400ι⁴ℓΔ_f/ε² = 0.04
        assertThat(p.totalIterationsClosedForm()).isCloseTo(0.04, within(1e-15));
    }

    @Test
    void jacmHorizonLimitIsInclusive() {
        JacmParameters p = JacmParameters.of(1, 1e15, 1, 1, 1, 1); // 𝒯 = ℓι/√(ρε) = 1e15
        assertThat(p.calT()).isEqualTo(1e15);
        assertThat(p.calTCeil()).isEqualTo(1_000_000_000_000_000L);
        assertThatThrownBy(() -> JacmParameters.of(1, 1e16, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calT (from the inputs) = 1.0E16");
    }

    @Test
    void jacmHandBuiltRecordsAreValidated() {
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 1, 1);
        assertThatThrownBy(() -> copy(p, 0.5, p.calT(), p.calTCeil(), p.totalIterations(), p.lemma20FailureBound()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iota = 0.5");
        assertThatThrownBy(() -> copy(p, Double.POSITIVE_INFINITY, p.calT(), p.calTCeil(), p.totalIterations(),
                p.lemma20FailureBound()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iota = Infinity");
        assertThatThrownBy(() -> copy(p, 1, 2e15, 2_000_000_000_000_000L, p.totalIterations(), p.lemma20FailureBound()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calT = 2.0E15");
        assertThatThrownBy(() -> copy(p, 1, p.calT(), p.calTCeil() + 1, p.totalIterations(), p.lemma20FailureBound()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calTCeil = 21");
        JacmParameters atLimit = copy(p, 1, 1e15, 1_000_000_000_000_000L, p.totalIterations(), p.lemma20FailureBound());
        assertThat(atLimit.calTCeil()).isEqualTo(1_000_000_000_000_000L);
    }

    /** T must be < 2^63 to fit a long; the largest double below 2^63 converts exactly. */
    @Test
    void jacmTotalIterationsLongLimit() {
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 1, 1);
        JacmParameters below = copy(p, 1, p.calT(), p.calTCeil(), Math.nextDown(0x1p63), p.lemma20FailureBound());
        assertThat(below.totalIterationsLong()).isEqualTo(Long.MAX_VALUE - 1023);
        JacmParameters at = copy(p, 1, p.calT(), p.calTCeil(), 0x1p63, p.lemma20FailureBound());
        assertThatThrownBy(at::totalIterationsLong)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalIterations = 9.223372036854776E18");
    }

    /** Standing assumption √(ρε) ≤ ℓ is inclusive: ℓ = 2, ρε = 4. */
    @Test
    void jacmStandingAssumptionBoundaryAndMessage() {
        assertThat(JacmParameters.of(1, 2, 1, 4, 1, 1).standingAssumptionsHold()).isTrue();
        JacmParameters bad = JacmParameters.of(1, 2, 4, 2, 1, 1); // √8 > 2
        assertThat(bad.standingAssumptionsHold()).isFalse();
        assertThat(bad.warnings()).contains(
                "sqrt(rho*eps) = " + Math.sqrt(8.0) + " > ell = 2.0: JACM standing assumption fails");
    }

    /** Lemma 20's bound is vacuous from 1 on (inclusive). */
    @Test
    void jacmLemma20VacuousBoundary() {
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 40, 1);
        assertThat(p.warnings()).isEmpty();
        JacmParameters one = copy(p, 40, p.calT(), p.calTCeil(), p.totalIterations(), 1.0);
        assertThat(one.warnings()).containsExactly("Lemma 20 failure bound = 1.0 >= 1: the lemma is vacuous at iota = 40.0");
        JacmParameters below = copy(p, 40, p.calT(), p.calTCeil(), p.totalIterations(), Math.nextDown(1.0));
        assertThat(below.warnings()).isEmpty();
    }
}
