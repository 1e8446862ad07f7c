package org.saddlecheck.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

class SpdTest {

    /** The eigenvalues of G equal the prescribed spectrum; λ_max and κ are exact; G is exactly symmetric. */
    @TestFactory
    Stream<DynamicTest> spectrumIsExactlyPrescribed() {
        Forall<SpdParams> f = Forall.over("spd-spectrum", SpdSpace.standard(12)).cases(60);
        return PropertyTests.cases(f, (p, rng) -> {
            Spd s = Spd.random(p, rng);
            int d = p.d();
            assertThat(s.lambda()[d - 1]).isEqualTo(p.lambdaMax());
            assertThat(s.lambda()[0]).isEqualTo(p.lambdaMax() / p.kappa());
            assertThat(Mat.asymmetry(s.g(), d)).isZero();
            SymmetricEigen e = new SymmetricEigen(d);
            e.decompose(s.g());
            double err = 0;
            for (int i = 0; i < d; i++) err = Math.max(err, Math.abs(e.values()[i] - s.lambda()[i]));
            return err / (1e-12 * p.lambdaMax());
        });
    }

    @Test
    void kindsHaveTheirShapes() {
        var rng = Seeds.rng(5);
        assertThat(Spectrum.of(SpectrumKind.FLAT, 4, 2, 100, rng)).containsOnly(2.0);
        assertThat(Spectrum.of(SpectrumKind.TWO_LEVEL, 5, 2, 100, rng)).containsExactly(0.02, 0.02, 2, 2, 2);
        assertThat(Spectrum.of(SpectrumKind.CLUSTERED, 4, 1, 1e8, rng)).containsExactly(1e-8, 1, 1, 1);
        double[] id = Spectrum.of(SpectrumKind.IDENTITY_LIKE, 6, 1, 50, rng);
        assertThat(id[5] / id[0]).isCloseTo(SpectrumKind.IDENTITY_LIKE_MAX_KAPPA, within(1e-12));
        double[] ns = Spectrum.of(SpectrumKind.NEAR_SINGULAR, 6, 1, 10, rng);
        assertThat(ns[0]).isEqualTo(1e-8);
        assertThat(ns[1]).isEqualTo(0.01);
        double[] lu = Spectrum.of(SpectrumKind.LOG_UNIFORM, 8, 3, 1000, rng);
        assertThat(lu[0]).isEqualTo(3.0 / 1000);
        assertThat(lu[7]).isEqualTo(3.0);
        for (int i = 1; i < 8; i++) assertThat(lu[i]).isGreaterThanOrEqualTo(lu[i - 1]);
        assertThat(new SpdParams(1, SpectrumKind.LOG_UNIFORM, 1, 100).kappa()).isEqualTo(1.0);
        assertThat(new SpdParams(3, SpectrumKind.FLAT, 1, 100).kappa()).isEqualTo(1.0);
    }

    @Test
    void shrinkCandidatesAreSimplerAndFinite() {
        SpdSpace space = new SpdSpace(2, 10, EnumSet.allOf(SpectrumKind.class), 0.5, 2, 1e4);
        SpdParams p = new SpdParams(9, SpectrumKind.NEAR_SINGULAR, 2, 1e9);
        assertThat(space.shrink(p)).first().isEqualTo(p.withD(2));
        assertThat(space.shrink(p)).doesNotContain(p).contains(p.withKind(SpectrumKind.FLAT), p.withLambdaMax(1));
        // shrinking to a fixed point terminates
        SpdParams q = p;
        for (int i = 0; i < 100 && !space.shrink(q).isEmpty(); i++) q = space.shrink(q).get(0);
        assertThat(space.shrink(q)).isEmpty();
        assertThat(q).isEqualTo(new SpdParams(2, SpectrumKind.FLAT, 1, 1));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new SpdParams(0, SpectrumKind.FLAT, 1, 1)).hasMessageContaining("d = 0");
        assertThatThrownBy(() -> new SpdParams(2, SpectrumKind.FLAT, 0, 1)).hasMessageContaining("lambdaMax = 0");
        assertThatThrownBy(() -> new SpdParams(2, SpectrumKind.FLAT, 1, 0.5)).hasMessageContaining("kappa = 0.5");
        assertThatThrownBy(() -> new SpdParams(2, null, 1, 1)).hasMessageContaining("kind is null");
        assertThatThrownBy(() -> Spd.fromSpectrum(new double[3], new double[] {1, 2})).hasMessageContaining("length 3");
        assertThatThrownBy(() -> new SpdSpace(3, 2, EnumSet.of(SpectrumKind.FLAT), 1, 1, 1)).hasMessageContaining("maxD = 2");
        assertThatThrownBy(() -> new SpdSpace(1, 2, EnumSet.noneOf(SpectrumKind.class), 1, 1, 1)).hasMessageContaining("kinds");
    }
}
