package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.saddlecheck.problem.StochasticOracle;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.DivergenceException;

/** A finite gradient whose square overflows makes the estimate infinite: the run stops as diverged. */
class OverflowDivergenceTest {
    @Test
    void squaredGradientOverflowIsADivergence() {
        StochasticOracle huge = new StochasticOracle() {
            @Override
            public int dim() {
                return 1;
            }

            @Override
            public void sample(double[] x, org.apache.commons.rng.UniformRandomProvider rng, double[] out) {
                out[0] = 1e200;
            }
        };
        Optimizer o = Algorithms.rmspropDiagonal(huge, StepSchedule.constant(0.1), 0.9, 1e-8,
                org.saddlecheck.linalg.EpsPlacement.INSIDE, false);
        assertThatThrownBy(() -> o.step(new double[] {0}, Seeds.rng(1)))
                .isInstanceOf(DivergenceException.class).hasMessageContaining("second-moment estimate");
    }
}
