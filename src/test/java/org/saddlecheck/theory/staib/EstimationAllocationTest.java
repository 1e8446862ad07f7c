package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.theory.staib.MovingEstimation.Case;
import org.saddlecheck.theory.staib.MovingEstimation.Model;
import org.saddlecheck.theory.staib.MovingEstimation.Move;
import org.saddlecheck.theory.staib.MovingEstimation.Prepared;
import org.saddlecheck.theory.staib.MovingEstimation.Spec;

/**
 * The simulation's per-step work allocates nothing (house rule): a run allocates a fixed amount for its trial objects,
 * so the bytes of a run of 2N steps minus those of a run of N steps must stay below a small slack (a per-step
 * allocation would cost ≥ 16 B × 4000 = 64 kB). Measured with com.sun.management.ThreadMXBean.
 */
class EstimationAllocationTest {
    static final long SLACK = 4096;

    @TestFactory
    Stream<DynamicTest> stepsDoNotAllocate() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb && tb.isThreadAllocatedMemorySupported(),
                "thread allocation accounting not supported");
        var mx = (com.sun.management.ThreadMXBean) bean;
        mx.setThreadAllocatedMemoryEnabled(true);
        Case[] cases = {
            new Case(3, Model.AFFINE_HAAR, Move.STRAIGHT, 1, 1, 1, 0.5),
            new Case(3, Model.SINE_HAAR, Move.RANDOM_WALK, 1, 1, 1, 0.5),
            new Case(3, Model.ROTATING_HAAR, Move.ADAPTIVE_SIGN, 1, 1, 0.2, 1),
            new Case(3, Model.GRADIENT_OUTER, Move.ADAPTIVE_READ, 1, 1, 0.5, 0.5),
            new Case(3, Model.SINE_OUTER, Move.ZIGZAG, 1, 1, 0.5, 0.5),
            new Case(3, Model.WITNESS_MIN, Move.STILL, 0, 1, 0.05, 0.5)};
        return Stream.of(cases).map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Prepared p = new Prepared(c, 1);
            long id = Thread.currentThread().threadId();
            Spec shortRun = new Spec(1e-2, 0.95, 2000, 2000, null, 0.1, EstimatorFactory.NORMALISED_EMA);
            Spec longRun = new Spec(1e-2, 0.95, 4000, 4000, null, 0.1, EstimatorFactory.NORMALISED_EMA);
            for (int i = 0; i < 3; i++) MovingEstimation.run(p, longRun, Seeds.rng(i)); // warm up
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 3 && best > SLACK; rep++) {
                long b0 = mx.getThreadAllocatedBytes(id);
                MovingEstimation.run(p, shortRun, Seeds.rng(7));
                long b1 = mx.getThreadAllocatedBytes(id);
                MovingEstimation.run(p, longRun, Seeds.rng(7));
                long b2 = mx.getThreadAllocatedBytes(id);
                best = Math.min(best, (b2 - b1) - (b1 - b0));
            }
            assertThat(best).as("%s: extra bytes for 4000 more steps", c).isLessThan(SLACK);
        }));
    }
}
