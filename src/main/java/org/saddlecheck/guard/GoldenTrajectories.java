package org.saddlecheck.guard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.BurnIn;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.RunningMaxEstimator;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.precondition.DiagonalInverseRoot;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Fig1Saddle;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.problem.NoiseKind;
import org.saddlecheck.problem.Problem;
import org.saddlecheck.problem.QuadraticSaddle;
import org.saddlecheck.problem.ReddiCounterexample;
import org.saddlecheck.problem.SecondMoments;
import org.saddlecheck.problem.StochasticOracle;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * The catalogue of golden trajectories (the regression guard of the issue "golden trajectories: for every optimizer
 * and a few fixtures, the state after k steps from a fixed seed"): every factory of {@link Algorithms}, Jin et al.'s
 * PGD with explicit practical parameters and plain GD, each on two or three fixtures.
 *
 * <p>Fixtures ({@link #fixtures()}):
 * <ul>
 *   <li>{@code fig1}: Staib et al. Figure 1's saddle, 4-point finite sum, from (0.1, 0.01), k = 120;</li>
 *   <li>{@code quad4}: a Haar-rotated quadratic saddle in d = 4, spectrum (1, 0.5, −0.1, −0.3), Rademacher noise
 *       with a correlated covariance, k = 100;</li>
 *   <li>{@code logsum3}: Σ log(1 + x_i²) in d = 3 with Rademacher noise diag(0.5, 0.2, 0.1), k = 100;</li>
 *   <li>{@code reddi}: Reddi et al.'s counterexample on [−1, 1] (C = 10, ζ = 0.5), for the projected steps, k = 100;</li>
 *   <li>{@code cosine3}, {@code cosine4-haar}: the cosine family (a = 1) started at a strict saddle, for PGD
 *       (η = 1/ℓ = 0.5, r = 0.01, g_thres = f_thres = 1e-3, t_thres = 40; cap k = 100: each run perturbs, escapes,
 *       perturbs again and terminates at t = 81); {@code cosine3-near-saddle} (10^−3 off the saddle) for GD, k = 40.</li>
 * </ul>
 * All streams derive from {@link #SEED} (fixed here, independent of {@code -Dsaddlecheck.seed}: a baseline must not
 * depend on the command line). Every trajectory takes well under a millisecond per step.
 */
public final class GoldenTrajectories {
    private GoldenTrajectories() {}

    /** Master seed of every golden trajectory and of the random fixtures (Haar bases). */
    public static final long SEED = Seeds.DEFAULT_MASTER_SEED;

    private static final List<GoldenTrajectory> ALL;
    private static final Map<String, Fixture> FIXTURES;

    static {
        Map<String, Fixture> fx = new LinkedHashMap<>();
        put(fx, new Fixture("fig1", Fig1Saddle.finiteSum(), new double[] {0.1, 0.01}));
        QuadraticSaddle q = QuadraticSaddle.haar(new double[] {1.0, 0.5, -0.1, -0.3}, fixtureRng("quad4"));
        double[] cov = {
            0.40, 0.05, 0.05, 0.05,
            0.05, 0.30, 0.05, 0.05,
            0.05, 0.05, 0.20, 0.05,
            0.05, 0.05, 0.05, 0.10};
        put(fx, new Fixture("quad4", q.withNoise(NoiseKind.RADEMACHER, cov), new double[] {0.3, -0.2, 0.1, 0.05}));
        put(fx, new Fixture("logsum3", new LogSum(3).withNoise(new double[] {0.5, 0.2, 0.1}), new double[] {1.5, -0.7, 0.3}));
        put(fx, new Fixture("reddi", new ReddiCounterexample(10, 0.5), new double[] {0.5}));
        CosineFamily c3 = CosineFamily.axisAligned(3, 1.0);
        put(fx, new Fixture("cosine3", c3, c3.saddle(1)));
        CosineFamily c4 = CosineFamily.haar(4, 1.0, fixtureRng("cosine4-haar"));
        put(fx, new Fixture("cosine4-haar", c4, c4.saddle(2)));
        double[] near = c3.saddle(1);
        near[0] -= 1e-3;
        near[1] = 0.2;
        near[2] = -0.1;
        put(fx, new Fixture("cosine3-near-saddle", c3, near));
        FIXTURES = java.util.Collections.unmodifiableMap(fx);
        ALL = List.copyOf(build());
    }

    private static void put(Map<String, Fixture> m, Fixture f) {
        if (m.put(f.key(), f) != null) throw new IllegalStateException("fixture key " + f.key() + " appears twice");
    }

    private static UniformRandomProvider fixtureRng(String key) {
        return Seeds.rng(SEED, "golden-fixture/" + key, 0);
    }

    /** Every golden trajectory, in catalogue order; ids are unique. */
    public static List<GoldenTrajectory> all() {
        return ALL;
    }

    /** The fixtures by key. */
    public static Map<String, Fixture> fixtures() {
        return FIXTURES;
    }

    /** The trajectory with this id; throws naming the id if there is none. */
    public static GoldenTrajectory byId(String id) {
        Require.notNull("id", id);
        for (GoldenTrajectory t : ALL) if (t.id().equals(id)) return t;
        throw new IllegalArgumentException("id = " + id + " is not allowed: it must be the id of a golden trajectory (e.g. "
                + ALL.get(0).id() + ")");
    }

    /** The fixture's problem as a problem with exact second moments (every stochastic fixture here has them). */
    @SuppressWarnings("unchecked")
    static <P extends StochasticOracle & SecondMoments> P moments(Problem p) {
        if (!(p instanceof SecondMoments)) {
            throw new IllegalArgumentException("problem = " + p.name() + " is not allowed: it must know its exact second moments");
        }
        return (P) p;
    }

    private static StepSchedule c(double eta) {
        return StepSchedule.constant(eta);
    }

    private static final class Catalogue {
        final List<GoldenTrajectory> list = new ArrayList<>();

        void add(String key, String factory, GoldenTrajectory.OptimizerFactory f, String... fixtures) {
            Require.that(fixtures.length >= 2, "fixtures", fixtures.length, "at least 2 per optimizer");
            for (String k : fixtures) {
                Fixture fx = FIXTURES.get(k);
                if (fx == null) throw new IllegalStateException("unknown fixture " + k);
                list.add(GoldenTrajectory.stochastic(key, "Algorithms." + factory, fx, steps(k), SEED, f));
            }
        }

        private static int steps(String fixture) {
            return fixture.equals("fig1") ? 120 : 100;
        }
    }

    private static List<GoldenTrajectory> build() {
        Catalogue c = new Catalogue();
        final String fig1 = "fig1", quad4 = "quad4", logsum = "logsum3", reddi = "reddi";

        // SGD and Staib Alg. 1
        c.add("sgd", "sgd", (p, a) -> Algorithms.sgd(p, 0.05), fig1, quad4, logsum, reddi);
        c.add("sgd-inverse-sqrt", "sgd", (p, a) -> Algorithms.sgd(p, StepSchedule.inverseSqrt(0.1)), fig1, quad4);
        c.add("alg1-ema-diag", "preconditionedSgd", (p, a) -> Algorithms.preconditionedSgd(p, c(0.02),
                EmaEstimator.diagonal(p.dim(), 0.9), new DiagonalInverseRoot(p.dim(), 1e-2, EpsPlacement.INSIDE)), fig1, quad4);
        c.add("alg1-idealized-full", "idealizedRmsprop", (p, a) -> Algorithms.idealizedRmsprop(moments(p), c(0.02), 1e-4),
                fig1, quad4, logsum);
        c.add("alg1-idealized-diag", "idealizedDiagonalRmsprop",
                (p, a) -> Algorithms.idealizedDiagonalRmsprop(moments(p), c(0.02), 1e-4), fig1, quad4);
        c.add("alg1-idealized-covariance", "idealizedCovarianceSgd",
                (p, a) -> Algorithms.idealizedCovarianceSgd(moments(p), c(0.02), 1e-4), fig1, quad4);

        // Staib Alg. 2, 3
        c.add("alg2-literal", "fullMatrixRmsprop", (p, a) -> Algorithms.fullMatrixRmsprop(p, c(0.02), 0.9, 1e-4), fig1, quad4, logsum);
        c.add("alg2-estimate-first", "fullMatrixRmspropEstimateFirst",
                (p, a) -> Algorithms.fullMatrixRmspropEstimateFirst(p, c(0.02), 0.9, 1e-2), fig1, quad4);
        c.add("alg3-burn-in", "rmspropWithBurnIn", (p, a) -> Algorithms.rmspropWithBurnIn(p, c(0.02), 0.9, 1e-4, 20), fig1, quad4);

        // Staib Alg. 4
        c.add("alg4-ema-diag", "alg4", (p, a) -> Algorithms.alg4(p, c(0.02), 0.1, 10, EmaEstimator.diagonal(p.dim(), 0.9),
                new DiagonalInverseRoot(p.dim(), 1e-2, EpsPlacement.INSIDE)), fig1, quad4);
        c.add("alg4-exact", "alg4Exact", (p, a) -> Algorithms.alg4Exact(moments(p), c(0.02), 0.1, 10, 1e-4), fig1, quad4);
        c.add("alg4-perturbed-benign", "alg4Perturbed", (p, a) -> Algorithms.alg4Perturbed(moments(p), c(0.02), 0.1, 10, 1e-4,
                0.05, PerturbedPreconditioner.Mode.BENIGN, a), fig1, quad4);
        c.add("alg4-perturbed-adversarial", "alg4Perturbed", (p, a) -> Algorithms.alg4Perturbed(moments(p), c(0.02), 0.1, 10,
                1e-4, 0.05, PerturbedPreconditioner.Mode.ADVERSARIAL, null), fig1, quad4);
        c.add("alg4-rmsprop", "alg4Rmsprop", (p, a) -> Algorithms.alg4Rmsprop(p, c(0.02), 0.1, 10, 0.9, 1e-4, 20, 3), fig1, quad4);

        // diagonal RMSProp
        c.add("rmsprop-diag-inside", "rmspropDiagonal",
                (p, a) -> Algorithms.rmspropDiagonal(p, c(0.01), 0.9, 1e-8, EpsPlacement.INSIDE, false), fig1, quad4, logsum);
        c.add("rmsprop-diag-outside", "rmspropDiagonal",
                (p, a) -> Algorithms.rmspropDiagonal(p, c(0.01), 0.9, 1e-8, EpsPlacement.OUTSIDE, false), fig1, quad4);
        c.add("rmsprop-diag-bias-corrected", "rmspropDiagonal",
                (p, a) -> Algorithms.rmspropDiagonal(p, c(0.01), 0.9, 1e-8, EpsPlacement.INSIDE, true), fig1, logsum, reddi);
        c.add("rmsprop-diag-scheduled-beta", "rmspropDiagonal", (p, a) -> Algorithms.rmspropDiagonal(p,
                StepSchedule.inverseSqrt(0.05), BetaSchedule.fromSteps(StepSchedule.inverseSqrt(0.05), 1.0), 1e-8,
                EpsPlacement.INSIDE, false), fig1, logsum);
        c.add("fig1-rmsprop", "fig1Rmsprop", (p, a) -> Algorithms.fig1Rmsprop(p, 0.01, 1.0, 1e-8), fig1, quad4);
        c.add("fig1-rmsprop-burn-in", "fig1Rmsprop", (p, a) -> Algorithms.fig1Rmsprop(p, 0.01, 1.0, 1e-8, BurnIn.length(0.01)),
                fig1, logsum);
        c.add("torch-rmsprop", "torchRmsprop", (p, a) -> Algorithms.torchRmsprop(p, 0.01, 0.99, 1e-8), fig1, quad4, reddi);
        c.add("optax-rmsprop", "optaxRmsprop", (p, a) -> Algorithms.optaxRmsprop(p, 0.01, 0.9, 1e-8), fig1, quad4);

        // Adam, AMSGrad, full-matrix Adam
        c.add("adam", "adam", (p, a) -> Algorithms.adam(p, c(0.01), 0.9, 0.999, 1e-8), fig1, quad4, reddi);
        c.add("amsgrad-torch", "amsgrad", (p, a) -> Algorithms.amsgrad(p, c(0.01), 0.9, 0.99, 1e-8,
                RunningMaxEstimator.Variant.TORCH), fig1, reddi);
        c.add("amsgrad-optax", "amsgrad", (p, a) -> Algorithms.amsgrad(p, c(0.01), 0.9, 0.99, 1e-8,
                RunningMaxEstimator.Variant.OPTAX), fig1, reddi);
        // eps = 1e-3, not 1e-8: while Ĝ is rank-deficient (the first d − 1 steps) its null eigenvalues are rounding
        // noise ~1e-17, √ of which is ~3e-9 ≈ ε, so with ε = 1e-8 a last-ulp change of x_0 moved the end by 1e-6
        // relative (measured): too fragile for a golden trajectory. Same reason for adagrad-full-outside below.
        c.add("full-adam", "fullMatrixAdam", (p, a) -> Algorithms.fullMatrixAdam(p, c(0.01), 0.99, 1e-3, true), fig1, quad4);

        // Adagrad
        c.add("adagrad-diag-inverse-sqrt", "adagradDiagonal",
                (p, a) -> Algorithms.adagradDiagonal(p, StepSchedule.inverseSqrt(0.1), 1e-8, EpsPlacement.OUTSIDE, 0.0), fig1, logsum);
        c.add("adagrad-diag-torch", "torchAdagrad", (p, a) -> Algorithms.torchAdagrad(p, 0.05, 0.0, 1e-10), fig1, logsum, reddi);
        c.add("adagrad-diag-optax", "optaxAdagrad", (p, a) -> Algorithms.optaxAdagrad(p, 0.05, 0.1, 1e-7), fig1, logsum);
        c.add("adagrad-full-inside", "adagradFull",
                (p, a) -> Algorithms.adagradFull(p, c(0.05), 1e-6, EpsPlacement.INSIDE, 0.1), fig1, quad4);
        c.add("adagrad-full-outside", "adagradFull",
                (p, a) -> Algorithms.adagradFull(p, c(0.05), 1e-4, EpsPlacement.OUTSIDE, 0.0), fig1, quad4);

        // covariance preconditioner (§5.3)
        c.add("covariance-sgd", "covarianceSgd", (p, a) -> Algorithms.covarianceSgd(p, c(0.02), 0.9, 1e-2, true), fig1, quad4);

        List<GoldenTrajectory> all = new ArrayList<>(c.list);

        // Jin et al. PGD (Algorithm 2) with explicit practical parameters: eta = 1/ell for the cosine family (ell = a = 1)
        PgdParameters pgd = PgdParameters.explicit(0.5, 0.01, 1e-3, 1e-3, 40);
        all.add(GoldenTrajectory.pgd("pgd", FIXTURES.get("cosine3"), 100, SEED, pgd));
        all.add(GoldenTrajectory.pgd("pgd", FIXTURES.get("cosine4-haar"), 100, SEED, pgd));

        // gradient descent (JIN-GD baseline)
        all.add(GoldenTrajectory.gd("gd", FIXTURES.get("cosine3-near-saddle"), 40, SEED, 0.25));
        all.add(GoldenTrajectory.gd("gd", FIXTURES.get("fig1"), 120, SEED, 0.1));
        all.add(GoldenTrajectory.gd("gd", FIXTURES.get("logsum3"), 40, SEED, 0.1));

        java.util.Set<String> ids = new java.util.HashSet<>();
        for (GoldenTrajectory t : all) {
            if (!ids.add(t.id())) throw new IllegalStateException("golden trajectory id " + t.id() + " appears twice");
        }
        return all;
    }
}
