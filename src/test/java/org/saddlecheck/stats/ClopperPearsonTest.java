package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClopperPearsonTest {

    @Test
    void matchesKnownIntervals() {
        // R: binom.test(5, 10)$conf.int, binom.test(1, 10), binom.test(0, 10)
        ClopperPearson.Interval a = ClopperPearson.interval(5, 10, 0.95);
        assertThat(a.lo()).isCloseTo(0.1870860284, within(1e-9));
        assertThat(a.hi()).isCloseTo(0.8129139716, within(1e-9));
        ClopperPearson.Interval b = ClopperPearson.interval(1, 10, 0.95);
        assertThat(b.lo()).isCloseTo(0.002528579, within(1e-8));
        assertThat(b.hi()).isCloseTo(0.445016117, within(1e-8));
        ClopperPearson.Interval c = ClopperPearson.interval(0, 10, 0.95);
        assertThat(c.lo()).isEqualTo(0.0);
        assertThat(c.hi()).isCloseTo(0.3084971, within(1e-7));
        assertThat(ClopperPearson.interval(10, 10, 0.95).hi()).isEqualTo(1.0);
        assertThat(c.contains(0.2)).isTrue();
        assertThat(c.contains(0.4)).isFalse();
    }

    @Test
    void oneSidedBoundsAreTheTailQuantiles() {
        // k = 0: upper bound solves (1 - p)^n = alpha
        double u = ClopperPearson.upper(0, 50, 0.01);
        assertThat(Math.pow(1 - u, 50)).isCloseTo(0.01, within(1e-12));
        // k = n: lower bound solves p^n = alpha
        double l = ClopperPearson.lower(50, 50, 0.01);
        assertThat(Math.pow(l, 50)).isCloseTo(0.01, within(1e-12));
        assertThat(ClopperPearson.lower(0, 50, 0.01)).isEqualTo(0.0);
        // the one-sided upper bound at alpha is the two-sided hi at 1 - 2 alpha
        assertThat(ClopperPearson.upper(7, 40, 0.025)).isCloseTo(ClopperPearson.interval(7, 40, 0.95).hi(), within(1e-14));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> ClopperPearson.interval(3, 0, 0.95)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> ClopperPearson.interval(4, 3, 0.95)).hasMessageContaining("k = 4");
        assertThatThrownBy(() -> ClopperPearson.interval(1, 3, 1.0)).hasMessageContaining("confidence = 1.0");
        assertThatThrownBy(() -> ClopperPearson.upper(1, 3, 0)).hasMessageContaining("alpha = 0");
    }
}
