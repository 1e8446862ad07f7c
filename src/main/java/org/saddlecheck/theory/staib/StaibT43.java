package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.estimate.BurnIn;
import org.saddlecheck.estimate.ExactEstimator;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.precondition.PerturbedPreconditioner;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.stats.MeanBound;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * STAIB-T4.3 (Staib et al. §4.2.2, Theorem 4.3; CLAIMS.md STAIB-T4.3, MC-EXPECT): preconditioned SGD with an inexact
 * preconditioner Â, ‖Â − A‖ ≤ Δ &lt; λ−/2, stepsize η = τ²λ−/(4√2 LΓ) and T = ⌈32(f(x_0) − f*)LΓ/(τ⁴λ−²)⌉ has
 * (1/T) Σ_{t<T} E‖∇f(x_t)‖² ≤ τ². For symmetric Â chosen before g_t our descent-lemma derivation gives
 * 2Δ_f/(Tηλ−) + (9/4)LηΓ/λ− ≤ (√2/4 + 9/(16√2))τ² ≈ 0.752τ² for every τ (proofs-notes/STAIB-T4.3.md).
 *
 * <p>Instances: f = Σ log(1 + x_i²), g = ∇f + diag(σ)ζ, A(x) = (G(x) + εI)^{−1/2} (exact G; Γ = d,
 * λ− = (sup λ_max(G) + ε)^{−1/2}), Â = A + E from {@link PerturbedPreconditioner}: BENIGN (random symmetric E,
 * ‖E‖ = Δ, fresh at every step from a stream of its own) and ADVERSARIAL (E = −Δuuᵀ, u = ∇f/‖∇f‖), for
 * Δ ∈ {0.1, 0.25, 0.49}·λ−. Per configuration R runs of X = (1/T)Σ‖∇f(x_t)‖²; FAIL iff the Student-t lower confidence
 * bound of E[X] at ctx.alphaPerTest(statisticalTests()) exceeds τ². The first run of every configuration checks the
 * theorem's hypotheses along its trajectory (EXACT, 1e-9 relative): ‖Â_t − A_t‖ ≤ Δ with A_t computed independently,
 * Â_t symmetric, λ_min(A_t) ≥ λ−, tr(A_t G A_t) ≤ Γ. Negative controls (reported, never failed): Δ = 1.5λ− (no
 * guarantee; Â may lose definiteness) and Â built from the same g_t (Alg. 2 style: Alg. 3 with β = 1 − η^{2/3},
 * W = ⌈η^{−2/3}⌉).
 */
public final class StaibT43 extends CatalogClaim {
    static final double CONSTANT_TOL = 1e-9;

    /** Builds the optimizer under test: preconditioned SGD applying Â_t = A(x_t) + E_t chosen before g_t. */
    @FunctionalInterface
    public interface Factory {
        PreconditionedSgd create(AdditiveNoiseProblem problem, double eta, double eps, double delta,
                                 PerturbedPreconditioner.Mode mode, UniformRandomProvider perturbationRng);
    }

    /** Alg. 1 with {@link PerturbedPreconditioner} over the exact (G(x) + εI)^{−1/2}. */
    public static final Factory DEFAULT_FACTORY = (p, eta, eps, delta, mode, rng) -> Algorithms.preconditionedSgd(p,
            StepSchedule.constant(eta), ExactEstimator.secondMoment(p),
            new PerturbedPreconditioner(new FullInverseRoot(p.dim(), eps, EpsPlacement.INSIDE), delta, mode,
                    mode == PerturbedPreconditioner.Mode.BENIGN ? rng : null));

