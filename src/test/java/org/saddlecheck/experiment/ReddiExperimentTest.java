package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.ReddiExperiment.Config;
import org.saddlecheck.experiment.ReddiExperiment.Setting;

class ReddiExperimentTest {

    private static ReddiExperiment.Result run(Config c, int threads) {
        try (Parallel p = new Parallel(threads)) {
            return ReddiExperiment.run(c, p);
        }
    }

    /** The scalar kernel performs the library optimizers' floating-point operations: bit-identical trajectories. */
    @Test
    void scalarKernelEqualsTheLibraryOptimizers() {
        Config c = Config.defaults(99).withTrials(3).withSteps(3000).withRecordEvery(1);
        ReddiExperiment.Result fast = run(c, 1), lib = run(c.withKernel(ReddiExperiment.LIBRARY), 1);
        for (int k = 0; k < fast.settings().size(); k++) {
            assertThat(fast.settings().get(k).band().mean()).as(fast.settings().get(k).setting().key())
                    .isEqualTo(lib.settings().get(k).band().mean());
            assertThat(fast.settings().get(k).finalX()).isEqualTo(lib.settings().get(k).finalX());
        }
    }

    @Test
    void identicalAtOneAndTwoThreads() {
        Config c = Config.defaults(5).withTrials(8).withSteps(2000);
        assertThat(ReddiExperiment.csv(run(c, 2))).isEqualTo(ReddiExperiment.csv(run(c, 1)));
    }

    @Test
    void writesTheFiles(@TempDir Path dir) throws Exception {
        Config c = Config.defaults(5).withTrials(4).withSteps(1000).withRecordEvery(100);
        ReddiExperiment.Result r = run(c, 2);
        ReddiExperiment.write(r, dir);
        List<String> lines = Files.readAllLines(dir.resolve("reddi.csv"));
        assertThat(lines.get(0)).isEqualTo("C,method,iteration,mean,q10,q50,q90");
        assertThat(lines).hasSize(1 + 10 * 11);
        assertThat(lines.get(1)).isEqualTo("5,rmsprop(beta=0.9),0,0.0,0.0,0.0,0.0");
        assertThat(lines).anyMatch(l -> l.startsWith("100,idealized,1000,"));
        assertThat(lines).anyMatch(l -> l.startsWith("20,rmsprop(beta=0.999),500,"));
        JsonNode j = new ObjectMapper().readTree(dir.resolve("reddi.json").toFile());
        assertThat(j.path("settings")).hasSize(10);
        assertThat(j.path("settings").get(2).path("method").asText()).isEqualTo("idealized");
        assertThat(j.path("settings").get(2).path("beta").isNull()).isTrue();
        assertThat(j.path("settings").get(0).path("cTimesOneMinusBeta").asDouble()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ReddiExperiment.table(r)).contains("idealized").contains("rmsprop(beta=0.999)");
    }

    /** Short runs already show the ordering: ideal moves down, EMA with C(1−β) = 10 moves up. */
    @Test
    void idealizedMovesDownAndEmaMovesUp() {
        Config c = Config.defaults(17).withTrials(20).withSteps(20_000)
                .withSettings(List.of(Setting.idealized(5), Setting.rmsprop(100, 0.9)));
        ReddiExperiment.Result r = run(c, 2);
        assertThat(r.find(Setting.idealized(5)).meanFinalX()).isLessThan(-0.5);
        assertThat(r.find(Setting.rmsprop(100, 0.9)).meanFinalX()).isGreaterThan(0.5);
    }

    @Test
    void rejectsBadInput() {
        Config c = Config.defaults(1);
        assertThatThrownBy(() -> c.withTrials(0)).hasMessageContaining("trials");
        assertThatThrownBy(() -> c.withSteps(0)).hasMessageContaining("steps");
        assertThatThrownBy(() -> c.withRecordEvery(-2)).hasMessageContaining("recordEvery");
        assertThatThrownBy(() -> c.withSettings(List.of())).hasMessageContaining("settings");
        assertThatThrownBy(() -> c.withSettings(List.of(Setting.idealized(5), Setting.idealized(5)))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> c.withSettings(List.of(Setting.idealized(0.05)))).hasMessageContaining("zeta");
        assertThatThrownBy(() -> c.withKernel(null)).hasMessageContaining("kernel");
        assertThatThrownBy(() -> Setting.rmsprop(5, 1.0)).hasMessageContaining("beta");
        assertThatThrownBy(() -> Setting.rmsprop(-1, 0.9)).hasMessageContaining("C");
        assertThatThrownBy(() -> new Config(1, 1, 1, 0, 0.1, 1e-8, 0, List.of(Setting.idealized(5)), ReddiExperiment.SCALAR))
                .hasMessageContaining("zeta");
        assertThatThrownBy(() -> new Config(1, 1, 1, 0.1, 0.1, -1, 0, List.of(Setting.idealized(5)), ReddiExperiment.SCALAR))
                .hasMessageContaining("eps");
        assertThat(Setting.idealized(5).beta()).isNaN();
        assertThatThrownBy(() -> ReddiExperiment.json(null)).hasMessageContaining("result");
        assertThatThrownBy(() -> ReddiExperiment.run(c, null)).hasMessageContaining("parallel");
        assertThat(Setting.rmsprop(20, 0.99).key()).isEqualTo("C=20/rmsprop(beta=0.99)");
    }
}
