package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.Objective;

/** CLAIMS.md JIN-STUCK (volume lemma, marginal, slab), JIN-T3/JIN-L11 bounds, §8.6 (Gamma ratios). */
class PgdBoundsTest {

    @Test
    void gammaRatioMatchesDirectComputationForSmallD() {
        for (int d = 1; d <= 60; d++) {
            double direct = Gamma.gamma(d / 2.0 + 1) / Gamma.gamma(d / 2.0 + 0.5);
            assertThat(PgdBounds.gammaRatio(d)).as("d=" + d).isCloseTo(direct, within(1e-13 * direct));
        }
        assertThat(PgdBounds.gammaRatio(1)).isCloseTo(Math.sqrt(Math.PI) / 2, within(1e-15));
        assertThat(PgdBounds.gammaRatio(2)).isCloseTo(2 / Math.sqrt(Math.PI), within(1e-15));
    }

    /** Gautschi: √(d/2) < Γ(d/2+1)/Γ(d/2+1/2) < √(d/2+1); expansion √(d/2)(1 + 1/(4d) + 1/(32d²) + …); no overflow. */
    @Test
    void gammaRatioAsymptoticsUpToTenThousand() {
        for (int d = 1; d <= 10_000; d++) {
            double g = PgdBounds.gammaRatio(d);
            assertThat(g).as("d=" + d).isFinite();
            assertThat(g).as("d=" + d).isGreaterThan(Math.sqrt(d / 2.0)).isLessThan(Math.sqrt(d / 2.0 + 1));
            if (d >= 10) {
                double rel = g / Math.sqrt(d / 2.0) - 1 - 1.0 / (4 * d);
                assertThat(Math.abs(rel)).as("d=" + d).isLessThanOrEqualTo(1.0 / (16.0 * d * d) + 1e-10);
            }
            // JIN-STUCK inequality: (w/(a√π))Γ-ratio ≤ (w/a)√(d/π)
            assertThat(PgdBounds.ballSlabRatio(0.3, 2, d)).isLessThanOrEqualTo(PgdBounds.ballSlabRatioBound(0.3, 2, d));
        }
        assertThat(PgdBounds.gammaRatio(Integer.MAX_VALUE / 2)).isFinite();
    }

    /** The slab ratio equals w·Vol(B^{d−1}(a))/Vol(B^d(a)) with Vol(B^k(a)) = π^{k/2}a^k/Γ(k/2+1). */
    @Test
    void slabRatioMatchesVolumeFormula() {
        double a = 1.7;
        double w = 0.01;
        for (int d = 1; d <= 30; d++) {
            double volD = Math.pow(Math.PI, d / 2.0) * Math.pow(a, d) / Gamma.gamma(d / 2.0 + 1);
            double volDm1 = Math.pow(Math.PI, (d - 1) / 2.0) * Math.pow(a, d - 1) / Gamma.gamma((d - 1) / 2.0 + 1);
            double direct = w * volDm1 / volD;
            assertThat(PgdBounds.ballSlabRatio(w, a, d)).as("d=" + d).isCloseTo(direct, within(1e-13 * direct));
        }
    }

