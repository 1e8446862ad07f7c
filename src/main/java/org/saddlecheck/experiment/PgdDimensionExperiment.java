package org.saddlecheck.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.StepObserver;
import org.saddlecheck.optim.pgd.WrongGaussianSampler;
import org.saddlecheck.problem.QuarticSaddle;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.util.Require;

/**
 * Experiment {@code pgd-dimension} (CLAIMS.md JIN-DIMFREE [SIM] setup; Jin et al. abstract "almost dimension-free"):
 * PGD started exactly at the strict saddle x = 0 of the quartic saddle
 * f(x) = −(γ/2)x₁² + x₁⁴/4 + ½Σ_{i≥2} x_i² (γ = 0.1), with step η = 0.5 and a uniform-ball perturbation of radius
 * r = 1e-3. The gradient vanishes at the saddle, so PGD perturbs at t = 0 and then takes plain gradient steps; the
 * escape time is the first t with f(x_t) &lt; −γ²/8. It is measured for d from 10 to 10⁴ (log-spaced).
 *
 * <p>Mechanism [DER]: the e₁-component of the perturbation is ≈ r/√d and grows by (1 + ηγ) per step, so
 * T_esc ≈ a + b·ln d with b = 1/(2 ln(1 + ηγ)) ≈ 10.25, i.e. logarithmic in d. The experiment fits both
 * T_esc = a + b·ln d ({@link LogLinearFit}) and the power law T_esc ∝ d^p ({@link SlopeFit}), on the per-d medians,
 * with bootstrap intervals over trials.
 *
 * <p>Negative control (optional, {@link Config#controlStd}): a Gaussian perturbation with a fixed per-coordinate
 * standard deviation σ ({@link WrongGaussianSampler#withStd}); its e₁-component is ≈ σ whatever d, so the escape time
 * no longer grows with ln d (b ≈ 0): the dependence on d changes. Documented, never a failure.
 *
 * <p>PGD runs with explicit parameters η, r, g_thres = 1e-12 (any positive value fires at the exact saddle),
 * f_thres = γ²/8 and t_thres = horizon; a run is stopped as soon as the target is reached (the observer aborts
 * it) and is censored at the horizon otherwise (counted in {@link Point#censored}).
 */
public final class PgdDimensionExperiment {
    public static final String NAME = "pgd-dimension";

    private PgdDimensionExperiment() {}

    /**
     * @param dims       dimensions (each ≥ 2, at least two distinct values)
     * @param trials     runs per dimension
     * @param gamma      negative curvature γ of the saddle
     * @param eta        step size η (η·max(1, 3·B² − γ) ≤ 1 is not required; η·h = 0.5 with h = 1 here)
     * @param radius     perturbation radius r
     * @param horizon    step cap per run (censoring)
     * @param sampler    the perturbation sampler under test (uniform ball for the paper's algorithm)
     * @param controlStd σ of the negative control, NaN for none
     * @param resamples  bootstrap resamples
     */
    public record Config(int[] dims, int trials, double gamma, double eta, double radius, int horizon,
            PerturbationSampler sampler, double controlStd, int resamples) {
        public Config {
            Require.notNull("dims", dims);
            Require.that(dims.length >= 2, "dims.length", dims.length, "at least 2");
            for (int d : dims) Require.that(d >= 2, "dim", d, "an integer >= 2");
            Require.that(Arrays.stream(dims).distinct().count() >= 2, "dims", Arrays.toString(dims), "at least two distinct values");
            dims = dims.clone();
            Require.that(trials >= 3, "trials", trials, "an integer >= 3");
            Require.positive("gamma", gamma);
            Require.positive("eta", eta);
            Require.that(eta * gamma < 1, "eta*gamma", eta * gamma, "< 1");
            Require.positive("radius", radius);
            Require.that(horizon >= 10, "horizon", horizon, "an integer >= 10");
            Require.notNull("sampler", sampler);
            Require.that(Double.isNaN(controlStd) || (controlStd > 0 && Double.isFinite(controlStd)), "controlStd", controlStd,
                    "NaN (no control) or a finite number > 0");
            Require.that(resamples >= 100, "resamples", resamples, "an integer >= 100");
        }

        /** The CLAIMS.md [SIM] setup: d = 10 … 10⁴ (7 points), γ = 0.1, η = 0.5, r = 1e-3, uniform ball. */
        public static Config standard(int trials) {
            return new Config(new int[] {10, 32, 100, 316, 1000, 3162, 10000}, trials, 0.1, 0.5, 1e-3, 2000,
                    PerturbationSampler.uniformBall(), Double.NaN, 2000);
        }

        public Config withDims(int... d) {
            return new Config(d, trials, gamma, eta, radius, horizon, sampler, controlStd, resamples);
        }

        public Config withSampler(PerturbationSampler s) {
            return new Config(dims, trials, gamma, eta, radius, horizon, s, controlStd, resamples);
        }

        public Config withControl(double std) {
            return new Config(dims, trials, gamma, eta, radius, horizon, sampler, std, resamples);
        }

        public Config withTrials(int n) {
            return new Config(dims, n, gamma, eta, radius, horizon, sampler, controlStd, resamples);
        }

        /** f(x) &lt; target counts as escaped: −γ²/8 (half of f* = −γ²/4). */
        public double target() {
            return -gamma * gamma / 8;
        }

        /** Predicted slope b = 1/(2 ln(1 + ηγ)) of T_esc against ln d. */
        public double predictedSlope() {
            return 1 / (2 * Math.log1p(eta * gamma));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && Arrays.equals(dims, c.dims) && trials == c.trials && gamma == c.gamma
                    && eta == c.eta && radius == c.radius && horizon == c.horizon && sampler.equals(c.sampler)
                    && Double.compare(controlStd, c.controlStd) == 0 && resamples == c.resamples;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(dims) * 31 + trials;
        }

        @Override
        public String toString() {
            return "Config[dims=" + Arrays.toString(dims) + ", trials=" + trials + ", gamma=" + gamma + ", eta=" + eta
                    + ", radius=" + radius + ", horizon=" + horizon + ", sampler=" + sampler.name() + ", controlStd="
                    + controlStd + "]";
        }
    }

