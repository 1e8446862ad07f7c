package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.rng.Seeds;

class PreconditionerConstantsTest {

    @Test
    void tightestForDiagonalMatricesIsByHand() {
        double[] a = Mat.diag(new double[] {2, 0.5, 1});
        double[] g = Mat.diag(new double[] {1, 4, 9});
        PreconditionerConstants c = PreconditionerConstants.tightest(a, g, 3);
        assertThat(c.lambda1()).isCloseTo(2, within(1e-14));
        assertThat(c.lambda2()).isCloseTo(2, within(1e-14));
        assertThat(c.gamma()).isCloseTo(4 + 1 + 9, within(1e-13)); // tr(AGA) = 4*1 + 0.25*4 + 1*9
        assertThat(c.nu()).isCloseTo(1, within(1e-14)); // min(4, 1, 9)
        assertThat(c.lambdaMinus()).isCloseTo(0.5, within(1e-14));
    }

    @TestFactory
    Stream<DynamicTest> p44ExactFormsMatchTheNumericalTightestConstants() {
        return IntStream.range(0, 20).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var rng = Seeds.rng(seed);
            int d = 1 + rng.nextInt(8);
            double eps = seed % 4 == 0 ? 0 : Math.pow(10, -4 + 5 * rng.nextDouble());
            Spd s = ExactLinalg.spd(d, 1, d == 1 ? 1 : 100, SpectrumKind.LOG_UNIFORM, rng);
            PreconditionerConstants t = PreconditionerConstants.tightest(PreconditionerMap.FULL_INSIDE.matrix(s.g(), d, eps), s.g(), d);
            PreconditionerConstants e = PreconditionerConstants.p44Exact(s.lambda(), eps);
            double[] ta = t.toArray(), ea = e.toArray();
            for (int k = 0; k < 5; k++) assertThat(ta[k] / ea[k]).as("seed %d constant %s", seed, PreconditionerConstants.NAMES[k]).isCloseTo(1, within(1e-11));
            // printed Prop. 4.4 is valid: ratios <= 1, all but Gamma equal to 1
            double[] r = PreconditionerConstants.p44(s.lambda()[0], s.lambda()[d - 1], d, eps).validityRatios(t);
            for (int k = 0; k < 5; k++) assertThat(r[k]).as("seed %d ratio %d", seed, k).isLessThanOrEqualTo(1 + 1e-11);
            assertThat(r[0]).isCloseTo(1, within(1e-11));
            assertThat(r[3]).isCloseTo(1, within(1e-11));
        }));
    }

    @Test
    void validityRatiosAreOrientedSoThatAboveOneIsAViolation() {
        PreconditionerConstants tight = new PreconditionerConstants(2, 2, 3, 0.5, 0.25);
        assertThat(new PreconditionerConstants(4, 4, 6, 0.25, 0.125).validityRatios(tight)).containsExactly(0.5, 0.5, 0.5, 0.5, 0.5);
        assertThat(new PreconditionerConstants(1, 1, 1.5, 1, 0.5).validityRatios(tight)).containsExactly(2, 2, 2, 2, 2);
        assertThat(new PreconditionerConstants(1, 1, 1, 0, 0).validityRatios(new PreconditionerConstants(1, 1, 1, 0, 0))[3]).isZero();
        assertThat(new PreconditionerConstants(1, 1, 1, 1e-9, 0).validityRatios(new PreconditionerConstants(1, 1, 1, 0, 0))[3]).isInfinite();
    }

    @Test
    void secondOrderFactorOfP44EqualsEq11() {
        for (double eps : new double[] {0, 1e-3, 1, 100}) {
            PreconditionerConstants p = PreconditionerConstants.p44(1e-3, 2, 5, eps);
            assertThat(p.secondOrderFactor() / S51ChoosingEps.rhs11(5, 1e-3, 2, eps)).isCloseTo(1, within(1e-13));
            assertThat(p.firstOrderFactor()).isCloseTo(10, within(1e-12));
        }
    }

    @Test
    void lambda1IsAttainedAtTheTopEigenvectorAndNeverExceededByRandomDirections() {
        var rng = Seeds.rng(4);
        Spd a = ExactLinalg.spd(6, 3, 50, SpectrumKind.LOG_UNIFORM, rng);
        double[] s = PreconditionerConstants.lambda1Search(a.g(), 6, rng, 500);
        assertThat(s[0]).isLessThanOrEqualTo(3 * (1 + 1e-12));
        assertThat(s[1]).isCloseTo(3, within(1e-12));
    }

    @Test
    void rejectsBadInput() {
        double[] g = Mat.identity(2);
        assertThatThrownBy(() -> PreconditionerConstants.tightest(new double[] {1, 2, 0, 1}, g, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symmetric");
        assertThatThrownBy(() -> PreconditionerConstants.tightest(new double[] {1, 0, 0, -1}, g, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive definite");
        assertThatThrownBy(() -> PreconditionerConstants.tightest(new double[] {1, 0, 0}, g, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
        assertThatThrownBy(() -> PreconditionerConstants.tightest(Mat.identity(2), new double[] {1, 0, 0, Double.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PreconditionerConstants.tightest(Mat.identity(2), g, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PreconditionerConstants.p44(1, 2, 3, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> PreconditionerConstants.p44(0, 2, 3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambdaMin");
        assertThatThrownBy(() -> PreconditionerConstants.p44(3, 2, 3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambdaMax");
        assertThatThrownBy(() -> PreconditionerConstants.p44(1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d");
        assertThatThrownBy(() -> PreconditionerConstants.lambda1Search(g, 2, Seeds.rng(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PreconditionerMap.DIAGONAL_INSIDE.matrix(new double[] {0, 0, 0, 1}, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diag(G)[0]");
    }
}
