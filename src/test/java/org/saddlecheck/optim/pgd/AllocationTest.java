package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.rng.Seeds;

/** House rule: the main loops allocate nothing per step (allocation does not grow with the iteration count). */
class AllocationTest {

    private static long allocated(Runnable r) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        r.run();
        return bean.getCurrentThreadAllocatedBytes() - before;
    }

    private static boolean supported() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
                && b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled();
    }

    @Test
    void pgdAndGdLoopsDoNotAllocatePerStep() {
        if (!supported()) return; // nothing to measure on this JVM
        Objective f = TestObjectives.linear(1, -1, 0.5);
        double[] x0 = new double[3];
        PgdParameters p = PgdParameters.explicit(0.1, 0.01, 1e-3, 1e-4, 10); // ‖∇f‖ = 1.5 > g_thres: no events
        Trajectory traj = new Trajectory(16, 1000, true);
        PerturbedGradientDescent shortRun = new PerturbedGradientDescent(f, p).withMaxIterations(1_000).withObserver(traj);
        PerturbedGradientDescent longRun = new PerturbedGradientDescent(f, p).withMaxIterations(200_000).withObserver(traj);
        GradientDescent gd = new GradientDescent(f, 0.1);
        for (int warm = 0; warm < 3; warm++) {
            shortRun.run(x0, Seeds.rng(1));
            longRun.run(x0, Seeds.rng(1));
            gd.run(x0, 0, 200_000, traj);
        }
        long small = allocated(() -> shortRun.run(x0, Seeds.rng(1)));
        long large = allocated(() -> longRun.run(x0, Seeds.rng(1)));
        assertThat(large - small).as("PGD bytes for 199000 extra steps").isLessThan(4096);
        long gdSmall = allocated(() -> gd.run(x0, 0, 1_000, traj));
        long gdLarge = allocated(() -> gd.run(x0, 0, 200_000, traj));
        assertThat(gdLarge - gdSmall).as("GD bytes for 199000 extra steps").isLessThan(4096);
    }
}