    /** Escape times of one (sampler, d); censored runs count as {@code horizon}. */
    public record Point(String sampler, int d, double[] escape, int censored, double median, double q10, double q90) {
        static Point of(String sampler, int d, double[] escape, int censored) {
            double[] s = escape.clone();
            Arrays.sort(s);
            return new Point(sampler, d, escape, censored, Quantiles.sortedQuantile(s, 0.5), Quantiles.sortedQuantile(s, 0.1),
                    Quantiles.sortedQuantile(s, 0.9));
        }
    }

    /** One sampler's sweep with its two fits. */
    public record Sweep(String sampler, List<Point> points, LogLinearFit linear, SlopeFit.Bootstrap power) {
        public double[] dims() {
            return points.stream().mapToDouble(Point::d).toArray();
        }

        public double[] medians() {
            return points.stream().mapToDouble(Point::median).toArray();
        }

        public int censored() {
            return points.stream().mapToInt(Point::censored).sum();
        }
    }

    /** The experiment's outcome: the main sweep and, when configured, the negative control. */
    public record Result(Config config, Sweep main, Sweep control, String seeds) {
        /** Writes pgd-dimension.csv (per run), pgd-dimension-summary.csv (per d) and pgd-dimension.json into dir. */
        public void write(Path dir, double alpha) {
            ExperimentIo.Csv runs = new ExperimentIo.Csv("sampler", "d", "trial", "escapeIterations", "censored");
            ExperimentIo.Csv summary = new ExperimentIo.Csv("sampler", "d", "median", "q10", "q90", "censored", "trials");
            for (Sweep s : sweeps()) {
                for (Point p : s.points()) {
                    for (int i = 0; i < p.escape().length; i++) {
                        runs.row(s.sampler(), p.d(), i, p.escape()[i], p.escape()[i] >= config.horizon() ? 1 : 0);
                    }
                    summary.row(s.sampler(), p.d(), p.median(), p.q10(), p.q90(), p.censored(), p.escape().length);
                }
            }
            ExperimentIo.writeAtomically(dir.resolve(NAME + ".csv"), runs.toString());
            ExperimentIo.writeAtomically(dir.resolve(NAME + "-summary.csv"), summary.toString());
            ExperimentIo.writeAtomically(dir.resolve(NAME + ".json"), ExperimentIo.toJson(summary(alpha)));
        }

        public List<Sweep> sweeps() {
            return control == null ? List.of(main) : List.of(main, control);
        }

        /** JSON summary: setup, per-d medians and both fits for each sweep. */
        public Map<String, Object> summary(double alpha) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiment", NAME);
            m.put("seeds", seeds);
            m.put("setup", Map.of("objective", "quartic saddle f = -(gamma/2)x1^2 + x1^4/4 + (1/2)sum_{i>=2} x_i^2",
                    "gamma", config.gamma(), "eta", config.eta(), "radius", config.radius(), "target", config.target(),
                    "horizon", config.horizon(), "trials", config.trials()));
            m.put("predictedSlope", config.predictedSlope());
            m.put("alpha", alpha);
            List<Object> runsOut = new ArrayList<>();
            for (Sweep s : sweeps()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("sampler", s.sampler());
                List<Object> pts = new ArrayList<>();
                for (Point p : s.points()) {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put("d", p.d());
                    pm.put("median", p.median());
                    pm.put("q10", p.q10());
                    pm.put("q90", p.q90());
                    pm.put("censored", p.censored());
                    pts.add(pm);
                }
                r.put("points", pts);
                double[] ci = s.linear().interval(alpha);
                r.put("logLinearSlope", s.linear().slope());
                r.put("logLinearSlopeCI", List.of(ci[0], ci[1]));
                r.put("logLinearIntercept", s.linear().intercept());
                SlopeFit.RateTest pt = s.power().test(0, 0.1, SlopeFit.Direction.AT_MOST, alpha);
                double[] pci = s.power().percentileInterval(0.95);
                r.put("powerLawExponent", s.power().fit().slope());
                r.put("powerLawExponentLowerBound", pt.ciLow());
                r.put("powerLawExponent95", List.of(pci[0], pci[1]));
                runsOut.add(r);
            }
            m.put("runs", runsOut);
            return m;
        }