    /** Problem, ε, τ values, Δ/λ− fractions and modes of the positive tests, and whether to run the negative controls. */
    record Config(FirstOrder.Spec spec, double eps, double[] taus, double[] deltaFractions,
                  List<PerturbedPreconditioner.Mode> modes, boolean controls) {
        Config {
            Require.notNull("spec", spec);
            Require.positive("eps", eps);
            Require.notNull("taus", taus);
            Require.that(taus.length > 0, "taus.length", taus.length, ">= 1");
            for (int i = 0; i < taus.length; i++) Require.positive("taus[" + i + "]", taus[i]);
            Require.notNull("deltaFractions", deltaFractions);
            Require.that(deltaFractions.length > 0, "deltaFractions.length", deltaFractions.length, ">= 1");
            for (int i = 0; i < deltaFractions.length; i++) {
                Require.that(deltaFractions[i] >= 0 && deltaFractions[i] < 0.5, "deltaFractions[" + i + "]", deltaFractions[i],
                        "in [0, 0.5) (Theorem 4.3 needs Delta < lambda-/2)");
            }
            Require.notNull("modes", modes);
            Require.that(!modes.isEmpty(), "modes", modes, "non-empty");
            taus = taus.clone();
            deltaFractions = deltaFractions.clone();
            modes = List.copyOf(modes);
        }

        /**
         * d = 2 (T is 16× Theorem 4.2's, so the d = 4 setting would cost ~10× more): σ = (1, 0.5), ε = 1e-3,
         * x_0 = (3, 3); τ ∈ {0.7} (QUICK), {0.7, 0.5} (STANDARD), {0.7, 0.5, 0.35} (THOROUGH).
         */
        static Config forBudget(Budget b) {
            double[] taus = switch (b) {
                case QUICK -> new double[] {0.7};
                case STANDARD -> new double[] {0.7, 0.5};
                case THOROUGH -> new double[] {0.7, 0.5, 0.35};
            };
            return new Config(FirstOrder.Spec.logSum(new double[] {1, 0.5}, 3.0), 1e-3, taus, new double[] {0.1, 0.25, 0.49},
                    List.of(PerturbedPreconditioner.Mode.BENIGN, PerturbedPreconditioner.Mode.ADVERSARIAL), true);
        }
    }

    /** Most positive configurations any budget runs (3 τ × 3 Δ × 2 modes at THOROUGH): the Bonferroni split. */
    static final int MAX_TESTS = 18;
    /** Δ/λ− of the "too large" negative control. */
    static final double CONTROL_DELTA_FRACTION = 1.5;

    private final Factory factory;
    private final Config config;

    public StaibT43() {
        this(DEFAULT_FACTORY);
    }

    /** With a planted optimizer factory (tests). */
    public StaibT43(Factory factory) {
        this(factory, null);
    }

    StaibT43(Factory factory, Config config) {
        super("STAIB-T4.3", MAX_TESTS);
        this.factory = Require.notNull("factory", factory);
        this.config = config;
    }

    /** η and T of Theorem 4.3. */
    record Constants(double lambdaMinus, double gamma, double eta, long steps) {}

    static Constants constants(FirstOrder.Setting s, double eps, double tau) {
        double lam = s.lambdaMinus(eps), gamma = s.dim(), l = s.smoothness();
        double eta = tau * tau * lam / (4 * Math.sqrt(2) * l * gamma);
        double t = Math.ceil(32 * s.deltaF() * l * gamma / (Math.pow(tau, 4) * lam * lam));
        Require.that(t >= 1 && t < 1e9, "T", t, "in [1, 1e9)");
        return new Constants(lam, gamma, eta, (long) t);
    }

