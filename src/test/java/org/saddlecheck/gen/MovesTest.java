package org.saddlecheck.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;

class MovesTest {
    private static final double S = 0.03;

    private static List<MovingSequence> all(int d, UniformRandomProvider rng) {
        double[] u = Gradients.gaussian(d, rng);
        return List.of(Moves.straight(u, S), Moves.zigZag(u, S), Moves.randomWalk(d, S, rng), Moves.adaptive(u, S),
                Moves.confined(Moves.straight(u, S), 0.5), Moves.confined(Moves.randomWalk(d, S, rng), 0.2));
    }

    /** Every step has length ≤ s, fed with noisy reads of a sine field (adaptive sequences use them). */
    @TestFactory
    Stream<DynamicTest> stepsAreBounded() {
        UniformRandomProvider rng = Seeds.rng(Seeds.DEFAULT_MASTER_SEED, "moves", 0);
        int d = 5;
        LipschitzField field = LipschitzFields.sine(Spd.random(new SpdParams(d, SpectrumKind.LOG_UNIFORM, 4, 2), rng), 1, rng);
        MatrixOracle oracle = MatrixOracles.haarSign(d, 0.5);
        return all(d, rng).stream().map(m -> DynamicTest.dynamicTest(m.describe(), () -> {
            double[] x = new double[d], prev = new double[d], g = new double[d * d], y = new double[d * d];
            for (int t = 0; t < 500; t++) {
                field.value(x, g);
                oracle.sample(g, rng, y);
                System.arraycopy(x, 0, prev, 0, d);
                m.advance(x, y);
                assertThat(Vec.distance(x, prev)).as("step %d", t).isLessThanOrEqualTo(S * (1 + 1e-12));
            }
        }));
    }

    @Test
    void straightAndRandomWalkMoveAtFullSpeed() {
        UniformRandomProvider rng = Seeds.rng(3);
        double[] u = {3, 4}, x = {0, 0};
        MovingSequence s = Moves.straight(u, 0.5);
        for (int t = 0; t < 10; t++) s.advance(x, null);
        assertThat(x[0]).isCloseTo(3, within(1e-12));
        assertThat(x[1]).isCloseTo(4, within(1e-12));
        MovingSequence w = Moves.randomWalk(3, 0.1, rng);
        double[] z = new double[3], p = new double[3];
        for (int t = 0; t < 20; t++) {
            System.arraycopy(z, 0, p, 0, 3);
            w.advance(z, null);
            assertThat(Vec.distance(z, p)).isCloseTo(0.1, within(1e-15));
        }
    }

    @Test
    void zigZagReturnsAndConfinedStaysInTheBall() {
        double[] x = {1, 1};
        MovingSequence z = Moves.zigZag(new double[] {1, 0}, 0.25);
        z.advance(x, null);
        assertThat(x[0]).isEqualTo(1.25);
        z.advance(x, null);
        assertThat(x).containsExactly(1.0, 1.0);
        MovingSequence c = Moves.confined(Moves.straight(new double[] {0, 1}, 0.1), 1.0);
        double[] y = {0, 0};
        for (int t = 0; t < 100; t++) {
            c.advance(y, null);
            assertThat(Vec.norm(y)).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void adaptiveDirectionDependsOnTheRead() {
        MovingSequence a = Moves.adaptive(new double[] {1, 0}, 1);
        double[] x = {0, 0};
        a.advance(x, new double[] {0, 0, 2, 0}); // Y p = (0, 2)
        assertThat(x[0]).isCloseTo(0, within(1e-15));
        assertThat(x[1]).isCloseTo(1, within(1e-15));
        a.advance(x, null); // no read: along p
        assertThat(x[0]).isCloseTo(1, within(1e-15));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Moves.straight(new double[] {0, 0}, 1)).hasMessageContaining("norm of u");
        assertThatThrownBy(() -> Moves.straight(new double[] {1, 0}, -1)).hasMessageContaining("s = -1.0");
        assertThatThrownBy(() -> Moves.randomWalk(0, 1, Seeds.rng(1))).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> Moves.adaptive(new double[] {Double.NaN}, 1)).hasMessageContaining("probe[0] = NaN");
        assertThatThrownBy(() -> Moves.confined(Moves.straight(new double[] {1}, 1), 0)).hasMessageContaining("radius = 0");
    }
}
