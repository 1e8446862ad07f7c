package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinomialTestTest {

    /** P[Bin(n,p) ≥ k] by direct summation with exact binomial coefficients (independent of Commons Statistics). */
    static double tailBySum(int n, int k, double p) {
        double s = 0;
        for (int j = k; j <= n; j++) {
            double c = 1;
            for (int i = 1; i <= j; i++) c = c * (n - j + i) / i;
            s += c * Math.pow(p, j) * Math.pow(1 - p, n - j);
        }
        return s;
    }

    @Test
    void pValuesMatchKnownValues() {
        // P[Bin(10, 1/2) >= 8] = (45 + 10 + 1)/1024
        assertThat(BinomialTest.upperTail(10, 8, 0.5)).isCloseTo(56.0 / 1024, within(1e-15));
        // scipy.stats.binom.sf(2, 20, 0.05) and sf(29, 250, 0.05)
        assertThat(BinomialTest.upperTail(20, 3, 0.05)).isCloseTo(0.07548367378849626, within(1e-13));
        assertThat(BinomialTest.upperTail(250, 30, 0.05)).isCloseTo(9.854643895429203e-06, within(1e-15));
        for (int[] nk : new int[][] {{5, 1}, {30, 4}, {40, 12}, {17, 17}}) {
            assertThat(BinomialTest.upperTail(nk[0], nk[1], 0.13)).as("n=%d k=%d", nk[0], nk[1])
                    .isCloseTo(tailBySum(nk[0], nk[1], 0.13), within(1e-13));
        }
        assertThat(BinomialTest.upperTail(10, 0, 0.3)).isEqualTo(1.0);
        assertThat(BinomialTest.upperTail(10, 11, 0.3)).isEqualTo(0.0);
        assertThat(BinomialTest.lowerTail(10, 7, 0.5)).isCloseTo(1 - 56.0 / 1024, within(1e-15));
    }

    @Test
    void rejectsOnlyBelowAlpha() {
        BinomialTest t = BinomialTest.exceedance(250, 30, 0.05, 1e-5);
        assertThat(t.pValue()).isLessThan(1e-5);
        assertThat(t.rejected()).isTrue();
        BinomialTest u = BinomialTest.exceedance(250, 29, 0.05, 1e-5);
        assertThat(u.rejected()).isFalse();
        assertThat(u.rate()).isCloseTo(29.0 / 250, within(1e-15));
        assertThat(u.describe()).contains("29/250").contains("p = ");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> BinomialTest.exceedance(0, 0, 0.1, 0.01)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> BinomialTest.exceedance(10, 11, 0.1, 0.01)).hasMessageContaining("k = 11");
        assertThatThrownBy(() -> BinomialTest.exceedance(10, -1, 0.1, 0.01)).hasMessageContaining("k = -1");
        assertThatThrownBy(() -> BinomialTest.exceedance(10, 1, 0, 0.01)).hasMessageContaining("delta = 0");
        assertThatThrownBy(() -> BinomialTest.exceedance(10, 1, 0.1, 1.0)).hasMessageContaining("alpha = 1.0");
        assertThatThrownBy(() -> BinomialTest.upperTail(10, 1, 1.5)).hasMessageContaining("p = 1.5");
    }
}