    @TestFactory
    Stream<DynamicTest> marginalDensityAndCdf() {
        return IntStream.of(1, 2, 3, 10, 1000).mapToObj(d -> DynamicTest.dynamicTest("d=" + d, () -> {
            double a = 0.7;
            // Simpson integration of p over [−a, a]: total mass 1, second moment a²/(d+2)
            int m = 200_000;
            double h = 2 * a / m;
            double mass = 0;
            double second = 0;
            for (int i = 0; i <= m; i++) {
                double u = -a + i * h;
                double wgt = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
                double p = PgdBounds.ballMarginalDensity(u, a, d);
                mass += wgt * p;
                second += wgt * p * u * u;
            }
            mass *= h / 3;
            second *= h / 3;
            assertThat(mass).isCloseTo(1.0, within(1e-6));
            assertThat(second).isCloseTo(PgdBounds.ballCoordinateVariance(a, d), within(1e-6 * a * a / (d + 2.0)));
            // CDF: symmetric, monotone, derivative = density
            assertThat(PgdBounds.ballMarginalCdf(0, a, d)).isCloseTo(0.5, within(1e-15));
            assertThat(PgdBounds.ballMarginalCdf(a, a, d)).isEqualTo(1.0);
            assertThat(PgdBounds.ballMarginalCdf(-2 * a, a, d)).isEqualTo(0.0);
            double scale = a / Math.sqrt(d + 2.0);
            for (double z : new double[] {-1.5, -0.3, 0.1, 0.8, 2.0}) {
                double u = z * scale;
                if (Math.abs(u) >= 0.9 * a) continue; // the d = 2 density has a 1/√ singularity of its CDF slope at ±a
                double hh = 1e-5 * scale;
                double deriv = (PgdBounds.ballMarginalCdf(u + hh, a, d) - PgdBounds.ballMarginalCdf(u - hh, a, d)) / (2 * hh);
                double p = PgdBounds.ballMarginalDensity(u, a, d);
                assertThat(deriv).as("u=" + u).isCloseTo(p, within(1e-6 * p + 1e-9 / scale));
                assertThat(PgdBounds.ballMarginalCdf(u, a, d) + PgdBounds.ballMarginalCdf(-u, a, d)).isCloseTo(1.0, within(1e-14));
            }
        }));
    }

    @Test
    void marginalClosedFormsInLowDimension() {
        double a = 2;
        for (double s = 0; s <= a; s += 0.125) {
            double z = s / a;
            assertThat(PgdBounds.ballMarginalAbsCdf(s, a, 1)).isCloseTo(z, within(1e-14));
            assertThat(PgdBounds.ballMarginalAbsCdf(s, a, 3)).isCloseTo(1.5 * z - 0.5 * z * z * z, within(1e-14));
            // d = 2: P(|u1| ≤ s) = (2/π)(z√(1−z²) + asin z)
            assertThat(PgdBounds.ballMarginalAbsCdf(s, a, 2))
                    .isCloseTo(2 / Math.PI * (z * Math.sqrt(1 - z * z) + Math.asin(z)), within(1e-13));
        }
        assertThat(PgdBounds.ballMarginalDensity(0.5, a, 1)).isCloseTo(0.25, within(1e-15));
        assertThat(PgdBounds.ballMarginalDensity(3, a, 5)).isZero();
        // thin slab: P(|u1| ≤ w/2) ≈ slab ratio as w → 0
        for (int d : new int[] {2, 10, 1000, 10_000}) {
            double w = 1e-6 * a / Math.sqrt(d);
            assertThat(PgdBounds.ballMarginalAbsCdf(w / 2, a, d))
                    .isCloseTo(PgdBounds.ballSlabRatio(w, a, d), within(1e-6 * PgdBounds.ballSlabRatio(w, a, d)));
        }
    }

    @Test
    void ballMoments() {
        assertThat(PgdBounds.ballMeanSquaredNorm(2, 3)).isCloseTo(3 * 4 / 5.0, within(1e-15));
        assertThat(PgdBounds.ballCoordinateVariance(2, 3)).isCloseTo(4 / 5.0, within(1e-15));
        // Var(r²U^{2/d}) = r⁴(d/(d+4) − d²/(d+2)²)
        int d = 7;
        double r = 0.3;
        double direct = Math.pow(r, 4) * (d / (d + 4.0) - Math.pow(d / (d + 2.0), 2));
        assertThat(PgdBounds.ballSquaredNormVariance(r, d)).isCloseTo(direct, within(1e-15 * Math.pow(r, 4)));
    }