    /** Our derived bound 2Δ_f/(Tηλ−) + (9/4)LηΓ/λ− (≈ 0.752τ² with the theorem's η and T). */
    static double derivedBound(FirstOrder.Setting s, Constants c) {
        return 2 * s.deltaF() / (c.steps() * c.eta() * c.lambdaMinus()) + 2.25 * s.smoothness() * c.eta() * c.gamma() / c.lambdaMinus();
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        Config cfg = config != null ? config : Config.forBudget(ctx.budget());
        int planned = cfg.taus().length * cfg.deltaFractions().length * cfg.modes().size();
        Require.that(planned <= MAX_TESTS, "configurations", planned, "at most " + MAX_TESTS);
        double alpha = ctx.alphaPerTest(statisticalTests());
        FirstOrder.Setting s = cfg.spec().build(ctx);
        List<Map<String, Object>> rows = new ArrayList<>();
        FirstOrder.Tally tally = new FirstOrder.Tally();
        for (double tau : cfg.taus()) {
            Constants c = constants(s, cfg.eps(), tau);
            for (PerturbedPreconditioner.Mode mode : cfg.modes()) {
                for (double frac : cfg.deltaFractions()) {
                    double delta = frac * c.lambdaMinus();
                    String label = FirstOrder.fmt("%s tau=%.3g Delta=%.3g lambda- (%s)", s.label(), tau, frac,
                            mode.name().toLowerCase(Locale.ROOT));
                    ctx.progress(label + ": T = " + c.steps());
                    String stream = "run/" + tau + "/" + mode + "/" + frac;
                    Hypotheses[] checked = new Hypotheses[1];
                    AtomicInteger diverged = new AtomicInteger();
                    AtomicLong pdLosses = new AtomicLong();
                    FirstOrder.ExpectTest et = FirstOrder.designedTest(ctx, i -> oneRun(s, cfg.eps(), c, delta, mode,
                            ctx.rng(stream, i), ctx.rng(stream + "/perturbation", i), i == 0 ? checked : null, diverged, pdLosses),
                            tau * tau, alpha);
                    Hypotheses h = checked[0];
                    boolean bad = tally.add(label, et, tau, c.eta(), c.steps());
                    if (!h.ok(delta)) tally.fail(label, "hypotheses fail along the trajectory (" + h.describe(delta) + ")");
                    double der = derivedBound(s, c);
                    rows.add(FirstOrder.row("tau", tau, "mode", mode.name(), "DeltaOverLambdaMinus", frac, "Delta", delta,
                            "eta", c.eta(), "T", c.steps(), "lambdaMinus", c.lambdaMinus(), "Gamma", c.gamma(),
                            "runs", et.values().length, "plannedRuns", et.planned(), "mean", et.test().estimate().mean(),
                            "sd", et.test().estimate().sd(), "lowerBound", et.test().estimate().lower(), "bound", tau * tau,
                            "ratio", et.ratio(), "derivedBound", der, "meanOverDerivedBound", et.test().estimate().mean() / der,
                            "power(1.25 bound)", et.power(), "violated", bad, "divergedRuns", diverged.get(),
                            "nonPdUpdates", pdLosses.get(), "max ||Ahat - A|| / Delta", h.maxError() / Math.max(delta, Double.MIN_VALUE),
                            "maxAsymmetry", h.asymmetry(), "maxLambdaMinShortfall", h.lambdaShortfall(), "maxGammaExcess",
                            h.gammaExcess(), "hypothesesOk", h.ok(delta)));
                }
            }
        }
        List<Map<String, Object>> controls = cfg.controls() ? controls(ctx, s, cfg) : List.of();
        Tightness tight = tally.tightness();
        Verdict v = tally.verdict();
        ClaimResult.Builder b = tally.builder(alpha)
                .detail("problem", s.label()).detail("eps", cfg.eps())
                .detail("supLambdaMaxG", s.supLambdaMaxG()).detail("deltaF", s.deltaF()).detail("alphaPerTest", alpha)
                .detail("configurations", rows).detail("negativeControls(report only)", controls);
        if (v == Verdict.VIOLATED) {
            b.evidence(tally.failureText());
        } else {
            b.evidence(FirstOrder.fmt("(1/T) sum E||grad f||^2 <= tau^2 held in all %d configurations on %s with Ahat = A + E, "
                            + "||E|| = Delta in {%s} lambda- (benign random symmetric and adversarial -Delta u u^T), tau in %s: "
                            + "tightness mean/tau^2 in [%.3f, %.3f] (our derived bound is ~0.752 tau^2), worst %s. ||Ahat_t - A_t|| <= Delta, "
                            + "lambda_min(A_t) >= lambda- and tr(A G A) <= Gamma held along every checked trajectory.%s%s",
                    tally.tests(), s.label(), join(cfg.deltaFractions()), java.util.Arrays.toString(cfg.taus()), tight.min(), tight.max(),
                    tight.worst(), tally.underpoweredNote(), describeControls(controls)));
        }
        return b.build();
    }

    private static String join(double[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) sb.append(i > 0 ? ", " : "").append(a[i]);
        return sb.toString();
    }

