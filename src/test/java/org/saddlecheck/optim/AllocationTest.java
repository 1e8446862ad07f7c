package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.rng.Seeds;

/**
 * step() allocates nothing (house rule: hot loops allocate nothing): bytes allocated by this thread over
 * 10⁴ steps after a warm-up, measured with com.sun.management.ThreadMXBean, must stay below a small slack
 * (the measurement itself and JIT deoptimisation can allocate a few hundred bytes; a per-step allocation
 * would cost ≥ 16 B × 10⁴ = 160 kB).
 *
 * <p>Full-matrix preconditioners are included: {@link org.saddlecheck.linalg.SymmetricEigen} drives EJML's
 * tridiagonalisation and QR algorithm directly so that no per-step object is created.
 */
class AllocationTest {
    static final long SLACK = 4096;

    @TestFactory
    Stream<DynamicTest> stepDoesNotAllocate() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb && tb.isThreadAllocatedMemorySupported(),
                "thread allocation accounting not supported");
        var mx = (com.sun.management.ThreadMXBean) bean;
        mx.setThreadAllocatedMemoryEnabled(true);
        Map<String, Function<Stubs.CorrelatedQuadratic, Optimizer>> table = OptimizerContractTest.table();
        return table.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Optimizer o = e.getValue().apply(OptimizerContractTest.problem());
            double[] x = OptimizerContractTest.start();
            UniformRandomProvider rng = Seeds.rng(1);
            long id = Thread.currentThread().threadId();
            for (int i = 0; i < 20_000; i++) {
                o.step(x, rng);
                if (i % 100 == 0) x = OptimizerContractTest.start().clone(); // stay near the start (bounded iterates)
            }
            double[] x0 = OptimizerContractTest.start();
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 3 && best > SLACK; rep++) {
                long before = mx.getThreadAllocatedBytes(id);
                for (int i = 0; i < 10_000; i++) {
                    o.step(x, rng);
                    if (i % 100 == 0) System.arraycopy(x0, 0, x, 0, x.length);
                }
                long bytes = mx.getThreadAllocatedBytes(id) - before;
                best = Math.min(best, bytes);
            }
            assertThat(best).as("%s allocated %d bytes in 10^4 steps", o.describe(), best).isLessThan(SLACK);
        }));
    }
}
