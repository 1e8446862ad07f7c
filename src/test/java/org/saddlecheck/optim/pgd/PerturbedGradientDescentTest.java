package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.optim.pgd.PgdEvent.Type;

/** Bookkeeping, termination, escape and theory-cap tests of Algorithm 2 (CLAIMS.md JIN-ALG2, JIN-T3). */
class PerturbedGradientDescentTest {

    private static List<String> eventSignature(PgdResult res) {
        return res.events().stream().map(e -> e.type() + "@" + e.t()).toList();
    }

    /**
     * Scripted function with ‖∇f‖ = a ≤ g_thres everywhere (f = a·x_1) and ξ = 0: a perturbation must fire exactly
     * at t = k(T_th + 1) (t − t_noise > T_th), never inside an episode, and never at t_noise + T_th.
     */
    @Test
    void perturbationOnlyWhenGradientSmallAndEpisodeOver() {
        double a = 0.5;
        Objective f = TestObjectives.linear(a, 0);
        // η a² T_th = 0.25 · 4 = 1 per episode > f_thres = 0.5 ⇒ every episode escapes.
        PgdParameters p = PgdParameters.explicit(1.0, 0.3, 1.0, 0.5, 4);
        PgdResult res = new PerturbedGradientDescent(f, p, ScriptedSamplers.zero(), 17, null)
                .run(new double[] {0, 0}, Seeds.rng(1));
        assertThat(eventSignature(res)).containsExactly("PERTURB@0", "ESCAPE@4", "PERTURB@5", "ESCAPE@9", "PERTURB@10",
                "ESCAPE@14", "PERTURB@15", "CAP_REACHED@17");
        assertThat(res.terminated()).isFalse();
        assertThat(res.capReached()).isTrue();
        assertThat(res.status()).isEqualTo("cap reached");
        assertThat(res.perturbations()).isEqualTo(4);
        assertThat(res.escapes()).isEqualTo(3);
        assertThat(res.iterations()).isEqualTo(17);
        for (PgdEvent e : res.events(Type.ESCAPE)) assertThat(e.aux()).isCloseTo(-1.0, within(1e-12));
        assertThat(res.output()[0]).isCloseTo(-17 * a, within(1e-12));
    }