    private static String describeControls(List<Map<String, Object>> controls) {
        if (controls.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(" Negative controls (reported only):");
        for (Map<String, Object> m : controls) {
            sb.append(FirstOrder.fmt(" %s: mean/tau^2 = %.3f (%s runs, %s diverged);", m.get("control"), (double) m.get("ratio"),
                    m.get("runs"), m.get("divergedRuns")));
        }
        return sb.toString();
    }

    /**
     * One run's X. A diverged run counts as sup‖∇f‖² (the largest possible X). With {@code check} non-null, the
     * hypotheses are checked at every step and stored there.
     */
    private double oneRun(FirstOrder.Setting s, double eps, Constants c, double delta, PerturbedPreconditioner.Mode mode,
                          UniformRandomProvider rng, UniformRandomProvider perturbationRng, Hypotheses[] check,
                          AtomicInteger diverged, AtomicLong pdLosses) {
        PreconditionedSgd opt = factory.create(s.problem(), c.eta(), eps, delta, mode, perturbationRng);
        int d = s.dim();
        try {
            double x = check != null ? checkedRun(opt, s, eps, c, rng, check)
                    : FirstOrder.averageSquaredGradient(opt, s.problem(), s.x0(), c.steps(), rng, new double[d], new double[d]);
            pdLosses.addAndGet(pdLossesOf(opt));
            return x;
        } catch (DivergenceException e) {
            diverged.incrementAndGet();
            pdLosses.addAndGet(pdLossesOf(opt));
            if (check != null) {
                check[0] = new Hypotheses(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, e.iteration());
            }
            return s.supGradNorm2();
        }
    }

    private static long pdLossesOf(PreconditionedSgd opt) {
        return opt.preconditioner() instanceof PerturbedPreconditioner pp ? pp.pdLosses() : 0;
    }

    /** Hypothesis checks along one trajectory: max ‖Â_t − A_t‖, asymmetry, λ− shortfall, Γ excess (relative). */
    record Hypotheses(double maxError, double asymmetry, double lambdaShortfall, double gammaExcess, long steps) {
        boolean ok(double delta) {
            return maxError <= delta * (1 + CONSTANT_TOL) + CONSTANT_TOL && asymmetry <= CONSTANT_TOL
                    && lambdaShortfall <= CONSTANT_TOL && gammaExcess <= CONSTANT_TOL;
        }

        String describe(double delta) {
            return FirstOrder.fmt("max ||Ahat - A|| = %.6g vs Delta = %.6g, max asymmetry %.3g, max lambda- shortfall %.3g, "
                    + "max Gamma excess %.3g over %d steps", maxError, delta, asymmetry, lambdaShortfall, gammaExcess, steps);
        }
    }

    /**
     * The run of trial 0 with the hypothesis checks at every step: A_t = (G(x_t) + εI)^{−1/2} computed here from the
     * exact G (independently of the optimizer), Â_t the matrix the optimizer applied. Same draws as an unchecked run.
     */
    private static double checkedRun(PreconditionedSgd opt, FirstOrder.Setting s, double eps, Constants c, UniformRandomProvider rng,
                                     Hypotheses[] out) {
        int d = s.dim();
        double[] x = s.x0().clone(), grad = new double[d], a = new double[d * d], ahat = new double[d * d], g = new double[d * d],
                tmp = new double[d * d], diff = new double[d * d];
        FullInverseRoot exact = new FullInverseRoot(d, eps, EpsPlacement.INSIDE);
        SymmetricEigen eig = new SymmetricEigen(d);
        double err = 0, asym = 0, shortfall = Double.NEGATIVE_INFINITY, excess = Double.NEGATIVE_INFINITY, acc = 0;
        for (long t = 0; t < c.steps(); t++) {
            acc += FirstOrder.squaredGradient(s.problem(), x, grad);
            s.problem().secondMoment(x, g);
            exact.update(g);
            exact.matrix(a);
            opt.step(x, rng);
            opt.appliedPreconditioner(ahat);
            double scale = 0;
            for (int i = 0; i < d * d; i++) {
                diff[i] = ahat[i] - a[i];
                scale = Math.max(scale, Math.abs(ahat[i]));
            }
            for (int i = 0; i < d; i++)
                for (int j = i + 1; j < d; j++) asym = Math.max(asym, Math.abs(ahat[i * d + j] - ahat[j * d + i]) / Math.max(scale, 1));
            err = Math.max(err, FirstOrder.opNorm(diff, eig));
            eig.decompose(a);
            shortfall = Math.max(shortfall, (c.lambdaMinus() - eig.min()) / c.lambdaMinus());
            excess = Math.max(excess, (FirstOrder.traceAGA(a, g, tmp, d) - c.gamma()) / c.gamma());
        }
        out[0] = new Hypotheses(err, asym, shortfall, excess, c.steps());
        return acc / c.steps();
    }

    /**
     * Negative controls at the largest τ (reported, never failed): (1) Δ = 1.5λ− adversarial and benign; (2) Â built
     * from the same g_t: Alg. 2/3 (A_t from the EMA after g_t was added), β = 1 − η^{2/3}, W = ⌈η^{−2/3}⌉, same η, T.
     */
    private List<Map<String, Object>> controls(ClaimContext ctx, FirstOrder.Setting s, Config cfg) {
        double tau = cfg.taus()[0];
        Constants c = constants(s, cfg.eps(), tau);
        List<Map<String, Object>> out = new ArrayList<>();
        int runs = FirstOrder.MIN_RUNS;
        for (PerturbedPreconditioner.Mode mode : List.of(PerturbedPreconditioner.Mode.ADVERSARIAL, PerturbedPreconditioner.Mode.BENIGN)) {
            double delta = CONTROL_DELTA_FRACTION * c.lambdaMinus();
            String stream = "control/" + mode;
            AtomicInteger diverged = new AtomicInteger();
            AtomicLong pdLosses = new AtomicLong();
            double[] x = FirstOrder.unbox(ctx.parallel().map(runs, i -> oneRun(s, cfg.eps(), c, delta, mode, ctx.rng(stream, i),
                    ctx.rng(stream + "/perturbation", i), null, diverged, pdLosses)));
            MeanBound.Estimate e = MeanBound.studentT(x, 0.05);
            out.add(FirstOrder.row("control", "Delta = " + CONTROL_DELTA_FRACTION + " lambda- (" + mode.name().toLowerCase(Locale.ROOT) + ")",
                    "tau", tau, "eta", c.eta(), "T", c.steps(), "runs", runs, "mean", e.mean(), "sd", e.sd(),
                    "ratio", e.mean() / (tau * tau), "divergedRuns", diverged.get(), "nonPdUpdates", pdLosses.get()));
        }
        double beta = 1 - Math.pow(c.eta(), 2.0 / 3.0);
        int w = BurnIn.length(c.eta());
        int d = s.dim();
        AtomicInteger diverged = new AtomicInteger();
        List<double[]> res = ctx.parallel().map(runs, i -> {
            PreconditionedSgd opt = Algorithms.rmspropWithBurnIn(s.problem(), StepSchedule.constant(c.eta()), beta, cfg.eps(), w);
            try {
                return FirstOrder.averageSquaredGradientAndError(opt, s, cfg.eps(), c.steps(), ctx.rng("control/alg2", i));
            } catch (DivergenceException ex) {
                diverged.incrementAndGet();
                return new double[] {s.supGradNorm2(), Double.POSITIVE_INFINITY};
            }
        });
        double[] x = new double[runs];
        double maxErr = 0;
        for (int i = 0; i < runs; i++) {
            x[i] = res.get(i)[0];
            maxErr = Math.max(maxErr, res.get(i)[1]);
        }
        MeanBound.Estimate e = MeanBound.studentT(x, 0.05);
        out.add(FirstOrder.row("control", "Ahat from the same g_t (Alg. 2 style, burn-in W = " + w + ", beta = 1 - eta^(2/3))",
                "tau", tau, "eta", c.eta(), "T", c.steps(), "beta", beta, "W", w, "runs", runs, "mean", e.mean(), "sd", e.sd(),
                "ratio", e.mean() / (tau * tau), "divergedRuns", diverged.get(),
                "max_t ||Ahat_t - A_t|| / lambda-", maxErr / c.lambdaMinus()));
        return out;
    }
}
