package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.pgd.GdResult;
import org.saddlecheck.optim.pgd.GradientDescent;
import org.saddlecheck.optim.pgd.PgdBounds;
import org.saddlecheck.optim.pgd.StepObserver;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.QuadraticSaddle;
import org.saddlecheck.problem.RandomMatrices;
import org.saddlecheck.rng.Gaussian;

/**
 * JIN-GD (Jin et al. 2017 §1; CLAIMS.md JIN-GD [DER]): gradient descent with η = 1/ℓ on an ℓ-smooth f satisfies
 * f(x_{t+1}) ≤ f(x_t) − ‖∇f(x_t)‖²/(2ℓ) at every step, hence min_{t&lt;T}‖∇f(x_t)‖ ≤ ε for
 * T = ⌈2ℓ(f(x₀) − f*)/ε²⌉. EXACT on every step of every run: log-sum Σlog(1+x_i²) (ℓ = 2, f* = 0), the cosine family
 * axis-aligned and Haar (ℓ = 1, f* = −d), and a rotated convex quadratic with log-uniform spectrum in [0.01, 1]
 * (ℓ = 1, f* = 0), in d ∈ {2, 10, 100, 1000} (Haar cosine and quadratic up to 100), ε ∈ {0.1, 0.01, 0.001}, random starts. Tolerance of the
 * per-step inequality 1e-12·max(|f(x_t)|, |f(x_{t+1})|). Tightness = iterations used / T.
 */
public final class JinGd implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-GD");
    static final int[] DIMS = {2, 10, 100, 1000};
    static final double[] EPS = {0.1, 0.01, 0.001};
    static final double REL_TOL = 1e-12;

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** Checks the descent inequality between consecutive observations (allocation-free). */
    static final class DescentObserver implements StepObserver {
        private final double ell;
        private double prevF = Double.NaN, prevG = Double.NaN;
        private long prevT = -1;
        long violations;
        double worstExcess = Double.NEGATIVE_INFINITY;
        long worstT = -1;

        DescentObserver(double ell) {
            this.ell = ell;
        }

        @Override
        public void observe(long t, double[] x, double f, double gradNorm) {
            if (prevT >= 0 && t == prevT + 1) {
                double need = -prevG * prevG / (2 * ell);
                double tol = REL_TOL * Math.max(Math.abs(prevF), Math.abs(f));
                double excess = (f - prevF) - need;
                if (excess > tol) violations++;
                if (excess - tol > worstExcess) {
                    worstExcess = excess - tol;
                    worstT = t - 1;
                }
            }
            prevT = t;
            prevF = f;
            prevG = gradNorm;
        }
    }

    /** A test function with its certified ℓ and f*, and a start generator. */
    record Fn(String name, Objective f, double ell, double fStar, double startScale) {
        double[] start(UniformRandomProvider rng) {
            double[] x = new double[f.dim()];
            if (f instanceof CosineFamily) {
                for (int i = 0; i < x.length; i++) x[i] = Math.PI * (2 * rng.nextDouble() - 1);
            } else {
                new Gaussian(rng).fill(x);
                for (int i = 0; i < x.length; i++) x[i] *= startScale;
            }
            return x;
        }
    }

    static List<Fn> functions(UniformRandomProvider rng) {
        List<Fn> fs = new ArrayList<>();
        for (int d : DIMS) {
            fs.add(new Fn("logsum(d=" + d + ")", new LogSum(d), 2, 0, 3));
            fs.add(new Fn("cosine(d=" + d + ", axis)", CosineFamily.axisAligned(d, 1), 1, -d, 0));
            if (d <= 100) fs.add(new Fn("cosine(d=" + d + ", haar)", CosineFamily.haar(d, 1, rng), 1, -d, 0));
            if (d <= 100) { // QuadraticSaddle is dense (O(d³) to build)
                double[] lam = RandomMatrices.logUniformSpectrum(d, 0.01, 1, rng);
                fs.add(new Fn("convex-quadratic(d=" + d + ", haar)", new QuadraticSaddle(lam, RandomMatrices.haarOrthogonal(d, rng), null),
                        1, 0, 1));
            }
        }
        return fs;
    }

    /** One run: [iterations, bound T, reached (0/1), violations, worst excess]. */
    static double[] run(Fn fn, double eps, UniformRandomProvider rng) {
        double[] x0 = fn.start(rng);
        double f0 = fn.f().value(x0);
        double bound = PgdBounds.gdIterationBound(fn.ell(), f0 - fn.fStar(), eps);
        DescentObserver obs = new DescentObserver(fn.ell());
        long cap = (long) Math.min(bound, 1e9);
        GdResult r = GradientDescent.withSmoothness(fn.f(), fn.ell()).run(x0, eps, cap, obs);
        boolean within = r.reachedEps() && r.iterations() < bound;
        return new double[] {r.iterations(), bound, within ? 1 : 0, obs.violations, obs.worstExcess};
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(0);
        int starts = ctx.budget().scaled(4, 2);
        List<Fn> fns = functions(ctx.rng("functions", 0));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long steps = 0, runs = 0;
        double worstRatio = -1;
        String worst = "";
        for (Fn fn : fns) {
            for (double eps : EPS) {
                String stream = fn.name() + "/eps=" + eps;
                List<double[]> res = ctx.parallel().map(starts, i -> run(fn, eps, ctx.rng(stream, i)));
                double maxRatio = 0, it = 0;
                long viol = 0;
                int missed = 0;
                for (double[] r : res) {
                    double ratio = r[0] / r[1];
                    ratios.add(ratio);
                    maxRatio = Math.max(maxRatio, ratio);
                    if (ratio > worstRatio) {
                        worstRatio = ratio;
                        worst = fmt("%s eps=%g: %d of %d allowed iterations", fn.name(), eps, (long) r[0], (long) r[1]);
                    }
                    it += r[0];
                    viol += (long) r[3];
                    if (r[2] == 0) missed++;
                    steps += (long) r[0];
                }
                runs += starts;
                if (viol > 0) problems.add(fmt("%s eps=%g: %d steps violate f(x_t+1) <= f(x_t) - |grad|^2/(2l)", fn.name(), eps, viol));
                if (missed > 0) problems.add(fmt("%s eps=%g: %d runs did not reach |grad| <= eps within ceil(2l(f0-f*)/eps^2)", fn.name(), eps, missed));
                rows.add(row("function", fn.name(), "ell", fn.ell(), "eps", eps, "runs", starts, "meanIterations", it / starts,
                        "maxIterationsOverBound", maxRatio, "descentViolations", viol, "missedBound", missed));
            }
        }
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        b.trials(runs).tightness(Tightness.of(r, worst)).series("ratios", r).detail("runs", rows)
                .detail("tolerance", "1e-12 * max(|f(x_t)|, |f(x_t+1)|) on the per-step inequality").detail("stepsChecked", steps);
        String ev = fmt("GD with eta = 1/l on %d functions x 3 eps (%d runs, %d steps): the descent inequality held at every step "
                + "and |grad f| <= eps was reached within ceil(2l(f(x0)-f*)/eps^2) every time; largest iterations/bound = %.3g (%s).",
                fns.size(), runs, steps, worstRatio, worst);
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems) + ". " + ev;
        }
        return b.evidence(ev).build();
    }
}