    /** Large gradient first: the first perturbation is at the first t with ‖∇f(x_t)‖ ≤ g_thres (analytic). */
    @Test
    void firstPerturbationAtFirstSmallGradient() {
        Objective f = TestObjectives.diagQuadratic(1, 1);
        // ‖∇f(x_t)‖ = 0.5^t from x_0 = (1, 0) with η = 0.5; 0.5^10 ≤ 1e-3 < 0.5^9.
        PgdParameters p = PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-4, 7);
        PgdResult res = new PerturbedGradientDescent(f, p, ScriptedSamplers.zero(), 1000, null)
                .run(new double[] {1, 0}, Seeds.rng(2));
        assertThat(eventSignature(res)).containsExactly("PERTURB@10", "TERMINATE@17");
        assertThat(res.terminated()).isTrue();
        assertThat(res.iterations()).isEqualTo(17);
        assertThat(res.output()).containsExactly(Math.scalb(1.0, -10), 0);
        assertThat(res.gradNormOutput()).isEqualTo(Math.scalb(1.0, -10));
        assertThat(res.fOutput()).isEqualTo(0.5 * Math.scalb(1.0, -20));
        assertThat(res.events(Type.PERTURB).get(0).gradNorm()).isEqualTo(Math.scalb(1.0, -10));
    }

    /** T_th = t_thres when integer and ceil(t_thres) otherwise; termination fires exactly at t_noise + T_th. */
    @TestFactory
    Stream<DynamicTest> terminationWithIntegerThresholds() {
        return Stream.of(new double[] {5.0, 5}, new double[] {5.2, 6}, new double[] {1.0, 1}, new double[] {0.01, 1})
                .map(c -> DynamicTest.dynamicTest("t_thres=" + c[0], () -> {
                    Objective f = TestObjectives.linear(0.1);
                    // decrease per episode η a² T_th ≤ 0.06 < f_thres = 1 ⇒ terminate at the first check.
                    PgdParameters p = PgdParameters.explicit(1.0, 0.1, 1.0, 1.0, c[0]);
                    PgdResult res = new PerturbedGradientDescent(f, p, ScriptedSamplers.zero(), 100, null)
                            .run(new double[] {2.0}, Seeds.rng(3));
                    long tTh = (long) c[1];
                    assertThat(eventSignature(res)).containsExactly("PERTURB@0", "TERMINATE@" + tTh);
                    assertThat(res.iterations()).isEqualTo(tTh);
                    assertThat(res.output()).containsExactly(2.0);
                    PgdEvent term = res.events(Type.TERMINATE).get(0);
                    assertThat(term.aux()).isCloseTo(-0.01 * tTh, within(1e-12));
                }));
    }

    /** Starting exactly at the saddle of ½xᵀdiag(−γ, h)x: perturb at 0, escape at T_th (exact decrease), no more. */
    @Test
    void escapesFromExactSaddleOfQuadratic() {
        double gamma = 1;
        double h = 1;
        Objective f = TestObjectives.diagQuadratic(-gamma, h);
        PgdParameters p = PgdParameters.explicit(0.5, 0.01, 0.01, 1e-3, 20);
        ScriptedSamplers.Recording sampler = new ScriptedSamplers.Recording(PerturbationSampler.uniformBall());
        PgdResult res = new PerturbedGradientDescent(f, p, sampler, 30, null).run(new double[] {0, 0}, Seeds.rng(4));
        assertThat(eventSignature(res)).containsExactly("PERTURB@0", "ESCAPE@20", "CAP_REACHED@30");
        double[] xi = sampler.draws.get(0);
        assertThat(Vec.norm(xi)).isLessThanOrEqualTo(0.01);
        double exact = PgdBounds.quadraticSaddleDecrease(gamma, new double[] {h}, 0.5, 20, xi);
        PgdEvent esc = res.events(Type.ESCAPE).get(0);
        assertThat(esc.aux()).isCloseTo(exact, within(1e-12 * Math.abs(exact)));
        assertThat(esc.aux()).isLessThanOrEqualTo(-1e-3);
        assertThat(res.events(Type.PERTURB).get(0).f()).isZero();
    }

    /** Starting at the minimum: perturb at 0 and return the minimum exactly after T_th steps. */
    @Test
    void terminatesAtMinimumAfterTThSteps() {
        Objective f = TestObjectives.diagQuadratic(1, 2);
        PgdParameters p = PgdParameters.explicit(0.4, 0.01, 0.01, 1e-3, 12.5);
        PgdResult res = new PerturbedGradientDescent(f, p).run(new double[] {0, 0}, Seeds.rng(5));
        assertThat(eventSignature(res)).containsExactly("PERTURB@0", "TERMINATE@13");
        assertThat(res.terminated()).isTrue();
        assertThat(res.iterations()).isEqualTo(13);
        assertThat(res.output()).containsExactly(0, 0);
        assertThat(res.fOutput()).isZero();
        assertThat(res.gradNormOutput()).isZero();
        assertThat(res.status()).isEqualTo("terminated");
        assertThat(res.gradientEvaluations()).isEqualTo(15); // 14 iterates + one after the perturbation
    }

    /**
     * Step-by-step replay of the event log on the quartic saddle (seeded loop): at every t, the PERTURB decision
     * equals [‖∇f(x_t)‖ ≤ g_thres and t − t_noise > T_th] evaluated on the pre-perturbation iterate, x_t = x̃ + ξ
     * after a perturbation, and ESCAPE/TERMINATE fire at t_noise + T_th with the right sign of f(x_t) − f(x̃) + f_thres.
     */
    @TestFactory
    Stream<DynamicTest> eventLogMatchesAlgorithmStepByStep() {
        Objective f = TestObjectives.quarticSaddle(0.5, 1, 2);
        PgdParameters p = PgdParameters.explicit(0.2, 0.01, 1e-3, 1e-4, 30);
        return LongStream.range(0, 12).mapToObj(trial -> DynamicTest.dynamicTest("trial " + trial, () -> {
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "pgd-replay", trial);
            double[] x0 = trial % 3 == 0 ? new double[3] : new double[] {0.3 * (trial % 5) - 0.6, 0.5, -0.2};
            ScriptedSamplers.Recording sampler = new ScriptedSamplers.Recording(PerturbationSampler.uniformBall());
            ScriptedSamplers.Recorder rec = new ScriptedSamplers.Recorder();
            PgdResult res = new PerturbedGradientDescent(f, p, sampler, 5000, rec).run(x0, Seeds.rng(seed));
            String ctx = "seed " + seed;
            assertThat(res.terminated()).as(ctx).isTrue();

            List<String> expected = new ArrayList<>();
            long tNoise = -p.tTh() - 1;
            double[] xTilde = null;
            int k = 0;
            double[] g = new double[3];
            for (int t = 0; t <= res.iterations(); t++) {
                double[] pre;
                if (t == 0) {
                    pre = x0.clone();
                } else {
                    double[] prev = rec.xs.get(t - 1);
                    f.gradient(prev, g);
                    pre = prev.clone();
                    Vec.axpy(-p.eta(), g, pre);
                }
                f.gradient(pre, g);
                double[] xt = pre;
                if (Vec.norm(g) <= p.gThres() && t - tNoise > p.tTh()) {
                    expected.add("PERTURB@" + t);
                    xTilde = pre;
                    tNoise = t;
                    double[] xi = sampler.draws.get(k++);
                    xt = pre.clone();
                    Vec.axpy(1, xi, xt);
                }
                assertThat(rec.ts.get(t)).isEqualTo(t);
                assertThat(rec.xs.get(t)).as(ctx + " t=" + t).containsExactly(xt, within(1e-14));
                if (t - tNoise == p.tTh()) {
                    double diff = f.value(xt) - f.value(xTilde);
                    if (diff > -p.fThres()) {
                        expected.add("TERMINATE@" + t);
                        assertThat(t).as(ctx).isEqualTo(res.iterations());
                        assertThat(res.output()).as(ctx).containsExactly(xTilde, within(0.0));
                    } else {
                        expected.add("ESCAPE@" + t);
                    }
                }
            }
            assertThat(eventSignature(res)).as(ctx).isEqualTo(expected);
            assertThat(k).as(ctx).isEqualTo(sampler.draws.size());
            // CLAIMS.md JIN-T3 [DER] 1: the output always has ‖∇f‖ ≤ g_thres.
            assertThat(res.gradNormOutput()).as(ctx).isLessThanOrEqualTo(p.gThres());
            // it is the minimum x1 = ±√γ here
            assertThat(Math.abs(res.output()[0])).as(ctx).isCloseTo(Math.sqrt(0.5), within(1e-2));
        }));
    }

    /**
     * CLAIMS.md JIN-T3 [DER] 2: N ≤ (Δ_f/f_thres + 1)(T_th + 1) + 2Δ_f/(η g_thres²) on several seeded runs of the
     * cosine family (ℓ = ρ = a, η ≤ 1/ℓ) started at a strict saddle with two π-coordinates (Δ_f = 4a). The second
     * parameter set (large g_thres and f_thres, short horizon) makes the cap only a few times the observed count.
     */
    @TestFactory
    Stream<DynamicTest> deterministicIterationCapHolds() {
        double a = 1;
        TestObjectives.Cosine f = new TestObjectives.Cosine(a, new double[] {1, 2, 3, 4});
        double[] x0 = f.fromY(new double[] {Math.PI, Math.PI, 0, 0});
        double deltaF = 4 * a;
        List<PgdParameters> sets = List.of(PgdParameters.explicit(0.5, 0.05, 1e-2, 1e-3, 40),
                PgdParameters.explicit(1.0, 0.3, 0.5, 0.05, 3));
        return sets.stream().flatMap(p -> LongStream.range(0, 8).mapToObj(trial -> DynamicTest.dynamicTest(
                p.describe() + " trial " + trial, () -> {
            assertThat(p.descentGuaranteedFor(a)).isTrue();
            double cap = PgdBounds.iterationCap(p, deltaF);
            long seed = Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "pgd-cap", trial);
            PgdResult res = new PerturbedGradientDescent(f, p).run(x0, Seeds.rng(seed));
            String ctx = "seed " + seed + " " + res + " cap " + cap;
            assertThat(res.terminated()).as(ctx).isTrue();
            assertThat((double) res.iterations()).as(ctx).isLessThanOrEqualTo(cap);
            assertThat(res.gradNormOutput()).as(ctx).isLessThanOrEqualTo(p.gThres());
            // every completed episode decreased f by ≥ f_thres
            for (PgdEvent e : res.events(Type.ESCAPE)) assertThat(e.aux()).as(ctx).isLessThanOrEqualTo(-p.fThres());
            assertThat(res.perturbations()).as(ctx).isEqualTo(res.escapes() + 1);
            if (p.gThres() < 0.1) {
                assertThat(res.escapes()).as(ctx).isGreaterThanOrEqualTo(1);
                assertThat(f.lambdaMin(res.output())).as(ctx).isGreaterThan(0);
                assertThat(res.fOutput()).as(ctx).isCloseTo(-4 * a, within(1e-3));
            }
        })));
    }

    /** Paper parameters, tiny run (d = 2 cosine family from a saddle): output is an ε-SOSP within the cap. */
    @Test
    void paperParametersTinyRun() {
        double a = 1;
        TestObjectives.Cosine f = new TestObjectives.Cosine(a, new double[] {1, -2});
        double[] x0 = f.fromY(new double[] {Math.PI, 0});
        double eps = 0.1;
        PgdParameters p = PgdParameters.fromPaper(2, a, a, eps, 1, 0.1, 2 * a);
        assertThat(p.tTh()).isEqualTo(79);
        PgdResult res = new PerturbedGradientDescent(f, p).run(x0, Seeds.rng(Seeds.derive(Seeds.DEFAULT_MASTER_SEED, "pgd-paper", 0)));
        assertThat(res.terminated()).as(res.toString()).isTrue();
        assertThat((double) res.iterations()).isLessThanOrEqualTo(PgdBounds.iterationCap(p));
        assertThat(res.gradNormOutput()).isLessThanOrEqualTo(p.gThres());
        assertThat(f.lambdaMin(res.output())).isGreaterThanOrEqualTo(-Math.sqrt(p.rho() * eps));
        assertThat(res.numericallyUnreliable()).isFalse();
        assertThat(res.events().get(0).type()).isEqualTo(Type.PERTURB);
        assertThat(res.events().get(0).t()).isZero();
    }

    @Test
    void sameSeedSameResult() {
        Objective f = TestObjectives.quarticSaddle(0.5, 1, 2, 3);
        PgdParameters p = PgdParameters.explicit(0.2, 0.01, 1e-3, 1e-4, 30);
        PerturbedGradientDescent pgd = new PerturbedGradientDescent(f, p);
        double[] x0 = new double[4];
        PgdResult r1 = pgd.run(x0, Seeds.rng(42));
        PgdResult r2 = pgd.run(x0, Seeds.rng(42));
        PgdResult r3 = pgd.run(x0, Seeds.rng(43));
        assertThat(r1.output()).containsExactly(r2.output());
        assertThat(r1.events()).isEqualTo(r2.events());
        assertThat(r1.iterations()).isEqualTo(r2.iterations());
        assertThat(r1.fOutput()).isEqualTo(r2.fOutput());
        assertThat(r1.events()).isNotEqualTo(r3.events());
        assertThat(x0).containsOnly(0.0); // x0 untouched
    }

    /** CLAIMS.md §8.8: tiny f_thres against |f| ~ 1e3 is flagged unless the objective has an accurate difference. */
    @Test
    void numericallyUnreliableRunsAreFlagged() {
        PgdParameters p = PgdParameters.explicit(0.5, 1e-3, 1e-3, 1e-14, 5);
        PgdResult plain = new PerturbedGradientDescent(new TestObjectives.DiagQuadratic(1e3, new double[] {1, 2}), p)
                .run(new double[2], Seeds.rng(6));
        assertThat(plain.numericallyUnreliable()).isTrue();
        assertThat(plain.worstFThresOverAbsF()).isCloseTo(1e-17, within(1e-20));
        assertThat(plain.toString()).contains("NUMERICALLY UNRELIABLE");
        PgdResult exact = new PerturbedGradientDescent(new TestObjectives.ExactDiffQuadratic(1e3, 1, 2), p)
                .run(new double[2], Seeds.rng(6));
        assertThat(exact.numericallyUnreliable()).isFalse();
        assertThat(exact.accurateDifference()).isTrue();
        assertThat(exact.terminated()).isTrue();
        // the exact difference is strictly positive at a minimum; the plain one may round to 0
        assertThat(exact.events(Type.TERMINATE).get(0).aux()).isPositive();
        PgdResult fine = new PerturbedGradientDescent(TestObjectives.diagQuadratic(1, 2),
                PgdParameters.explicit(0.5, 1e-3, 1e-3, 1e-6, 5)).run(new double[] {0.1, 0.1}, Seeds.rng(6));
        assertThat(fine.numericallyUnreliable()).isFalse();
    }

    @Test
    void trajectoryRecordsWithoutGrowth() {
        Objective f = TestObjectives.quarticSaddle(0.5, 1);
        PgdParameters p = PgdParameters.explicit(0.2, 0.01, 1e-3, 1e-4, 30);
        Trajectory traj = new Trajectory(50, 2, true);
        PgdResult res = new PerturbedGradientDescent(f, p).withObserver(traj).run(new double[2], Seeds.rng(7));
        long observed = res.iterations() + 1;
        assertThat(traj.size()).isEqualTo(50);
        assertThat(traj.dropped()).isEqualTo((observed + 1) / 2 - 50);
        assertThat(traj.iteration(3)).isEqualTo(6);
        assertThat(traj.value(0)).isCloseTo(f.value(new double[2]), within(1e-3)); // x_0 = ξ, ‖ξ‖ ≤ 0.01
        for (int i = 1; i < traj.size(); i++) assertThat(traj.gradNorm(i)).isFinite();
        Trajectory gOnly = new Trajectory(10, 1, false);
        new PerturbedGradientDescent(f, p).withObserver(gOnly).withMaxIterations(3).run(new double[] {1, 1}, Seeds.rng(7));
        assertThat(gOnly.size()).isEqualTo(4);
        assertThat(gOnly.value(1)).isNaN();
        assertThat(gOnly.values()).hasSize(4);
        assertThatThrownBy(() -> gOnly.value(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i = 4");
    }

    @Test
    void divergenceIsReported() {
        Objective f = TestObjectives.diagQuadratic(3);
        PgdParameters p = PgdParameters.explicit(1.0, 0.01, 1e-3, 1e-4, 5); // x ← −2x: blows up
        assertThatThrownBy(() -> new PerturbedGradientDescent(f, p).run(new double[] {1}, Seeds.rng(8)))
                .isInstanceOf(DivergenceException.class)
                .hasMessageContaining("non-finite");
    }

    @TestFactory
    Stream<DynamicTest> badInputsRejected() {
        Objective f = TestObjectives.diagQuadratic(1, 2);
        PgdParameters p = PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-4, 5);
        Objective boxed = new TestObjectives.DiagQuadratic(0, new double[] {1}) {
            @Override
            public Domain domain() {
                return Domain.box(-1, 1);
            }
        };
        record Bad(String name, Runnable call, String fragment) {}
        return Stream.of(
                new Bad("null objective", () -> new PerturbedGradientDescent(null, p), "objective is null"),
                new Bad("null params", () -> new PerturbedGradientDescent(f, null), "params is null"),
                new Bad("null sampler", () -> new PerturbedGradientDescent(f, p, null, 10, null), "sampler is null"),
                new Bad("cap 0", () -> new PerturbedGradientDescent(f, p).withMaxIterations(0), "maxIterations = 0"),
                new Bad("constrained", () -> new PerturbedGradientDescent(boxed, p), "unconstrained"),
                new Bad("x0 length", () -> new PerturbedGradientDescent(f, p).run(new double[3], Seeds.rng(1)), "x0 has length 3"),
                new Bad("x0 NaN", () -> new PerturbedGradientDescent(f, p).run(new double[] {0, Double.NaN}, Seeds.rng(1)), "x0[1] = NaN"),
                new Bad("null rng", () -> new PerturbedGradientDescent(f, p).run(new double[2], null), "rng is null"))
                .map(b -> DynamicTest.dynamicTest(b.name, () -> assertThatThrownBy(b.call::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(b.fragment)));
    }
}
