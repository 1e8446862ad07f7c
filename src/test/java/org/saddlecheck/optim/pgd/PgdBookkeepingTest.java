package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.saddlecheck.optim.pgd.PgdEvent.Type;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;

/**
 * Threshold handling, event logs, observers and divergence checks of the three runners (CLAIMS.md JIN-ALG2, JIN-X,
 * JIN-GD; §8.7 integer horizons, §8.8 reliability flag).
 */
class PgdBookkeepingTest {

    /** 1-d objective from a value function and a gradient function (test scaffolding). */
    private static Objective oneD(ToDoubleFunction<Double> value, ToDoubleFunction<Double> grad) {
        return new Objective() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public double value(double[] x) {
                return value.applyAsDouble(x[0]);
            }

            @Override
            public void gradient(double[] x, double[] out) {
                out[0] = grad.applyAsDouble(x[0]);
            }

            @Override
            public void hessian(double[] x, double[] out) {
                out[0] = 0;
            }
        };
    }

    /** Piecewise-constant f: 0 for x ≥ −0.5, −level below (∇f = 0 almost everywhere). */
    private static Objective step(double level) {
        return oneD(x -> x >= -0.5 ? 0 : -level, x -> 0);
    }

    private static String sig(java.util.List<PgdEvent> events) {
        return String.join(",", events.stream().map(e -> e.type() + "@" + e.t()).toList());
    }

    // ------------------------------------------------------------------ Algorithm 2 (ICML)

    /** ‖∇f‖ = g_thres exactly (0.5 = √0.25) triggers a perturbation: the test is ‖∇f(x_t)‖ ≤ g_thres. */
    @Test
    void pgdPerturbsWhenGradientEqualsThreshold() {
        Objective f = TestObjectives.linear(0.5);
        PgdParameters p = PgdParameters.explicit(1.0, 0.1, 0.5, 10, 3);
        PgdResult res = new PerturbedGradientDescent(f, p, ScriptedSamplers.zero(), 50, null).run(new double[] {0}, Seeds.rng(1));
        // decrease per episode η a² T_th = 0.75 < f_thres = 10 ⇒ terminates at the first check
        assertThat(sig(res.events())).isEqualTo("PERTURB@0,TERMINATE@3");
        assertThat(res.events(Type.PERTURB).get(0).gradNorm()).isEqualTo(0.5);
    }

    /**
     * f(x_t) − f(x̃) = −f_thres exactly is an escape (termination needs > −f_thres). Step function with ξ = −1:
     * episode 1 (x̃ = 0, x = −1) decreases by exactly f_thres ⇒ ESCAPE at T_th; episode 2 starts at T_th + 1 from
     * x̃ = −1 with no decrease ⇒ TERMINATE at 2T_th + 1 returning x̃ = −1.
     */
    @Test
    void pgdDecreaseEqualToFThresIsAnEscape() {
        double fThres = 0.25;
        PgdParameters p = PgdParameters.explicit(1.0, 1.0, 0.1, fThres, 3);
        PgdResult res = new PerturbedGradientDescent(step(fThres), p, ScriptedSamplers.scripted(new double[] {-1}), 100, null)
                .run(new double[] {0}, Seeds.rng(1));
        assertThat(sig(res.events())).isEqualTo("PERTURB@0,ESCAPE@3,PERTURB@4,TERMINATE@7");
        assertThat(res.escapes()).isEqualTo(1);
        assertThat(res.perturbations()).isEqualTo(2);
        assertThat(res.events(Type.ESCAPE).get(0).aux()).isEqualTo(-fThres);
        assertThat(res.output()).containsExactly(-1.0);
        assertThat(res.fOutput()).isEqualTo(-fThres);
        assertThat(res.terminated()).isTrue();
        assertThat(res.status()).isEqualTo("terminated");
        assertThat(res.events(Type.TERMINATE).get(0).aux()).isEqualTo(0.0);
    }

    /** Cap reached between episodes: f(output) and ‖∇f(output)‖ are evaluated at the last iterate. */
    @Test
    void pgdCapReachedReportsValueOfLastIterate() {
        Objective f = TestObjectives.linear(0.5, 0);
        PgdParameters p = PgdParameters.explicit(1.0, 0.3, 1.0, 0.5, 4);
        PgdResult res = new PerturbedGradientDescent(f, p, ScriptedSamplers.zero(), 17, null).run(new double[] {0, 0}, Seeds.rng(1));
        assertThat(res.capReached()).isTrue();
        assertThat(res.output()).containsExactly(-8.5, 0.0);
        assertThat(res.fOutput()).isEqualTo(-4.25);
        assertThat(res.gradNormOutput()).isEqualTo(0.5);
        PgdEvent cap = res.events(Type.CAP_REACHED).get(0);
        assertThat(cap.t()).isEqualTo(17);
        assertThat(cap.f()).isEqualTo(-4.25);
        assertThat(cap.aux()).isNaN();
    }

    /**
     * §8.8: the run is flagged unreliable only when f_thres/|f| &lt; 1e-10 strictly. f ≡ 1 at the minimum of
     * 1 + ½x²: f_thres = 1e-10 gives the ratio 1e-10 exactly (not flagged), f_thres = 1e-11 is flagged.
     */
    @Test
    void pgdUnreliableFlagIsStrict() {
        Objective f = new TestObjectives.DiagQuadratic(1.0, new double[] {1});
        PgdResult at = new PerturbedGradientDescent(f, PgdParameters.explicit(1, 0, 1, 1e-10, 2), ScriptedSamplers.zero(), 50, null)
                .run(new double[] {0}, Seeds.rng(1));
        assertThat(at.terminated()).isTrue();
        assertThat(at.worstFThresOverAbsF()).isEqualTo(1e-10);
        assertThat(at.numericallyUnreliable()).isFalse();
        assertThat(at.accurateDifference()).isFalse();
        PgdResult below = new PerturbedGradientDescent(f, PgdParameters.explicit(1, 0, 1, 1e-11, 2), ScriptedSamplers.zero(), 50, null)
                .run(new double[] {0}, Seeds.rng(1));
        assertThat(below.numericallyUnreliable()).isTrue();
        assertThat(below.toString()).contains("NUMERICALLY UNRELIABLE");
    }

    /** f ≡ 0 along the run: max(|f(x_t)|, |f(x̃)|) = 0 gives no ratio (stays +∞), and is not flagged. */
    @Test
    void pgdZeroValueLeavesRatioInfinite() {
        Objective f = TestObjectives.diagQuadratic(1);
        PgdResult res = new PerturbedGradientDescent(f, PgdParameters.explicit(1, 0, 1, 1e-12, 2), ScriptedSamplers.zero(), 50, null)
                .run(new double[] {0}, Seeds.rng(1));
        assertThat(res.terminated()).isTrue();
        assertThat(res.worstFThresOverAbsF()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(res.numericallyUnreliable()).isFalse();
    }

    @Test
    void pgdNonFiniteGradientOrPerturbationThrowsAtTheRightIteration() {
        PgdParameters p = PgdParameters.explicit(1.0, 1.0, 0.1, 0.25, 3);
        Objective nanGrad = oneD(x -> 0, x -> Double.NaN);
        assertThatThrownBy(() -> new PerturbedGradientDescent(nanGrad, p, ScriptedSamplers.zero(), 5, null)
                .run(new double[] {0}, Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isZero())
                .hasMessageContaining("gradient[0] = NaN");
        Objective flat = oneD(x -> 0, x -> 0);
        assertThatThrownBy(() -> new PerturbedGradientDescent(flat, p, ScriptedSamplers.scripted(new double[] {Double.NaN}), 5, null)
                .run(new double[] {0}, Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isZero())
                .hasMessageContaining("perturbation[0] = NaN");
        // gradient finite at x̃ = 0 but NaN at the perturbed point x̃ + ξ = −1
        Objective nanAway = oneD(x -> 0, x -> x < -0.5 ? Double.NaN : 0);
        assertThatThrownBy(() -> new PerturbedGradientDescent(nanAway, p, ScriptedSamplers.scripted(new double[] {-1}), 5, null)
                .run(new double[] {0}, Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isZero())
                .hasMessageContaining("gradient[0] = NaN");
    }

    @Test
    void pgdAccessorsAndDescribe() {
        Objective f = TestObjectives.linear(0.5);
        PgdParameters p = PgdParameters.explicit(1.0, 0.1, 0.5, 10, 3);
        PerturbedGradientDescent pgd = new PerturbedGradientDescent(f, p);
        assertThat(pgd.parameters()).isSameAs(p);
        assertThat(pgd.maxIterations()).isEqualTo(PerturbedGradientDescent.DEFAULT_MAX_ITERATIONS);
        assertThat(pgd.describe()).isEqualTo("PGD[" + p.describe() + ", sampler=uniform-ball, cap=10000000]");
        PerturbedGradientDescent scripted = pgd.withSampler(ScriptedSamplers.zero()).withMaxIterations(7);
        assertThat(scripted.maxIterations()).isEqualTo(7);
        assertThat(scripted.parameters()).isSameAs(p);
        assertThat(scripted.describe()).endsWith(", sampler=zero, cap=7]");
        PgdResult res = scripted.run(new double[] {0}, Seeds.rng(1));
        assertThat(res.sampler()).isEqualTo("zero");
        assertThat(res.events(Type.PERTURB).get(0).aux()).isEqualTo(0.0); // ‖ξ‖ = 0
    }

    /** The default difference f(x) − f(y) is the plain one and is not reported as accurate. */
    @Test
    void differenceObjectiveDefaults() {
        DifferenceObjective f = new DifferenceObjective() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public double value(double[] x) {
                return 3 + x[0];
            }

            @Override
            public void gradient(double[] x, double[] out) {
                out[0] = 1;
            }

            @Override
            public void hessian(double[] x, double[] out) {
                out[0] = 0;
            }
        };
        assertThat(f.valueDifference(new double[] {2}, new double[] {0.5})).isEqualTo(1.5);
        assertThat(f.accurateDifference()).isFalse();
        // linear f with ‖∇f‖ = 1 ≤ g_thres, ξ = 0: decrease η·T_th = 2 ≥ f_thres = 1 ⇒ ESCAPE with aux −2
        PgdResult res = new PerturbedGradientDescent(f, PgdParameters.explicit(1, 0, 1, 1, 2), ScriptedSamplers.zero(), 4, null)
                .run(new double[] {0}, Seeds.rng(1));
        assertThat(res.accurateDifference()).isFalse();
        assertThat(res.events(Type.ESCAPE).get(0).aux()).isEqualTo(-2.0);
    }

    // ------------------------------------------------------------------ JACM Algorithm 4

    /**
     * Linear f = a·x (d = 1) with ξ = 0, JACM constants at ℓ = ρ = ι = 1, ε = 0.25: η = 1, 𝒯 = 1/√0.25 = 2,
     * 𝓕 = √(ε³)/50 = 0.0025. Perturbations at t = 3, 6 (t − t_perturb > 2, t_perturb = 0 initially); each episode
     * decreases f by η a² 𝒯 = 2a². a = 0.04 ⇒ −0.0032 ≤ −𝓕/2: ESCAPE; a = 0.01 ⇒ −0.0002: STUCK.
     */
    @Test
    void jacmEscapeAndStuckClassification() {
        JacmParameters p = JacmParameters.of(1, 1, 1, 0.25, 1, 1);
        assertThat(p.calTCeil()).isEqualTo(2);
        assertThat(p.calF()).isCloseTo(0.0025, within(1e-15));
        JacmResult esc = new JacmPerturbedGradientDescent(TestObjectives.linear(0.04), p, ScriptedSamplers.zero(), null)
                .run(new double[] {0}, 9, Seeds.rng(1));
        assertThat(sig(esc.events())).isEqualTo("PERTURB@3,ESCAPE@5,PERTURB@6,ESCAPE@8");
        assertThat(esc.escapes()).isEqualTo(2);
        assertThat(esc.stuck()).isZero();
        assertThat(esc.perturbations()).isEqualTo(2);
        assertThat(esc.events(Type.ESCAPE)).extracting(PgdEvent::t).containsExactly(5L, 8L);
        assertThat(esc.events(Type.STUCK)).isEmpty();
        assertThat(esc.events(Type.PERTURB)).extracting(PgdEvent::t).containsExactly(3L, 6L);
        for (PgdEvent e : esc.events(Type.ESCAPE)) assertThat(e.aux()).isCloseTo(-0.0032, within(1e-15));
        // f at the check: x_5 = −0.2 ⇒ f = −0.008
        assertThat(esc.events(Type.ESCAPE).get(0).f()).isCloseTo(-0.008, within(1e-15));

        JacmResult stuck = new JacmPerturbedGradientDescent(TestObjectives.linear(0.01), p, ScriptedSamplers.zero(), null)
                .run(new double[] {0}, 9, Seeds.rng(1));
        assertThat(sig(stuck.events())).isEqualTo("PERTURB@3,STUCK@5,PERTURB@6,STUCK@8");
        assertThat(stuck.stuck()).isEqualTo(2);
        assertThat(stuck.escapes()).isZero();
        assertThat(stuck.events(Type.STUCK)).extracting(PgdEvent::t).containsExactly(5L, 8L);
        for (PgdEvent e : stuck.events(Type.STUCK)) assertThat(e.aux()).isCloseTo(-0.0002, within(1e-15));
    }

    /** Lemma 20's event is f(x_𝒯) − f(x̃) ≤ −𝓕/2: a decrease of exactly 𝓕/2 is an ESCAPE (step function, ξ = 1). */
    @Test
    void jacmDecreaseEqualToHalfFIsAnEscape() {
        JacmParameters p = JacmParameters.of(1, 1, 1, 0.25, 1, 1);
        double halfF = p.calF() / 2;
        JacmResult res = new JacmPerturbedGradientDescent(step(halfF), p, ScriptedSamplers.scripted(new double[] {1}), null)
                .run(new double[] {0}, 6, Seeds.rng(1));
        // x̃ = 0, x = x̃ − ηξ = −1
        assertThat(sig(res.events())).isEqualTo("PERTURB@3,ESCAPE@5");
        assertThat(res.events(Type.ESCAPE).get(0).aux()).isEqualTo(-halfF);
        assertThat(res.finalPoint()).containsExactly(-1.0);
    }

    /** ‖∇f‖ = ε exactly (0.25 = √0.0625) triggers the JACM perturbation. */
    @Test
    void jacmPerturbsWhenGradientEqualsEps() {
        JacmParameters p = JacmParameters.of(1, 1, 1, 0.25, 1, 1);
        JacmResult res = new JacmPerturbedGradientDescent(TestObjectives.linear(0.25), p, ScriptedSamplers.zero(), null)
                .run(new double[] {0}, 4, Seeds.rng(1));
        assertThat(sig(res.events())).isEqualTo("PERTURB@3");
        assertThat(res.events().get(0).gradNorm()).isEqualTo(0.25);
    }

    /**
     * The observer gets f(x_t) at every step when it asks for it, NaN (except at the episode checks) when not; the
     * gradient norm after a perturbation is that of the perturbed point; the final gradient is taken at x_T.
     */
    @Test
    void jacmObserverValuesAndPostPerturbationGradient() {
        JacmParameters p = JacmParameters.of(1, 1, 1, 0.25, 1, 1);
        ScriptedSamplers.Recorder rec = new ScriptedSamplers.Recorder();
        new JacmPerturbedGradientDescent(TestObjectives.linear(0.04), p, ScriptedSamplers.zero(), rec)
                .run(new double[] {0}, 9, Seeds.rng(1));
        assertThat(rec.ts).hasSize(9);
        for (int t = 0; t < 9; t++) {
            assertThat(rec.fs.get(t)).isCloseTo(0.04 * rec.xs.get(t)[0], within(1e-15));
            assertThat(rec.xs.get(t)[0]).isCloseTo(-0.04 * t, within(1e-15));
        }
        Trajectory noValues = new Trajectory(20, 1, false);
        new JacmPerturbedGradientDescent(TestObjectives.linear(0.04), p, ScriptedSamplers.zero(), noValues)
                .run(new double[] {0}, 9, Seeds.rng(1));
        for (int t = 0; t < 9; t++) {
            if (t == 5 || t == 8) assertThat(noValues.value(t)).isCloseTo(-0.04 * 0.04 * t, within(1e-15));
            else assertThat(noValues.value(t)).isNaN();
        }

        // quadratic ½(x1² + 2x2²) at its minimum, η = 0.5, 𝒯 = 20, ξ = (1e-5, 1e-5): x_21 = −ηξ
        Objective q = TestObjectives.diagQuadratic(1, 2);
        JacmParameters pq = JacmParameters.of(2, 2, 1, 0.01, 1, 1);
        ScriptedSamplers.Recorder rq = new ScriptedSamplers.Recorder();
        JacmResult res = new JacmPerturbedGradientDescent(q, pq, ScriptedSamplers.scripted(new double[] {1e-5, 1e-5}), rq)
                .run(new double[2], 23, Seeds.rng(1));
        assertThat(rq.xs.get(21)).containsExactly(-0.5e-5, -0.5e-5);
        // ∇f(x_21) = (−0.5e-5, −1e-5)
        assertThat(rq.gs.get(21)).isCloseTo(Math.hypot(0.5e-5, 1e-5), within(1e-20));
        // x_22 = x_21 − η∇f(x_21) = (−0.25e-5, 0)
        assertThat(rq.xs.get(22)[0]).isCloseTo(-0.25e-5, within(1e-20));
        assertThat(rq.xs.get(22)[1]).isCloseTo(0, within(1e-20));
        // x_23 = (−0.125e-5, 0)
        assertThat(res.finalPoint()[0]).isCloseTo(-0.125e-5, within(1e-20));
        assertThat(res.gradNormFinal()).isCloseTo(0.125e-5, within(1e-20));
        assertThat(res.fFinal()).isCloseTo(0.5 * 0.125e-5 * 0.125e-5, within(1e-25));
        assertThat(pq).isSameAs(new JacmPerturbedGradientDescent(q, pq).parameters());
    }

    /** Final state from x_0 = (1, 1): x_t = (0.5^t, 0) for t ≥ 1, so ‖∇f(x_5)‖ = 1/32 (not ‖∇f(x_4)‖). */
    @Test
    void jacmFinalGradientAtLastIterate() {
        JacmParameters p = JacmParameters.of(2, 2, 1, 0.01, 1, 1);
        JacmResult res = new JacmPerturbedGradientDescent(TestObjectives.diagQuadratic(1, 2), p).run(new double[] {1, 1}, 5,
                Seeds.rng(1));
        assertThat(res.finalPoint()).containsExactly(1.0 / 32, 0);
        assertThat(res.gradNormFinal()).isEqualTo(1.0 / 32);
        assertThat(res.fFinal()).isEqualTo(0.5 / 1024);
        assertThat(res.events()).isEmpty();
    }

    @Test
    void jacmNonFiniteQuantitiesThrowAtTheRightIteration() {
        JacmParameters p = JacmParameters.of(1, 1, 1, 0.25, 1, 1);
        assertThatThrownBy(() -> new JacmPerturbedGradientDescent(oneD(x -> 0, x -> Double.NaN), p).run(new double[] {0}, 5,
                Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isZero())
                .hasMessageContaining("gradient[0] = NaN");
        Objective flat = oneD(x -> 0, x -> 0);
        assertThatThrownBy(() -> new JacmPerturbedGradientDescent(flat, p, ScriptedSamplers.scripted(new double[] {Double.NaN}), null)
                .run(new double[] {0}, 6, Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isEqualTo(3))
                .hasMessageContaining("perturbation[0] = NaN");
        // finite gradient at x̃ = 0, NaN at x̃ − ηξ = −1
        Objective nanAway = oneD(x -> 0, x -> x < -0.5 ? Double.NaN : 0);
        assertThatThrownBy(() -> new JacmPerturbedGradientDescent(nanAway, p, ScriptedSamplers.scripted(new double[] {1}), null)
                .run(new double[] {0}, 6, Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isEqualTo(3))
                .hasMessageContaining("gradient[0] = NaN");
        // f = x with η = 1: x_t = −t; the gradient is NaN only from x = −2.5 on, i.e. first at x_T = −3
        Objective nanAtEnd = oneD(x -> x, x -> x < -2.5 ? Double.NaN : 1);
        assertThatThrownBy(() -> new JacmPerturbedGradientDescent(nanAtEnd, p).run(new double[] {0}, 3, Seeds.rng(1)))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isEqualTo(3))
                .hasMessageContaining("gradient[0] = NaN");
    }

    @Test
    void runnersRejectConstrainedDomains() {
        Objective boxed = new TestObjectives.DiagQuadratic(0, new double[] {1}) {
            @Override
            public Domain domain() {
                return Domain.box(-1, 1);
            }
        };
        assertThatThrownBy(() -> new JacmPerturbedGradientDescent(boxed, JacmParameters.of(1, 1, 1, 0.25, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("objective.domain()");
        assertThatThrownBy(() -> new PerturbedGradientDescent(boxed, PgdParameters.explicit(1, 0.1, 0.5, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("objective.domain()");
    }

    // ------------------------------------------------------------------ GD

    @Test
    void gdZeroStepCapAndAccessors() {
        Objective f = TestObjectives.diagQuadratic(2);
        GradientDescent gd = GradientDescent.withSmoothness(f, 4);
        assertThat(gd.eta()).isEqualTo(0.25);
        GdResult res = gd.run(new double[] {1}, 0.1, 0);
        assertThat(res.iterations()).isZero();
        assertThat(res.reachedEps()).isFalse();
        assertThat(res.gradNormFinal()).isEqualTo(2.0);
        assertThat(res.fFinal()).isEqualTo(1.0);
        assertThat(res.finalPoint()).containsExactly(1.0);
        // x_{t+1} = (1 − 0.5)x_t: ‖∇f(x_t)‖ = 2·0.5^t ≤ 0.1 first at t = 5
        GdResult run = gd.run(new double[] {1}, 0.1, 100);
        assertThat(run.iterations()).isEqualTo(5);
        assertThat(run.reachedEps()).isTrue();
        assertThat(run.status()).isEqualTo("reached eps");
    }

    @Test
    void gdNonFiniteGradientThrowsAtIterationZero() {
        GradientDescent gd = new GradientDescent(oneD(x -> 0, x -> Double.NaN), 0.5);
        assertThatThrownBy(() -> gd.run(new double[] {0}, 0.1, 3))
                .isInstanceOfSatisfying(DivergenceException.class, e -> assertThat(e.iteration()).isZero())
                .hasMessageContaining("gradient[0] = NaN");
    }

    /** A lambda observer uses the default needsValue() = true, so GD evaluates f(x_t) for it at every step. */
    @Test
    void defaultObserverReceivesValues() {
        double[] seen = new double[4];
        Arrays.fill(seen, Double.NaN);
        StepObserver obs = (t, x, fx, gn) -> seen[(int) t] = fx;
        assertThat(obs.needsValue()).isTrue();
        Objective f = TestObjectives.diagQuadratic(2);
        new GradientDescent(f, 0.25).run(new double[] {1}, 0, 3, obs);
        // x_t = 0.5^t, f = x²
        assertThat(seen).containsExactly(1.0, 0.25, 0.0625, 0.015625);
    }
}
