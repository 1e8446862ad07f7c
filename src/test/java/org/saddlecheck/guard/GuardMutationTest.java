package org.saddlecheck.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.EstimatorState;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.DiagonalInverseRoot;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.Preconditioner;
import org.saddlecheck.problem.Problem;

/**
 * The guard at work (issue: "a seeded change to an update rule — β^t for β^(t−1), or a dropped √ in the
 * preconditioner — makes verify fail with a message that names the moved trajectory"). Each test composes an
 * optimizer through {@link PreconditionedSgd}'s builder exactly as its {@link org.saddlecheck.optim.Algorithms}
 * factory does, with one seeded fault in a test-only estimator or preconditioner whose {@code describe()} is that of
 * the correct component (a bug does not rename the method), runs it as the committed golden trajectory
 * ({@link GoldenTrajectory#withOptimizer}) and compares it with the committed baseline file. Controls: the same
 * composition without the fault reproduces the baseline, so the failure comes from the fault alone.
 */
class GuardMutationTest {
    static final Pattern MOVED_X0 = Pattern.compile("x\\[0] was (\\S+) now (\\S+) \\(rel\\. change (\\S+) > 1e-9\\)");

    /** The committed baseline of a trajectory (the copy on the test class path). */
    static String committed(String id) {
        try (InputStream in = GuardMutationTest.class.getResourceAsStream("/baseline/trajectories/" + id + ".json")) {
            assertThat(in).as("committed baseline of %s (run `%s`)", id, GoldenBaseline.REBASELINE_COMMAND).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts that the message names the trajectory and says x[0] moved from the committed to the recomputed value. */
    static void assertMoved(String id, Optional<String> message, GoldenTrajectory mutated) {
        assertThat(message).as("the seeded fault must make the guard fail for %s", id).isPresent();
        String m = message.get();
        // (not printed: CI logs would read it as a real failure)
        assertThat(m).startsWith("trajectory " + id + " moved (");
        JsonNode baseline = GoldenJson.read(id, committed(id));
        double was = baseline.get("x").get(0).doubleValue();
        double now = mutated.run().x()[0];
        Matcher x0 = MOVED_X0.matcher(m);
        assertThat(x0.find()).as("message names x[0] with from/to values:%n%s", m).isTrue();
        assertThat(Double.parseDouble(x0.group(1))).isEqualTo(was);
        assertThat(Double.parseDouble(x0.group(2))).isEqualTo(now).isNotEqualTo(was);
        assertThat(Double.parseDouble(x0.group(3))).isGreaterThan(1e-6); // far beyond the tolerance, not rounding
        assertThat(m).contains("state.estimator.accumulator[0] was ");
        // the header is unchanged: the fault hides behind the correct description
        assertThat(m).doesNotContain("optimizer was");
    }

    // ------------------------------------------------------------------ (1) beta^t for beta^(t-1)

    /**
     * A bias-corrected diagonal EMA whose correction uses the exponent one too high: it divides the raw recursion by
     * 1 − β^(t+1) instead of 1 − β^t (the "β^t for β^(t−1)" with t counted one ahead). State and description
     * are those of the correct estimator.
     */
    static final class ShiftedBiasCorrection implements Estimator {
        final EmaEstimator raw;
        final double beta;
        final String description;

        ShiftedBiasCorrection(int d, double beta) {
            this.raw = new EmaEstimator(d, Shape.DIAGONAL, beta, false, null);
            this.beta = beta;
            this.description = new EmaEstimator(d, Shape.DIAGONAL, beta, true, null).describe();
        }

        @Override public int dim() { return raw.dim(); }
        @Override public Shape shape() { return Shape.DIAGONAL; }
        @Override public void observe(double[] x, double[] g) { raw.observe(x, g); }

        @Override
        public void estimate(double[] x, double[] out) {
            raw.raw(out);
            long t = raw.count();
            if (t == 0) return;
            double w = 1.0 - Math.pow(beta, t + 1); // SEEDED FAULT: correct is 1 - beta^t
            for (int i = 0; i < out.length; i++) out[i] /= w;
        }

        @Override public long count() { return raw.count(); }
        @Override public void reset() { raw.reset(); }
        @Override public String describe() { return description; }
        @Override public EstimatorState state() { return raw.state(); }
        @Override public void restore(EstimatorState s) { raw.restore(s); }
    }

    /** Algorithms.rmspropDiagonal(p, constant(0.01), 0.9, 1e-8, INSIDE, biasCorrected = true), with a given estimator. */
    static PreconditionedSgd biasCorrectedRmsprop(Problem p, Estimator e) {
        int d = p.dim();
        return PreconditionedSgd.builder(p, StepSchedule.constant(0.01)).name("rmsprop-diag").estimator(e)
                .preconditioner(new DiagonalInverseRoot(d, 1e-8, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    @Test
    void shiftedBiasCorrectionExponentMovesRmspropTrajectory() {
        String id = "rmsprop-diag-bias-corrected@fig1";
        GoldenTrajectory golden = GoldenTrajectories.byId(id);
        String baseline = committed(id);

        GoldenTrajectory control = golden.withOptimizer((p, aux) ->
                biasCorrectedRmsprop(p, new EmaEstimator(p.dim(), Shape.DIAGONAL, 0.9, true, null)));
        assertThat(GoldenBaseline.compare(control, baseline)).as("unmutated composition reproduces the baseline").isEmpty();

        GoldenTrajectory mutated = golden.withOptimizer((p, aux) -> biasCorrectedRmsprop(p, new ShiftedBiasCorrection(p.dim(), 0.9)));
        assertThat(mutated.describe()).isEqualTo(golden.describe());
        assertMoved(id, GoldenBaseline.compare(mutated, baseline), mutated);
    }

    /** Algorithms.adam(p, constant(0.01), 0.9, 0.999, 1e-8), with a given second-moment estimator. */
    static PreconditionedSgd adam(Problem p, Estimator e) {
        return PreconditionedSgd.builder(p, StepSchedule.constant(0.01)).name("adam").estimator(e)
                .preconditioner(new DiagonalInverseRoot(p.dim(), 1e-8, EpsPlacement.OUTSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).momentum(0.9, true).build();
    }

    @Test
    void shiftedBiasCorrectionExponentMovesAdamTrajectory() {
        String id = "adam@fig1";
        GoldenTrajectory golden = GoldenTrajectories.byId(id);
        String baseline = committed(id);
        assertThat(GoldenBaseline.compare(golden.withOptimizer((p, aux) ->
                adam(p, new EmaEstimator(p.dim(), Shape.DIAGONAL, 0.999, true, null))), baseline)).isEmpty();
        GoldenTrajectory mutated = golden.withOptimizer((p, aux) -> adam(p, new ShiftedBiasCorrection(p.dim(), 0.999)));
        assertMoved(id, GoldenBaseline.compare(mutated, baseline), mutated);
    }

    // ------------------------------------------------------------------ (2) a dropped square root

    /** (diag(v) + εI)^{−1} where (diag(v) + εI)^{−1/2} is meant: the √ is dropped. Describes itself as the correct one. */
    static final class DroppedSqrtDiagonal implements Preconditioner {
        final int d;
        final double eps;
        final double[] denom;
        final String description;

        DroppedSqrtDiagonal(int d, double eps) {
            this.d = d;
            this.eps = eps;
            this.denom = new double[d];
            this.description = new DiagonalInverseRoot(d, eps, EpsPlacement.INSIDE).describe();
        }

        @Override public int dim() { return d; }
        @Override public Shape input() { return Shape.DIAGONAL; }

        @Override
        public void update(double[] v) {
            for (int i = 0; i < d; i++) denom[i] = Math.max(v[i], 0.0) + eps; // SEEDED FAULT: correct is Math.sqrt(...)
        }

        @Override
        public void apply(double[] v, double[] out) {
            for (int i = 0; i < d; i++) out[i] = v[i] / denom[i];
        }

        @Override
        public void matrix(double[] out) {
            java.util.Arrays.fill(out, 0.0);
            for (int i = 0; i < d; i++) out[i * d + i] = 1.0 / denom[i];
        }

        @Override public String describe() { return description; }
    }

    /** Algorithms.rmspropDiagonal(p, constant(0.01), 0.9, 1e-8, INSIDE, false), with a given preconditioner. */
    static PreconditionedSgd rmspropInside(Problem p, Preconditioner pre) {
        return PreconditionedSgd.builder(p, StepSchedule.constant(0.01)).name("rmsprop-diag")
                .estimator(new EmaEstimator(p.dim(), Shape.DIAGONAL, 0.9, false, null)).preconditioner(pre)
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    @Test
    void droppedSqrtInDiagonalPreconditionerMovesRmspropTrajectory() {
        String id = "rmsprop-diag-inside@fig1";
        GoldenTrajectory golden = GoldenTrajectories.byId(id);
        String baseline = committed(id);
        assertThat(GoldenBaseline.compare(golden.withOptimizer((p, aux) ->
                rmspropInside(p, new DiagonalInverseRoot(p.dim(), 1e-8, EpsPlacement.INSIDE))), baseline)).isEmpty();
        GoldenTrajectory mutated = golden.withOptimizer((p, aux) -> rmspropInside(p, new DroppedSqrtDiagonal(p.dim(), 1e-8)));
        assertThat(mutated.describe()).isEqualTo(golden.describe());
        assertMoved(id, GoldenBaseline.compare(mutated, baseline), mutated);
    }

    /** (G + εI)^{−1} where (G + εI)^{−1/2} is meant (full matrix, Staib Alg. 2). Describes itself as the correct one. */
    static final class DroppedSqrtFull implements Preconditioner {
        final int d;
        final double eps;
        final SymmetricEigen eig;
        final double[] a;
        final double[] fv;
        final String description;

        DroppedSqrtFull(int d, double eps) {
            this.d = d;
            this.eps = eps;
            this.eig = new SymmetricEigen(d);
            this.a = new double[d * d];
            this.fv = new double[d];
            this.description = new FullInverseRoot(d, eps, EpsPlacement.INSIDE).describe();
        }

        @Override public int dim() { return d; }
        @Override public Shape input() { return Shape.FULL; }

        @Override
        public void update(double[] g) {
            eig.decompose(g);
            double[] l = eig.values();
            for (int i = 0; i < d; i++) fv[i] = 1.0 / (Math.max(l[i], 0.0) + eps); // SEEDED FAULT: correct is 1/sqrt(...)
            eig.reconstructValues(fv, a);
        }

        @Override
        public void apply(double[] v, double[] out) {
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += a[i * d + j] * v[j];
                out[i] = s;
            }
        }

        @Override
        public void matrix(double[] out) {
            System.arraycopy(a, 0, out, 0, d * d);
        }

        @Override public String describe() { return description; }
    }

    /** Algorithms.fullMatrixRmsprop(p, constant(0.02), 0.9, 1e-4) (Staib Alg. 2 as printed), with a given preconditioner. */
    static PreconditionedSgd alg2(Problem p, Preconditioner pre) {
        return PreconditionedSgd.builder(p, StepSchedule.constant(0.02)).name("alg2-full-rmsprop")
                .estimator(EmaEstimator.full(p.dim(), 0.9)).preconditioner(pre)
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    @Test
    void droppedSqrtInFullMatrixPreconditionerMovesAlg2Trajectory() {
        String id = "alg2-literal@quad4";
        GoldenTrajectory golden = GoldenTrajectories.byId(id);
        String baseline = committed(id);
        assertThat(GoldenBaseline.compare(golden.withOptimizer((p, aux) ->
                alg2(p, new FullInverseRoot(p.dim(), 1e-4, EpsPlacement.INSIDE))), baseline)).isEmpty();
        GoldenTrajectory mutated = golden.withOptimizer((p, aux) -> alg2(p, new DroppedSqrtFull(p.dim(), 1e-4)));
        assertThat(mutated.describe()).isEqualTo(golden.describe());
        assertMoved(id, GoldenBaseline.compare(mutated, baseline), mutated);
    }

    // ------------------------------------------------------------------ the same faults through the directory check

    @Test
    void directoryCheckListsEveryMovedTrajectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        GoldenTrajectory a = GoldenTrajectories.byId("rmsprop-diag-bias-corrected@fig1");
        GoldenTrajectory b = GoldenTrajectories.byId("rmsprop-diag-inside@fig1");
        GoldenTrajectory c = GoldenTrajectories.byId("sgd@fig1");
        for (GoldenTrajectory t : java.util.List.of(a, b, c)) {
            java.nio.file.Files.writeString(dir.resolve(GoldenBaseline.fileName(t)), committed(t.id()));
        }
        var report = GoldenBaseline.check(dir, java.util.List.of(
                a.withOptimizer((p, aux) -> biasCorrectedRmsprop(p, new ShiftedBiasCorrection(p.dim(), 0.9))),
                b.withOptimizer((p, aux) -> rmspropInside(p, new DroppedSqrtDiagonal(p.dim(), 1e-8))),
                c));
        assertThat(report.ok()).isFalse();
        assertThat(report.checked()).isEqualTo(3);
        assertThat(report.moved()).hasSize(2);
        assertThat(report.message())
                .contains("golden trajectories: 3 checked, 2 moved, 0 missing, 0 stale")
                .contains("trajectory rmsprop-diag-bias-corrected@fig1 moved")
                .contains("trajectory rmsprop-diag-inside@fig1 moved")
                .doesNotContain("trajectory sgd@fig1 moved")
                .contains(GoldenBaseline.REBASELINE_COMMAND);
    }
}
