package org.saddlecheck.precondition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Stubs;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/**
 * The inexact preconditioner Â = A + E of Staib et al. Alg. 4 (its exact construction, positive-definiteness
 * bookkeeping and state round trip), the identity preconditioner, and the interface defaults.
 */
class PerturbationAndIdentityTest {

    private static final double[] G = {2.0, 0.5, 0.5, 1.0};

    private static PerturbedPreconditioner benign(long seed, double delta) {
        return new PerturbedPreconditioner(new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE), delta,
                PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(seed));
    }

    /** max |eigenvalue| of a symmetric 2×2 matrix, closed form. */
    private static double opNorm2(double[] s) {
        double mid = 0.5 * (s[0] + s[3]);
        double rad = Math.hypot(0.5 * (s[0] - s[3]), s[1]);
        return Math.max(Math.abs(mid + rad), Math.abs(mid - rad));
    }

    @Test
    void benignPerturbationIsDeltaTimesANormalisedGoeMatrixFromItsOwnStream() {
        double delta = 0.05;
        var p = benign(11, delta);
        // the documented construction, replayed from a second generator with the same seed:
        // S_ii ~ N(0, 1), S_ij = S_ji ~ N(0, 1/2) drawn row by row over the upper triangle, E = Δ S/‖S‖
        Gaussian replay = new Gaussian(Seeds.rng(11));
        var exact = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        exact.update(G);
        double[] a = new double[4], hat = new double[4];
        exact.matrix(a);
        for (int rep = 0; rep < 4; rep++) {
            double s00 = replay.next();
            double s01 = replay.next() * Math.sqrt(0.5);
            double s11 = replay.next();
            double[] s = {s00, s01, s01, s11};
            double c = delta / opNorm2(s);
            double[] expected = {a[0] + c * s00, 0.5 * (a[1] + a[2]) + c * s01, 0.5 * (a[1] + a[2]) + c * s01, a[3] + c * s11};
            p.update(G);
            p.matrix(hat);
            assertThat(Stubs.relErr(hat, expected)).as("update %d", rep).isLessThan(1e-12);
            // apply uses Â, not A
            double[] v = {1.0, -2.0}, out = new double[2];
            p.apply(v, out);
            assertThat(Stubs.relErr(out, Stubs.mul2(hat, v))).isLessThan(1e-15);
        }
        assertThat(p.updates()).isEqualTo(4);
        assertThat(p.pdLosses()).isZero();
    }

    @Test
    void deltaEqualToTheSmallestEigenvalueMakesAHatSingularNotPositiveDefinite() {
        // A = (diag(3, 0) + I)^{-1/2} = diag(1/2, 1); removing Δ = 1/2 along e1 leaves diag(0, 1)
        var p = new PerturbedPreconditioner(new FullInverseRoot(2, 1.0, EpsPlacement.INSIDE), 0.5,
                PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        p.setGradient(new double[] {2.0, 0.0});
        p.update(new double[] {3.0, 0.0, 0.0, 0.0});
        assertThat(p.minEigenvalue()).isCloseTo(0.0, within(1e-15));
        assertThat(p.positiveDefinite()).isFalse();
        assertThat(p.pdLosses()).isEqualTo(1);
        assertThat(p.updates()).isEqualTo(1);
        double[] hat = new double[4];
        p.matrix(hat);
        assertThat(hat[0]).isCloseTo(0.0, within(1e-15));
        assertThat(hat[3]).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void updatesAndLossesAreCountedPerUpdate() {
        var base = new FullInverseRoot(2, 1.0, EpsPlacement.INSIDE);
        var p = new PerturbedPreconditioner(base, 0.6, PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        double[] g = {3.0, 0.0, 0.0, 0.0};
        for (int i = 0; i < 3; i++) {
            p.setGradient(new double[] {1.0, 0.0}); // along λ = 1/2 < Δ: loses definiteness
            p.update(g);
            p.setGradient(new double[] {0.0, 1.0}); // along λ = 1 > Δ: stays PD
            p.update(g);
            assertThat(p.positiveDefinite()).isTrue();
        }
        assertThat(p.updates()).isEqualTo(6);
        assertThat(p.pdLosses()).isEqualTo(3);
    }

    @Test
    void perturbedIsUnusableBeforeTheFirstUpdate() {
        var p = benign(1, 0.1);
        assertThatThrownBy(p::positiveDefinite).isInstanceOf(IllegalStateException.class).hasMessageContaining("update()");
        assertThatThrownBy(p::minEigenvalue).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.matrix(new double[4])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.exactMatrix(new double[4])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.apply(new double[2], new double[2])).isInstanceOf(IllegalStateException.class);
        assertThat(p.updates()).isZero();
    }

    @Test
    void perturbedReportsItsConfigurationAndDelegatesToTheBase() {
        var base = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        var b = new PerturbedPreconditioner(base, 0.25, PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(3));
        assertThat(b.base()).isSameAs(base);
        assertThat(b.delta()).isEqualTo(0.25);
        assertThat(b.mode()).isEqualTo(PerturbedPreconditioner.Mode.BENIGN);
        assertThat(b.dim()).isEqualTo(2);
        assertThat(b.input()).isEqualTo(Shape.FULL);
        assertThat(b.needsEstimate()).isTrue();
        assertThat(b.needsGradient()).isFalse(); // benign E is random, not gradient-dependent
        assertThat(b.describe()).isEqualTo("perturbed-benign(delta=0.25, (G + eps I)^-1/2(eps=0.001, inside))");
        var adv = new PerturbedPreconditioner(new IdentityPreconditioner(3), 0.1, PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        assertThat(adv.needsGradient()).isTrue();
        assertThat(adv.needsEstimate()).isFalse(); // I - Δuuᵀ needs no estimate
        assertThat(adv.input()).isEqualTo(Shape.DIAGONAL);
        assertThat(adv.dim()).isEqualTo(3);
        assertThat(adv.describe()).isEqualTo("perturbed-adversarial(delta=0.1, identity)");
    }

    @Test
    void benignStateRoundTripContinuesTheSamePerturbations() {
        var p = benign(5, 0.05);
        p.update(G);
        p.update(G);
        double[] s = p.saveState();
        assertThat(s[0]).isEqualTo(2.0);
        assertThat(s[1]).isEqualTo(0.0);
        assertThat(s.length).isGreaterThan(2); // generator bytes follow
        double[][] expected = new double[3][4];
        for (int k = 0; k < 3; k++) {
            p.update(G);
            p.matrix(expected[k]);
        }
        var q = benign(999, 0.05); // a different stream, overwritten by the restore
        q.restoreState(s);
        assertThat(q.updates()).isEqualTo(2);
        assertThat(q.pdLosses()).isZero();
        double[] hat = new double[4];
        for (int k = 0; k < 3; k++) {
            q.update(G);
            q.matrix(hat);
            assertThat(hat).as("update %d after restore", k).containsExactly(expected[k]);
        }
        assertThat(q.saveState()).containsExactly(p.saveState());
        assertThatThrownBy(() -> q.restoreState(Arrays.copyOf(s, s.length - 1))).hasMessageContaining("state has length");
        assertThatThrownBy(() -> q.restoreState(null)).hasMessageContaining("state is null");
    }

    @Test
    void adversarialStateIsJustTheCounters() {
        var base = new FullInverseRoot(2, 1.0, EpsPlacement.INSIDE);
        var p = new PerturbedPreconditioner(base, 0.6, PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        p.setGradient(new double[] {1, 0});
        p.update(new double[] {3, 0, 0, 0});
        assertThat(p.saveState()).containsExactly(1.0, 1.0);
        p.restoreState(new double[] {7.0, 4.0});
        assertThat(p.updates()).isEqualTo(7);
        assertThat(p.pdLosses()).isEqualTo(4);
        assertThatThrownBy(() -> p.restoreState(new double[3])).hasMessageContaining("length 3");
    }

    @Test
    void benignStateNeedsARestorableGenerator() {
        UniformRandomProvider plain = () -> 0x9E3779B97F4A7C15L; // not a RestorableUniformRandomProvider
        var p = new PerturbedPreconditioner(new IdentityPreconditioner(2), 0.1, PerturbedPreconditioner.Mode.BENIGN, plain);
        assertThatThrownBy(p::saveState).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot save its state");
    }

    // ---------------------------------------------------------------- identity and defaults

    @Test
    void identityCopiesAndIsTheIdentityMatrix() {
        var id = new IdentityPreconditioner(3);
        assertThat(id.dim()).isEqualTo(3);
        assertThat(id.input()).isEqualTo(Shape.DIAGONAL);
        assertThat(id.needsEstimate()).isFalse();
        assertThat(id.describe()).isEqualTo("identity");
        id.update(new double[] {Double.NaN}); // estimates are ignored entirely
        double[] out = new double[3];
        id.apply(new double[] {1.5, -2.0, 0.25}, out);
        assertThat(out).containsExactly(1.5, -2.0, 0.25);
        double[] m = new double[9];
        Arrays.fill(m, 5.0);
        id.matrix(m);
        assertThat(m).containsExactly(Mat.identity(3));
        assertThatThrownBy(() -> id.matrix(new double[8])).hasMessageContaining("out has length 8");
    }

    @Test
    void statelessPreconditionersHaveAnEmptyStateAndRejectAnyOther() {
        var p = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        assertThat(p.saveState()).isEmpty();
        p.restoreState(new double[0]); // accepted
        assertThatThrownBy(() -> p.restoreState(new double[2])).hasMessageContaining("state has length 2")
                .hasMessageContaining("no internal state");
        assertThatThrownBy(() -> p.restoreState(null)).hasMessageContaining("state has length null");
        assertThat(new IdentityPreconditioner(2).saveState()).isEmpty();
    }

    @Test
    void gradientAwareByDefaultNeedsTheGradient() {
        GradientAware ga = gradient -> {};
        assertThat(ga.needsGradient()).isTrue();
    }
}
