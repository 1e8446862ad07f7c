package org.saddlecheck.theory.jin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.WrongGaussianSampler;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.rng.Seeds;

/** "Flip a sign / drop a factor — which check goes red?": each important check fails on a deliberately broken input. */
class BrokenInputTest {

    @Test
    void dimfreeFailsWhenThePerturbationDoesNotShrinkWithDimension(@TempDir Path dir) {
        // fixed per-coordinate std: the e1 component no longer scales like r/sqrt(d), the ln-d slope collapses to ~0
        JinDimfree c = new JinDimfree(WrongGaussianSampler.withStd(1e-3 / Math.sqrt(10)), dir, new int[] {10, 100, 1000});
        ClaimResult r = ClaimTestSupport.run(c, Budget.QUICK);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("ln-d slope off the predicted band");
        assertThat(dir.resolve("pgd-dimension-summary.csv")).exists();
    }

    @Test
    void dimfreeHoldsWithTheBall(@TempDir Path dir) {
        JinDimfree c = new JinDimfree(org.saddlecheck.optim.pgd.PerturbationSampler.uniformBall(), dir, new int[] {10, 100, 1000});
        ClaimResult r = ClaimTestSupport.run(c, Budget.QUICK);
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat((Double) r.details().get("slopeRatio")).isBetween(0.85, 1.15);
    }

    @Test
    void descentObserverFlagsAnInsufficientDecrease() {
        JinGd.DescentObserver o = new JinGd.DescentObserver(1.0);
        o.observe(0, null, 1.0, 1.0); // needs f_1 <= 1 - 0.5
        o.observe(1, null, 0.6, 0.5);
        assertThat(o.violations).isEqualTo(1);
        JinGd.DescentObserver ok = new JinGd.DescentObserver(1.0);
        ok.observe(0, null, 1.0, 1.0);
        ok.observe(1, null, 0.5, 0.5);
        assertThat(ok.violations).isZero();
    }

    @Test
    void lipschitzSamplingCatchesAnUnderstatedConstant() {
        CosineFamily f = CosineFamily.axisAligned(3, 2.0);
        JinA1.Fixture wrong = new JinA1.Fixture("cosine with l understated", f, 1.0, 2.0, r -> JinA1.uniformBox(r, 3, Math.PI));
        double[] res = JinA1.sample(wrong, Seeds.rng(1, "a1", 0), 200);
        assertThat(Math.max(res[0], res[1])).isGreaterThan(1.5);
        JinA1.Fixture right = new JinA1.Fixture("cosine", f, 2.0, 2.0, r -> JinA1.uniformBox(r, 3, Math.PI));
        double[] ok = JinA1.sample(right, Seeds.rng(1, "a1", 0), 200);
        assertThat(Math.max(ok[0], Math.max(ok[1], ok[2]))).isLessThanOrEqualTo(1 + 1e-9);
    }

    @Test
    void iterationCapCheckFlagsARunOverTheCap() {
        List<String> problems = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long[] count = new long[1];
        JinT3.Run over = new JinT3.Run(1e-3, 1001, 1000, true, 0, 1);
        JinT3.Run grad = new JinT3.Run(1e-3, 10, 1000, true, 2, 1);
        JinT3.collect(List.of(over, grad), "planted", problems, ratios, count);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("over the cap");
        assertThat(problems.get(1)).contains("g_thres");
    }

    @Test
    void strictSaddleSamplingCatchesATooSmallZeta() {
        CosineFamily f = CosineFamily.haar(3, 1.0, Seeds.rng(2, "ss", 0));
        double[] right = JinSs.cosineSamples(f, JinSs.cosine(1.0), Seeds.rng(2, "ss", 1), 2000);
        assertThat(right[1]).isZero();
        JinSs.StrictSaddle wrong = new JinSs.StrictSaddle(0.5, 0.5, 0.01, 1.0);
        double[] bad = JinSs.cosineSamples(f, wrong, Seeds.rng(2, "ss", 1), 2000);
        assertThat(bad[1]).isPositive();
    }

    @Test
    void bruteForceMatchesKnownValues() {
        CosineFamily f = CosineFamily.haar(4, 1.0, Seeds.rng(3, "bf", 0));
        StationarityBruteForce.Truth t = StationarityBruteForce.bruteForce(f, f.saddle(2));
        assertThat(t.gradNorm()).isLessThan(t.gradErr());
        assertThat(t.lambdaMin()).isCloseTo(-1.0, org.assertj.core.data.Offset.offset(t.lambdaErr()));
    }

    @Test
    void stuckVolumeLemmaAndSlabSetup() {
        List<String> problems = new ArrayList<>();
        JinStuck.volumeLemma(ClaimResult.builder(Verdict.HOLDS), problems);
        assertThat(problems).isEmpty();
        for (int d : JinStuck.MC_DIMS) {
            JinStuck.Slab s = JinStuck.slab(d, Seeds.rng(4, "slab", d));
            assertThat(s.pLo()).isLessThanOrEqualTo(s.pHi()).isCloseTo(JinStuck.TARGET_P, org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
