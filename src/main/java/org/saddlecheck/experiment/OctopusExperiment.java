package org.saddlecheck.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.optim.pgd.GradientDescent;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.StepObserver;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.Octopus;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.util.Require;

/**
 * Experiment {@code octopus} (Du, Jin, Lee, Jordan, Poczos, Singh, NeurIPS 2017, cited by Jin et al.; CLAIMS.md
 * JIN-OCTOPUS; ANCHORS.md §1): gradient descent and PGD on the octopus function ({@link Octopus#standard}: L = τ = e,
 * γ = 1), started uniformly in [−1, 1]^d, which lies in the first region D₁. A run ends when the iterate reaches the
 * final region D_{d+1} (all |x_j| ≥ 2τ, the basin of the global minimum); its step count is recorded.
 *
 * <p>Mechanism: GD visits the d saddles one after another; while it escapes saddle i (rate 1 + 2ηγ) the next coordinate
 * shrinks (rate 1 − 2ηL), so each escape takes about ln(1/(1−2ηL))/ln(1+2ηγ) ≈ L/γ times longer than the previous one:
 * exponential in d. PGD re-seeds the escape direction with a perturbation at each saddle: linear in d (up to logs).
 *
 * <p><b>Floating point.</b> The shrinking coordinates underflow to subnormal numbers or 0 (below 2^{−1022} ≈ e^{−708}, where
 * multiplying by 1 + 2ηγ no longer changes them): from d = 6 on (η = 0.02, sometimes already at d = 5) GD can never
 * leave a saddle in double precision. Such runs are reported as censored at the cap with
 * {@code underflow = true}; the GD fit uses the dimensions where GD finishes (default 2–5).
 *
 * <p>Parameters (stated in the outputs): η = 0.02 for both; PGD r = 0.01, g_thres = 0.01, f_thres = 1, t_thres = 400
 * (≥ the escape time, so episodes never end at a saddle). PGD has no projection; the octopus is defined only on its
 * domain D₀, so PGD runs on an unconstrained view of it and a run that leaves D₀ is reported (never observed).
 */
public final class OctopusExperiment {
    public static final String NAME = "octopus";
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    private OctopusExperiment() {}

    public record Config(int[] gdDims, int[] pgdDims, int trials, double eta, long gdCap, long pgdCap, double radius,
            double gThres, double fThres, double tThres, PerturbationSampler sampler, int resamples) {
        public Config {
            Require.notNull("gdDims", gdDims);
            Require.notNull("pgdDims", pgdDims);
            Require.that(gdDims.length >= 2 && pgdDims.length >= 2, "dims", "too few", "at least 2 dimensions for GD and PGD");
            for (int d : gdDims) Require.that(d >= 1, "gd dim", d, ">= 1");
            for (int d : pgdDims) Require.that(d >= 1, "pgd dim", d, ">= 1");
            gdDims = gdDims.clone();
            pgdDims = pgdDims.clone();
            Require.that(trials >= 3, "trials", trials, ">= 3");
            Require.positive("eta", eta);
            Require.that(gdCap >= 10 && pgdCap >= 10, "caps", gdCap + "/" + pgdCap, ">= 10");
            Require.positive("radius", radius);
            Require.positive("gThres", gThres);
            Require.positive("fThres", fThres);
            Require.positive("tThres", tThres);
            Require.notNull("sampler", sampler);
            Require.that(resamples >= 100, "resamples", resamples, ">= 100");
        }

        public static Config standard(int trials) {
            return new Config(new int[] {2, 3, 4, 5}, new int[] {2, 3, 4, 5, 8, 16, 32}, trials, 0.02, 500_000, 400_000, 0.01,
                    0.01, 1.0, 400, PerturbationSampler.uniformBall(), 2000);
        }

        public Config withTrials(int n) {
            return new Config(gdDims, pgdDims, n, eta, gdCap, pgdCap, radius, gThres, fThres, tThres, sampler, resamples);
        }

        public Config withDims(int[] gd, int[] pgd) {
            return new Config(gd, pgd, trials, eta, gdCap, pgdCap, radius, gThres, fThres, tThres, sampler, resamples);
        }

        /** Predicted growth factor per dimension of GD's time: ln(1/(1−2ηL))/ln(1+2ηγ). */
        public double predictedGdFactor() {
            return Math.log(1 / (1 - 2 * eta * Math.E)) / Math.log1p(2 * eta);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && Arrays.equals(gdDims, c.gdDims) && Arrays.equals(pgdDims, c.pgdDims) && trials == c.trials;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(gdDims) + 31 * trials;
        }

        @Override
        public String toString() {
            return "Config[gdDims=" + Arrays.toString(gdDims) + ", pgdDims=" + Arrays.toString(pgdDims) + ", trials=" + trials
                    + ", eta=" + eta + "]";
        }
    }

