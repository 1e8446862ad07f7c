package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.optim.pgd.PgdEvent.Type;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.rng.Seeds;

/** CLAIMS.md JIN-X: JACM 2021 eq. (6) constants and Algorithm 4 bookkeeping ("JACM variant"). */
class JacmTest {

    @Test
    void equationSixConstants() {
        int d = 50;
        double ell = 2;
        double rho = 3;
        double eps = 1e-3;
        double iota = 5;
        double deltaF = 7;
        JacmParameters p = JacmParameters.of(d, ell, rho, eps, iota, deltaF);
        double sre = Math.sqrt(rho * eps);
        assertThat(p.eta()).isEqualTo(0.5);
        assertThat(p.r()).isCloseTo(eps / (400 * 125), within(1e-20));
        assertThat(p.calT()).isCloseTo(ell * iota / sre, within(1e-12));
        assertThat(p.calTCeil()).isEqualTo((long) Math.ceil(ell * iota / sre));
        assertThat(p.calF()).isCloseTo(Math.sqrt(eps * eps * eps / rho) / (50 * 125), within(1e-20));
        assertThat(p.calS()).isCloseTo(Math.sqrt(eps / rho) / 20, within(1e-18));
        assertThat(p.omega()).isCloseTo(Math.pow(2, -3) * ell * p.calS(), within(1e-18));
        double t = Math.ceil(8 * Math.max(deltaF * p.calT() / p.calF(), deltaF / (p.eta() * eps * eps)));
        assertThat(p.totalIterations()).isEqualTo(t);
        // Theorem 18: T = 400ι⁴ℓΔ_f/ε² up to the ceil
        assertThat(Math.abs(p.totalIterations() - p.totalIterationsClosedForm())).isLessThanOrEqualTo(1 + 1e-12 * t);
        assertThat(p.totalIterationsLong()).isEqualTo((long) t);
        double l20 = ell * Math.sqrt(d) / sre * iota * iota * Math.pow(2, 8 - iota);
        assertThat(p.lemma20FailureBound()).isCloseTo(l20, within(1e-12 * l20));
        assertThat(p.theorem18FailureBound()).isCloseTo(t * l20, within(1e-12 * t * l20));
        assertThat(p.standingAssumptionsHold()).isTrue();
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("vacuous")); // ι = 5 is too small
        JacmParameters big = JacmParameters.of(d, ell, rho, eps, 40, deltaF);
        assertThat(big.lemma20FailureBound()).isLessThan(1e-3);
        assertThat(big.warnings()).isEmpty();
        assertThat(big.describe()).contains("pgd-jacm");
    }

    @Test
    void standingAssumptionFlagged() {
        JacmParameters p = JacmParameters.of(2, 0.1, 1, 1, 1, 1); // √(ρε) = 1 > ℓ
        assertThat(p.standingAssumptionsHold()).isFalse();
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("standing assumption"));
    }

    /**
     * At a minimum (∇f = 0 everywhere along the way) with a scripted ξ: no perturbation before t = ceil(𝒯) + 1
     * (t_perturb starts at 0), then x ← x̃ − ηξ and one perturbation every ceil(𝒯) + 1 steps; the episodes are STUCK.
     */
    @Test
    void perturbationTimingAndEtaScaling() {
        Objective f = TestObjectives.diagQuadratic(1, 2);
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 1, 1); // η = 0.5, 𝒯 = 20
        assertThat(p.calTCeil()).isEqualTo(20);
        double[] xi = {1e-5, 0};
        ScriptedSamplers.Recorder rec = new ScriptedSamplers.Recorder();
        JacmResult res = new JacmPerturbedGradientDescent(f, p, ScriptedSamplers.scripted(xi), rec)
                .run(new double[2], 60, Seeds.rng(1));
        assertThat(res.events()).extracting(e -> e.type() + "@" + e.t())
                .containsExactly("PERTURB@21", "STUCK@41", "PERTURB@42");
        assertThat(rec.xs.get(20)).containsExactly(0, 0);
        assertThat(rec.xs.get(21)).containsExactly(-0.5e-5, 0); // x̃ − ηξ
        assertThat(res.perturbations()).isEqualTo(2);
        assertThat(res.stuck()).isEqualTo(1);
        assertThat(res.escapes()).isZero();
        assertThat(res.iterations()).isEqualTo(60);
        assertThat(rec.ts).hasSize(60);
        assertThat(res.events().get(0).aux()).isCloseTo(0.5e-5, within(1e-20)); // ‖ηξ‖
    }

    /** At an exact saddle the first perturbation (t = ceil(𝒯) + 1) escapes with Lemma 20's decrease 𝓕/2. */
    @Test
    void escapesFromSaddle() {
        Objective f = TestObjectives.diagQuadratic(-1, 1);
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 1, 1);
        JacmResult res = new JacmPerturbedGradientDescent(f, p).run(new double[2], 45,
                Seeds.rng(Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "jacm-saddle", 0)));
        assertThat(res.events()).extracting(e -> e.type() + "@" + e.t()).containsExactly("PERTURB@21", "ESCAPE@41");
        assertThat(res.events(Type.ESCAPE).isEmpty()).isFalse();
        assertThat(res.events().get(1).aux()).isLessThanOrEqualTo(-p.calF() / 2);
        assertThat(res.sampler()).isEqualTo("uniform-ball");
    }

    @TestFactory
    Stream<DynamicTest> badInputsRejected() {
        Objective f = TestObjectives.diagQuadratic(1, 2);
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 1, 1);
        record Bad(String name, Runnable call, String fragment) {}
        return Stream.of(
                new Bad("d=0", () -> JacmParameters.of(0, 1, 1, 0.1, 2, 1), "d = 0"),
                new Bad("ell=0", () -> JacmParameters.of(2, 0, 1, 0.1, 2, 1), "ell = 0.0"),
                new Bad("rho NaN", () -> JacmParameters.of(2, 1, Double.NaN, 0.1, 2, 1), "rho = NaN"),
                new Bad("eps<0", () -> JacmParameters.of(2, 1, 1, -0.1, 2, 1), "eps = -0.1"),
                new Bad("iota<1", () -> JacmParameters.of(2, 1, 1, 0.1, 0.5, 1), "iota = 0.5"),
                new Bad("iota inf", () -> JacmParameters.of(2, 1, 1, 0.1, Double.POSITIVE_INFINITY, 1), "iota = Infinity"),
                new Bad("deltaF=0", () -> JacmParameters.of(2, 1, 1, 0.1, 2, 0), "deltaF = 0.0"),
                new Bad("T too big for long", () -> JacmParameters.of(2, 1, 1, 1e-12, 1000, 1e6).totalIterationsLong(), "totalIterations"),
                new Bad("dim mismatch", () -> new JacmPerturbedGradientDescent(TestObjectives.diagQuadratic(1), p), "objective has dimension 1"),
                new Bad("iterations=0", () -> new JacmPerturbedGradientDescent(f, p).run(new double[2], 0, Seeds.rng(1)), "iterations = 0"),
                new Bad("x0 length", () -> new JacmPerturbedGradientDescent(f, p).run(new double[3], 5, Seeds.rng(1)), "x0 has length 3"),
                new Bad("null sampler", () -> new JacmPerturbedGradientDescent(f, p, null, null), "sampler is null"))
                .map(b -> DynamicTest.dynamicTest(b.name, () -> assertThatThrownBy(b.call::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(b.fragment)));
    }
}
