package org.saddlecheck.precondition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;

/**
 * Hand-computed values of the diagonal and full inverse roots: ε inside vs outside, the zero estimate, the
 * relative tolerances of the input checks (they must not depend on the scale of the estimate), readiness and
 * the descriptions the reports print.
 */
class InverseRootValuesTest {

    private static double[] diag(double... v) {
        int d = v.length;
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) m[i * d + i] = v[i];
        return m;
    }

    // ---------------------------------------------------------------- diagonal

    @Test
    void diagonalAccessorsReportTheConfiguration() {
        var p = new DiagonalInverseRoot(3, 0.25, EpsPlacement.OUTSIDE, Shape.FULL, Singular.PSEUDO_INVERSE);
        assertThat(p.dim()).isEqualTo(3);
        assertThat(p.eps()).isEqualTo(0.25);
        assertThat(p.placement()).isEqualTo(EpsPlacement.OUTSIDE);
        assertThat(p.input()).isEqualTo(Shape.FULL);
        assertThat(p.needsEstimate()).isTrue();
        assertThat(new DiagonalInverseRoot(2, 0.1, EpsPlacement.INSIDE).input()).isEqualTo(Shape.DIAGONAL);
    }

    @Test
    void diagonalMatrixIsTheInverseRootWithEpsInsideOrOutside() {
        double[] v = {9.0, 0.0, 16.0};
        var in = new DiagonalInverseRoot(3, 7.0, EpsPlacement.INSIDE);
        var out = new DiagonalInverseRoot(3, 1.0, EpsPlacement.OUTSIDE);
        in.update(v);
        out.update(v);
        double[] m = new double[9];
        Arrays.fill(m, 123.0); // matrix() must overwrite every entry, off-diagonal ones included
        in.matrix(m);
        // (v + 7)^{-1/2}: 1/4, 1/sqrt(7), 1/sqrt(23)
        assertThat(m).containsExactly(0.25, 0, 0, 0, 1 / Math.sqrt(7.0), 0, 0, 0, 1 / Math.sqrt(23.0));
        Arrays.fill(m, Double.NaN);
        out.matrix(m);
        // (sqrt(v) + 1)^{-1}: 1/4, 1, 1/5
        assertThat(m).containsExactly(0.25, 0, 0, 0, 1.0, 0, 0, 0, 0.2);
    }

    @Test
    void zeroDiagonalEstimateWithEpsGivesEpsToTheMinusHalf() {
        var p = new DiagonalInverseRoot(2, 0.25, EpsPlacement.INSIDE);
        p.update(new double[] {0.0, 0.0}); // e.g. before any gradient was seen: a valid PSD estimate
        double[] out = new double[2];
        p.apply(new double[] {1.0, -3.0}, out);
        assertThat(out).containsExactly(2.0, -6.0);
        var full = new DiagonalInverseRoot(2, 0.25, EpsPlacement.INSIDE, Shape.FULL, Singular.THROW);
        full.update(new double[4]);
        full.apply(new double[] {1.0, -3.0}, out);
        assertThat(out).containsExactly(2.0, -6.0);
    }

    @Test
    void diagonalNegativityToleranceIsRelativeToTheLargestEntry() {
        var p = new DiagonalInverseRoot(2, 1e-2, EpsPlacement.INSIDE);
        // -5e-9 is rounding noise next to 100 (tolerance 1e-10 * 100 = 1e-8): clamped to 0
        p.update(new double[] {100.0, -5e-9});
        double[] m = new double[4];
        p.matrix(m);
        assertThat(m[3]).isEqualTo(10.0); // (0 + 0.01)^{-1/2}
        assertThatThrownBy(() -> p.update(new double[] {100.0, -2e-8}))
                .hasMessageContaining("estimate[1] = -2.0E-8").hasMessageContaining(">= 0");
        // the same for the diagonal of a full estimate
        var f = new DiagonalInverseRoot(2, 1e-2, EpsPlacement.INSIDE, Shape.FULL, Singular.THROW);
        f.update(new double[] {100.0, 0.0, 0.0, -5e-9});
        f.matrix(m);
        assertThat(m[3]).isEqualTo(10.0);
        assertThatThrownBy(() -> f.update(new double[] {100.0, 0.0, 0.0, -2e-8}))
                .hasMessageContaining("estimate[1,1] = -2.0E-8");
    }

    @Test
    void diagonalIsUnusableBeforeTheFirstUpdate() {
        var p = new DiagonalInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> p.apply(new double[2], new double[2]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("call update() first");
        assertThatThrownBy(() -> p.matrix(new double[4]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no valid estimate yet");
    }

    @Test
    void diagonalDescriptions() {
        assertThat(new DiagonalInverseRoot(2, 1e-8, EpsPlacement.INSIDE).describe())
                .isEqualTo("(diag(v) + eps I)^-1/2(eps=1.0E-8, inside)");
        assertThat(new DiagonalInverseRoot(2, 1e-8, EpsPlacement.OUTSIDE, Shape.FULL, Singular.THROW).describe())
                .isEqualTo("(diag(v)^1/2 + eps I)^-1(eps=1.0E-8, outside, from full)");
        assertThat(new DiagonalInverseRoot(2, 0.0, EpsPlacement.OUTSIDE, Shape.DIAGONAL, Singular.PSEUDO_INVERSE).describe())
                .isEqualTo("(diag(v)^1/2 + eps I)^-1(eps=0.0, outside, singular=pseudo_inverse)");
    }

    // ---------------------------------------------------------------- full

    @Test
    void fullAccessorsAndSigmaFactory() {
        var p = new FullInverseRoot(3, 0.5, EpsPlacement.OUTSIDE);
        assertThat(p.dim()).isEqualTo(3);
        assertThat(p.eps()).isEqualTo(0.5);
        assertThat(p.placement()).isEqualTo(EpsPlacement.OUTSIDE);
        assertThat(p.input()).isEqualTo(Shape.FULL);
        assertThat(p.needsEstimate()).isTrue();
        var s = FullInverseRoot.sigmaInvSqrt(2, 0.01);
        assertThat(s.placement()).isEqualTo(EpsPlacement.INSIDE);
        assertThat(s.eps()).isEqualTo(0.01);
        s.update(diag(0.24, 0.0)); // (Σ + 0.01 I)^{-1/2} = diag(2, 10)
        double[] m = new double[4];
        s.matrix(m);
        assertThat(m[0]).isCloseTo(2.0, within(1e-14));
        assertThat(m[3]).isCloseTo(10.0, within(1e-13));
        assertThat(Math.abs(m[1])).isLessThan(1e-15);
    }

    @Test
    void fullDescriptions() {
        assertThat(new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE).describe())
                .isEqualTo("(G + eps I)^-1/2(eps=0.001, inside)");
        assertThat(new FullInverseRoot(2, 1e-3, EpsPlacement.OUTSIDE).describe())
                .isEqualTo("(G^1/2 + eps I)^-1(eps=0.001, outside)");
        assertThat(FullInverseRoot.sigmaInvSqrt(2, 0.0).describe())
                .isEqualTo("(Sigma + eps I)^-1/2(eps=0.0, inside, singular=throw)");
    }

    @Test
    void zeroFullEstimateWithEpsGivesEpsToTheMinusHalfTimesIdentity() {
        var p = new FullInverseRoot(2, 0.04, EpsPlacement.INSIDE);
        p.update(new double[4]);
        double[] m = new double[4];
        p.matrix(m);
        assertThat(m[0]).isCloseTo(5.0, within(1e-14));
        assertThat(m[3]).isCloseTo(5.0, within(1e-14));
        assertThat(Math.abs(m[1]) + Math.abs(m[2])).isLessThan(1e-14);
        assertThat(p.estimateEigenvalues()).containsExactly(0.0, 0.0);
        var q = new FullInverseRoot(2, 0.25, EpsPlacement.OUTSIDE); // (0 + 0.25)^{-1} = 4
        q.update(new double[4]);
        q.matrix(m);
        assertThat(m[0]).isCloseTo(4.0, within(1e-14));
    }

    @Test
    void zeroFullEstimateWithoutEpsIsSingular() {
        var strict = new FullInverseRoot(2, 0.0, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> strict.update(new double[4])).isInstanceOf(SingularEstimateException.class)
                .hasMessageContaining("eps = 0");
        var pinv = new FullInverseRoot(2, 0.0, EpsPlacement.INSIDE, Singular.PSEUDO_INVERSE, FullInverseRoot.DEFAULT_RTOL, "G");
        pinv.update(new double[4]);
        double[] m = {7, 7, 7, 7};
        pinv.matrix(m);
        assertThat(m).containsOnly(0.0); // pseudo-inverse of 0 is 0, not infinity
    }

    @Test
    void eigenvaluesBelowRtolTimesTheLargestCountAsZero() {
        // λ = 1e6 and 1e-7: 1e-7 <= 1e-12 * 1e6 = 1e-6, so with ε = 0 the small direction is singular
        double[] g = diag(1e6, 1e-7);
        var pinv = new FullInverseRoot(2, 0.0, EpsPlacement.INSIDE, Singular.PSEUDO_INVERSE, FullInverseRoot.DEFAULT_RTOL, "G");
        pinv.update(g);
        double[] m = new double[4];
        pinv.matrix(m);
        assertThat(m[0]).isCloseTo(1e-3, within(1e-15));
        assertThat(m[3]).isCloseTo(0.0, within(1e-15));
        var strict = new FullInverseRoot(2, 0.0, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> strict.update(g)).isInstanceOf(SingularEstimateException.class);
        // a gap well inside the threshold is invertible: λ = 1e-5 > 1e-6
        strict.update(diag(1e6, 1e-5));
        strict.matrix(m);
        assertThat(m[3]).isCloseTo(1 / Math.sqrt(1e-5), within(1e-3));
    }

    @Test
    void fullIsUnusableBeforeTheFirstUpdate() {
        var p = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> p.matrix(new double[4])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call update() first");
        assertThatThrownBy(p::estimateEigenvalues).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------- input checks

    @Test
    void symmetryToleranceIsRelativeToTheLargestEntry() {
        var p = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        // scale 1e6, asymmetry 1e-6 (relative 1e-12): rounding drift, accepted
        p.update(new double[] {1e6, 1.0, 1.0 + 1e-6, 2e6});
        assertThat(p.estimateEigenvalues()[1]).isCloseTo(2e6, within(1e-3));
        // scale 1e-6, asymmetry 1e-9 (relative 1e-3): a genuinely non-symmetric input, rejected
        assertThatThrownBy(() -> p.update(new double[] {1e-6, 0.0, 1e-9, 1e-6}))
                .hasMessageContaining("estimate is not symmetric").hasMessageContaining("estimate[0,1]");
    }

    @Test
    void nonFiniteEntryIsReportedAtItsRowAndColumn() {
        var p = new FullInverseRoot(3, 1e-3, EpsPlacement.INSIDE);
        double[] g = diag(1, 1, 1);
        g[5] = Double.NaN; // row 1, column 2 (and its mirror left finite)
        assertThatThrownBy(() -> p.update(g)).hasMessageContaining("estimate[1,2] = NaN")
                .hasMessageContaining("finite number");
        var q = new FullInverseRoot(2, 1e-3, EpsPlacement.INSIDE);
        assertThatThrownBy(() -> q.update(new double[] {1, 0, Double.POSITIVE_INFINITY, 1}))
                .hasMessageContaining("estimate[1,0] = Infinity");
    }

    @Test
    void negativeEigenvalueToleranceScalesWithDimensionAndLargestEntry() {
        // d = 4, max|G_ij| = 100: eigenvalues down to -1e-10 * 4 * 100 = -4e-8 are rounding and get clamped
        var p = new FullInverseRoot(4, 1e-2, EpsPlacement.INSIDE);
        p.update(diag(100, 50, 20, -2e-8));
        assertThat(p.estimateEigenvalues()[0]).isEqualTo(0.0);
        double[] m = new double[16];
        p.matrix(m);
        assertThat(m[15]).isCloseTo(10.0, within(1e-9)); // (0 + 0.01)^{-1/2}
        assertThatThrownBy(() -> p.update(diag(100, 50, 20, -6e-8)))
                .hasMessageContaining("has eigenvalue -").hasMessageContaining("positive semidefinite");
    }
}