    /**
     * Steps of one method at one d; censored runs count as the cap. {@code underflow}: GD runs stuck because the
     * coordinates that must grow are subnormal or 0; {@code terminatedAtSaddle}: PGD runs whose episode ended without the
     * f_thres decrease (Algorithm 2 returned a saddle); {@code leftDomain}: PGD runs that left D₀.
     */
    public record Point(String method, int d, double[] steps, int censored, int underflow, int terminatedAtSaddle,
            int leftDomain, double median, double q10, double q90) {}

    /** ln(median steps) = a + b·d fits and PGD's power law. */
    public record Result(Config config, List<Point> gd, List<Point> pgd, double gdSlope, double[] gdSlopeSamples,
            double pgdSlopeCommon, double[] pgdSlopeCommonSamples, SlopeFit.Bootstrap pgdPower, String seeds) {

        /** Two-sided (1−alpha) interval of GD's exponential slope b (ln steps per dimension). */
        public double[] gdSlopeInterval(double alpha) {
            return interval(gdSlope, gdSlopeSamples, alpha);
        }

        /** One-sided lower (1−alpha) bound of b_GD − b_PGD on the common dimensions. */
        public double differenceLowerBound(double alpha) {
            double[] diff = new double[gdSlopeSamples.length];
            for (int i = 0; i < diff.length; i++) diff[i] = gdSlopeSamples[i] - pgdSlopeCommonSamples[i];
            return interval(gdSlope - pgdSlopeCommon, diff, 2 * alpha)[0];
        }

        /** One-sided upper (1−alpha) bound of b_GD − b_PGD. */
        public double differenceUpperBound(double alpha) {
            double[] diff = new double[gdSlopeSamples.length];
            for (int i = 0; i < diff.length; i++) diff[i] = gdSlopeSamples[i] - pgdSlopeCommonSamples[i];
            return interval(gdSlope - pgdSlopeCommon, diff, 2 * alpha)[1];
        }

        static double[] interval(double est, double[] samples, double alpha) {
            double[] s = samples.clone();
            Arrays.sort(s);
            double tail = alpha / 2;
            if (tail * s.length >= 5) return new double[] {Quantiles.sortedQuantile(s, tail), Quantiles.sortedQuantile(s, 1 - tail)};
            double m = 0, v = 0;
            for (double x : s) m += x;
            m /= s.length;
            for (double x : s) v += (x - m) * (x - m);
            double se = Math.sqrt(v / (s.length - 1)), z = STD_NORMAL.inverseSurvivalProbability(tail);
            return new double[] {est - z * se, est + z * se};
        }

        public void write(Path dir) {
            ExperimentIo.Csv sum = new ExperimentIo.Csv("method", "d", "median", "q10", "q90", "censored", "underflow",
                    "terminatedAtSaddle", "trials");
            ExperimentIo.Csv runs = new ExperimentIo.Csv("method", "d", "trial", "steps", "censored");
            for (List<Point> l : List.of(gd, pgd)) {
                for (Point p : l) {
                    sum.row(p.method(), p.d(), p.median(), p.q10(), p.q90(), p.censored(), p.underflow(), p.terminatedAtSaddle(),
                            p.steps().length);
                    long cap = p.method().equals("GD") ? config.gdCap() : config.pgdCap();
                    for (int i = 0; i < p.steps().length; i++) runs.row(p.method(), p.d(), i, p.steps()[i], p.steps()[i] >= cap ? 1 : 0);
                }
            }
            ExperimentIo.writeAtomically(dir.resolve(NAME + ".csv"), sum.toString());
            ExperimentIo.writeAtomically(dir.resolve(NAME + "-runs.csv"), runs.toString());
            ExperimentIo.writeAtomically(dir.resolve(NAME + ".json"), ExperimentIo.toJson(summary(0.05)));
        }

        public Map<String, Object> summary(double alpha) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiment", NAME);
            m.put("seeds", seeds);
            m.put("objective", "octopus (Du et al. 2017), L = tau = e, gamma = 1; start uniform in [-1,1]^d; goal: all |x_j| >= 2 tau");
            m.put("eta", config.eta());
            m.put("pgd", String.format(Locale.ROOT, "r = %g, g_thres = %g, f_thres = %g, t_thres = %g, sampler %s", config.radius(),
                    config.gThres(), config.fThres(), config.tThres(), config.sampler().name()));
            List<Object> pts = new ArrayList<>();
            for (List<Point> l : List.of(gd, pgd)) {
                for (Point p : l) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("method", p.method());
                    pm.put("d", p.d());
                    pm.put("median", p.median());
                    pm.put("q10", p.q10());
                    pm.put("q90", p.q90());
                    pm.put("censored", p.censored());
                    pm.put("underflow", p.underflow());
                    pm.put("terminatedAtSaddle", p.terminatedAtSaddle());
                    pts.add(pm);
                }
            }
            m.put("points", pts);
            double[] ci = gdSlopeInterval(alpha);
            m.put("gdExponentialSlope", gdSlope);
            m.put("gdExponentialSlopeCI", List.of(ci[0], ci[1]));
            m.put("gdPredictedSlope", Math.log(config.predictedGdFactor()));
            m.put("pgdExponentialSlopeCommonDims", pgdSlopeCommon);
            m.put("pgdPowerLawExponent", pgdPower.fit().slope());
            m.put("alpha", alpha);
            return m;
        }

        public String table(double alpha) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-4s %4s %12s %12s %12s %9s%n", "alg", "d", "median", "q10", "q90",
                    "censored"));
            for (List<Point> l : List.of(gd, pgd)) {
                for (Point p : l) {
                    sb.append(String.format(Locale.ROOT, "%-4s %4d %12.0f %12.0f %12.0f %9d%n", p.method(), p.d(), p.median(), p.q10(),
                            p.q90(), p.censored()));
                }
            }
            double[] ci = gdSlopeInterval(alpha);
            sb.append(String.format(Locale.ROOT, "GD: ln(steps) slope per dimension %.3f, CI [%.3f, %.3f] (predicted ~%.3f); "
                            + "PGD on the same dims %.3f; PGD power law in d: %.3f%n", gdSlope, ci[0], ci[1],
                    Math.log(config.predictedGdFactor()), pgdSlopeCommon, pgdPower.fit().slope()));
            return sb.toString();
        }
    }

    /** The octopus seen as an unconstrained objective (PGD has no projection); calls outside D₀ throw. */
    static final class Unconstrained implements Objective {
        private final Octopus o;

        Unconstrained(Octopus o) {
            this.o = o;
        }

        @Override
        public int dim() {
            return o.dim();
        }

        @Override
        public double value(double[] x) {
            return o.value(x);
        }

        @Override
        public void gradient(double[] x, double[] out) {
            o.gradient(x, out);
        }

        @Override
        public void hessian(double[] x, double[] out) {
            o.hessian(x, out);
        }

        @Override
        public Domain domain() {
            return Domain.UNCONSTRAINED;
        }

        @Override
        public String name() {
            return o.name();
        }
    }

    /** Stops a run when the iterate enters D_{d+1}. */
    static final class GoalObserver implements StepObserver {
        private final Octopus o;
        long hit = -1;

        GoalObserver(Octopus o) {
            this.o = o;
        }

        @Override
        public void observe(long t, double[] x, double f, double gradNorm) {
            if (o.piece(x) == o.dim() + 1) {
                hit = t;
                throw StopSignal.INSTANCE;
            }
        }

        @Override
        public boolean needsValue() {
            return false;
        }
    }

    static double[] start(int d, UniformRandomProvider rng) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = 2 * rng.nextDouble() - 1;
        return x;
    }

    /** GD run: [steps, censored, underflow]. */
    public static double[] gdRun(Octopus o, Config c, UniformRandomProvider rng) {
        double[] x0 = start(o.dim(), rng);
        GoalObserver obs = new GoalObserver(o);
        try {
            var r = new GradientDescent(o, c.eta()).run(x0, 0, c.gdCap(), obs);
            double[] x = r.finalPoint();
            int lead = o.piece(x) - 1;
            boolean under = true;
            for (int j = lead; j < x.length; j++) if (Math.abs(x[j]) >= Double.MIN_NORMAL) under = false;
            return new double[] {c.gdCap(), 1, under ? 1 : 0};
        } catch (StopSignal s) {
            return new double[] {obs.hit, 0, 0};
        }
    }

    /** PGD run: [steps, censored, leftDomain (1) or terminated at a saddle (2)]. */
    public static double[] pgdRun(Octopus o, Config c, UniformRandomProvider rng) {
        double[] x0 = start(o.dim(), rng);
        GoalObserver obs = new GoalObserver(o);
        PgdParameters p = PgdParameters.explicit(c.eta(), c.radius(), c.gThres(), c.fThres(), c.tThres());
        try {
            var r = new PerturbedGradientDescent(new Unconstrained(o), p, c.sampler(), c.pgdCap(), obs).run(x0, rng);
            return new double[] {c.pgdCap(), 1, r.terminated() ? 2 : 0};
        } catch (StopSignal s) {
            return new double[] {obs.hit, 0, 0};
        } catch (IllegalArgumentException e) {
            return new double[] {c.pgdCap(), 1, 1};
        }
    }

    public static Result run(Config c, SeedSource seeds, Parallel parallel) {
        Require.notNull("config", c);
        Require.notNull("seeds", seeds);
        Require.notNull("parallel", parallel);
        List<Point> gd = new ArrayList<>(), pgd = new ArrayList<>();
        for (int d : c.gdDims()) {
            Octopus o = Octopus.standard(d);
            List<double[]> r = parallel.map(c.trials(), i -> gdRun(o, c, seeds.rng("gd/d=" + d, i)));
            gd.add(point("GD", d, r));
        }
        for (int d : c.pgdDims()) {
            Octopus o = Octopus.standard(d);
            List<double[]> r = parallel.map(c.trials(), i -> pgdRun(o, c, seeds.rng("pgd/d=" + d, i)));
            pgd.add(point("PGD", d, r));
        }
        // exponential slopes (ln median vs d) on the GD dims, bootstrapped jointly for GD and PGD
        int m = c.gdDims().length;
        double[] x = Arrays.stream(c.gdDims()).asDoubleStream().toArray();
        double[][] gs = new double[m][], ps = new double[m][];
        for (int j = 0; j < m; j++) {
            gs[j] = gd.get(j).steps();
            int dd = c.gdDims()[j];
            Point pp = pgd.stream().filter(p -> p.d() == dd).findFirst().orElse(null);
            ps[j] = pp != null ? pp.steps() : pgdRunsFor(c, dd, seeds, parallel);
        }
        UniformRandomProvider rng = seeds.rng("bootstrap", 0);
        double gSlope = expSlope(x, medians(gs)), pSlope = expSlope(x, medians(ps));
        double[] gb = new double[c.resamples()], pb = new double[c.resamples()];
        double[][] bg = new double[m][], bp = new double[m][];
        for (int j = 0; j < m; j++) {
            bg[j] = new double[gs[j].length];
            bp[j] = new double[ps[j].length];
        }
        for (int k = 0; k < c.resamples(); k++) {
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < bg[j].length; i++) bg[j][i] = gs[j][rng.nextInt(gs[j].length)];
                for (int i = 0; i < bp[j].length; i++) bp[j][i] = ps[j][rng.nextInt(ps[j].length)];
            }
            gb[k] = expSlope(x, medians(bg));
            pb[k] = expSlope(x, medians(bp));
        }
        double[] px = Arrays.stream(c.pgdDims()).asDoubleStream().toArray();
        double[][] pAll = pgd.stream().map(Point::steps).toArray(double[][]::new);
        SlopeFit.Bootstrap pow = SlopeFit.bootstrap(px, pAll, SlopeFit.median(), c.resamples(), seeds.rng("bootstrap-power", 0));
        return new Result(c, List.copyOf(gd), List.copyOf(pgd), gSlope, gb, pSlope, pb, pow, seeds.describe());
    }

    private static double[] pgdRunsFor(Config c, int d, SeedSource seeds, Parallel parallel) {
        Octopus o = Octopus.standard(d);
        List<double[]> r = parallel.map(c.trials(), i -> pgdRun(o, c, seeds.rng("pgd/d=" + d, i)));
        return r.stream().mapToDouble(v -> v[0]).toArray();
    }

    private static Point point(String method, int d, List<double[]> r) {
        double[] steps = r.stream().mapToDouble(v -> v[0]).toArray();
        int cens = (int) r.stream().filter(v -> v[1] == 1).count();
        int one = (int) r.stream().filter(v -> v[2] == 1).count();
        int two = (int) r.stream().filter(v -> v[2] == 2).count();
        boolean gd = method.equals("GD");
        double[] s = steps.clone();
        Arrays.sort(s);
        return new Point(method, d, steps, cens, gd ? one : 0, gd ? 0 : two, gd ? 0 : one,
                Quantiles.sortedQuantile(s, 0.5), Quantiles.sortedQuantile(s, 0.1), Quantiles.sortedQuantile(s, 0.9));
    }

    private static double[] medians(double[][] s) {
        double[] m = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            double[] c = s[j].clone();
            Arrays.sort(c);
            m[j] = Quantiles.sortedQuantile(c, 0.5);
        }
        return m;
    }

    /** OLS slope of ln(y) on x. */
    static double expSlope(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int j = 0; j < x.length; j++) {
            mx += x[j];
            my += Math.log(y[j]);
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int j = 0; j < x.length; j++) {
            sxy += (x[j] - mx) * (Math.log(y[j]) - my);
            sxx += (x[j] - mx) * (x[j] - mx);
        }
        return sxy / sxx;
    }
}
