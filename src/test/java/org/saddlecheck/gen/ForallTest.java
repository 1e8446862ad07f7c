package org.saddlecheck.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.rng.Seeds;

class ForallTest {
    private static final SpdSpace SPACE = new SpdSpace(1, 20, EnumSet.allOf(SpectrumKind.class), 0.1, 10, 1e6);

    /** A planted failure (any d ≥ 3 fails) shrinks to the smallest failing d and the simplest spectrum. */
    @Test
    void plantedFailureShrinksToTheSmallestD() {
        ForallResult<SpdParams> r = Forall.over("planted", SPACE).seed(1234).cases(50)
                .check((p, rng) -> p.d() >= 3 ? 2.0 : 0.5);
        assertThat(r.passed()).isFalse();
        SpdParams shrunk = r.failure().shrunk().params();
        assertThat(shrunk).isEqualTo(new SpdParams(3, SpectrumKind.FLAT, 1, 1));
        assertThat(r.failure().original().params().d()).isGreaterThanOrEqualTo(3);
        // an explicitly seeded Forall (as inside a claim) is not rerun by -Dsaddlecheck.seed: the hint says so
        assertThat(r.failureMessage()).contains("planted").contains("Forall seed 1234").doesNotContain("-Dsaddlecheck.seed=1234")
                .contains("seed=" + r.failure().shrunk().seed()).contains("d=3 FLAT");
        assertThatThrownBy(r::assertPassed).isInstanceOf(AssertionError.class).hasMessageContaining("shrunk");
    }

    @Test
    void aForallOnTheMasterSeedIsRerunByTheSystemProperty() {
        ForallResult<SpdParams> r = Forall.over("planted-default", SPACE).cases(20).check((p, rng) -> p.d() >= 2 ? 2.0 : 0.5);
        assertThat(r.passed()).isFalse();
        assertThat(r.failureMessage()).contains("rerun with -Dsaddlecheck.seed=" + Forall.systemSeed());
    }

    /** A failure that depends on the instance randomness too: shrinking tries other seeds. */
    @Test
    void shrinkingKeepsFailingUnderRandomness() {
        Forall<SpdParams> f = Forall.over("random-planted", SPACE).seed(99).cases(40).shrinkSeeds(8);
        ForallResult<SpdParams> r = f.check((p, rng) -> p.d() >= 4 && rng.nextDouble() < 0.5 ? 2.0 : 0.0);
        assertThat(r.passed()).isFalse();
        assertThat(r.failure().shrunk().params().d()).isEqualTo(4);
        // the reported case reproduces
        Case<SpdParams> again = f.replay(r.failure().shrunk().params(), r.failure().shrunk().seed(),
                (p, rng) -> p.d() >= 4 && rng.nextDouble() < 0.5 ? 2.0 : 0.0);
        assertThat(again.score()).isEqualTo(2.0);
    }

    /** Hill climbing finds a larger ratio than the random cases; tightness max is the worst case found. */
    @Test
    void targetedSearchIncreasesTheRatio() {
        // ratio peaks at d = 17, kappa = 1e5 (log10 = 5): rarely hit by 30 random draws
        Property<SpdParams> ratio = (p, rng) -> 1 - 0.01 * Math.pow(p.d() - 17, 2) - 0.02 * Math.pow(Math.log10(p.kappa()) - 5, 2);
        Forall<SpdParams> f = Forall.over("climb", new SpdSpace(1, 20, EnumSet.of(SpectrumKind.LOG_UNIFORM), 1, 1, 1e6))
                .seed(7).cases(30).limit(2);
        ForallResult<SpdParams> plain = f.check(ratio);
        ForallResult<SpdParams> climbed = f.target(3, 60).check(ratio);
        assertThat(plain.targetedGain()).isZero();
        assertThat(climbed.targetedGain()).isPositive();
        assertThat(climbed.worst().score()).isGreaterThan(plain.worst().score());
        Tightness t = climbed.tightness();
        assertThat(t.max()).isEqualTo(climbed.worst().score());
        assertThat(t.median()).isEqualTo(plain.tightness().median());
        assertThat(t.worst()).contains("seed " + climbed.worst().seed());
        assertThat(climbed.evaluations()).isEqualTo(30 + 3 * 60);
    }

