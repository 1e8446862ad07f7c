package org.saddlecheck.optim.pgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** CLAIMS.md JIN-ALG2 golden table and parameter validation. */
class PgdParametersTest {

    /** (d, ℓ, ρ, ε, c, δ, Δ_f) | χ, η, r, g_thres, f_thres, t_thres, as printed, with the half-unit of the last digit. */
    private record Row(int d, double ell, double rho, double eps, double c, double delta, double deltaF,
            double chi, double chiTol, double eta, double r, double rTol, double g, double gTol, double f, double fTol,
            double t, double tTol, long tTh) {}

    private static final List<Row> GOLDEN = List.of(
            new Row(100, 1, 1, 1e-2, 1, 0.1, 1, 48.3543, 5e-5, 1, 4.27691e-6, 5e-12, 4.27691e-6, 5e-12,
                    8.84494e-9, 5e-15, 483.543, 5e-4, 484),
            new Row(10, 1, 1, 0.1, 1, 0.1, 1, 27.6310, 5e-5, 1, 1.30980e-4, 5e-10, 1.30980e-4, 5e-10,
                    1.49903e-6, 5e-12, 87.377, 5e-4, 88),
            new Row(1000, 2, 1, 1e-2, 0.5, 0.05, 10, 68.4081, 5e-5, 0.25, 7.55509e-7, 5e-13, 1.51102e-6, 5e-12,
                    1.56188e-9, 5e-15, 5472.65, 5e-3, 5473));

    @TestFactory
    Stream<DynamicTest> goldenTable() {
        return GOLDEN.stream().map(row -> DynamicTest.dynamicTest("golden " + row, () -> {
            PgdParameters p = PgdParameters.fromPaper(row.d, row.ell, row.rho, row.eps, row.c, row.delta, row.deltaF);
            assertThat(p.chi()).isCloseTo(row.chi, within(row.chiTol));
            assertThat(p.eta()).isCloseTo(row.eta, within(1e-15));
            assertThat(p.r()).isCloseTo(row.r, within(row.rTol));
            assertThat(p.gThres()).isCloseTo(row.g, within(row.gTol));
            assertThat(p.fThres()).isCloseTo(row.f, within(row.fTol));
            assertThat(p.tThres()).isCloseTo(row.t, within(row.tTol));
            assertThat(p.tTh()).isEqualTo(row.tTh);
            assertThat(p.tNoiseInitial()).isEqualTo(-row.tTh - 1);
            // r = g_thres/ℓ [DER]
            assertThat(p.r()).isCloseTo(p.gThres() / p.ell(), within(1e-15 * p.r()));
            assertThat(p.isPaper()).isTrue();
            assertThat(p.descentGuaranteed()).isTrue();
            assertThat(p.warnings()).isEmpty();
        }));
    }

    @Test
    void chiUsesTheFloorOfFour() {
        // ln(dℓΔ_f/(cε²δ)) = ln(1·1·1e-3/(1·1·0.5)) < 4 ⇒ χ = 12.
        PgdParameters p = PgdParameters.fromPaper(1, 1, 1, 1, 1, 0.5, 1e-3);
        assertThat(p.chi()).isEqualTo(12.0);
    }

