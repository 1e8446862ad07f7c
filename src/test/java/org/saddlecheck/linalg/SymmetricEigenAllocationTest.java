package org.saddlecheck.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Seeds;

/**
 * decompose() allocates nothing per call, also for d above the JVM's Integer cache (128), where an index array of
 * boxed Integers would allocate one object per eigenvalue and call.
 */
class SymmetricEigenAllocationTest {

    @Test
    void decomposeDoesNotAllocateAtLargeDimension() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean tb && tb.isThreadAllocatedMemorySupported(),
                "thread allocation accounting not supported");
        var mx = (com.sun.management.ThreadMXBean) bean;
        mx.setThreadAllocatedMemoryEnabled(true);
        int d = 150;
        double[] a = new double[d * d];
        var rng = Seeds.rng(5);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rng.nextDouble() - 0.5;
                a[i * d + j] = v;
                a[j * d + i] = v;
            }
        }
        SymmetricEigen eig = new SymmetricEigen(d);
        for (int i = 0; i < 5; i++) eig.decompose(a);
        long id = Thread.currentThread().threadId();
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10; i++) eig.decompose(a);
            best = Math.min(best, mx.getThreadAllocatedBytes(id) - before);
        }
        // boxing 150 - 128 indices per call over 10 calls would be >= 22 * 16 * 10 = 3520 bytes
        assertThat(best).as("bytes allocated by 10 decompositions at d = %d", d).isLessThan(1024);
        double[] values = eig.values();
        for (int k = 1; k < d; k++) assertThat(values[k]).isGreaterThanOrEqualTo(values[k - 1]);
    }
}