    /** Same results sequentially and on 2 threads, random phase and climb. */
    @Test
    void resultsDoNotDependOnThreads() {
        Property<SpdParams> prop = (p, rng) -> {
            Spd s = Spd.random(p, rng);
            return s.g()[0] / p.lambdaMax();
        };
        Forall<SpdParams> f = Forall.over("threads", SPACE).seed(5).cases(40).target(2, 10);
        ForallResult<SpdParams> seq = f.check(prop);
        ForallResult<SpdParams> par;
        try (Parallel p = new Parallel(2)) {
            par = f.parallel(p).check(prop);
        }
        assertThat(par.scores()).containsExactly(seq.scores());
        assertThat(par.worst()).isEqualTo(seq.worst());
    }

    @Test
    void exceptionsAndNaNAreFailures() {
        ForallResult<SpdParams> r = Forall.over("throws", SPACE).seed(3).cases(5).shrinkBudget(0)
                .check((p, rng) -> {
                    throw new IllegalStateException("boom");
                });
        assertThat(r.passed()).isFalse();
        assertThat(r.failure().original().error()).contains("IllegalStateException: boom");
        assertThat(Forall.over("nan", SPACE).cases(3).check((p, rng) -> Double.NaN).passed()).isFalse();
        assertThat(Forall.over("pred", SPACE).cases(10).limit(0.5).check(Property.of((p, rng) -> p.d() > 0)).passed()).isTrue();
    }

    @Test
    void systemSeedProperty() {
        String old = System.getProperty("saddlecheck.seed");
        try {
            System.setProperty("saddlecheck.seed", "77");
            assertThat(Forall.systemSeed()).isEqualTo(77);
            assertThat(Forall.over("x", SPACE).masterSeed()).isEqualTo(77);
            System.setProperty("saddlecheck.seed", "abc");
            assertThatThrownBy(Forall::systemSeed).hasMessageContaining("saddlecheck.seed = abc");
            System.clearProperty("saddlecheck.seed");
            assertThat(Forall.systemSeed()).isEqualTo(Seeds.DEFAULT_MASTER_SEED);
        } finally {
            if (old == null) System.clearProperty("saddlecheck.seed");
            else System.setProperty("saddlecheck.seed", old);
        }
    }

    /** The JUnit adapter: one dynamic test per case plus a whole-check test. */
    @TestFactory
    Stream<DynamicTest> adapterRunsCases() {
        Forall<SpdParams> f = Forall.over("adapter", SPACE).cases(8);
        Property<SpdParams> p = (q, rng) -> Spd.random(q, rng).lambda()[0] / q.lambdaMax();
        return Stream.concat(PropertyTests.cases(f, p), Stream.of(PropertyTests.check(f.target(1, 5), p)));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Forall.over(null, SPACE)).hasMessageContaining("name is null");
        assertThatThrownBy(() -> Forall.over("x", null)).hasMessageContaining("space is null");
        assertThatThrownBy(() -> Forall.over("x", SPACE).cases(0)).hasMessageContaining("cases = 0");
        assertThatThrownBy(() -> Forall.over("x", SPACE).limit(Double.NaN)).hasMessageContaining("limit = NaN");
        assertThatThrownBy(() -> Forall.over("x", SPACE).target(-1, 2)).hasMessageContaining("starts = -1");
        assertThatThrownBy(() -> Forall.over("x", SPACE).shrinkBudget(-1)).hasMessageContaining("shrinkBudget = -1");
        assertThatThrownBy(() -> Forall.over("x", SPACE).check(null)).hasMessageContaining("property is null");
    }
}
