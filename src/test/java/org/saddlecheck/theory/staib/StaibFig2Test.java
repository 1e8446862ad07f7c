package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.data.DataUnavailableException;
import org.saddlecheck.data.DigitData;
import org.saddlecheck.experiment.Fig2Schedule;
import org.saddlecheck.experiment.StartUp;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.rng.Seeds;

class StaibFig2Test {
    static final double ALPHA = 1e-6;

    /**
     * Planted per-seed losses: final = means[s] + noise·N(0,1) (shared per seed across schedules plus a small
     * independent part), early = earlyMeans[s] + the same.
     */
    private static double[][][] planted(double[] finals, double[] early, double noise, int seeds, long seed) {
        UniformRandomProvider rng = Seeds.rng(seed);
        org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler g =
                org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] f = new double[7][seeds], e = new double[7][seeds];
        for (int i = 0; i < seeds; i++) {
            double common = g.sample() * noise * 5;
            for (int s = 0; s < 7; s++) {
                f[s][i] = finals[s] + common + noise * g.sample();
                e[s][i] = early[s] + common + noise * g.sample();
            }
        }
        return new double[][][] {f, e};
    }

    private static final double[] PAPER_LIKE = {0.50, 0.49, 0.48, 0.47, 0.465, 0.466, 0.4665};
    private static final double[] EARLY_SIMILAR = {1.00, 1.00, 1.01, 1.00, 1.02, 1.01, 1.00};

    private static StaibFig2.Evaluation eval(double[] finals, double[] early, double noise) {
        double[][][] x = planted(finals, early, noise, 8, 99);
        return StaibFig2.evaluate(x[0], x[1], ALPHA);
    }

    private static List<String> violatedClaims(StaibFig2.Evaluation e) {
        return e.violations().stream().map(StaibFig2.Comparison::claim).distinct().toList();
    }

    @Test
    void paperLikeLossesHold() {
        StaibFig2.Evaluation e = eval(PAPER_LIKE, EARLY_SIMILAR, 1e-4);
        assertThat(e.verdict()).as(e.rows().toString()).isEqualTo(Verdict.HOLDS);
        assertThat(e.comparisons()).hasSize(StaibFig2.TESTS + 1);
        assertThat(e.rows()).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("holds"));
    }

    /** Flip the order of the constant betas (a sign error in the comparison or a swapped schedule): F2b goes red. */
    @Test
    void reversedBetaOrderIsViolated() {
        double[] f = {0.47, 0.48, 0.49, 0.50, 0.465, 0.466, 0.4665};
        StaibFig2.Evaluation e = eval(f, EARLY_SIMILAR, 1e-4);
        assertThat(e.verdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(violatedClaims(e)).containsExactly("F2b ordered");
        assertThat(e.violations()).hasSize(3);
    }

    @Test
    void aDecreasingScheduleWorseThanTheBestConstantIsViolated() {
        double[] f = PAPER_LIKE.clone();
        f[6] = 0.47 + 0.01; // C = 1 is 0.01 worse than beta = 0.99 (> tolerance 0.002)
        StaibFig2.Evaluation e = eval(f, EARLY_SIMILAR, 1e-4);
        assertThat(e.verdict()).isEqualTo(Verdict.VIOLATED);
        assertThat(violatedClaims(e)).contains("F2c best");
        assertThat(e.violations()).anySatisfy(c -> assertThat(c.statistic()).isEqualTo("L(beta_t=1-1*eta_t^(2/3)) - L(beta=0.99)"));
        // within the tolerance: not a violation
        f[6] = 0.47 + 0.001;
        assertThat(eval(f, EARLY_SIMILAR, 1e-4).violations()).isEmpty();
    }

    @Test
    void sensitivityToCIsAKnownInconsistency() {
        double[] f = {0.50, 0.49, 0.48, 0.47, 0.35, 0.40, 0.46}; // spread over C 0.11 > spread over beta 0.03
        StaibFig2.Evaluation e = eval(f, EARLY_SIMILAR, 1e-4);
        assertThat(e.verdict()).isEqualTo(Verdict.KNOWN_INCONSISTENCY);
        assertThat(violatedClaims(e)).containsExactly("F2c insensitive to C");
    }

    @Test
    void dissimilarStartIsAKnownInconsistency() {
        double[] early = {1.6, 1.5, 1.3, 1.0, 0.55, 0.7, 0.95};
        StaibFig2.Evaluation e = eval(PAPER_LIKE, early, 1e-4);
        assertThat(e.verdict()).isEqualTo(Verdict.KNOWN_INCONSISTENCY);
        assertThat(violatedClaims(e)).containsExactly("F2a similar initially");
    }

    /** A broken optimizer that also breaks the reproducible sub-claims is still VIOLATED, whatever F2a/C-insensitivity say. */
    @Test
    void reproducibleSubClaimsDominate() {
        double[] f = {0.47, 0.48, 0.49, 0.50, 0.35, 0.40, 0.46};
        double[] early = {1.6, 1.5, 1.3, 1.0, 0.55, 0.7, 0.95};
        assertThat(eval(f, early, 1e-4).verdict()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void noiseDominatedLossesAreInconclusive() {
        double[] flat = {0.48, 0.48, 0.48, 0.48, 0.48, 0.48, 0.48};
        StaibFig2.Evaluation e = eval(flat, EARLY_SIMILAR, 0.01);
        assertThat(e.verdict()).as(e.rows().toString()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(e.unsupported()).isNotEmpty();
    }

    @Test
    void evaluateRejectsBadShapes() {
        assertThatThrownBy(() -> StaibFig2.evaluate(new double[6][3], new double[7][3], ALPHA)).hasMessageContaining("7 schedules");
        assertThatThrownBy(() -> StaibFig2.evaluate(new double[7][1], new double[7][1], ALPHA)).hasMessageContaining("seeds = 1");
    }

    @Test
    void noDataIsInconclusiveWithTheFetchCommand() {
        Supplier<Dataset> none = () -> {
            throw new DataUnavailableException("no digit data found (looked in x); " + DigitData.FETCH_HINT);
        };
        StaibFig2 claim = new StaibFig2(none, null, StartUp.ZERO, Fig2Schedule.paper(), 100, 1e-3, 6000);
        ClaimResult r;
        try (Parallel p = new Parallel(1)) {
            r = claim.check(new ClaimContext("STAIB-FIG2", 1, Budget.STANDARD, ALPHA * 17, p, null));
        }
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.evidence()).contains(DigitData.FETCH_COMMAND).contains("never substituted");
        assertThat(r.details()).containsEntry("dataset", "none").containsEntry("fetch", DigitData.FETCH_COMMAND);
        assertThat(r.falseFailureRate()).isZero();
    }

    @Test
    void runsEndToEndOnTinySyntheticData(@TempDir Path out) throws Exception {
        Dataset d = tiny();
        StaibFig2 claim = new StaibFig2(() -> d, out, StartUp.ZERO, Fig2Schedule.paper(), 10, 0.05, 60);
        double alpha = 1e-5 * 17;
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = claim.check(new ClaimContext("STAIB-FIG2", 3, Budget.STANDARD, alpha, p, null));
        }
        int k = StaibFig2.seeds(alpha / 17);
        assertThat(k).isGreaterThanOrEqualTo(3);
        assertThat(r.trials()).isEqualTo(7L * k);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(alpha * (1 + 1e-12));
        assertThat(r.details()).containsEntry("dataset", d.name()).containsEntry("seeds", k).containsEntry("epochs", 6)
                .containsEntry("stepsPerEpoch", 10).containsEntry("curvesCsv", "experiments/fig2/fig2.csv")
                .containsEntry("curvesX", "epoch").containsEntry("curvesY", "loss").containsEntry("curvesYLabel", "training loss")
                .containsEntry("curvesGroup", List.of("schedule"));
        assertThat(r.details().get("earlyEpoch")).isEqualTo(3); // 600 iterations = 60 epochs here: capped at half the run
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sub = (List<Map<String, Object>>) r.details().get("subClaims");
        assertThat(sub).hasSize(StaibFig2.TESTS + 1);
        assertThat(r.evidence()).contains("synthetic test data").contains("Side run with v_0 = 0, bias-corrected");
        assertThat(out.resolve("fig2.csv")).exists();
        assertThat(Files.readString(out.resolve("fig2.json"))).contains("synthetic test data");
        assertThat(r.verdict()).isNotNull();
        // the one-vs-rest side run: reported, labelled, never part of the verdict
        @SuppressWarnings("unchecked")
        Map<String, Object> ovr = (Map<String, Object>) r.details().get("oneVsRestSideRun");
        assertThat(ovr).containsEntry("model", "one-vs-rest").containsEntry("seeds", Math.min(StaibFig2.OVR_SEEDS, k))
                .containsEntry("iterations", 60L).containsKeys("note", "schedules", "statistics", "subClaims", "verdictTheseTestsWouldGive");
        assertThat((String) ovr.get("note")).startsWith("side run, not part of the verdict");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) ovr.get("schedules");
        assertThat(rows).hasSize(7).allSatisfy(x -> assertThat((Double) x.get("finalLossMean")).isBetween(0.0, Math.log(2)));
        @SuppressWarnings("unchecked")
        Map<String, Object> st = (Map<String, Object>) ovr.get("statistics");
        assertThat(st).containsKeys("F2a relative spread after the paper's first epoch (claimed <= 0.1)",
                "F2c spread over C - spread over constant beta (claimed < 0)");
        assertThat(r.evidence()).contains("One-vs-rest side run (not part of the verdict;").contains("Under this loss F2a's relative spread");
    }

    /** Same master seed, 1 or 2 threads: identical verdict, evidence and details (side runs included). */
    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Dataset d = tiny();
        StaibFig2 claim = new StaibFig2(() -> d, null, StartUp.ZERO, Fig2Schedule.paper(), 10, 0.05, 40);
        ClaimResult one, two;
        try (Parallel p = new Parallel(1)) {
            one = claim.check(new ClaimContext("STAIB-FIG2", 5, Budget.STANDARD, 1e-4, p, null));
        }
        try (Parallel p = new Parallel(2)) {
            two = claim.check(new ClaimContext("STAIB-FIG2", 5, Budget.STANDARD, 1e-4, p, null));
        }
        assertThat(two.verdict()).isEqualTo(one.verdict());
        assertThat(two.evidence()).isEqualTo(one.evidence());
        assertThat(two.details().toString()).isEqualTo(one.details().toString());
        assertThat(one.details()).containsKey("oneVsRestSideRun");
    }

    private static Dataset tiny() {
        UniformRandomProvider rng = Seeds.rng(4);
        int n = 100, p = 20, k = 10;
        double[] x = new double[n * p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % k;
            for (int j = 0; j < p; j++) x[i * p + j] = (j % k == y[i] || rng.nextDouble() < 0.2) ? rng.nextDouble() : 0;
        }
        return new Dataset("synthetic test data (n=100, p=20, K=10)", n, p, k, x, y);
    }

    @Test
    void seedsAndEpochsComeFromTheBudget() {
        assertThat(StaibFig2.seeds(1e-6)).isEqualTo(org.saddlecheck.stats.Power.tTrials(StaibFig2.EFFECT_SD, 1e-6, StaibFig2.POWER).n());
        assertThat(StaibFig2.seeds(0.4)).isEqualTo(3);
        StaibFig2 c = new StaibFig2();
        assertThat(c.epochs(Budget.STANDARD, 100, 150)).isEqualTo(60);
        assertThat(c.epochs(Budget.STANDARD, 100, 20)).isEqualTo(60); // sparser data: not more iterations
        assertThat(c.epochs(Budget.QUICK, 100, 150)).isEqualTo(15);
        assertThat(c.epochs(Budget.THOROUGH, 100, 150)).isEqualTo(240);
        assertThat(c.epochs(Budget.STANDARD, 600, 150)).isEqualTo(10);
        assertThat(c.epochs(Budget.STANDARD, 600, 390)).isEqualTo(4); // Fashion-MNIST: 6000 * 150/390 = 2308 iterations
        assertThat(c.epochs(Budget.QUICK, 600, 390)).isEqualTo(2);
        assertThat(StaibFig2.earlyEpoch(100, 60)).isEqualTo(6);
        assertThat(StaibFig2.earlyEpoch(100, 10)).isEqualTo(5);
        assertThat(StaibFig2.earlyEpoch(600, 10)).isEqualTo(1);
        assertThat(StaibFig2.earlyEpoch(5000, 2)).isEqualTo(1);
        assertThat(StaibFig2.earlyEpoch(10, 2)).isEqualTo(1);
        assertThat(c.info().id()).isEqualTo("STAIB-FIG2");
        assertThat(c.statisticalTests()).isEqualTo(17);
        assertThat(StaibFig2Claims.all()).extracting(x -> x.info().id()).containsExactly("STAIB-FIG2");
    }

    @Test
    void rejectsBadSetUps() {
        Supplier<Dataset> d = StaibFig2Test::tiny;
        assertThatThrownBy(() -> new StaibFig2(null, null, StartUp.ZERO, Fig2Schedule.paper(), 10, 0.05, 60)).hasMessageContaining("data");
        assertThatThrownBy(() -> new StaibFig2(d, null, StartUp.ZERO, Fig2Schedule.paper().subList(0, 4), 10, 0.05, 60))
                .hasMessageContaining("7 schedules");
        assertThatThrownBy(() -> new StaibFig2(d, null, null, Fig2Schedule.paper(), 10, 0.05, 60)).hasMessageContaining("startUp");
        assertThatThrownBy(() -> new StaibFig2(d, null, StartUp.ZERO, Fig2Schedule.paper(), 0, 0.05, 60)).hasMessageContaining("batch = 0");
        assertThatThrownBy(() -> new StaibFig2(d, null, StartUp.ZERO, Fig2Schedule.paper(), 10, 0, 60)).hasMessageContaining("eta0 = 0");
        assertThatThrownBy(() -> new StaibFig2(d, null, StartUp.ZERO, Fig2Schedule.paper(), 10, 0.05, 0))
                .hasMessageContaining("standardIterations = 0");
    }
}
