package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.optim.Optimizer;
import org.saddlecheck.optim.PreconditionedSgd;
import org.saddlecheck.precondition.FullInverseRoot;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.GradientNoise;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.stats.MeanBound;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * Fixtures, certified constants and run loops shared by Staib et al.'s first-order claims STAIB-T4.2, STAIB-T4.3
 * and STAIB-C4.1 (CLAIMS.md §2, §7.2, §7.3). Package-private.
 *
 * <p><b>Certified constants.</b> Both test functions have a gradient that ranges over a box: for
 * f = Σ log(1 + x_i²), ∂_i f = 2x_i/(1 + x_i²) ∈ [−1, 1] (all of it; ±1 at x_i = ±1); for the cosine family
 * f = −a Σ cos((Qx)_i), ∇f = Qᵀs with s = a·sin(Qx) ∈ [−a, a]^d (all of it; Q is onto). With the oracle
 * g = ∇f + diag(σ)ζ (ζ Rademacher) the second moment is G(x) = ∇f∇fᵀ + diag(σ²). λ_max(vvᵀ + D) =
 * max_{‖u‖=1} (uᵀv)² + uᵀDu is a maximum of convex functions of v, hence convex in v and in s (v = Qᵀs is
 * linear); a convex function on a box attains its maximum at a vertex, and every vertex is attained. So
 * sup_x λ_max(G(x)) = max over the 2^{d−1} sign vectors s ∈ {±a}^d (s and −s agree) of λ_max(Qᵀssᵀ Q + D),
 * exactly (for Q = I every vertex gives the same value λ_max(a²11ᵀ + D) by the sign symmetry). Likewise
 * sup_x ‖∇f‖² = a²d and sup_x E‖g‖² = a²d + Σσ_j² (Staib Prop. 4.3's Γ for A = I).
 */
final class FirstOrder {
    private FirstOrder() {}

    /** Runs every configuration uses at least: the Student-t bound of CLAIMS.md §7.3 needs R ≥ 30. */
    static final int MIN_RUNS = 30;
    /** Power target of every MC-EXPECT test: a true mean of (1 + this)·bound is detected with probability ≥ 0.9. */
    static final double RELATIVE_EFFECT = 0.25;
    static final double POWER = 0.9;
    /** Largest number of runs a design may ask for; beyond it the test is flagged under-powered. */
    static final int MAX_RUNS = 400;

    /** How to build a test problem (the Haar basis of the cosine family is drawn from the claim's stream). */
    record Spec(String family, int d, double amplitude, double[] sigma, double start) {
        Spec {
            Require.notNull("family", family);
            Require.that(family.equals("logsum") || family.equals("cosine-haar"), "family", family, "logsum or cosine-haar");
            Require.positive("d", d);
            Require.positive("amplitude", amplitude);
            Require.length("sigma", sigma, d);
            for (int j = 0; j < d; j++) Require.nonNegative("sigma[" + j + "]", sigma[j]);
            Require.finite("start", start);
            Require.that(family.equals("cosine-haar") || amplitude == 1.0, "amplitude", amplitude, "1 for logsum");
            sigma = sigma.clone();
        }

        static Spec logSum(double[] sigma, double start) {
            return new Spec("logsum", sigma.length, 1.0, sigma, start);
        }

        /** Cosine family with a Haar basis; x_0 = Qᵀ(start, ..., start). */
        static Spec cosineHaar(double amplitude, double[] sigma, double start) {
            return new Spec("cosine-haar", sigma.length, amplitude, sigma, start);
        }

        Setting build(ClaimContext ctx) {
            return build(family.equals("cosine-haar") ? ctx.rng("cosine-basis", d) : null);
        }

        Setting build(UniformRandomProvider basisRng) {
            GradientNoise noise = GradientNoise.rademacherDiagonal(sigma);
            double[] x0 = new double[d];
            java.util.Arrays.fill(x0, start);
            double[] q = null;
            Objective f;
            double fStar;
            if (family.equals("logsum")) {
                f = new LogSum(d);
                fStar = 0;
            } else {
                CosineFamily c = CosineFamily.haar(d, amplitude, Require.notNull("basisRng", basisRng));
                q = c.basis();
                double[] y = x0;
                x0 = new double[d];
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++) x0[j] += q[i * d + j] * y[i]; // x0 = Qᵀ y0
                f = c;
                fStar = -amplitude * d;
            }
            double l = f.constants().smoothness();
            double noiseTrace = 0;
            for (double s : sigma) noiseTrace += s * s;
            AdditiveNoiseProblem p = new AdditiveNoiseProblem(f, noise);
            String label = String.format(Locale.ROOT, "%s(d=%d%s, sigma=%s, x0=%s)", family, d,
                    family.equals("logsum") ? "" : ", a=" + amplitude, java.util.Arrays.toString(sigma),
                    family.equals("logsum") ? "(" + start + ",...)" : "Q^T(" + start + ",...)");
            return new Setting(label, p, x0, f.value(x0) - fStar, l, amplitude * amplitude * d,
                    supLambdaMax(q, amplitude, sigma), noiseTrace);
        }
    }

    /**
     * A test problem with its certified global constants: Δ_f = f(x_0) − f*, L (gradient Lipschitz), sup‖∇f‖²,
     * sup λ_max(G) and tr Σ.
     */
    record Setting(String label, AdditiveNoiseProblem problem, double[] x0, double deltaF, double smoothness,
                   double supGradNorm2, double supLambdaMaxG, double noiseTrace) {
        int dim() {
            return problem.dim();
        }

        /** λ− = (sup_x λ_max(G(x)) + ε)^{−1/2}, a valid global lower bound on λ_min(A(x)) for A = (G + εI)^{−1/2}. */
        double lambdaMinus(double eps) {
            return 1.0 / Math.sqrt(supLambdaMaxG + eps);
        }

        /** Γ = sup_x E‖g‖² = sup‖∇f‖² + tr Σ, the tightest global Γ of A = I (Staib Prop. 4.3). */
        double sgdGamma() {
            return supGradNorm2 + noiseTrace;
        }

        /** (d + max σ² + ε)^{−1/2}: the cruder λ− of CLAIMS.md STAIB-T4.2, for comparison. */
        double crudeLambdaMinus(double eps) {
            double m = 0;
            for (double s : problem.noise().sigma()) m = Math.max(m, s * s);
            return 1.0 / Math.sqrt(supGradNorm2 + m + eps);
        }
    }

    /**
     * sup over s ∈ [−a, a]^d of λ_max(Qᵀs sᵀQ + diag(σ²)) (Q = I when q is null), by enumerating the 2^{d−1}
     * vertices with s_0 = +a (see the class comment for why a vertex attains it).
     */
    static double supLambdaMax(double[] q, double a, double[] sigma) {
        int d = sigma.length;
        Require.that(d <= 20, "d", d, "at most 20 (2^(d-1) vertices are enumerated)");
        SymmetricEigen eig = new SymmetricEigen(d);
        double[] m = new double[d * d], s = new double[d], v = new double[d];
        double best = 0;
        for (long mask = 0; mask < (1L << (d - 1)); mask++) {
            for (int i = 0; i < d; i++) s[i] = i > 0 && ((mask >>> (i - 1)) & 1L) == 1 ? -a : a;
            if (q == null) {
                System.arraycopy(s, 0, v, 0, d);
            } else {
                java.util.Arrays.fill(v, 0);
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++) v[j] += q[i * d + j] * s[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) m[i * d + j] = v[i] * v[j];
                m[i * d + i] += sigma[i] * sigma[i];
            }
            eig.decompose(m);
            best = Math.max(best, eig.max());
        }
        return best;
    }

    /**
     * One run's statistic: (1/T) Σ_{t<T} ‖∇f(x_t)‖² along T steps of opt from x0 (x_t is the iterate before step
     * t). Allocation-free (x and grad are the caller's scratch). Throws DivergenceException from the optimizer.
     */
    static double averageSquaredGradient(Optimizer opt, Objective f, double[] x0, long steps, UniformRandomProvider rng,
                                         double[] x, double[] grad) {
        System.arraycopy(x0, 0, x, 0, x.length);
        double acc = 0;
        for (long t = 0; t < steps; t++) {
            acc += squaredGradient(f, x, grad);
            opt.step(x, rng);
        }
        return acc / steps;
    }

    /** ‖∇f(x)‖², written through the caller's scratch grad (allocation-free). */
    static double squaredGradient(Objective f, double[] x, double[] grad) {
        f.gradient(x, grad);
        double n2 = 0;
        for (double gi : grad) n2 += gi * gi;
        return n2;
    }

    /**
     * [(1/T) Σ_{t<T} ‖∇f(x_t)‖², max_{t<T} ‖Â_t − A_t‖] along T steps of opt from s.x0(): Â_t is the matrix the step
     * applied, A_t = (G(x_t) + εI)^{−1/2} from the exact G (ε inside the root), computed independently of the optimizer.
     * Shared by STAIB-C4.1 and the Alg. 2-style negative control of STAIB-T4.3. Throws DivergenceException from the
     * optimizer.
     */
    static double[] averageSquaredGradientAndError(PreconditionedSgd opt, Setting s, double eps, long steps, UniformRandomProvider rng) {
        int d = s.dim();
        double[] x = s.x0().clone(), grad = new double[d], a = new double[d * d], ahat = new double[d * d], g = new double[d * d],
                diff = new double[d * d];
        FullInverseRoot exact = new FullInverseRoot(d, eps, EpsPlacement.INSIDE);
        SymmetricEigen eig = new SymmetricEigen(d);
        double acc = 0, err = 0;
        for (long t = 0; t < steps; t++) {
            acc += squaredGradient(s.problem(), x, grad);
            s.problem().secondMoment(x, g);
            exact.update(g);
            exact.matrix(a);
            opt.step(x, rng);
            opt.appliedPreconditioner(ahat);
            for (int i = 0; i < d * d; i++) diff[i] = ahat[i] - a[i];
            err = Math.max(err, opNorm(diff, eig));
        }
        return new double[] {acc / steps, err};
    }

    /** The outcome of one designed MC-EXPECT test "E[X] ≤ bound". */
    record ExpectTest(MeanBound.ExpectationTest test, double[] values, int pilot, int planned, boolean underpowered,
                      double power) {
        double ratio() {
            return test.ratio();
        }
    }

    /**
     * Runs the designed Monte Carlo test of "E[X] ≤ bound" (CLAIMS.md §7.3, Student-t lower bound at alpha): a pilot
     * of {@link #MIN_RUNS} runs gives the standard deviation, from which {@link Power#tTrials} plans the number of runs
     * that detects a true mean of (1 + {@link #RELATIVE_EFFECT})·bound with power {@link #POWER}; the missing runs
     * are added (same stream, next trial indices) and the test uses all of them. {@code run} maps a trial index to
     * X; trials run on ctx.parallel() and are reduced in trial order.
     */
    static ExpectTest designedTest(ClaimContext ctx, IntFunction<Double> run, double bound, double alpha) {
        List<Double> pilot = ctx.parallel().map(MIN_RUNS, run);
        double[] x = unbox(pilot);
        double sd = MeanBound.studentT(x, alpha).sd();
        int planned = MIN_RUNS;
        if (sd > 0) {
            double effect = RELATIVE_EFFECT * bound / sd;
            try {
                planned = Math.max(MIN_RUNS, Power.tTrials(effect, alpha, POWER).n());
            } catch (IllegalArgumentException e) {
                planned = Integer.MAX_VALUE;
            }
        }
        boolean underpowered = planned > MAX_RUNS;
        int n = Math.min(planned, MAX_RUNS);
        if (n > MIN_RUNS) {
            List<Double> more = ctx.parallel().map(n - MIN_RUNS, i -> run.apply(MIN_RUNS + i));
            List<Double> all = new ArrayList<>(pilot);
            all.addAll(more);
            x = unbox(all);
        }
        MeanBound.ExpectationTest t = MeanBound.atMost(x, bound, alpha);
        double power = t.estimate().sd() > 0 ? Power.tPower(n, RELATIVE_EFFECT * bound / t.estimate().sd(), alpha) : 1.0;
        return new ExpectTest(t, x, MIN_RUNS, planned, underpowered, power);
    }

    /**
     * Tally of the designed MC-EXPECT tests "(1/T) Σ E‖∇f(x_t)‖² ≤ τ²" of one check (STAIB-T4.2, STAIB-T4.3): test and
     * trial counts, the failure text, the ratios mean/τ² and the worst configuration. Not thread-safe (one per check).
     */
    static final class Tally {
        private final List<Double> ratios = new ArrayList<>();
        private final StringBuilder failures = new StringBuilder();
        private String worst = "";
        private double worstRatio = -1;
        private int violations, otherFailures, underpowered, tests;
        private long trials;

        /**
         * Records one configuration's test against τ² (η and T describe it if it is the worst so far); a rejection is
         * recorded as a failure of label. Returns whether the test rejected.
         */
        boolean add(String label, ExpectTest et, double tau, double eta, long steps) {
            tests++;
            trials += et.values().length;
            boolean bad = et.test().violated();
            if (bad) {
                violations++;
                failures.append(label).append(": ").append(et.test().describe()).append(". ");
            }
            if (et.underpowered()) underpowered++;
            double ratio = et.ratio();
            ratios.add(ratio);
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = fmt("%s: mean %.4g vs tau^2 = %.4g (eta = %.4g, T = %d)", label, et.test().estimate().mean(), tau * tau, eta, steps);
            }
            return bad;
        }

        /** Records a failure other than a rejected test (e.g. a hypothesis violated along a trajectory). */
        void fail(String label, String what) {
            otherFailures++;
            failures.append(label).append(": ").append(what).append(". ");
        }

        int tests() {
            return tests;
        }

        double[] ratios() {
            return unbox(ratios);
        }

        Tightness tightness() {
            return Tightness.of(ratios(), worst);
        }

        /** VIOLATED on any failure, else INCONCLUSIVE if a test was under-powered, else HOLDS. */
        Verdict verdict() {
            return violations + otherFailures > 0 ? Verdict.VIOLATED : underpowered > 0 ? Verdict.INCONCLUSIVE : Verdict.HOLDS;
        }

        /** The result builder with verdict, trials, false-failure rate alpha·tests, tightness and the "ratios" series. */
        ClaimResult.Builder builder(double alpha) {
            return ClaimResult.builder(verdict()).trials(trials).falseFailureRate(alpha * tests).tightness(tightness())
                    .series("ratios", ratios());
        }

        /** The failure text (for a VIOLATED verdict). */
        String failureText() {
            return failures.toString().trim();
        }

        /** " k configuration(s) under-powered." or "" (appended to the evidence). */
        String underpoweredNote() {
            return underpowered > 0 ? " " + underpowered + " configuration(s) under-powered." : "";
        }
    }

    static double[] unbox(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }

    /** A detail row (insertion-ordered map). */
    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** ‖M‖ for symmetric M (max |eigenvalue|), using the caller's workspace. */
    static double opNorm(double[] m, SymmetricEigen eig) {
        eig.decompose(m);
        return Math.max(Math.abs(eig.min()), Math.abs(eig.max()));
    }

    /** tr(A G A) = E‖Ag‖² for symmetric A (row-major); tmp has length d·d. */
    static double traceAGA(double[] a, double[] g, double[] tmp, int d) {
        // tmp = A G
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += a[i * d + k] * g[k * d + j];
                tmp[i * d + j] = s;
            }
        double tr = 0;
        for (int i = 0; i < d; i++)
            for (int k = 0; k < d; k++) tr += tmp[i * d + k] * a[k * d + i];
        return tr;
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
