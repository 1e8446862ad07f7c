package org.saddlecheck.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Seeds;

/** STAIB-D2.1 / JIN-D3 / X1: the shared second-order stationarity predicate. */
class StationarityTest {
    @Test
    void fig1MinimumIsSecondOrderStationaryAndTheOriginIsNot() {
        Fig1Saddle f = Fig1Saddle.finiteSum();
        double[] min = f.localMinima().get(0);
        Stationarity.Result atMin = Stationarity.isSOSP(f, min, 1e-12, 1e-12);
        assertThat(atMin.verdict()).isTrue();
        assertThat(atMin.lambdaMin()).isCloseTo(0.8, within(1e-12));
        Stationarity.Result atSaddle = Stationarity.isSOSP(f, new double[2], 1e-12, 0.05);
        assertThat(atSaddle.gradNorm()).isZero();
        assertThat(atSaddle.lambdaMin()).isEqualTo(-0.1);
        assertThat(atSaddle.firstOrder()).isTrue();
        assertThat(atSaddle.secondOrder()).isFalse();
        assertThat(atSaddle.verdict()).isFalse();
        assertThat(Stationarity.isSOSP(f, new double[2], 0, 0.1).verdict()).as("boundary λ_min = −τ_h counts").isTrue();
        assertThat(Stationarity.isSOSP(f, new double[] {0.5, 0}, 0.1, 1).firstOrder()).isFalse();
    }

    @Test
    void jinFormUsesSqrtRhoEps() {
        CosineFamily f = CosineFamily.haar(4, 1.0, Seeds.rng(3));
        double[] saddle = f.saddle(2);
        double rho = f.constants().hessianLipschitz();
        // λ_min = −1: an ε-SOSP iff √(ρε) ≥ 1, i.e. ε ≥ 1
        assertThat(Stationarity.isEpsSOSP(f, saddle, 0.5, rho).verdict()).isFalse();
        assertThat(Stationarity.isEpsSOSP(f, saddle, 1.0 + 1e-9, rho).verdict()).isTrue();
        Stationarity.Result r = Stationarity.isEpsSOSP(f, saddle, 0.25, 4.0);
        assertThat(r.tauG()).isEqualTo(0.25);
        assertThat(r.tauH()).isEqualTo(1.0);
        assertThat(r.lambdaMin()).isCloseTo(-1, within(1e-12));
        assertThat(Stationarity.isEpsSOSP(f, f.saddle(0), 1e-6, rho).verdict()).isTrue();
        // X1: the same predicate as Staib's (τ, √(ρτ))
        Stationarity s = new Stationarity(4);
        for (double eps : new double[] {1e-3, 0.3, 2}) {
            assertThat(s.checkEps(f, saddle, eps, rho).verdict()).isEqualTo(s.check(f, saddle, eps, Math.sqrt(rho * eps)).verdict());
        }
    }

    @Test
    void rejectsBadInput() {
        LogSum f = new LogSum(3);
        assertThatThrownBy(() -> Stationarity.isSOSP(f, new double[2], 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x has length 2");
        assertThatThrownBy(() -> Stationarity.isSOSP(f, new double[3], -1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tauG = -1.0");
        assertThatThrownBy(() -> Stationarity.isSOSP(f, new double[3], 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tauH = NaN");
        assertThatThrownBy(() -> Stationarity.isEpsSOSP(f, new double[3], 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps = 0.0");
        assertThatThrownBy(() -> Stationarity.isEpsSOSP(f, new double[3], 1, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rho = -1.0");
        assertThatThrownBy(() -> Stationarity.isSOSP(f, new double[] {0, Double.NaN, 0}, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]");
        assertThatThrownBy(() -> new Stationarity(2).check(f, new double[3], 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f has dimension 3");
    }
}