    /** The closed-form decrease matches T explicit GD steps, and |u_1| = s* sits exactly on the stuck boundary. */
    @Test
    void quadraticSaddleDecreaseAndStuckSlab() {
        double gamma = 0.2;
        double[] h = {1.0, 0.5, 1.5};
        double eta = 0.5;
        long steps = 25;
        double fThres = 1e-4;
        Objective f = TestObjectives.diagQuadratic(-gamma, h[0], h[1], h[2]);
        double[] u = {1e-4, 3e-3, -2e-3, 1e-3};
        double[] x = u.clone();
        double[] g = new double[4];
        for (int t = 0; t < steps; t++) {
            f.gradient(x, g);
            Vec.axpy(-eta, g, x);
        }
        double direct = f.value(x) - f.value(new double[4]);
        double closed = PgdBounds.quadraticSaddleDecrease(gamma, h, eta, steps, u);
        assertThat(closed).isCloseTo(direct, within(1e-12 * Math.abs(direct)));

        double[] uPerp = {u[1], u[2], u[3]};
        double s = PgdBounds.stuckSlabHalfWidth(gamma, h, eta, steps, fThres, uPerp);
        double[] onBoundary = {s, u[1], u[2], u[3]};
        assertThat(PgdBounds.quadraticSaddleDecrease(gamma, h, eta, steps, onBoundary)).isCloseTo(-fThres, within(1e-12 * fThres));
        onBoundary[0] = s * (1 - 1e-6);
        assertThat(PgdBounds.quadraticSaddleDecrease(gamma, h, eta, steps, onBoundary)).isGreaterThan(-fThres);
        onBoundary[0] = -s * (1 + 1e-6);
        assertThat(PgdBounds.quadraticSaddleDecrease(gamma, h, eta, steps, onBoundary)).isLessThan(-fThres);
        // huge T: (1+ηγ)^{2T} overflows a direct computation, the log-space half-width is tiny but finite
        double sHuge = PgdBounds.stuckSlabHalfWidth(gamma, h, eta, 3000, fThres, uPerp);
        assertThat(sHuge).isPositive().isLessThan(1e-100);
        // ηh = 1 contracts a coordinate to zero in one step
        assertThat(PgdBounds.stuckSlabHalfWidth(1, new double[] {2}, 0.5, 1, 0, new double[] {5})).isZero();
    }

    @Test
    void iterationCapAndTheoremScales() {
        PgdParameters p = PgdParameters.fromPaper(100, 1, 1, 1e-2, 1, 0.1, 1);
        double cap = PgdBounds.iterationCap(p);
        double expected = (1 / p.fThres() + 1) * (p.tTh() + 1) + 2 / (p.eta() * p.gThres() * p.gThres());
        assertThat(cap).isCloseTo(expected, within(1e-12 * expected));
        assertThat(PgdBounds.iterationCap(p, 1)).isEqualTo(cap);
        // the cap is Θ(χ⁴ℓΔ_f/ε²) [DER]: for c = ℓ = ρ = Δ_f = 1 it is χ⁴/ε²·(1 + O(√ε/χ)) + 2χ⁴/ε², ratio → 3⁺
        double chi4 = Math.pow(p.chi(), 4);
        assertThat(cap / (chi4 / 1e-4)).isBetween(3.0, 3.05);
        double scale = PgdBounds.theorem3Scale(100, 1, 1e-2, 0.1, 1);
        assertThat(scale).isCloseTo(1e4 * Math.pow(Math.log(1e7), 4), within(1e-8 * scale));
        assertThat(PgdBounds.gdIterationBound(2, 3, 0.1)).isEqualTo(1200.0);
        assertThat(PgdBounds.gdIterationBound(2, 3.0001, 0.1)).isEqualTo(1201.0);
    }

