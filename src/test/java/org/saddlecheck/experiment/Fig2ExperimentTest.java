package org.saddlecheck.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.problem.Dataset;

class Fig2ExperimentTest {
    @TempDir
    Path tmp;

    static final Dataset DATA = TinyDigits.make(120, 30, 10, 11);

    private static Fig2Experiment.Config tiny(int epochs, int seeds) {
        return new Fig2Experiment.Config(epochs, seeds, 10, 0.05, 1e-8, Fig2Schedule.paper(), StartUp.ZERO);
    }

    @Test
    void runsEverySchedulePerSeedAndIsIndependentOfThreads() {
        Fig2Experiment.Result one, two;
        try (Parallel p = new Parallel(1)) {
            one = Fig2Experiment.run(DATA, tiny(4, 2), Fig2Experiment.seeds(5), p);
        }
        try (Parallel p = new Parallel(2)) {
            two = Fig2Experiment.run(DATA, tiny(4, 2), Fig2Experiment.seeds(5), p);
        }
        assertThat(one.runs()).hasSize(14);
        assertThat(one.stepsPerEpoch()).isEqualTo(12);
        assertThat(one.iterations()).isEqualTo(48);
        assertThat(one.dataset()).startsWith("synthetic test data");
        for (int i = 0; i < 14; i++) {
            Fig2Experiment.Run a = one.runs().get(i), b = two.runs().get(i);
            assertThat(a.schedule()).isEqualTo(Fig2Schedule.paper().get(i / 2));
            assertThat(a.seed()).isEqualTo(i % 2);
            assertThat(a.loss()).hasSize(5).containsExactly(b.loss());
            assertThat(a.loss()[0]).isCloseTo(Math.log(10), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(a.finalLoss()).isLessThan(a.loss()[0]);
            assertThat(a.iterations()).isEqualTo(48);
            assertThat(a.clampedSteps()).isZero();
        }
        // the two seeds shuffle differently; the same seed shuffles the same for every schedule
        assertThat(one.runs().get(0).streamSeed()).isNotEqualTo(one.runs().get(1).streamSeed());
        assertThat(one.runs().get(2).streamSeed()).isEqualTo(one.runs().get(0).streamSeed());
        assertThat(one.runs().get(0).loss()).isNotEqualTo(one.runs().get(1).loss());
    }

    @Test
    void summariesAreMeansAndBands() {
        Fig2Experiment.Result r;
        try (Parallel p = new Parallel(2)) {
            r = Fig2Experiment.run(DATA, tiny(3, 3), Fig2Experiment.seeds(1), p);
        }
        Fig2Schedule s = Fig2Schedule.paper().get(3);
        Fig2Experiment.Summary sum = r.summary(s);
        List<Fig2Experiment.Run> runs = r.runsOf(s);
        double m = (runs.get(0).finalLoss() + runs.get(1).finalLoss() + runs.get(2).finalLoss()) / 3;
        assertThat(sum.mean()).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(sum.meanCurve()[3]).isCloseTo(m, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(sum.min()).isLessThanOrEqualTo(sum.mean());
        assertThat(sum.max()).isGreaterThanOrEqualTo(sum.mean());
        assertThat(sum.sd()).isGreaterThan(0);
        assertThat(sum.finals()).hasSize(3);
        assertThat(r.summaries()).hasSize(7);
        assertThatThrownBy(() -> r.summary(Fig2Schedule.constantBeta(0.5))).hasMessageContaining("beta=0.5")
                .hasMessageContaining("one of the experiment's schedules");
        assertThatThrownBy(() -> r.summary(null)).hasMessageContaining("schedule");
        assertThatThrownBy(() -> Fig2Experiment.table(null)).hasMessageContaining("r");
        assertThatThrownBy(() -> new SparseDigits(null)).hasMessageContaining("data");
        SparseDigits sd = new SparseDigits(DATA);
        assertThat(sd.density()).isBetween(0.2, 0.8);
        assertThat(sd.n()).isEqualTo(120);
        assertThat(sd.p()).isEqualTo(30);
        assertThat(sd.classes()).isEqualTo(10);
        assertThat(sd.name()).startsWith("synthetic test data");
    }

    @Test
    void writesCsvJsonAndTable() throws IOException {
        Fig2Experiment.Result r;
        try (Parallel p = new Parallel(2)) {
            r = Fig2Experiment.run(DATA, tiny(4, 2), Fig2Experiment.seeds(1), p);
        }
        Path out = tmp.resolve("out/fig2");
        Fig2Experiment.write(r, out);
        List<String> csv = Files.readAllLines(out.resolve("fig2.csv"));
        assertThat(csv.get(0)).isEqualTo("schedule,epoch,iteration,eta,loss,lossMin,lossMax,seeds");
        assertThat(csv).hasSize(1 + 7 * 5);
        assertThat(csv.get(1)).startsWith("beta=0.7,0,0,,");
        assertThat(csv.get(2)).startsWith("beta=0.7,1,12," + (0.05 / Math.sqrt(12)) + ",");
        List<String> late = Files.readAllLines(out.resolve("fig2-late.csv"));
        assertThat(late).hasSize(1 + 7 * 3);
        List<String> runs = Files.readAllLines(out.resolve("fig2-runs.csv"));
        assertThat(runs.get(0)).isEqualTo("schedule,seed,epoch,loss");
        assertThat(runs).hasSize(1 + 14 * 5);
        JsonNode j = new ObjectMapper().readTree(out.resolve("fig2.json").toFile());
        assertThat(j.path("dataset").asText()).startsWith("synthetic test data");
        assertThat(j.path("epsPlacement").asText()).startsWith("inside");
        assertThat(j.path("startUp").asText()).isEqualTo("ZERO");
        assertThat(j.path("iterations").asLong()).isEqualTo(48);
        assertThat(j.path("runs")).hasSize(7);
        assertThat(j.path("runs").get(6).path("schedule").asText()).isEqualTo("beta_t=1-1*eta_t^(2/3)");
        assertThat(j.path("runs").get(6).path("finalLossMean").asDouble()).isEqualTo(r.summaries().get(6).mean());
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("fig2.csv", "fig2-late.csv", "fig2-runs.csv",
                    "fig2.json");
        }
        String table = Fig2Experiment.table(r);
        assertThat(table).contains("synthetic test data").contains("beta_t=1-0.3*eta_t^(2/3)").contains("4 epochs x 12 steps");
        // rewriting replaces the files
        Fig2Experiment.write(r, out);
        assertThat(Files.readAllLines(out.resolve("fig2.csv"))).isEqualTo(csv);
    }

    @Test
    void oneVsRestRunsOnTheSameMinibatchesAndIsRecorded() throws IOException {
        Fig2Experiment.Config soft = tiny(3, 2), ovr = soft.withModel(Fig2Model.ONE_VS_REST);
        assertThat(soft.model()).isEqualTo(Fig2Model.SOFTMAX);
        assertThat(ovr.model()).isEqualTo(Fig2Model.ONE_VS_REST);
        assertThat(ovr.withStartUp(StartUp.ONES).model()).isEqualTo(Fig2Model.ONE_VS_REST);
        Fig2Experiment.Result s, a, b;
        try (Parallel p = new Parallel(1)) {
            s = Fig2Experiment.run(DATA, soft, Fig2Experiment.seeds(5), p);
            a = Fig2Experiment.run(DATA, ovr, Fig2Experiment.seeds(5), p);
        }
        try (Parallel p = new Parallel(2)) {
            b = Fig2Experiment.run(DATA, ovr, Fig2Experiment.seeds(5), p);
        }
        for (int i = 0; i < 14; i++) {
            Fig2Experiment.Run x = a.runs().get(i);
            assertThat(x.loss()).containsExactly(b.runs().get(i).loss());
            assertThat(x.streamSeed()).isEqualTo(s.runs().get(i).streamSeed());
            assertThat(x.loss()[0]).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(x.finalLoss()).isLessThan(x.loss()[0]).isNotEqualTo(s.runs().get(i).finalLoss());
        }
        Path out = tmp.resolve("ovr");
        Fig2Experiment.write(a, out);
        JsonNode j = new ObjectMapper().readTree(out.resolve("fig2.json").toFile());
        assertThat(j.path("model").asText()).isEqualTo("one-vs-rest");
        assertThat(j.path("modelDescription").asText()).startsWith("one-vs-rest logistic regression").contains("10 classes x (30 features + bias)");
        assertThat(j.path("loss").asText()).contains("mean over the 10 classes of the binary cross-entropy");
        assertThat(Fig2Experiment.table(a)).contains("one-vs-rest");
        Fig2Experiment.write(s, out);
        j = new ObjectMapper().readTree(out.resolve("fig2.json").toFile());
        assertThat(j.path("model").asText()).isEqualTo("softmax");
        assertThat(j.path("modelDescription").asText()).startsWith("softmax regression");
    }

    @Test
    void rejectsBadConfigurations() {
        List<Fig2Schedule> s = Fig2Schedule.paper();
        assertThatThrownBy(() -> new Fig2Experiment.Config(0, 1, 10, 1e-3, 1e-8, s, StartUp.ZERO)).hasMessageContaining("epochs = 0");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 0, 10, 1e-3, 1e-8, s, StartUp.ZERO)).hasMessageContaining("seeds = 0");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 1, 0, 1e-3, 1e-8, s, StartUp.ZERO)).hasMessageContaining("batch = 0");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 1, 10, -1, 1e-8, s, StartUp.ZERO)).hasMessageContaining("eta0 = -1");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 1, 10, 1e-3, Double.NaN, s, StartUp.ZERO)).hasMessageContaining("eps = NaN");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 1, 10, 1e-3, 1e-8, List.of(), StartUp.ZERO)).hasMessageContaining("schedules");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 1, 10, 1e-3, 1e-8, s, null)).hasMessageContaining("startUp");
        assertThatThrownBy(() -> new Fig2Experiment.Config(1, 1, 10, 1e-3, 1e-8, s, StartUp.ZERO, null)).hasMessageContaining("model");
        Dataset small = TinyDigits.make(5, 4, 2, 1);
        try (Parallel p = new Parallel(1)) {
            assertThatThrownBy(() -> Fig2Experiment.run(small, tiny(1, 1), Fig2Experiment.seeds(1), p)).hasMessageContaining("data.n = 5")
                    .hasMessageContaining("batch = 10");
            assertThatThrownBy(() -> Fig2Experiment.run(null, tiny(1, 1), Fig2Experiment.seeds(1), p)).hasMessageContaining("data");
        }
        Fig2Experiment.Config paper = Fig2Experiment.Config.paper(3, 2);
        assertThat(paper.batch()).isEqualTo(100);
        assertThat(paper.eta0()).isEqualTo(1e-3);
        assertThat(paper.eps()).isEqualTo(1e-8);
        assertThat(paper.startUp()).isEqualTo(StartUp.ZERO);
        assertThat(paper.model()).isEqualTo(Fig2Model.SOFTMAX);
        assertThat(paper.withStartUp(StartUp.ONES).startUp()).isEqualTo(StartUp.ONES);
    }
}
