package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.stats.SlopeFit;

/** Small runs of the three experiments: reproducible, files written, inputs validated. */
class ExperimentsTest {

    @Test
    void pgdDimensionIsReproducibleAndMatchesTheSimulationBaseline(@TempDir Path dir) throws Exception {
        PgdDimensionExperiment.Config c = PgdDimensionExperiment.Config.standard(40).withDims(10, 1000);
        PgdDimensionExperiment.Result a, b;
        try (Parallel p = new Parallel(2)) {
            a = PgdDimensionExperiment.run(c, SeedSource.of(7, "t"), p);
        }
        try (Parallel p = new Parallel(1)) {
            b = PgdDimensionExperiment.run(c, SeedSource.of(7, "t"), p);
        }
        assertThat(a.main().medians()).containsExactly(b.main().medians());
        // CLAIMS.md [SIM]: medians 145 (d = 10) and 188 (d = 1e3)
        assertThat(a.main().medians()[0]).isBetween(125.0, 165.0);
        assertThat(a.main().medians()[1]).isBetween(170.0, 210.0);
        a.write(dir, 0.05);
        assertThat(Files.readString(dir.resolve("pgd-dimension-summary.csv"))).startsWith("sampler,d,median,q10,q90,censored,trials\n");
        assertThat(Files.readString(dir.resolve("pgd-dimension.json"))).contains("\"logLinearSlope\"");
    }

    @Test
    void pgdDimensionConfigRejectsBadInput() {
        PgdDimensionExperiment.Config s = PgdDimensionExperiment.Config.standard(10);
        assertThatThrownBy(() -> s.withDims(10)).hasMessageContaining("dims.length");
        assertThatThrownBy(() -> s.withDims(10, 10)).hasMessageContaining("two distinct");
        assertThatThrownBy(() -> s.withDims(1, 10)).hasMessageContaining("dim = 1");
        assertThatThrownBy(() -> s.withTrials(2)).hasMessageContaining("trials = 2");
        assertThatThrownBy(() -> s.withControl(-1)).hasMessageContaining("controlStd");
        assertThatThrownBy(() -> new PgdDimensionExperiment.Config(new int[] {10, 20}, 5, 0.1, 20, 1e-3, 100,
                PerturbationSampler.uniformBall(), Double.NaN, 100)).hasMessageContaining("eta*gamma");
        assertThatThrownBy(() -> new PgdDimensionExperiment.Config(new int[] {10, 20}, 5, 0.1, 0.5, 0, 100,
                PerturbationSampler.uniformBall(), Double.NaN, 100)).hasMessageContaining("radius");
        assertThatThrownBy(() -> new PgdDimensionExperiment.Config(new int[] {10, 20}, 5, 0.1, 0.5, 1e-3, 5,
                PerturbationSampler.uniformBall(), Double.NaN, 100)).hasMessageContaining("horizon");
    }

    @Test
    void matrixFactorizationReachesTheOptimum(@TempDir Path dir) throws Exception {
        MatrixFactorizationExperiment.Config c = new MatrixFactorizationExperiment.Config(new int[] {8}, new int[] {1, 2},
                new double[] {1, 10}, 2, 1e-3, 10, 50_000, PerturbationSampler.uniformBall());
        MatrixFactorizationExperiment.Result r;
        try (Parallel p = new Parallel(2)) {
            r = MatrixFactorizationExperiment.run(c, SeedSource.of(3, "mf"), p);
        }
        assertThat(r.runs()).hasSize(c.totalRuns());
        assertThat(r.failures()).isZero();
        r.write(dir);
        assertThat(Files.readString(dir.resolve("matrix-factorization.csv"))).startsWith("d,r,kappa,iteration,q10,median,q90\n");
        assertThat(r.table()).contains("0 failures");
        assertThatThrownBy(() -> new MatrixFactorizationExperiment.Config(new int[] {2}, new int[] {3}, new double[] {1}, 1, 1e-3, 10,
                1000, PerturbationSampler.uniformBall())).hasMessageContaining("r = 3");
        assertThatThrownBy(() -> new MatrixFactorizationExperiment.Config(new int[] {4}, new int[] {1}, new double[] {0.5}, 1, 1e-3, 10,
                1000, PerturbationSampler.uniformBall())).hasMessageContaining("kappa = 0.5");
        assertThat(MatrixFactorizationExperiment.spectrum(3, 100)).containsExactly(1, 0.1, 0.01);
    }

    @Test
    void octopusGdIsExponentialAndPgdIsNot(@TempDir Path dir) throws Exception {
        OctopusExperiment.Config c = OctopusExperiment.Config.standard(8).withDims(new int[] {2, 3, 4}, new int[] {2, 3, 4, 8});
        OctopusExperiment.Result r;
        try (Parallel p = new Parallel(2)) {
            r = OctopusExperiment.run(c, SeedSource.of(5, "oct"), p);
        }
        assertThat(r.gdSlope()).isGreaterThan(0.8);
        assertThat(r.gdSlope()).isGreaterThan(r.pgdSlopeCommon() + 0.3);
        assertThat(r.pgdPower().test(1, 1, SlopeFit.Direction.AT_MOST, 0.05).violated()).isFalse();
        r.write(dir);
        assertThat(Files.readString(dir.resolve("octopus.csv"))).startsWith("method,d,median");
        assertThatThrownBy(() -> c.withDims(new int[] {2}, new int[] {2, 3})).hasMessageContaining("at least 2 dimensions");
        assertThatThrownBy(() -> c.withTrials(1)).hasMessageContaining("trials = 1");
    }

    @Test
    void logLinearFitRecoversASlopeAndRejectsBadInput() {
        double[] x = {10, 100, 1000};
        double[][] s = new double[3][];
        for (int j = 0; j < 3; j++) {
            s[j] = new double[21];
            for (int i = 0; i < 21; i++) s[j][i] = 5 + 3 * Math.log(x[j]) + (i - 10) * 0.01;
        }
        LogLinearFit f = LogLinearFit.bootstrap(x, s, SlopeFit.median(), 200, Seeds.rng(1, "llf", 0));
        assertThat(f.slope()).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.intercept()).isCloseTo(5, org.assertj.core.data.Offset.offset(1e-9));
        double[] ci = f.interval(0.05);
        assertThat(ci[0]).isLessThanOrEqualTo(3 + 1e-9);
        assertThat(ci[1]).isGreaterThanOrEqualTo(3 - 1e-9);
        assertThatThrownBy(() -> LogLinearFit.bootstrap(new double[] {1}, new double[][] {{1}}, SlopeFit.median(), 200, Seeds.rng(1, "a", 0)))
                .hasMessageContaining("x.length");
        assertThatThrownBy(() -> LogLinearFit.bootstrap(x, s, SlopeFit.median(), 10, Seeds.rng(1, "a", 0))).hasMessageContaining("resamples");
        assertThatThrownBy(() -> LogLinearFit.bootstrap(new double[] {1, -1}, new double[][] {{1}, {1}}, SlopeFit.median(), 200,
                Seeds.rng(1, "a", 0))).hasMessageContaining("x[1]");
    }
}
