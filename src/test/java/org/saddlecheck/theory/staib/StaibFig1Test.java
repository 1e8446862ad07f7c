package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.Fig1Experiment;
import org.saddlecheck.experiment.Fig1Experiment.Method;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.StepSchedule;

class StaibFig1Test {
    /** A per-test alpha typical of a full run (1e-6 per statistical test). */
    static final double ALPHA = StaibFig1.TESTS * 1e-6;

    static ClaimResult check(StaibFig1 claim, Parallel p) {
        return check(claim, p, Budget.STANDARD);
    }

    static ClaimResult check(StaibFig1 claim, Parallel p, Budget budget) {
        return claim.check(new ClaimContext("STAIB-FIG1", 20190126L, budget, ALPHA, p, null));
    }

    @Test
    void holdsWithThePaperMethodsAndWritesTheCurves(@TempDir Path dir) throws Exception {
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = check(new StaibFig1(Fig1Experiment.PAPER, dir), p);
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(ALPHA);
        assertThat(r.details()).containsEntry("curvesCsv", "experiments/fig1/fig1.csv").containsEntry("curvesX", "iteration")
                .containsEntry("curvesY", "mean").containsEntry("curvesGroup", List.of("method", "eta"))
                .containsEntry("curvesBand", List.of("q10", "q90")).containsEntry("experimentJson", "experiments/fig1/fig1.json");
        assertThat(Files.readString(dir.resolve("fig1.csv"))).startsWith("method,eta,iteration,mean,q10,q50,q90\n");
        assertThat(Files.exists(dir.resolve("fig1.json"))).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> ratio = (Map<String, Object>) r.details().get("F1aRatio");
        assertThat((double) ratio.get("ratio")).isBetween(0.5, 2.0);
        assertThat(r.evidence()).contains("sgd(0.001) never").contains("rmsprop(0.0001) never");
        assertThat(new StaibFig1().statisticalTests()).isEqualTo(4);
        assertThat(new StaibFig1().info().id()).isEqualTo("STAIB-FIG1");
    }

    /** β = η^{2/3} instead of 1 − η^{2/3}: v forgets at once, A ≈ 1/|g| (sign descent) and RMSProp(0.001) no longer escapes. */
    @Test
    void violatedWhenTheBetaScheduleIsWrong(@TempDir Path dir) {
        Fig1Experiment.OptimizerFactory broken = (run, problem, burnIn) -> run.method() == Method.SGD
                ? Algorithms.sgd(problem, run.eta())
                : Algorithms.rmspropDiagonal(problem, StepSchedule.constant(run.eta()), Math.pow(run.eta(), 2.0 / 3), 1e-8,
                        EpsPlacement.INSIDE, false);
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = check(new StaibFig1(broken, dir), p, Budget.QUICK);
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("(F1a) median escape ratio").contains("(F1b/c)");
    }

    /** ε = 1 instead of 1e-8 inside the root: A ≈ (v + 1)^{−1/2} ≈ I, so RMSProp(0.001) is SGD(0.001) and never escapes. */
    @Test
    void violatedWhenEpsIsMisScaled(@TempDir Path dir) {
        Fig1Experiment.OptimizerFactory broken = (run, problem, burnIn) -> run.method() == Method.SGD
                ? Algorithms.sgd(problem, run.eta())
                : Algorithms.fig1Rmsprop(problem, run.eta(), 1.0, 1.0);
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = check(new StaibFig1(broken, dir), p, Budget.QUICK);
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("lies below [0.5, 2]");
    }

    /** An over-aggressive preconditioner (A = (v + ε)^{−1}: ε misplaced outside a missing root) escapes far too fast. */
    @Test
    void violatedWhenTheRootIsMissing(@TempDir Path dir) {
        Fig1Experiment.OptimizerFactory broken = (run, problem, burnIn) -> run.method() == Method.SGD
                ? Algorithms.sgd(problem, run.eta())
                : org.saddlecheck.optim.PreconditionedSgd.builder(problem, StepSchedule.constant(run.eta()))
                        .estimator(org.saddlecheck.estimate.EmaEstimator.diagonal(2, 1 - Math.pow(run.eta(), 2.0 / 3)))
                        .preconditioner(new Squared(new org.saddlecheck.precondition.DiagonalInverseRoot(2, 1e-8, EpsPlacement.INSIDE)))
                        .timing(org.saddlecheck.optim.PreconditionedSgd.Timing.AFTER_SAMPLE).build();
        ClaimResult r;
        try (Parallel p = new Parallel(2)) {
            r = check(new StaibFig1(broken, dir), p, Budget.QUICK);
        }
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("lies above [0.5, 2]");
    }

    /** Test-only preconditioner: applies a diagonal preconditioner twice (A² instead of A). */
    private static final class Squared implements org.saddlecheck.precondition.Preconditioner {
        private final org.saddlecheck.precondition.DiagonalInverseRoot inner;
        private final double[] tmp = new double[2];

        Squared(org.saddlecheck.precondition.DiagonalInverseRoot inner) {
            this.inner = inner;
        }

        @Override
        public int dim() {
            return 2;
        }

        @Override
        public org.saddlecheck.estimate.Shape input() {
            return inner.input();
        }

        @Override
        public void update(double[] estimate) {
            inner.update(estimate);
        }

        @Override
        public void apply(double[] v, double[] out) {
            inner.apply(v, tmp);
            inner.apply(tmp, out);
        }

        @Override
        public void matrix(double[] out) {
            inner.matrix(out);
            out[0] *= out[0];
            out[3] *= out[3];
        }

        @Override
        public String describe() {
            return "squared " + inner.describe();
        }
    }
}