        /** A short text table: d, median, q10, q90 per sampler, then the fits. */
        public String table(double alpha) {
            StringBuilder sb = new StringBuilder();
            for (Sweep s : sweeps()) {
                sb.append("sampler ").append(s.sampler()).append('\n');
                sb.append(String.format(Locale.ROOT, "%8s %10s %8s %8s %9s%n", "d", "median", "q10", "q90", "censored"));
                for (Point p : s.points()) {
                    sb.append(String.format(Locale.ROOT, "%8d %10.1f %8.1f %8.1f %9d%n", p.d(), p.median(), p.q10(), p.q90(),
                            p.censored()));
                }
                sb.append("  T_esc = a + b ln d: ").append(s.linear().describe(alpha)).append(String.format(Locale.ROOT,
                        " (predicted b = %.4g)%n", config.predictedSlope()));
                sb.append("  T_esc ~ d^p: ").append(s.power().test(0, 0.1, SlopeFit.Direction.AT_MOST, alpha).describe()).append('\n');
            }
            return sb.toString();
        }
    }

    /** Runs the sweep (and the control when configured); trials run on {@code parallel} in trial order. */
    public static Result run(Config c, SeedSource seeds, Parallel parallel) {
        Require.notNull("config", c);
        Require.notNull("seeds", seeds);
        Require.notNull("parallel", parallel);
        Sweep main = sweep(c, c.sampler(), "main", seeds, parallel);
        Sweep control = Double.isNaN(c.controlStd()) ? null
                : sweep(c, WrongGaussianSampler.withStd(c.controlStd()), "control", seeds, parallel);
        return new Result(c, main, control, seeds.describe());
    }

    private static Sweep sweep(Config c, PerturbationSampler sampler, String tag, SeedSource seeds, Parallel parallel) {
        List<Point> pts = new ArrayList<>();
        double[][] samples = new double[c.dims().length][];
        double[] x = new double[c.dims().length];
        for (int j = 0; j < c.dims().length; j++) {
            int d = c.dims()[j];
            QuarticSaddle f = QuarticSaddle.uniform(d, c.gamma(), 1.0, 1.0);
            PgdParameters p = parameters(c);
            String stream = tag + "/d=" + d;
            double[] esc = parallel.mapToDouble(c.trials(),
                    i -> escapeIterations(f, p, sampler, c.target(), c.horizon(), seeds.rng(stream, i)));
            int cens = 0;
            for (double e : esc) if (e >= c.horizon()) cens++;
            pts.add(Point.of(sampler.name(), d, esc, cens));
            samples[j] = esc;
            x[j] = d;
        }
        LogLinearFit lin = LogLinearFit.bootstrap(x, samples, SlopeFit.median(), c.resamples(), seeds.rng(tag + "/bootstrap-linear", 0));
        SlopeFit.Bootstrap pow = SlopeFit.bootstrap(x, samples, SlopeFit.median(), c.resamples(), seeds.rng(tag + "/bootstrap-power", 0));
        return new Sweep(sampler.name(), List.copyOf(pts), lin, pow);
    }

    /** PGD parameters of the experiment: η, r, g_thres = 1e-12, f_thres = γ²/8, t_thres = horizon. */
    public static PgdParameters parameters(Config c) {
        return PgdParameters.explicit(c.eta(), c.radius(), 1e-12, c.gamma() * c.gamma() / 8, c.horizon());
    }

    /**
     * One run: PGD from the saddle x = 0 (which perturbs at t = 0), stopped at the first t with f(x_t) &lt; target;
     * returns t, or {@code horizon} if the target is not reached within the horizon (censored).
     */
    public static double escapeIterations(QuarticSaddle f, PgdParameters p, PerturbationSampler sampler, double target,
            long horizon, UniformRandomProvider rng) {
        EscapeObserver obs = new EscapeObserver(target);
        PerturbedGradientDescent pgd = new PerturbedGradientDescent(f, p, sampler, horizon, obs);
        try {
            pgd.run(new double[f.dim()], rng);
        } catch (StopSignal e) {
            return obs.hit;
        }
        return horizon;
    }

    /** Stops a run at the first t with f(x_t) &lt; target (by throwing {@link StopSignal}). */
    private static final class EscapeObserver implements StepObserver {
        private final double target;
        private long hit = -1;

        EscapeObserver(double target) {
            this.target = target;
        }

        @Override
        public void observe(long t, double[] x, double f, double gradNorm) {
            if (f < target) {
                hit = t;
                throw StopSignal.INSTANCE;
            }
        }
    }
}