    @Test
    void cAboveOneIsAllowedButFlagged() {
        PgdParameters p = PgdParameters.fromPaper(10, 1, 1, 0.1, 2, 0.1, 1);
        assertThat(p.eta()).isEqualTo(2.0);
        assertThat(p.descentGuaranteed()).isFalse();
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("c = 2.0 > 1"));
    }

    @Test
    void theorem3PreconditionFlagged() {
        PgdParameters p = PgdParameters.fromPaper(10, 1, 4, 0.5, 1, 0.1, 1); // ℓ²/ρ = 0.25 < ε
        assertThat(p.theorem3PreconditionHolds()).isFalse();
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("Theorem 3"));
    }

    @Test
    void explicitParametersUseCeil() {
        assertThat(PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-4, 5.0).tTh()).isEqualTo(5);
        assertThat(PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-4, 5.2).tTh()).isEqualTo(6);
        assertThat(PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-4, 0.3).tTh()).isEqualTo(1);
        PgdParameters p = PgdParameters.explicit(0.5, 0, 1e-3, 1e-4, 5);
        assertThat(p.isPaper()).isFalse();
        assertThat(p.r()).isZero();
        assertThat(p.descentGuaranteed()).isFalse();
        assertThat(p.descentGuaranteedFor(2)).isTrue();
        assertThat(p.descentGuaranteedFor(2.5)).isFalse();
        assertThat(p.describe()).contains("T_th=5");
    }

    @TestFactory
    Stream<DynamicTest> badInputsRejected() {
        record Bad(String name, Runnable call, String fragment) {}
        return Stream.of(
                new Bad("d=0", () -> PgdParameters.fromPaper(0, 1, 1, 0.1, 1, 0.1, 1), "d = 0"),
                new Bad("ell=0", () -> PgdParameters.fromPaper(10, 0, 1, 0.1, 1, 0.1, 1), "ell = 0.0"),
                new Bad("ell=NaN", () -> PgdParameters.fromPaper(10, Double.NaN, 1, 0.1, 1, 0.1, 1), "ell = NaN"),
                new Bad("rho<0", () -> PgdParameters.fromPaper(10, 1, -1, 0.1, 1, 0.1, 1), "rho = -1.0"),
                new Bad("eps=0", () -> PgdParameters.fromPaper(10, 1, 1, 0, 1, 0.1, 1), "eps = 0.0"),
                new Bad("c=0", () -> PgdParameters.fromPaper(10, 1, 1, 0.1, 0, 0.1, 1), "c = 0.0"),
                new Bad("delta=1", () -> PgdParameters.fromPaper(10, 1, 1, 0.1, 1, 1, 1), "delta = 1.0"),
                new Bad("delta=0", () -> PgdParameters.fromPaper(10, 1, 1, 0.1, 1, 0, 1), "delta = 0.0"),
                new Bad("deltaF=inf", () -> PgdParameters.fromPaper(10, 1, 1, 0.1, 1, 0.1, Double.POSITIVE_INFINITY), "deltaF = Infinity"),
                new Bad("t_thres too large", () -> PgdParameters.fromPaper(10, 1e20, 1, 1e-20, 1, 0.1, 1), "t_thres"),
                new Bad("eta=0", () -> PgdParameters.explicit(0, 0.1, 1e-3, 1e-4, 5), "eta = 0.0"),
                new Bad("r<0", () -> PgdParameters.explicit(0.5, -0.1, 1e-3, 1e-4, 5), "r = -0.1"),
                new Bad("gThres=0", () -> PgdParameters.explicit(0.5, 0.1, 0, 1e-4, 5), "gThres = 0.0"),
                new Bad("fThres<0", () -> PgdParameters.explicit(0.5, 0.1, 1e-3, -1, 5), "fThres = -1.0"),
                new Bad("tThres=0", () -> PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, 0), "tThres = 0.0"),
                new Bad("tThres=NaN", () -> PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, Double.NaN), "tThres = NaN"),
                new Bad("tTh != ceil", () -> new PgdParameters("explicit", 0, 1, 1, 1, 1, 0.5, 1, 1, 0.5, 0.1, 1e-3, 1e-4, 5.5, 5), "tTh = 5"),
                new Bad("descentGuaranteedFor(0)", () -> PgdParameters.explicit(0.5, 0.1, 1e-3, 1e-4, 5).descentGuaranteedFor(0), "ell = 0.0"))
                .map(b -> DynamicTest.dynamicTest(b.name, () -> assertThatThrownBy(b.call::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(b.fragment)
                        .hasMessageContaining("must be")));
    }
}
