package org.saddlecheck.optim;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.AdagradEstimator;
import org.saddlecheck.estimate.BetaSchedule;
import org.saddlecheck.estimate.EmaEstimator;
import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.ExactEstimator;
import org.saddlecheck.estimate.RunningMaxEstimator;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.estimate.TwoSampleCovariance;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.precondition.DiagonalInverseRoot;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.precondition.Preconditioner;
import org.saddlecheck.problem.SecondMoments;
import org.saddlecheck.problem.StochasticOracle;
import org.saddlecheck.util.Require;

/**
 * Named configurations of {@link PreconditionedSgd}: SGD, Staib et al.'s Algorithms 1–4 and their variants,
 * and the library optimizers (torch.optim / optax semantics written out in each method's doc). Every
 * factory validates its parameters (η &gt; 0 finite, β ∈ [0, 1), ε ≥ 0, ...). Jin et al.'s PGD lives in
 * {@code org.saddlecheck.optim.pgd}.
 *
 * <p>Naming of the ε placement (CLAIMS.md §8.13): INSIDE = (G + εI)^{−1/2} / g/√(v + ε) (the paper's A);
 * OUTSIDE = (G^{1/2} + εI)^{−1} / g/(√v + ε) (torch, Adam).
 */
public final class Algorithms {
    private Algorithms() {}

    private static int dim(StochasticOracle oracle) {
        Require.notNull("oracle", oracle);
        return Require.positive("oracle.dim()", oracle.dim());
    }

    // ---------------------------------------------------------------- SGD and Staib Alg. 1

    /** SGD: x ← x − η_t g_t (A = I, Staib Prop. 4.3). */
    public static PreconditionedSgd sgd(StochasticOracle oracle, StepSchedule eta) {
        dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("sgd").build();
    }

    public static PreconditionedSgd sgd(StochasticOracle oracle, double eta) {
        return sgd(oracle, StepSchedule.constant(eta));
    }

    /**
     * Staib Alg. 1, preconditioned SGD with a preconditioner map: A_t is built from the estimator at x_t
     * before g_t is drawn; then g_t is fed to the estimator (if it uses samples) for later steps. The estimator
     * may be null for a preconditioner that needs none (the identity).
     */
    public static PreconditionedSgd preconditionedSgd(StochasticOracle oracle, StepSchedule eta, Estimator estimator,
                                                      Preconditioner preconditioner) {
        dim(oracle);
        PreconditionedSgd.Builder b = PreconditionedSgd.builder(oracle, eta).name("alg1-preconditioned-sgd")
                .preconditioner(preconditioner).timing(PreconditionedSgd.Timing.BEFORE_SAMPLE);
        if (estimator != null) b.estimator(estimator);
        return b.build();
    }

