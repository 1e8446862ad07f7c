package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.stats.MeanBound;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * STAIB-T4.2 (Staib et al. §4.2.2, Theorem 4.2; CLAIMS.md STAIB-T4.2, MC-EXPECT): preconditioned SGD (Alg. 1) with
 * an exact (·, ·, Γ, ·, λ−)-preconditioner, η = τ²λ−/(LΓ) and T = ⌈2(f(x_0) − f*)LΓ/(τ⁴λ−²)⌉ iterations has
 * (1/T) Σ_{t<T} E‖∇f(x_t)‖² ≤ τ². The descent lemma gives exactly τ²/2 + τ²/2 for every τ
 * (proofs-notes/STAIB-T4.2.md).
 *
 * <p>Instances: f = Σ log(1 + x_i²) and the Haar cosine family, oracle g = ∇f + diag(σ)ζ (Rademacher), with
 * A(x) = (G(x) + εI)^{−1/2} from the exact G, built before g_t is drawn (the idealized method,
 * {@link Algorithms#idealizedRmsprop}; Γ = d, λ− = (sup λ_max(G) + ε)^{−1/2} with the exact sup of
 * {@link FirstOrder#supLambdaMax}) and A = I (SGD; Γ = sup E‖g‖², λ− = 1). Per configuration, R runs of the
 * statistic X = (1/T)Σ‖∇f(x_t)‖²; FAIL iff the one-sided Student-t lower confidence bound of E[X] at
 * ctx.alphaPerTest(statisticalTests()) exceeds τ². The first run of every configuration also checks the constants
 * along its trajectory (EXACT, tolerance 1e-9 relative): λ_min(A_t) ≥ λ− and tr(A_t G(x_t) A_t) ≤ Γ for the A_t the
 * optimizer actually applied. Tightness = mean/τ² per configuration.
 *
 * <p>The optimizer under test is injectable ({@link Factory}) so that a broken one can be planted in tests.
 */
public final class StaibT42 extends CatalogClaim {
    /** Relative tolerance of the EXACT constant checks along a trajectory. */
    static final double CONSTANT_TOL = 1e-9;

    /** Which preconditioner a configuration runs. */
    public enum Kind {
        /** A(x) = (G(x) + εI)^{−1/2}, exact G, built before g_t (Alg. 1 "IAM"). */
        IDEALIZED_RMSPROP,
        /** A = I. */
        SGD
    }

    /** Builds the optimizer under test (one per run). It must apply A(x_t) chosen before g_t is drawn. */
    @FunctionalInterface
    public interface Factory {
        PreconditionedSgd create(Kind kind, AdditiveNoiseProblem problem, double eta, double eps);
    }

    /** The project's Algorithm 1: {@link Algorithms#idealizedRmsprop} and {@link Algorithms#sgd}. */
    public static final Factory DEFAULT_FACTORY = (kind, p, eta, eps) -> kind == Kind.SGD
            ? Algorithms.sgd(p, eta)
            : Algorithms.idealizedRmsprop(p, StepSchedule.constant(eta), eps);

    /** Problems, regulariser, tolerances τ and preconditioner kinds of one check. */
    record Config(List<FirstOrder.Spec> specs, double eps, double[] taus, List<Kind> kinds) {
        Config {
            Require.notNull("specs", specs);
            Require.that(!specs.isEmpty(), "specs", specs, "non-empty");
            Require.positive("eps", eps);
            Require.notNull("taus", taus);
            Require.that(taus.length > 0, "taus.length", taus.length, ">= 1");
            for (int i = 0; i < taus.length; i++) Require.positive("taus[" + i + "]", taus[i]);
            Require.notNull("kinds", kinds);
            Require.that(!kinds.isEmpty(), "kinds", kinds, "non-empty");
            specs = List.copyOf(specs);
            taus = taus.clone();
            kinds = List.copyOf(kinds);
        }

        /**
         * CLAIMS.md STAIB-T4.2 [SIM] setting: d = 4, σ = (1, .5, .1, .02), ε = 1e-3, x_0 = (3, 3, 3, 3); plus the Haar
         * cosine family (a = 1, same σ, x_0 = Qᵀ(2, 2, 2, 2)). τ ∈ {0.5} (QUICK), {0.5, 0.3} (STANDARD), {0.5, 0.3, 0.2}
         * (THOROUGH): T grows like τ^{−4}.
         */
        static Config forBudget(Budget b) {
            double[] sigma = {1, 0.5, 0.1, 0.02};
            double[] taus = switch (b) {
                case QUICK -> new double[] {0.5};
                case STANDARD -> new double[] {0.5, 0.3};
                case THOROUGH -> new double[] {0.5, 0.3, 0.2};
            };
            return new Config(List.of(FirstOrder.Spec.logSum(sigma, 3.0), FirstOrder.Spec.cosineHaar(1.0, sigma, 2.0)),
                    1e-3, taus, List.of(Kind.IDEALIZED_RMSPROP, Kind.SGD));
        }
    }

    /** Most configurations any budget runs (2 problems × 2 kinds × 3 τ at THOROUGH): the Bonferroni split. */
    static final int MAX_TESTS = 12;

    private final Factory factory;
    private final Config config; // null: from the budget

    public StaibT42() {
        this(DEFAULT_FACTORY);
    }

    /** With a planted optimizer factory (tests). */
    public StaibT42(Factory factory) {
        this(factory, null);
    }

    StaibT42(Factory factory, Config config) {
        super("STAIB-T4.2", MAX_TESTS);
        this.factory = Require.notNull("factory", factory);
        this.config = config;
    }

    /** Constants of one configuration. */
    record Constants(double lambdaMinus, double gamma, double eta, long steps) {}

    static Constants constants(Kind kind, FirstOrder.Setting s, double eps, double tau) {
        double lam = kind == Kind.SGD ? 1.0 : s.lambdaMinus(eps);
        double gamma = kind == Kind.SGD ? s.sgdGamma() : s.dim();
        double l = s.smoothness();
        double eta = tau * tau * lam / (l * gamma);
        double t = Math.ceil(2 * s.deltaF() * l * gamma / (Math.pow(tau, 4) * lam * lam));
        Require.that(t >= 1 && t < 1e9, "T", t, "in [1, 1e9)");
        return new Constants(lam, gamma, eta, (long) t);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        Config cfg = config != null ? config : Config.forBudget(ctx.budget());
        Require.that(cfg.specs().size() * cfg.kinds().size() * cfg.taus().length <= MAX_TESTS, "configurations",
                cfg.specs().size() * cfg.kinds().size() * cfg.taus().length, "at most " + MAX_TESTS);
        double alpha = ctx.alphaPerTest(statisticalTests());
        List<Map<String, Object>> rows = new ArrayList<>();
        FirstOrder.Tally tally = new FirstOrder.Tally();
        for (FirstOrder.Spec spec : cfg.specs()) {
            FirstOrder.Setting s = spec.build(ctx);
            for (Kind kind : cfg.kinds()) {
                for (double tau : cfg.taus()) {
                    Constants c = constants(kind, s, cfg.eps(), tau);
                    String label = FirstOrder.fmt("%s %s tau=%.3g", s.label(), kind.name().toLowerCase(java.util.Locale.ROOT), tau);
                    ctx.progress(label + ": T = " + c.steps());
                    String stream = "run/" + s.label() + "/" + kind + "/" + tau;
                    ConstantCheck[] checked = new ConstantCheck[1];
                    AtomicInteger diverged = new AtomicInteger();
                    FirstOrder.ExpectTest et = FirstOrder.designedTest(ctx,
                            i -> oneRun(kind, s, cfg.eps(), c, ctx.rng(stream, i), i == 0 ? checked : null, diverged), tau * tau, alpha);
                    ConstantCheck cc = checked[0];
                    boolean bad = tally.add(label, et, tau, c.eta(), c.steps());
                    if (!cc.ok()) tally.fail(label, "constants fail along the trajectory (" + cc.describe() + ")");
                    rows.add(FirstOrder.row("problem", s.label(), "preconditioner", kind.name(), "tau", tau, "eta", c.eta(),
                            "T", c.steps(), "lambdaMinus", c.lambdaMinus(), "Gamma", c.gamma(), "L", s.smoothness(),
                            "deltaF", s.deltaF(), "runs", et.values().length, "plannedRuns", et.planned(),
                            "mean", et.test().estimate().mean(), "sd", et.test().estimate().sd(),
                            "lowerBound", et.test().estimate().lower(),
                            "empiricalBernsteinLowerBound(report only)", bernsteinLower(et.values(), s.supGradNorm2(), alpha),
                            "bound", tau * tau, "ratio", et.ratio(),
                            "power(1.25 bound)", et.power(), "violated", bad, "divergedRuns", diverged.get(),
                            "maxLambdaMinShortfall", cc.lambdaShortfall(), "maxGammaExcess", cc.gammaExcess(),
                            "constantsOk", cc.ok()));
                }
            }
        }
        Verdict v = tally.verdict();
        Tightness tight = tally.tightness();
        ClaimResult.Builder b = tally.builder(alpha)
                .detail("configurations", rows).detail("alphaPerTest", alpha).detail("statistic",
                        "X = (1/T) sum_{t<T} ||grad f(x_t)||^2 per run, X in [0, sup ||grad f||^2]; Student-t lower bound of E[X] vs tau^2 "
                                + "(the distribution-free empirical-Bernstein bound is reported but is far looser at these run counts)")
                .detail("eps", cfg.eps()).detail("optimizerExample", factory.create(cfg.kinds().get(0),
                        cfg.specs().get(0).build(ctx).problem(), 0.1, cfg.eps()).describe());
        FirstOrder.Setting first = cfg.specs().get(0).build(ctx);
        b.detail("lambdaMinusExactVsCrude", FirstOrder.row("problem", first.label(), "supLambdaMaxG", first.supLambdaMaxG(),
                "lambdaMinus", first.lambdaMinus(cfg.eps()), "crude (d + max sigma^2 + eps)^(-1/2)", first.crudeLambdaMinus(cfg.eps())));
        if (v == Verdict.VIOLATED) {
            b.evidence(tally.failureText());
        } else {
            b.evidence(FirstOrder.fmt("(1/T) sum E||grad f||^2 <= tau^2 held in all %d configurations (%s; A = (G+eps I)^(-1/2) "
                            + "with exact G and A = I; tau in %s): tightness mean/tau^2 in [%.3f, %.3f], worst %s. Constants "
                            + "lambda_min(A_t) >= lambda- and tr(A_t G A_t) <= Gamma held along every checked trajectory.%s",
                    tally.tests(), cfg.specs().size() == 1 ? first.label() : "logsum and Haar cosine", java.util.Arrays.toString(cfg.taus()),
                    tight.min(), tight.max(), tight.worst(), tally.underpoweredNote()));
        }
        return b.build();
    }

    /** Empirical-Bernstein lower bound of E[X] for X ∈ [0, sup] (values clamped into the range against rounding). */
    private static double bernsteinLower(double[] x, double sup, double alpha) {
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) c[i] = Math.min(sup, Math.max(0, x[i]));
        return MeanBound.empiricalBernstein(c, 0, sup, alpha).lower();
    }

    /**
     * One run's X = (1/T) Σ‖∇f(x_t)‖². A diverged run counts as the largest possible value sup‖∇f‖². When {@code check}
     * is non-null the run also checks the constants at every step ({@link #checkedRun}) and stores the result there.
     */
    private double oneRun(Kind kind, FirstOrder.Setting s, double eps, Constants c, UniformRandomProvider rng,
                          ConstantCheck[] check, AtomicInteger diverged) {
        PreconditionedSgd opt = factory.create(kind, s.problem(), c.eta(), eps);
        int d = s.dim();
        try {
            if (check != null) return checkedRun(opt, s, c, rng, check);
            return FirstOrder.averageSquaredGradient(opt, s.problem(), s.x0(), c.steps(), rng, new double[d], new double[d]);
        } catch (DivergenceException e) {
            diverged.incrementAndGet();
            if (check != null) check[0] = new ConstantCheck(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false, e.iteration());
            return s.supGradNorm2();
        }
    }

    /** Result of the EXACT constant checks along one trajectory. */
    record ConstantCheck(double lambdaShortfall, double gammaExcess, boolean ok, long steps) {
        String describe() {
            return FirstOrder.fmt("max (lambda- - lambda_min(A_t))/lambda- = %.3g, max (tr(A G A) - Gamma)/Gamma = %.3g over %d steps",
                    lambdaShortfall, gammaExcess, steps);
        }
    }

    /**
     * The run of trial 0 with the EXACT constant checks: at every step, for the A_t the optimizer applied,
     * λ_min(A_t) ≥ λ− and E‖A_t g‖² = tr(A_t G(x_t) A_t) ≤ Γ within {@link #CONSTANT_TOL} relative. Returns X as
     * {@link FirstOrder#averageSquaredGradient} would (same draws).
     */
    private static double checkedRun(PreconditionedSgd opt, FirstOrder.Setting s, Constants c, UniformRandomProvider rng,
                                     ConstantCheck[] out) {
        int d = s.dim();
        double[] x = s.x0().clone(), grad = new double[d], a = new double[d * d], g = new double[d * d], tmp = new double[d * d];
        SymmetricEigen eig = new SymmetricEigen(d);
        double shortfall = Double.NEGATIVE_INFINITY, excess = Double.NEGATIVE_INFINITY, acc = 0;
        for (long t = 0; t < c.steps(); t++) {
            acc += FirstOrder.squaredGradient(s.problem(), x, grad);
            s.problem().secondMoment(x, g);
            opt.step(x, rng);
            opt.appliedPreconditioner(a);
            eig.decompose(a);
            shortfall = Math.max(shortfall, (c.lambdaMinus() - eig.min()) / c.lambdaMinus());
            excess = Math.max(excess, (FirstOrder.traceAGA(a, g, tmp, d) - c.gamma()) / c.gamma());
        }
        out[0] = new ConstantCheck(shortfall, excess, shortfall <= CONSTANT_TOL && excess <= CONSTANT_TOL, c.steps());
        return acc / c.steps();
    }
}
