package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.rng.Seeds;

class StaibT42Test {
    private static final double[] SIGMA4 = {1, 0.5, 0.1, 0.02};

    /** The CLAIMS.md [SIM] problem at one large tau (T = 2678), both preconditioners. */
    private static StaibT42.Config small() {
        return new StaibT42.Config(List.of(FirstOrder.Spec.logSum(SIGMA4, 3.0)), 1e-3, new double[] {0.7},
                List.of(StaibT42.Kind.IDEALIZED_RMSPROP, StaibT42.Kind.SGD));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(ClaimResult r) {
        return (List<Map<String, Object>>) r.details().get("configurations");
    }

    @Test
    void holdsForTheProjectsAlgorithm1WithTightnessBelowOne() {
        ClaimResult r = Contexts.run(new StaibT42(StaibT42.DEFAULT_FACTORY, small()), 11, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.tightness().max()).isLessThan(1).isGreaterThan(0.3);
        assertThat(r.series().get("ratios")).hasSize(2);
        assertThat(r.falseFailureRate()).isGreaterThan(0).isLessThanOrEqualTo(1e-4 * 12 / 150.0 * (1 + 1e-12));
        for (Map<String, Object> row : rows(r)) assertThat(row.get("constantsOk")).isEqualTo(true);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        StaibT42 claim = new StaibT42(StaibT42.DEFAULT_FACTORY, small());
        ClaimResult one = Contexts.run(claim, 5, 1), two = Contexts.run(claim, 5, 2);
        assertThat(two.series().get("ratios")).containsExactly(one.series().get("ratios"));
        assertThat(two.evidence()).isEqualTo(one.evidence());
    }

    @Test
    void aPreconditionerWithoutTheSquareRootIsCaughtByTheMonteCarloTest() {
        StaibT42.Factory broken = (kind, p, eta, eps) -> kind == StaibT42.Kind.SGD ? Algorithms.sgd(p, eta)
                : BrokenOptimizers.idealizedNoSqrt(p, eta, eps);
        ClaimResult r = Contexts.run(new StaibT42(broken, small()), 11, 2);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        Map<String, Object> iam = rows(r).get(0);
        assertThat(iam.get("violated")).as("the MC-EXPECT test itself rejects").isEqualTo(true);
        assertThat((double) iam.get("lowerBound")).isGreaterThan(0.49);
        assertThat(iam.get("constantsOk")).as("lambda_min(A) >= lambda- fails too").isEqualTo(false);
        assertThat(rows(r).get(1).get("violated")).isEqualTo(false);
    }

    /**
     * Documents the bound's looseness: the idealized method with a 4x stepsize still satisfies (5) here (mean/tau^2 about
     * 0.7 at tau = 0.7), so T4.2 cannot catch a stepsize factor of 4; the square-root test above is the break it catches.
     */
    @Test
    void aFourfoldStepsizeIsNotCaughtBecauseTheBoundIsLoose() {
        StaibT42.Factory fourfold = (kind, p, eta, eps) -> kind == StaibT42.Kind.SGD ? Algorithms.sgd(p, eta)
                : Algorithms.idealizedRmsprop(p, StepSchedule.constant(4 * eta), eps);
        ClaimResult r = Contexts.run(new StaibT42(fourfold, small()), 11, 2);
        double ratio = (double) rows(r).get(0).get("ratio");
        assertThat(ratio).isGreaterThan((double) Contexts.run(new StaibT42(StaibT42.DEFAULT_FACTORY, small()), 11, 2)
                .series().get("ratios")[0]).isLessThan(1);
        assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void theStepsizeAndHorizonFollowTheorem42() {
        FirstOrder.Setting s = FirstOrder.Spec.logSum(SIGMA4, 3.0).build((UniformRandomProvider) null);
        StaibT42.Constants c = StaibT42.constants(StaibT42.Kind.IDEALIZED_RMSPROP, s, 1e-3, 0.5);
        double lam = 1 / Math.sqrt(s.supLambdaMaxG() + 1e-3);
        assertThat(c.lambdaMinus()).isEqualTo(lam);
        assertThat(c.gamma()).isEqualTo(4);
        assertThat(c.eta()).isCloseTo(0.25 * lam / (2 * 4), within(1e-15));
        assertThat(c.steps()).isEqualTo((long) Math.ceil(2 * 4 * Math.log(10) * 2 * 4 / (0.0625 * lam * lam)));
        // descent-lemma bound with these constants: (f0 - f*)/(T eta lam) + L eta Gamma/(2 lam) <= tau^2
        double bound = s.deltaF() / (c.steps() * c.eta() * lam) + 2 * c.eta() * 4 / (2 * lam);
        assertThat(bound).isLessThanOrEqualTo(0.25 * (1 + 1e-12)).isGreaterThan(0.2499);
        StaibT42.Constants sgd = StaibT42.constants(StaibT42.Kind.SGD, s, 1e-3, 0.5);
        assertThat(sgd.lambdaMinus()).isEqualTo(1);
        assertThat(sgd.gamma()).isCloseTo(4 + 1 + 0.25 + 0.01 + 0.0004, within(1e-12));
    }

    @Test
    void supLambdaMaxOfLogSumIsAttainedAtOnes() {
        FirstOrder.Setting s = FirstOrder.Spec.logSum(SIGMA4, 3.0).build((UniformRandomProvider) null);
        double[] g = new double[16];
        s.problem().secondMoment(new double[] {1, 1, 1, 1}, g);
        SymmetricEigen e = new SymmetricEigen(4);
        e.decompose(g);
        assertThat(s.supLambdaMaxG()).isCloseTo(e.max(), within(1e-12));
        assertThat(s.supLambdaMaxG()).isLessThanOrEqualTo(4 + 1 + 1e-3);
        assertThat(s.lambdaMinus(1e-3)).isGreaterThan(s.crudeLambdaMinus(1e-3));
    }

    /** The enumerated sup dominates lambda_max(G(x)) at random points, for logsum and the Haar cosine family. */
    @TestFactory
    List<DynamicTest> supLambdaMaxDominatesRandomPoints() {
        List<DynamicTest> tests = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            final long sd = seed;
            tests.add(DynamicTest.dynamicTest("seed " + sd, () -> {
                UniformRandomProvider rng = Seeds.rng(sd);
                int d = 2 + rng.nextInt(4);
                double[] sigma = new double[d];
                for (int i = 0; i < d; i++) sigma[i] = rng.nextDouble();
                FirstOrder.Spec spec = sd % 2 == 0 ? FirstOrder.Spec.logSum(sigma, 1.0) : FirstOrder.Spec.cosineHaar(0.5 + rng.nextDouble(), sigma, 1.0);
                FirstOrder.Setting s = spec.build(rng);
                double[] x = new double[d], g = new double[d * d];
                SymmetricEigen e = new SymmetricEigen(d);
                double best = 0;
                for (int k = 0; k < 4000; k++) {
                    for (int i = 0; i < d; i++) x[i] = 8 * rng.nextDouble() - 4;
                    s.problem().secondMoment(x, g);
                    e.decompose(g);
                    best = Math.max(best, e.max());
                }
                assertThat(best).as("seed %d", sd).isLessThanOrEqualTo(s.supLambdaMaxG() * (1 + 1e-12));
                assertThat(best).as("seed %d: random points come close to the sup", sd).isGreaterThan(0.8 * s.supLambdaMaxG());
            }));
        }
        return tests;
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new StaibT42(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factory");
        List<FirstOrder.Spec> specs = List.of(FirstOrder.Spec.logSum(SIGMA4, 3.0));
        List<StaibT42.Kind> kinds = List.of(StaibT42.Kind.SGD);
        assertThatThrownBy(() -> new StaibT42.Config(List.of(), 1e-3, new double[] {0.5}, kinds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("specs");
        assertThatThrownBy(() -> new StaibT42.Config(specs, 0, new double[] {0.5}, kinds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> new StaibT42.Config(specs, 1e-3, new double[] {-0.5}, kinds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taus[0]");
        assertThatThrownBy(() -> new StaibT42.Config(specs, 1e-3, new double[0], kinds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taus.length");
        assertThatThrownBy(() -> new StaibT42.Config(specs, 1e-3, new double[] {0.5}, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kinds");
        StaibT42.Config tooMany = new StaibT42.Config(specs, 1e-3, new double[] {1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4}, List.of(StaibT42.Kind.values()));
        assertThatThrownBy(() -> Contexts.run(new StaibT42(StaibT42.DEFAULT_FACTORY, tooMany), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configurations");
        assertThatThrownBy(() -> new FirstOrder.Spec("quartic", 2, 1, new double[] {1, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> FirstOrder.Spec.logSum(new double[] {1, -1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma[1]");
        assertThatThrownBy(() -> FirstOrder.Spec.cosineHaar(0, new double[] {1, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amplitude");
        assertThatThrownBy(() -> FirstOrder.Spec.logSum(new double[] {1, 1}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
    }
}
