package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.rng.Seeds;

/**
 * SGD with an inexact identity, Â = I + E with ‖E‖ = Δ (Alg. 1/4 with A = I and a Δ-inexact oracle): the perturbed
 * wrapper needs no estimate, but Â is redrawn before every step.
 */
class PerturbedIdentityTest {

    @Test
    void perturbedIdentityRunsAndIsRedrawnEveryStep() {
        var problem = new LogSum(3).withNoise(new double[] {0.5, 0.2, 0.1});
        int d = problem.dim();
        double delta = 0.1;
        var p = new PerturbedPreconditioner(new IdentityPreconditioner(d), delta, PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(3));
        var opt = Algorithms.alg4(problem, StepSchedule.constant(0.01), 0.01, 1_000_000, null, p);
        double[] x = {1, -1, 0.5};
        var rng = Seeds.rng(4);
        double[] first = new double[d * d], second = new double[d * d];
        opt.step(x, rng);
        p.matrix(first);
        opt.step(x, rng);
        p.matrix(second);
        assertThat(second).isNotEqualTo(first);
        SymmetricEigen eig = new SymmetricEigen(d);
        for (double[] m : new double[][] {first, second}) {
            for (int i = 0; i < d; i++) m[i * d + i] -= 1.0;
            eig.decompose(m);
            assertThat(Math.max(Math.abs(eig.min()), Math.abs(eig.max()))).isCloseTo(delta, org.assertj.core.data.Offset.offset(1e-12));
        }
        for (double v : x) assertThat(v).isFinite();
    }
}