    /** CLAIMS.md JIN-L11 [DER]: the union bound (dℓΔ_f/(cε²))χ³e^{−χ} is ≤ δ for the paper's χ. */
    @TestFactory
    Stream<DynamicTest> unionBoundBelowDelta() {
        return Stream.of(PgdParameters.fromPaper(100, 1, 1, 1e-2, 1, 0.1, 1),
                        PgdParameters.fromPaper(10, 1, 1, 0.1, 1, 0.1, 1),
                        PgdParameters.fromPaper(1000, 2, 1, 1e-2, 0.5, 0.05, 10),
                        PgdParameters.fromPaper(1, 1, 1, 1, 1, 0.5, 1e-3),
                        PgdParameters.fromPaper(100_000, 10, 3, 1e-6, 0.01, 1e-9, 1e4))
                .map(p -> DynamicTest.dynamicTest(p.describe(), () -> {
                    assertThat(PgdBounds.theorem3UnionFailureBound(p)).isLessThanOrEqualTo(p.delta());
                    double l11 = PgdBounds.lemma11FailureBound(p);
                    assertThat(l11).isCloseTo(p.d() * p.ell() / Math.sqrt(p.rho() * p.eps()) * Math.exp(-p.chi()),
                            within(1e-12 * l11));
                }));
    }

    @TestFactory
    Stream<DynamicTest> badInputsRejected() {
        PgdParameters explicit = PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, 5);
        double[] h = {1};
        record Bad(String name, Runnable call, String fragment) {}
        return Stream.of(
                new Bad("cap deltaF", () -> PgdBounds.iterationCap(0, 1, 1, 1, 1), "deltaF = 0.0"),
                new Bad("cap tTh", () -> PgdBounds.iterationCap(1, 1, 0, 1, 1), "tTh = 0"),
                new Bad("cap eta", () -> PgdBounds.iterationCap(1, 1, 1, -1, 1), "eta = -1.0"),
                new Bad("cap explicit", () -> PgdBounds.iterationCap(explicit), "paper"),
                new Bad("lemma11 explicit", () -> PgdBounds.lemma11FailureBound(explicit), "paper"),
                new Bad("lemma11 chi", () -> PgdBounds.lemma11FailureBound(1, 1, 1, 1, 0), "chi = 0.0"),
                new Bad("scale delta", () -> PgdBounds.theorem3Scale(1, 1, 1, 2, 1), "delta = 2.0"),
                new Bad("gd bound", () -> PgdBounds.gdIterationBound(1, -1, 1), "f0MinusFStar = -1.0"),
                new Bad("gamma d=0", () -> PgdBounds.gammaRatio(0), "d = 0"),
                new Bad("slab a=0", () -> PgdBounds.ballSlabRatio(1, 0, 2), "a = 0.0"),
                new Bad("slab w<0", () -> PgdBounds.ballSlabRatioBound(-1, 1, 2), "w = -1.0"),
                new Bad("density u NaN", () -> PgdBounds.ballMarginalDensity(Double.NaN, 1, 2), "u = NaN"),
                new Bad("abs cdf s<0", () -> PgdBounds.ballMarginalAbsCdf(-1, 1, 2), "s = -1.0"),
                new Bad("variance r<0", () -> PgdBounds.ballCoordinateVariance(-1, 2), "r = -1.0"),
                new Bad("saddle gamma", () -> PgdBounds.quadraticSaddleDecrease(0, h, 1, 1, new double[2]), "gamma = 0.0"),
                new Bad("saddle h", () -> PgdBounds.quadraticSaddleDecrease(1, new double[] {-1}, 1, 1, new double[2]), "h[0] = -1.0"),
                new Bad("saddle u length", () -> PgdBounds.quadraticSaddleDecrease(1, h, 1, 1, new double[3]), "u has length 3"),
                new Bad("saddle steps", () -> PgdBounds.stuckSlabHalfWidth(1, h, 1, -1, 0, new double[1]), "steps = -1"),
                new Bad("slab fThres", () -> PgdBounds.stuckSlabHalfWidth(1, h, 1, 1, -1, new double[1]), "fThres = -1.0"),
                new Bad("slab uPerp", () -> PgdBounds.stuckSlabHalfWidth(1, h, 1, 1, 0, new double[2]), "uPerp has length 2"))
                .map(b -> DynamicTest.dynamicTest(b.name, () -> assertThatThrownBy(b.call::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(b.fragment)));
    }
}
