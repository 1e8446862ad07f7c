package org.saddlecheck.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.problem.Fig1Saddle;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/** Bad input is rejected with an IllegalArgumentException that names the parameter, the value and what is allowed. */
class InputValidationTest {

    @Test
    void fig1RmspropRejectsAStepsizeWhoseBetaWouldBeClamped() {
        // beta = 1 - C eta^(2/3) <= 0 would silently run memoryless RMSProp: refused, not clamped
        assertThatThrownBy(() -> Algorithms.fig1Rmsprop(Fig1Saddle.finiteSum(), 2.0, 1.0, 1e-8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eta = 2.0").hasMessageContaining("C*eta^(2/3) < 1");
        assertThatThrownBy(() -> Algorithms.fig1Rmsprop(Fig1Saddle.finiteSum(), 0.01, 25.0, 1e-8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C = 25.0");
        assertThat(Algorithms.fig1Rmsprop(Fig1Saddle.finiteSum(), 0.001, 1.0, 1e-8).describe()).contains("0.99");
    }

    @Test
    void nonFiniteStartPointIsBadInputNotDivergence() {
        var sgd = Algorithms.sgd(Fig1Saddle.finiteSum(), 0.01);
        assertThatThrownBy(() -> sgd.step(new double[] {0, Double.POSITIVE_INFINITY}, Seeds.rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x0[1] = Infinity");
    }

    @Test
    void ballSamplerRejectsNegativeOrNonFiniteRadius() {
        Gaussian g = new Gaussian(Seeds.rng(1));
        double[] out = new double[3];
        assertThatThrownBy(() -> g.uniformInBall(-1, out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r = -1.0");
        assertThatThrownBy(() -> g.uniformInBall(Double.NaN, out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r = NaN");
        assertThatThrownBy(() -> g.uniformInBall(1, new double[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = 0");
        g.uniformInBall(0.5, out);
        double n2 = out[0] * out[0] + out[1] * out[1] + out[2] * out[2];
        assertThat(n2).isLessThanOrEqualTo(0.25);
    }

    @Test
    void pgdParametersRecordRefusesInvalidPaperInputs() {
        PgdParameters ok = PgdParameters.fromPaper(10, 1, 1, 0.1, 1, 0.1, 1);
        assertThatThrownBy(() -> new PgdParameters("paper", -3, ok.ell(), ok.rho(), ok.eps(), ok.c(), ok.delta(), ok.deltaF(),
                ok.chi(), ok.eta(), ok.r(), ok.gThres(), ok.fThres(), ok.tThres(), ok.tTh()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d = -3");
        assertThatThrownBy(() -> new PgdParameters("paper", ok.d(), ok.ell(), ok.rho(), ok.eps(), ok.c(), ok.delta(), ok.deltaF(),
                Double.NaN, ok.eta(), ok.r(), ok.gThres(), ok.fThres(), ok.tThres(), ok.tTh()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chi = NaN");
        assertThatThrownBy(() -> new PgdParameters("guess", ok.d(), ok.ell(), ok.rho(), ok.eps(), ok.c(), ok.delta(), ok.deltaF(),
                ok.chi(), ok.eta(), ok.r(), ok.gThres(), ok.fThres(), ok.tThres(), ok.tTh()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source = guess");
        assertThat(new PgdParameters(ok.source(), ok.d(), ok.ell(), ok.rho(), ok.eps(), ok.c(), ok.delta(), ok.deltaF(), ok.chi(),
                ok.eta(), ok.r(), ok.gThres(), ok.fThres(), ok.tThres(), ok.tTh())).isEqualTo(ok);
        assertThat(PgdParameters.explicit(0.5, 1e-3, 1e-3, 1e-4, 10).isPaper()).isFalse();
    }
}
