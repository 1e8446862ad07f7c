package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.Fig1Experiment.Config;
import org.saddlecheck.experiment.Fig1Experiment.Method;
import org.saddlecheck.experiment.Fig1Experiment.Run;

class Fig1ExperimentTest {

    private static Fig1Experiment.Result run(Config c, int threads) {
        try (Parallel p = new Parallel(threads)) {
            return Fig1Experiment.run(c, p);
        }
    }

    private static Config small() {
        return Config.paper(7).withTrials(12).withSteps(1500);
    }

    @Test
    void identicalAtOneAndTwoThreads() {
        Config c = small();
        Fig1Experiment.Result a = run(c, 1), b = run(c, 2);
        assertThat(Fig1Experiment.csv(b)).isEqualTo(Fig1Experiment.csv(a));
        assertThat(ExperimentOutput.json(Fig1Experiment.json(b))).isEqualTo(ExperimentOutput.json(Fig1Experiment.json(a)));
        for (int r = 0; r < a.runs().size(); r++) {
            assertThat(b.runs().get(r).escapeIterations()).isEqualTo(a.runs().get(r).escapeIterations());
            assertThat(b.runs().get(r).finalObjective()).isEqualTo(a.runs().get(r).finalObjective());
        }
    }

    @Test
    void writesTheCsvAndJsonContract(@TempDir Path dir) throws Exception {
        Fig1Experiment.Result r = run(small().withRecordEvery(100).withSteps(1550), 2);
        Fig1Experiment.write(r, dir);
        List<String> lines = Files.readAllLines(dir.resolve("fig1.csv"));
        assertThat(lines.get(0)).isEqualTo("method,eta,iteration,mean,q10,q50,q90");
        // 0, 100, ..., 1500 and the last step 1550: 17 points per run, 7 runs
        assertThat(lines).hasSize(1 + 7 * 17);
        assertThat(lines.get(1)).startsWith("sgd,0.03,0,0.0,");
        assertThat(lines.get(17)).startsWith("sgd,0.03,1550,");
        assertThat(lines).anyMatch(l -> l.startsWith("rmsprop,0.0001,1550,"));
        JsonNode j = new ObjectMapper().readTree(dir.resolve("fig1.json").toFile());
        assertThat(j.path("runs")).hasSize(7);
        JsonNode first = j.path("runs").get(0);
        assertThat(first.path("method").asText()).isEqualTo("sgd");
        assertThat(first.path("eta").asDouble()).isEqualTo(0.03);
        assertThat(first.path("trials").asInt()).isEqualTo(12);
        assertThat(first.path("steps").asInt()).isEqualTo(1550);
        assertThat(first.path("escapeIterations").has("median")).isTrue();
        assertThat(first.path("finalObjective").path("mean").isNumber()).isTrue();
        // the control never escapes in 1550 steps: median is null, not a number
        JsonNode control = j.path("runs").get(6);
        assertThat(control.path("eta").asDouble()).isEqualTo(0.001);
        assertThat(control.path("escapeIterations").path("median").isNull()).isTrue();
        assertThat(control.path("escapedFraction").asDouble()).isZero();
        assertThat(j.path("rmsprop").path("eps").asDouble()).isEqualTo(1e-8);
        assertThat(j.path("rmsprop").path("epsPlacement").asText()).startsWith("inside");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("fig1.csv", "fig1.json");
        }
        assertThat(Fig1Experiment.table(r)).contains("rmsprop").contains("never");
    }

    @Test
    void rmspropEscapesFasterThanSgdAtTheSameStepsize() {
        Config c = Config.paper(11).withTrials(40).withSteps(4000)
                .withRuns(List.of(new Run(Method.SGD, 0.01), new Run(Method.RMSPROP, 0.01)));
        Fig1Experiment.Result r = run(c, 2);
        double sgd = r.find(Method.SGD, 0.01).medianEscape(), rms = r.find(Method.RMSPROP, 0.01).medianEscape();
        assertThat(rms).isLessThan(sgd / 5);
        assertThat(r.find(Method.RMSPROP, 0.01).beta()).isEqualTo(1 - Math.pow(0.01, 2.0 / 3));
        assertThat(r.find(Method.RMSPROP, 0.01).optimizer()).contains("rmsprop-diag").contains("inside");
    }

    @Test
    void burnInIsRecorded() {
        Config c = Config.paper(3).withTrials(4).withSteps(50).withBurnIn(true).withRuns(List.of(new Run(Method.RMSPROP, 0.001)));
        Fig1Experiment.RunResult rr = run(c, 1).runs().get(0);
        assertThat(rr.burnInLength()).isEqualTo(100);
        assertThat(rr.optimizer()).contains("burnIn=100");
    }

    @Test
    void recordedIterationsIncludeZeroAndTheLast() {
        assertThat(Config.paper(1).recordedIterations()).hasSize(1001).startsWith(0, 10).endsWith(9990, 10000);
        assertThat(Config.paper(1).withSteps(7).withRecordEvery(3).recordedIterations()).containsExactly(0, 3, 6, 7);
        assertThat(Config.paper(1).withSteps(5).recordedIterations()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void rejectsBadConfigurations() {
        Config c = small();
        assertThatThrownBy(() -> c.withTrials(0)).hasMessageContaining("trials");
        assertThatThrownBy(() -> c.withSteps(0)).hasMessageContaining("steps");
        assertThatThrownBy(() -> c.withRecordEvery(-1)).hasMessageContaining("recordEvery");
        assertThatThrownBy(() -> c.withRuns(List.of())).hasMessageContaining("runs");
        assertThatThrownBy(() -> c.withRuns(List.of(new Run(Method.SGD, 0.1), new Run(Method.SGD, 0.1)))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> c.withFactory(null)).hasMessageContaining("factory");
        assertThatThrownBy(() -> new Run(Method.SGD, 0)).hasMessageContaining("eta");
        assertThatThrownBy(() -> new Run(null, 0.1)).hasMessageContaining("method");
        assertThatThrownBy(() -> Fig1Experiment.run(null, null)).hasMessageContaining("config");
        assertThatThrownBy(() -> Fig1Experiment.csv(null)).hasMessageContaining("result");
        assertThatThrownBy(() -> Fig1Experiment.write(null, Path.of("x"))).hasMessageContaining("result");
    }

    @Test
    void passageQuantilesTreatNeverAsInfinity() {
        long[] t = {10, 20, -1, -1};
        assertThat(TrialStats.passageQuantile(t, 0.0)).isEqualTo(10);
        assertThat(TrialStats.passageQuantile(t, 1.0 / 3)).isEqualTo(20);
        assertThat(TrialStats.passageQuantile(t, 0.5)).isNaN(); // between 20 and +inf
        assertThat(TrialStats.passageQuantile(new long[] {5, 7, 9}, 0.5)).isEqualTo(7);
        assertThat(TrialStats.passageQuantile(new long[] {5, 7}, 0.5)).isEqualTo(6);
        assertThat(TrialStats.passed(t)).isEqualTo(2);
        assertThatThrownBy(() -> TrialStats.passageQuantile(new long[0], 0.5)).hasMessageContaining("times.length");
        assertThatThrownBy(() -> TrialStats.passageQuantile(t, 1.5)).hasMessageContaining("q");
        TrialStats.Band b = TrialStats.band(new double[][] {{0, 1}, {0, 3}});
        assertThat(b.mean()).containsExactly(0, 2);
        assertThat(b.q50()).containsExactly(0, 2);
        assertThatThrownBy(() -> TrialStats.band(new double[][] {{0, 1}, {0}})).hasMessageContaining("series[1].length");
        assertThatThrownBy(() -> TrialStats.band(new double[][] {{Double.NaN}})).hasMessageContaining("finite");
    }

    @Test
    void plainFormatting() {
        assertThat(ExperimentOutput.plain(0.0001)).isEqualTo("0.0001");
        assertThat(ExperimentOutput.plain(0.01)).isEqualTo("0.01");
        assertThat(ExperimentOutput.plain(20.0)).isEqualTo("20");
        assertThat(ExperimentOutput.number(Double.NaN).isNull()).isTrue();
        assertThat(ExperimentOutput.number(Double.POSITIVE_INFINITY).isNull()).isTrue();
        assertThatThrownBy(() -> ExperimentOutput.plain(Double.NaN)).hasMessageContaining("v");
    }
}
