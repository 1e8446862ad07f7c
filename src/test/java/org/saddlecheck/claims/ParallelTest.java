package org.saddlecheck.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelTest {

    @Test
    void resultsInIndexOrderAtAnyThreadCount() {
        try (Parallel one = new Parallel(1); Parallel three = new Parallel(3)) {
            assertThat(three.map(100, i -> i * i)).isEqualTo(one.map(100, i -> i * i));
            assertThat(three.mapToDouble(5, i -> i / 2.0)).containsExactly(0, 0.5, 1, 1.5, 2);
        }
    }

    /** A map nested inside a task of the same pool runs inline instead of deadlocking (2 threads, 16 outer tasks). */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void nestedMapOnTheSamePoolDoesNotDeadlock() {
        try (Parallel p = new Parallel(2)) {
            List<Integer> sums = p.map(16, i -> p.map(50, j -> i + j).stream().mapToInt(Integer::intValue).sum());
            for (int i = 0; i < 16; i++) assertThat(sums.get(i)).isEqualTo(50 * i + 1225);
        }
    }

    @Test
    void exceptionsPropagate() {
        try (Parallel p = new Parallel(2)) {
            assertThatThrownBy(() -> p.map(10, i -> {
                if (i == 7) throw new IllegalStateException("trial 7");
                return i;
            })).isInstanceOf(IllegalStateException.class).hasMessage("trial 7");
        }
        assertThatThrownBy(() -> new Parallel(0)).hasMessageContaining("threads = 0");
    }
}
