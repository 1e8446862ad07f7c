package org.saddlecheck.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Seeds;

class LipschitzFieldsTest {
    private static UniformRandomProvider rng(String name) {
        return Seeds.rng(Seeds.DEFAULT_MASTER_SEED, "lipschitz/" + name, 0);
    }

    private static Spd base(int d, double lambdaMin, UniformRandomProvider rng) {
        return Spd.random(new SpdParams(d, SpectrumKind.LOG_UNIFORM, 2 * lambdaMin, 2), rng);
    }

    @Test
    void affineFieldIsCertifiedAndTight() {
        UniformRandomProvider r = rng("affine");
        LipschitzField f = LipschitzFields.affine(base(4, 2, r), 0.5, 3, r);
        LipschitzFields.Certificate c = LipschitzFields.certify(f, 1500, 10, r);
        assertThat(c.certified()).as(c.describe()).isTrue();
        assertThat(c.maxRatio()).as(c.describe()).isGreaterThan(0.999 * 0.5);
        assertThat(c.minEigenvalue()).isGreaterThan(0);
        assertThat(f.lipschitzExact()).isTrue();
        assertThat(f.domainRadius()).isEqualTo(3.0);
    }

    @Test
    void sineFieldIsCertifiedAndTight() {
        UniformRandomProvider r = rng("sine");
        LipschitzField f = LipschitzFields.sine(base(5, 2, r), 1.5, r);
        LipschitzFields.Certificate c = LipschitzFields.certify(f, 2000, 3, r);
        assertThat(c.certified()).as(c.describe()).isTrue();
        assertThat(c.maxRatio()).as(c.describe()).isGreaterThan(0.98 * 1.5);
        assertThat(c.minEigenvalue()).isGreaterThan(0);
    }

    @Test
    void rotatingFieldIsCertifiedTightAndIsospectral() {
        UniformRandomProvider r = rng("rotating");
        LipschitzField f = LipschitzFields.rotating(3, 1, new double[] {2, 0.5}, 0.7, true, r);
        assertThat(f.lipschitz()).isCloseTo(1.4, within(1e-15));
        LipschitzFields.Certificate c = LipschitzFields.certify(f, 1500, 5, r);
        assertThat(c.certified()).as(c.describe()).isTrue();
        assertThat(c.maxRatio()).as(c.describe()).isGreaterThan(0.98 * 1.4);
        double[] x = Gradients.gaussian(4, r), g = new double[16];
        f.value(x, g);
        SymmetricEigen e = new SymmetricEigen(4);
        e.decompose(g);
        assertThat(e.values()[0]).isCloseTo(0.5, within(1e-12));
        assertThat(e.values()[1]).isCloseTo(1, within(1e-12));
        assertThat(e.values()[2]).isCloseTo(2, within(1e-12));
        assertThat(e.values()[3]).isCloseTo(3, within(1e-12));
    }

    @Test
    void gradientModelBoundIsCertified() {
        UniformRandomProvider r = rng("gradient");
        double[] s = Spd.random(new SpdParams(3, SpectrumKind.LOG_UNIFORM, 1, 4), r).g();
        LipschitzFields.GradientModel f = LipschitzFields.gradientModel(0.8, s, r);
        assertThat(f.lipschitzExact()).isFalse();
        assertThat(f.lipschitz()).isCloseTo(4 * 0.64 * Math.sqrt(3), within(1e-12));
        LipschitzFields.Certificate c = LipschitzFields.certify(f, 1500, 3, r);
        assertThat(c.certified()).as(c.describe()).isTrue();
        assertThat(c.minEigenvalue()).isGreaterThan(0);
        // gradient against central finite differences of f = a Σ log(1 + (Qx)_i²)
        double[] x = Gradients.gaussian(3, r), gr = new double[3];
        f.gradient(x, gr);
        assertThat(Math.sqrt(gr[0] * gr[0] + gr[1] * gr[1] + gr[2] * gr[2])).isLessThanOrEqualTo(0.8 * Math.sqrt(3));
    }

    @Test
    void rejectsBadInput() {
        UniformRandomProvider r = rng("bad");
        Spd g0 = base(3, 1, r);
        assertThatThrownBy(() -> LipschitzFields.affine(g0, 0.5, 3, r)).hasMessageContaining("lipschitz*radius = 1.5");
        assertThatThrownBy(() -> LipschitzFields.sine(g0, 1.5, r)).hasMessageContaining("lipschitz = 1.5");
        assertThatThrownBy(() -> LipschitzFields.sine(g0, -1, r)).hasMessageContaining("lipschitz = -1.0");
        assertThatThrownBy(() -> LipschitzFields.rotating(-1, 1, new double[0], 1, false, r)).hasMessageContaining("lambda1 = -1.0");
        assertThatThrownBy(() -> LipschitzFields.rotating(1, 1, new double[] {0}, 1, false, r)).hasMessageContaining("rest[0] = 0.0");
        assertThatThrownBy(() -> LipschitzFields.gradientModel(1, new double[3], r)).hasMessageContaining("length 3");
        assertThatThrownBy(() -> LipschitzFields.certify(LipschitzFields.sine(g0, 0.5, r), 0, 1, r)).hasMessageContaining("pairs = 0");
    }
}
