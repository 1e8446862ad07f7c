package org.saddlecheck.precondition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.Stubs;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

class PreconditionersTest {

    /** A random SPD matrix with a prescribed spectrum (CLAIMS.md §8.19): Q diag(λ) Qᵀ, Q from a Gaussian's eigenvectors. */
    static double[] randomSpd(UniformRandomProvider rng, double[] lambda) {
        int d = lambda.length;
        Gaussian g = new Gaussian(rng);
        double[] s = new double[d * d];
        g.fill(s);
        Mat.symmetrize(s, d);
        SymmetricEigen e = new SymmetricEigen(d);
        e.decompose(s);
        double[] out = new double[d * d];
        double[] v = e.vectors();
        for (int k = 0; k < d; k++)
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) out[i * d + j] += lambda[k] * v[k * d + i] * v[k * d + j];
        Mat.symmetrize(out, d);
        return out;
    }

    @Test
    void twoByTwoClosedForms() {
        double[] g = {2.0, 0.5, 0.5, 1.0};
        double eps = 1e-2;
        var in = new FullInverseRoot(2, eps, EpsPlacement.INSIDE);
        in.update(g);
        double[] a = new double[4];
        in.matrix(a);
        double[] exp = Stubs.invSqrt2x2(new double[] {2 + eps, 0.5, 0.5, 1 + eps});
        assertThat(Stubs.relErr(a, exp)).isLessThan(1e-14);
        var out = new FullInverseRoot(2, eps, EpsPlacement.OUTSIDE);
        out.update(g);
        out.matrix(a);
        double[] r = Stubs.sqrt2x2(g);
        exp = Stubs.inv2(new double[] {r[0] + eps, r[1], r[2], r[3] + eps});
        assertThat(Stubs.relErr(a, exp)).isLessThan(1e-14);
        double[] v = {1, -3}, av = new double[2];
        out.apply(v, av);
        assertThat(Stubs.relErr(av, Stubs.mul2(exp, v))).isLessThan(1e-14);
    }

    @TestFactory
    Stream<DynamicTest> inverseRootIdentitiesOnRandomSpd() {
        return IntStream.range(0, 10).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            UniformRandomProvider rng = Seeds.rng(seed);
            int d = 2 + seed % 5;
            double[] lam = new double[d];
            for (int i = 0; i < d; i++) lam[i] = Math.pow(10, -3 + 4 * rng.nextDouble());
            double[] g = randomSpd(rng, lam);
            double eps = 1e-3;
            double[] a = new double[d * d], tmp = new double[d * d], prod = new double[d * d];
            var in = new FullInverseRoot(d, eps, EpsPlacement.INSIDE);
            in.update(g);
            in.matrix(a);
            // A (G + εI) A = I
            double[] ge = g.clone();
            Mat.addDiagonal(ge, eps, d);
            Mat.sandwich(a, ge, tmp, prod, d);
            Mat.addDiagonal(prod, -1, d);
            assertThat(Mat.maxAbs(prod)).as("seed %d", seed).isLessThan(1e-9);
            // OUTSIDE: (A^{-1} − εI)² = G
            var out = new FullInverseRoot(d, eps, EpsPlacement.OUTSIDE);
            out.update(g);
            out.matrix(a);
            SymmetricEigen e = new SymmetricEigen(d);
            e.decompose(a);
            double[] fv = new double[d];
            for (int k = 0; k < d; k++) fv[k] = 1 / e.values()[k] - eps;
            double[] root = new double[d * d];
            e.reconstructValues(fv, root);
            Mat.mul(root, root, prod, d);
            assertThat(Stubs.relErr(prod, g)).as("seed %d", seed).isLessThan(1e-9);
            // diagonal preconditioner from the full estimate uses its diagonal
            var diag = new DiagonalInverseRoot(d, eps, EpsPlacement.INSIDE, Shape.FULL, Singular.THROW);
            diag.update(g);
            diag.matrix(a);
            for (int i = 0; i < d; i++) assertThat(a[i * d + i]).isCloseTo(1 / Math.sqrt(g[i * d + i] + eps), within(1e-12));
        }));
    }

    @Test
    void tinyNegativeEigenvaluesAreClampedButRealOnesRejected() {
        double[] g = {1, 1, 1, 1 - 1e-15}; // eigenvalue ≈ −5e-16: rounding drift
        var p = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        p.update(g);
        assertThat(p.estimateEigenvalues()[0]).isEqualTo(0.0);
        assertThatThrownBy(() -> p.update(new double[] {1, 2, 2, 1})).hasMessageContaining("eigenvalue -1.0")
                .hasMessageContaining("positive semidefinite");
        assertThatThrownBy(() -> p.update(new double[] {1, 0.5, 0.4, 1})).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> p.update(new double[] {1, Double.NaN, Double.NaN, 1})).hasMessageContaining("finite");
        assertThatThrownBy(() -> p.update(new double[] {1, 0, 0})).hasMessageContaining("length 3");
        var q = new DiagonalInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        q.update(new double[] {1, -1e-20});
        assertThatThrownBy(() -> q.update(new double[] {1, -0.5})).hasMessageContaining("estimate[1] = -0.5");
        assertThatThrownBy(() -> q.update(new double[] {1, Double.POSITIVE_INFINITY})).hasMessageContaining("finite");
    }

    @Test
    void epsZeroSingularThrowsOrUsesPseudoInverse() {
        double[] g = {4, 0, 0, 0}; // rank one
        var strict = new FullInverseRoot(2, 0.0, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> strict.update(g)).isInstanceOf(SingularEstimateException.class).hasMessageContaining("eps = 0");
        assertThatThrownBy(() -> strict.apply(new double[2], new double[2])).isInstanceOf(IllegalStateException.class);
        var pinv = new FullInverseRoot(2, 0.0, EpsPlacement.INSIDE, Singular.PSEUDO_INVERSE, FullInverseRoot.DEFAULT_RTOL, "G");
        pinv.update(g);
        double[] a = new double[4];
        pinv.matrix(a);
        assertThat(Stubs.relErr(a, new double[] {0.5, 0, 0, 0})).isLessThan(1e-15);
        var diag = new DiagonalInverseRoot(2, 0.0, EpsPlacement.OUTSIDE);
        assertThatThrownBy(() -> diag.update(new double[] {4, 0})).isInstanceOf(SingularEstimateException.class);
        var dp = new DiagonalInverseRoot(2, 0.0, EpsPlacement.OUTSIDE, Shape.DIAGONAL, Singular.PSEUDO_INVERSE);
        dp.update(new double[] {4, 0});
        double[] out = new double[2];
        dp.apply(new double[] {1, 1}, out);
        assertThat(out).containsExactly(0.5, 0.0);
    }

    @Test
    void rejectsBadConstructorArguments() {
        assertThatThrownBy(() -> new FullInverseRoot(2, -1e-3, EpsPlacement.INSIDE)).hasMessageContaining("eps = -0.001");
        assertThatThrownBy(() -> new FullInverseRoot(2, Double.NaN, EpsPlacement.INSIDE)).hasMessageContaining("eps = NaN");
        assertThatThrownBy(() -> new DiagonalInverseRoot(2, -1, EpsPlacement.INSIDE)).hasMessageContaining("eps = -1.0");
        assertThatThrownBy(() -> new FullInverseRoot(0, 1, EpsPlacement.INSIDE)).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new IdentityPreconditioner(-1)).hasMessageContaining("d = -1");
        var base = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> new PerturbedPreconditioner(base, -0.1, PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(1)))
                .hasMessageContaining("delta = -0.1");
        assertThatThrownBy(() -> new PerturbedPreconditioner(base, 0.1, PerturbedPreconditioner.Mode.BENIGN, null))
                .hasMessageContaining("rng is null");
        assertThatThrownBy(() -> new PerturbedPreconditioner(base, 0.1, PerturbedPreconditioner.Mode.ADVERSARIAL, Seeds.rng(1)))
                .hasMessageContaining("rng");
        var id = new IdentityPreconditioner(2);
        assertThatThrownBy(() -> id.apply(new double[3], new double[2])).hasMessageContaining("v has length 3");
    }

    @TestFactory
    Stream<DynamicTest> benignPerturbationHasOperatorNormExactlyDelta() {
        return IntStream.range(0, 8).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            UniformRandomProvider rng = Seeds.rng(seed);
            int d = 2 + seed % 4;
            double[] lam = new double[d];
            for (int i = 0; i < d; i++) lam[i] = 0.5 + rng.nextDouble();
            double[] g = randomSpd(rng, lam);
            double delta = 0.05;
            var p = new PerturbedPreconditioner(new FullInverseRoot(d, 1e-3, EpsPlacement.INSIDE), delta,
                    PerturbedPreconditioner.Mode.BENIGN, Seeds.rng(100 + seed));
            double[] a = new double[d * d], hat = new double[d * d], diff = new double[d * d], prev = null;
            for (int rep = 0; rep < 3; rep++) {
                p.update(g);
                p.exactMatrix(a);
                p.matrix(hat);
                assertThat(Mat.asymmetry(hat, d)).isZero();
                Mat.sub(hat, a, diff);
                assertThat(Mat.opNormSymmetric(diff)).as("seed %d", seed).isCloseTo(delta, within(1e-12));
                assertThat(p.positiveDefinite()).isTrue();
                if (prev != null) assertThat(hat).isNotEqualTo(prev); // fresh E at every update
                prev = hat.clone();
            }
        }));
    }

    @Test
    void adversarialPerturbationIsAMinusDeltaUUt() {
        double[] g = {2.0, 0.5, 0.5, 1.0};
        double delta = 0.1;
        var p = new PerturbedPreconditioner(new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE), delta,
                PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        assertThatThrownBy(() -> p.update(g)).isInstanceOf(IllegalStateException.class).hasMessageContaining("setGradient");
        double[] grad = {3.0, 4.0};
        p.setGradient(grad);
        p.update(g);
        double[] a = new double[4], hat = new double[4];
        p.exactMatrix(a);
        p.matrix(hat);
        double[] exp = {a[0] - delta * 0.36, a[1] - delta * 0.48, a[2] - delta * 0.48, a[3] - delta * 0.64};
        assertThat(Stubs.relErr(hat, exp)).isLessThan(1e-15);
        // the descent term shrinks by exactly Δ‖∇f‖²
        assertThat(Mat.quadForm(hat, grad)).isCloseTo(Mat.quadForm(a, grad) - delta * 25, within(1e-12));
        assertThatThrownBy(() -> p.update(g)).isInstanceOf(IllegalStateException.class); // gradient consumed
        assertThatThrownBy(() -> p.setGradient(new double[] {Double.NaN, 0})).hasMessageContaining("gradient[0] = NaN");
    }

    @Test
    void adversarialPerturbationFlagsLossOfDefiniteness() {
        double[] g = {3.0, 0.0, 0.0, 0.0}; // A = diag(1/2, 1/sqrt(eps)) with eps = 1: diag(0.5, 1)
        var base = new FullInverseRoot(2, 1.0, EpsPlacement.INSIDE);
        var ok = new PerturbedPreconditioner(base, 0.4, PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        ok.setGradient(new double[] {1, 0});
        ok.update(g);
        assertThat(ok.positiveDefinite()).isTrue();
        assertThat(ok.minEigenvalue()).isCloseTo(0.1, within(1e-14));
        var bad = new PerturbedPreconditioner(base, 0.6, PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        bad.setGradient(new double[] {1, 0});
        bad.update(g);
        assertThat(bad.positiveDefinite()).isFalse();
        assertThat(bad.pdLosses()).isEqualTo(1);
        assertThat(bad.minEigenvalue()).isCloseTo(-0.1, within(1e-14));
        // zero gradient: u is the eigenvector of λ_min(A)
        var zero = new PerturbedPreconditioner(base, 0.6, PerturbedPreconditioner.Mode.ADVERSARIAL, null);
        zero.setGradient(new double[] {0, 0});
        zero.update(g);
        assertThat(zero.minEigenvalue()).isCloseTo(-0.1, within(1e-14));
    }

    @Test
    void diagonalApplyDividesLikeTheLibraries() {
        var p = new DiagonalInverseRoot(3, 1e-8, EpsPlacement.OUTSIDE);
        double[] v = {4.0, 1e-4, 0.0};
        p.update(v);
        double[] g = {1.0, 2.0, 3.0}, out = new double[3];
        p.apply(g, out);
        assertThat(out).containsExactly(1.0 / (2.0 + 1e-8), 2.0 / (0.01 + 1e-8), 3.0 / 1e-8);
        var q = new DiagonalInverseRoot(3, 1e-8, EpsPlacement.INSIDE);
        q.update(v);
        q.apply(g, out);
        assertThat(out).containsExactly(1.0 / Math.sqrt(4.0 + 1e-8), 2.0 / Math.sqrt(1e-4 + 1e-8), 3.0 / Math.sqrt(1e-8));
    }
}