    /**
     * The idealized adaptive method (Staib Alg. 1 with A(x) = (G(x) + εI)^{−1/2}, G the exact second moment;
     * ε = 0 gives E[g gᵀ]^{−1/2} and throws where G is singular).
     */
    public static <P extends StochasticOracle & SecondMoments> PreconditionedSgd idealizedRmsprop(P problem, StepSchedule eta, double eps) {
        int d = dim(problem);
        return PreconditionedSgd.builder(problem, eta).name("alg1-idealized-rmsprop")
                .estimator(ExactEstimator.secondMoment(problem))
                .preconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE)).build();
    }

    /** Idealized diagonal RMSProp: A(x) = (diag(G(x)) + εI)^{−1/2} from the exact oracle. */
    public static <P extends StochasticOracle & SecondMoments> PreconditionedSgd idealizedDiagonalRmsprop(P problem, StepSchedule eta, double eps) {
        int d = dim(problem);
        return PreconditionedSgd.builder(problem, eta).name("alg1-idealized-rmsprop-diag")
                .estimator(new ExactEstimator(problem, ExactEstimator.Moment.SECOND_MOMENT, Shape.DIAGONAL))
                .preconditioner(new DiagonalInverseRoot(d, eps, EpsPlacement.INSIDE)).build();
    }

    // ---------------------------------------------------------------- Staib Alg. 2 and 3

    /**
     * Staib Alg. 2 as printed: Ĝ_t = βĜ_{t−1} + (1−β) g_t g_tᵀ (Ĝ_{−1} = 0, no bias correction), then
     * A_t = (Ĝ_t + εI)^{−1/2}, then x ← x − η A_t g_t. A_t depends on g_t (CLAIMS.md I8).
     */
    public static PreconditionedSgd fullMatrixRmsprop(StochasticOracle oracle, StepSchedule eta, double beta, double eps) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("alg2-full-rmsprop")
                .estimator(EmaEstimator.full(d, beta))
                .preconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    /**
     * Alg. 2, "estimate-before-sample" variant: A_t = (Ĝ_{t−1} + εI)^{−1/2}, built before g_t is drawn, then
     * g_t enters Ĝ_t. This is the variant the analysis (Alg. 1/4, Thm. 4.3) covers.
     */
    public static PreconditionedSgd fullMatrixRmspropEstimateFirst(StochasticOracle oracle, StepSchedule eta, double beta, double eps) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("alg2-full-rmsprop-estimate-first")
                .estimator(EmaEstimator.full(d, beta))
                .preconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.BEFORE_SAMPLE).build();
    }

    /**
     * Staib Alg. 3: Alg. 2 after BURNIN(W, β) at x_0 (the burn-in result is Ĝ_{−1}, CLAIMS.md I9), with
     * Â_t = (Ĝ_t + εI)^{−1/2}; ε = 0 reproduces the printed Ĝ_t^{−1/2} (CLAIMS.md I1).
     */
    public static PreconditionedSgd rmspropWithBurnIn(StochasticOracle oracle, StepSchedule eta, double beta, double eps, int w) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("alg3-rmsprop-burn-in")
                .estimator(EmaEstimator.full(d, beta))
                .preconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).burnIn(w).build();
    }

    // ---------------------------------------------------------------- Staib Alg. 4

    /**
     * Staib Alg. 4 with a given estimator and preconditioner: A_t (Â_t) built before g_t; stepsize r when
     * k mod tThresh == 0 (k = 0, 1, ... as printed, so the first step is large), η_{k+1} otherwise.
     */
    public static PreconditionedSgd alg4(StochasticOracle oracle, StepSchedule eta, double r, long tThresh,
                                         Estimator estimator, Preconditioner preconditioner) {
        dim(oracle);
        PreconditionedSgd.Builder b = PreconditionedSgd.builder(oracle, eta).name("alg4-large-steps")
                .preconditioner(preconditioner).timing(PreconditionedSgd.Timing.BEFORE_SAMPLE).largeSteps(r, tThresh);
        if (estimator != null) b.estimator(estimator);
        return b.build();
    }

    /** Alg. 4 with the exact A(x) = (G(x) + εI)^{−1/2}. */
    public static <P extends StochasticOracle & SecondMoments> PreconditionedSgd alg4Exact(P problem, StepSchedule eta, double r,
                                                                                          long tThresh, double eps) {
        int d = dim(problem);
        return alg4(problem, eta, r, tThresh, ExactEstimator.secondMoment(problem), new FullInverseRoot(d, eps, EpsPlacement.INSIDE));
    }

    /**
     * Alg. 4 with an explicitly inexact Â = A + E, ‖E‖ = Δ, A = (G(x) + εI)^{−1/2} exact ({@link PerturbedPreconditioner}).
     * BENIGN needs perturbationRng (a stream separate from the step's); ADVERSARIAL needs the problem to be
     * an Objective (u = ∇f/‖∇f‖) and perturbationRng = null.
     */
    public static <P extends StochasticOracle & SecondMoments> PreconditionedSgd alg4Perturbed(
            P problem, StepSchedule eta, double r, long tThresh, double eps, double delta,
            PerturbedPreconditioner.Mode mode, UniformRandomProvider perturbationRng) {
        int d = dim(problem);
        Preconditioner p = new PerturbedPreconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE), delta, mode, perturbationRng);
        return alg4(problem, eta, r, tThresh, ExactEstimator.secondMoment(problem), p);
    }

    /**
     * The RMSProp version of Alg. 4 (STAIB-ALG4-RMS [RECON]): BURNIN(W) at x_0; A_t = (Ĝ_{t−1} + εI)^{−1/2}
     * before g_t; g_t then enters the full EMA; after each large step S extra oracle calls at
     * x_t + (j/S)(x_{t+1} − x_t), j = 1..S, each one EMA update.
     */
    public static PreconditionedSgd alg4Rmsprop(StochasticOracle oracle, StepSchedule eta, double r, long tThresh,
                                                double beta, double eps, int w, int s) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("alg4-rmsprop")
                .estimator(EmaEstimator.full(d, beta))
                .preconditioner(new FullInverseRoot(d, eps, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.BEFORE_SAMPLE).largeSteps(r, tThresh)
                .burnIn(w).hallucinations(s).build();
    }

    // ---------------------------------------------------------------- diagonal RMSProp (STAIB-VAR-DIAG)

    /**
     * Diagonal RMSProp: v ← β_t v + (1 − β_t) g ⊙ g (v_0 = 0), optionally v̂ = v/(1 − Πβ), then
     * x ← x − η_t g/√(v̂ + ε) (INSIDE) or g/(√v̂ + ε) (OUTSIDE). A_t uses g_t (as every library does).
     */
    public static PreconditionedSgd rmspropDiagonal(StochasticOracle oracle, StepSchedule eta, BetaSchedule beta, double eps,
                                                    EpsPlacement placement, boolean biasCorrected) {
        int d = dim(oracle);
        return diagonal(oracle, eta, "rmsprop-diag", new EmaEstimator(d, Shape.DIAGONAL, beta, biasCorrected, null), eps, placement);
    }

    /** Diagonal RMSProp with constant β. */
    public static PreconditionedSgd rmspropDiagonal(StochasticOracle oracle, StepSchedule eta, double beta, double eps,
                                                    EpsPlacement placement, boolean biasCorrected) {
        int d = dim(oracle);
        return diagonal(oracle, eta, "rmsprop-diag", new EmaEstimator(d, Shape.DIAGONAL, beta, biasCorrected, null), eps, placement);
    }

    /**
     * Staib et al. Figure 1's RMSProp (STAIB-FIG1): diagonal, β = 1 − C·η^{2/3} (§5.4), ε inside the root,
     * v_0 = 0, no bias correction. CLAIMS.md recommends ε = 1e-8, C = 1.
     */
    public static PreconditionedSgd fig1Rmsprop(StochasticOracle oracle, double eta, double c, double eps) {
        return fig1Rmsprop(oracle, eta, c, eps, 0);
    }

    /**
     * Figure 1's RMSProp with a burn-in of W updates of v at x_0 before the first step (the CLAIMS.md STAIB-FIG1
     * variant uses W = ⌈η^{−2/3}⌉, {@link org.saddlecheck.estimate.BurnIn#length(double)}).
     */
    public static PreconditionedSgd fig1Rmsprop(StochasticOracle oracle, double eta, double c, double eps, int burnIn) {
        int d = dim(oracle);
        Require.positive("eta", eta);
        Require.positive("C", c);
        // a constant eta gives one beta for every step: clamping it (as a schedule would) would silently run
        // memoryless RMSProp (beta = 0) instead of the paper's rule, so reject it instead
        Require.that(c * Math.pow(eta, 2.0 / 3.0) < 1.0, "eta", eta,
                "C*eta^(2/3) < 1 so that beta = 1 - C*eta^(2/3) lies in (0, 1) (here C = " + c + ")");
        double beta = BetaSchedule.fromEta(eta, c);
        return PreconditionedSgd.builder(oracle, StepSchedule.constant(eta)).name("rmsprop-diag")
                .estimator(new EmaEstimator(d, Shape.DIAGONAL, beta, false, null))
                .preconditioner(new DiagonalInverseRoot(d, eps, EpsPlacement.INSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).burnIn(burnIn).build();
    }

    /**
     * torch.optim.RMSprop (momentum = 0, centered = False): v ← αv + (1−α)g², x ← x − lr·g/(√v + ε).
     * torch defaults: lr = 0.01, α = 0.99, ε = 1e-8.
     */
    public static PreconditionedSgd torchRmsprop(StochasticOracle oracle, double lr, double alpha, double eps) {
        return rmspropDiagonal(oracle, StepSchedule.constant(lr), alpha, eps, EpsPlacement.OUTSIDE, false);
    }

    /**
     * optax.rmsprop (centered = False, momentum = None): scale_by_rms(decay, eps, initial_scale = 0,
     * eps_in_sqrt = True, bias_correction = False): x ← x − lr·g/√(ν + ε). optax defaults: decay = 0.9, ε = 1e-8.
     */
    public static PreconditionedSgd optaxRmsprop(StochasticOracle oracle, double lr, double decay, double eps) {
        return rmspropDiagonal(oracle, StepSchedule.constant(lr), decay, eps, EpsPlacement.INSIDE, false);
    }

    private static PreconditionedSgd diagonal(StochasticOracle oracle, StepSchedule eta, String name, Estimator e, double eps,
                                              EpsPlacement placement) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name(name).estimator(e)
                .preconditioner(new DiagonalInverseRoot(d, eps, placement))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    // ---------------------------------------------------------------- Adam, AMSGrad

    /**
     * Adam as in torch.optim.Adam and optax.adam (weight decay 0, eps_root 0): m ← β1 m + (1−β1) g,
     * v ← β2 v + (1−β2) g², x ← x − (η/(1−β1^t)) · m/(√(v/(1−β2^t)) + ε).
     */
    public static PreconditionedSgd adam(StochasticOracle oracle, StepSchedule eta, double beta1, double beta2, double eps) {
        int d = dim(oracle);
        Require.beta("beta1", beta1);
        Require.beta("beta2", beta2);
        return PreconditionedSgd.builder(oracle, eta).name("adam")
                .estimator(new EmaEstimator(d, Shape.DIAGONAL, beta2, true, null))
                .preconditioner(new DiagonalInverseRoot(d, eps, EpsPlacement.OUTSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).momentum(beta1, true).build();
    }

    /**
     * AMSGrad. {@link RunningMaxEstimator.Variant#TORCH} (torch.optim.Adam, amsgrad = True):
     * v_max ← max(v_max, v), denominator √(v_max/(1−β2^t)) + ε. {@link RunningMaxEstimator.Variant#OPTAX}
     * (optax.amsgrad): ν_max ← max(ν_max, v/(1−β2^t)), denominator √ν_max + ε. Both bias-correct m.
     */
    public static PreconditionedSgd amsgrad(StochasticOracle oracle, StepSchedule eta, double beta1, double beta2, double eps,
                                            RunningMaxEstimator.Variant variant) {
        int d = dim(oracle);
        Require.beta("beta1", beta1);
        Require.beta("beta2", beta2);
        Require.notNull("variant", variant);
        EmaEstimator v = new EmaEstimator(d, Shape.DIAGONAL, beta2, variant == RunningMaxEstimator.Variant.OPTAX, null);
        return PreconditionedSgd.builder(oracle, eta).name("amsgrad")
                .estimator(new RunningMaxEstimator(v, variant))
                .preconditioner(new DiagonalInverseRoot(d, eps, EpsPlacement.OUTSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).momentum(beta1, true).build();
    }

    /**
     * Full-matrix Adam with β1 = 0 (STAIB-VAR-ADAM): Ĝ EMA of g gᵀ (optionally bias-corrected),
     * A_t = (Ĝ_t^{1/2} + εI)^{−1}, A_t after g_t.
     */
    public static PreconditionedSgd fullMatrixAdam(StochasticOracle oracle, StepSchedule eta, double beta2, double eps,
                                                   boolean biasCorrected) {
        int d = dim(oracle);
        Require.beta("beta2", beta2);
        return PreconditionedSgd.builder(oracle, eta).name("full-adam-beta1-0")
                .estimator(new EmaEstimator(d, Shape.FULL, beta2, biasCorrected, null))
                .preconditioner(new FullInverseRoot(d, eps, EpsPlacement.OUTSIDE))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    // ---------------------------------------------------------------- Adagrad

    /**
     * Diagonal Adagrad: s ← s + g² (s_0 = initial), x ← x − η g/(√s + ε) (OUTSIDE, torch) or g/√(s + ε)
     * (INSIDE, optax).
     */
    public static PreconditionedSgd adagradDiagonal(StochasticOracle oracle, StepSchedule eta, double eps, EpsPlacement placement,
                                                    double initialValue) {
        int d = dim(oracle);
        return diagonal(oracle, eta, "adagrad-diag", AdagradEstimator.of(d, Shape.DIAGONAL, initialValue), eps, placement);
    }

    /** Full-matrix Adagrad (STAIB-INTRO-ADAGRAD): G ← G + g gᵀ (G_0 = initial·I), A = (G + εI)^{−1/2} or (G^{1/2} + εI)^{−1}. */
    public static PreconditionedSgd adagradFull(StochasticOracle oracle, StepSchedule eta, double eps, EpsPlacement placement,
                                                double initialValue) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("adagrad-full")
                .estimator(AdagradEstimator.of(d, Shape.FULL, initialValue))
                .preconditioner(new FullInverseRoot(d, eps, placement))
                .timing(PreconditionedSgd.Timing.AFTER_SAMPLE).build();
    }

    /**
     * torch.optim.Adagrad (lr_decay = 0, weight_decay = 0): sum ← sum + g², x ← x − lr·g/(√sum + ε); torch
     * defaults lr = 0.01, initial_accumulator_value = 0, ε = 1e-10.
     */
    public static PreconditionedSgd torchAdagrad(StochasticOracle oracle, double lr, double initialValue, double eps) {
        return adagradDiagonal(oracle, StepSchedule.constant(lr), eps, EpsPlacement.OUTSIDE, initialValue);
    }

    /**
     * optax.adagrad: scale_by_rss(initial_accumulator_value, eps) then scale(−lr): x ← x − lr·g/√(sum + ε)
     * where sum &gt; 0 (0 otherwise; here sum = 0 only where every g_i so far was 0, so the update is 0 either
     * way). optax defaults initial_accumulator_value = 0.1, ε = 1e-7.
     */
    public static PreconditionedSgd optaxAdagrad(StochasticOracle oracle, double lr, double initialValue, double eps) {
        return adagradDiagonal(oracle, StepSchedule.constant(lr), eps, EpsPlacement.INSIDE, initialValue);
    }

    // ---------------------------------------------------------------- covariance preconditioner (§5.3)

    /**
     * SGD preconditioned by (Σ̂ + εI)^{−1/2} (Staib §5.3, Ida et al. 2017). Per step, at x_t: draw g1, g2
     * (independent) and feed Y/2 = (g1 − g2)(g1 − g2)ᵀ/2 into the EMA of Σ̂; build A_t; draw g_t (a third,
     * independent gradient); x ← x − η A_t g_t. Three oracle calls per step; A_t is independent of g_t.
     */
    public static PreconditionedSgd covarianceSgd(StochasticOracle oracle, StepSchedule eta, double beta, double eps,
                                                  boolean biasCorrected) {
        int d = dim(oracle);
        return PreconditionedSgd.builder(oracle, eta).name("covariance-sgd")
                .estimator(TwoSampleCovariance.ema(d, Shape.FULL, beta, biasCorrected))
                .preconditioner(FullInverseRoot.sigmaInvSqrt(d, eps))
                .timing(PreconditionedSgd.Timing.BEFORE_SAMPLE).feed(PreconditionedSgd.Feed.INDEPENDENT).build();
    }

    /** The idealized covariance method: A(x) = (Σ(x) + εI)^{−1/2} from the exact oracle (Alg. 1). */
    public static <P extends StochasticOracle & SecondMoments> PreconditionedSgd idealizedCovarianceSgd(P problem, StepSchedule eta,
                                                                                                       double eps) {
        int d = dim(problem);
        return PreconditionedSgd.builder(problem, eta).name("alg1-idealized-covariance")
                .estimator(ExactEstimator.covariance(problem))
                .preconditioner(FullInverseRoot.sigmaInvSqrt(d, eps)).build();
    }
}
