package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.problem.AdditiveNoiseProblem;
import org.saddlecheck.problem.GradientNoise;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.problem.NoiseKind;
import org.saddlecheck.problem.QuadraticSaddle;

/**
 * Runs the implementation-identity checks of the algorithm claims (STAIB-ALG1 … STAIB-VAR-ADAM; CLAIMS.md §1) on random
 * seeded instances from main code: each {@link Check} returns error / tolerance (≤ 1 holds; +∞ for a failed exact
 * equality or count) and a description of the instance. The claim HOLDS iff every instance of every check is ≤ 1.
 */
final class IdentityHarness {
    private IdentityHarness() {}

    /** Outcome of one instance of a check. */
    record Outcome(double ratio, String description) {}

    /** One identity, evaluated on a random instance drawn from rng. */
    interface Check {
        String name();

        Outcome run(UniformRandomProvider rng);
    }

    static Check identity(String name, java.util.function.Function<UniformRandomProvider, Outcome> f) {
        return new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Outcome run(UniformRandomProvider rng) {
                return f.apply(rng);
            }
        };
    }

    /** A random noisy test problem with exact moments: a quadratic saddle (Haar basis) or LogSum, d ∈ [2, 5]. */
    static AdditiveNoiseProblem problem(UniformRandomProvider rng) {
        int d = 2 + rng.nextInt(4);
        if (rng.nextBoolean()) {
            double[] eig = new double[d];
            eig[0] = -(0.1 + rng.nextDouble());
            for (int i = 1; i < d; i++) eig[i] = 0.2 + 2 * rng.nextDouble();
            double[] sigma = ExactLinalg.spd(d, 0.5 + rng.nextDouble(), Math.pow(10, 2 * rng.nextDouble()), SpectrumKind.LOG_UNIFORM, rng).g();
            return QuadraticSaddle.haar(eig, rng).withNoise(GradientNoise.withCovariance(NoiseKind.RADEMACHER, sigma, d));
        }
        double[] s = new double[d];
        for (int i = 0; i < d; i++) s[i] = Math.pow(10, -1.5 * rng.nextDouble());
        return new LogSum(d).withNoise(s);
    }

    static double[] start(int d, UniformRandomProvider rng) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = 2 * rng.nextDouble() - 1;
        return x;
    }

    static ClaimResult run(ClaimInfo info, ClaimContext ctx, List<Check> checks, String summary) {
        int instances = ctx.budget().scaled(20, 6);
        List<String> failures = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        double worst = -1;
        String worstDesc = "";
        for (int c = 0; c < checks.size(); c++) {
            Check ch = checks.get(c);
            List<Outcome> outs = ctx.parallel().map(instances, i -> {
                try {
                    return ch.run(ctx.rng(ch.name(), i));
                } catch (RuntimeException e) {
                    return new Outcome(Double.POSITIVE_INFINITY, "threw " + e);
                }
            });
            double m = -1;
            String md = "";
            for (Outcome o : outs) {
                double r = Double.isNaN(o.ratio()) ? Double.POSITIVE_INFINITY : o.ratio();
                all.add(r);
                if (r > m) {
                    m = r;
                    md = o.description();
                }
            }
            if (m > 1) failures.add(ch.name() + ": " + md + " (error/tolerance " + m + ")");
            if (m > worst) {
                worst = m;
                worstDesc = ch.name() + ": " + md;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("check", ch.name());
            row.put("instances", instances);
            row.put("maxErrorOverTolerance", m);
            row.put("worst", md);
            rows.add(row);
        }
        double[] ratios = all.stream().mapToDouble(Double::doubleValue).toArray();
        ClaimResult.Builder b = ClaimResult.builder(failures.isEmpty() ? Verdict.HOLDS : Verdict.VIOLATED)
                .trials(ratios.length).falseFailureRate(0).tightness(Tightness.of(ratios, worstDesc)).series("ratios", ratios)
                .detail("checks", rows).detail("instancesPerCheck", instances);
        if (failures.isEmpty()) {
            b.evidence(String.format(Locale.ROOT, "%s All %d checks hold on %d random instances each (worst error/tolerance %.3g: %s).",
                    summary, checks.size(), instances, worst, worstDesc));
        } else {
            b.evidence(failures.size() + " check(s) failed; first: " + failures.get(0));
            b.detail("failures", failures);
        }
        return b.build();
    }

    /** Relative sup error of two trajectories' endpoints, over the tolerance. */
    static double ratio(double[] a, double[] b, double tol) {
        return ExactLinalg.relErr(a, b) / tol;
    }

    static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
