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
import org.saddlecheck.optim.pgd.PgdResult;
import org.saddlecheck.optim.pgd.StepObserver;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.util.Require;

/**
 * Experiment {@code matrix-factorization} (Jin et al. 2017 §5, CLAIMS.md JIN-MF end-to-end): PGD on
 * f(U) = ½‖UUᵀ − M*‖_F² with M* of rank r, eigenvalues σ₁* = 1 … σ_r* = 1/κ (geometrically spaced), from the exact
 * saddle U₀ = 0 or from a tiny random U₀ (entries 1e-6·N(0,1)), for every (d, r, κ, start) of the grid. A run
 * succeeds when PGD terminates with dist(x̃, X*) ≤ ε (orthogonal Procrustes).
 *
 * <p>Practical PGD parameters (not the paper's, which would need ~10⁹ steps here; stated in every output):
 * η = 0.1/σ₁*, r_ξ = 1e-3·√σ₁*, g_thres = 0.1·σ_r*·ε, f_thres = 1e-4·σ_r*², t_thres = ⌈6/(ησ_r*)⌉, cap 50000.
 * The distance to X* is recorded every {@code stride} iterations; per (d, r, κ) the CSV holds its q10/median/q90
 * over runs (a run's last value is carried forward after it stops).
 */
public final class MatrixFactorizationExperiment {
    public static final String NAME = "matrix-factorization";

    private MatrixFactorizationExperiment() {}

    /** Grid and run settings. */
    public record Config(int[] dims, int[] ranks, double[] kappas, int trialsPerCell, double eps, int stride, int cap,
            PerturbationSampler sampler) {
        public Config {
            Require.notNull("dims", dims);
            Require.notNull("ranks", ranks);
            Require.notNull("kappas", kappas);
            Require.that(dims.length > 0 && ranks.length > 0 && kappas.length > 0, "grid", "empty", "non-empty dims, ranks, kappas");
            for (int d : dims) Require.that(d >= 1, "d", d, ">= 1");
            for (int r : ranks) Require.that(r >= 1, "r", r, ">= 1");
            for (int d : dims) for (int r : ranks) Require.that(r <= d, "r", r, "<= d = " + d);
            for (double k : kappas) Require.that(k >= 1 && Double.isFinite(k), "kappa", k, "finite and >= 1");
            Require.that(trialsPerCell >= 1, "trialsPerCell", trialsPerCell, ">= 1");
            Require.positive("eps", eps);
            Require.that(stride >= 1, "stride", stride, ">= 1");
            Require.that(cap >= 100, "cap", cap, ">= 100");
            Require.notNull("sampler", sampler);
            dims = dims.clone();
            ranks = ranks.clone();
            kappas = kappas.clone();
        }

        /** CLAIMS.md grid: d ∈ {10, 50, 200}, r ∈ {1, 2, 5}, κ ∈ {1, 10}, ε = 1e-3. */
        public static Config standard(int trialsPerCell) {
            return new Config(new int[] {10, 50, 200}, new int[] {1, 2, 5}, new double[] {1, 10}, trialsPerCell, 1e-3, 10,
                    50_000, PerturbationSampler.uniformBall());
        }

        public Config withDims(int... d) {
            return new Config(d, ranks, kappas, trialsPerCell, eps, stride, cap, sampler);
        }

        public Config withTrials(int n) {
            return new Config(dims, ranks, kappas, n, eps, stride, cap, sampler);
        }

        /**
         * The condition numbers of the cells of rank r: for r = 1 the spectrum is {1} whatever κ, so a rank-one cell is
         * run once, as κ = 1, instead of once per κ under a false label.
         */
        public double[] kappasFor(int r) {
            return r == 1 ? new double[] {1.0} : kappas.clone();
        }

        /** Runs in the whole grid (both starts). */
        public int totalRuns() {
            int cells = 0;
            for (int r : ranks) cells += kappasFor(r).length;
            return dims.length * cells * 2 * trialsPerCell;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && Arrays.equals(dims, c.dims) && Arrays.equals(ranks, c.ranks)
                    && Arrays.equals(kappas, c.kappas) && trialsPerCell == c.trialsPerCell && eps == c.eps;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(dims) + 31 * Arrays.hashCode(ranks);
        }

        @Override
        public String toString() {
            return "Config[dims=" + Arrays.toString(dims) + ", ranks=" + Arrays.toString(ranks) + ", kappas="
                    + Arrays.toString(kappas) + ", trialsPerCell=" + trialsPerCell + ", eps=" + eps + "]";
        }
    }

    /** σ* of the cell: σ_k = κ^{−(k−1)/(r−1)} (σ₁ = 1, σ_r = 1/κ). */
    public static double[] spectrum(int r, double kappa) {
        double[] s = new double[r];
        for (int k = 0; k < r; k++) s[k] = r == 1 ? 1.0 : Math.pow(kappa, -(double) k / (r - 1));
        return s;
    }

    /** The practical PGD parameters of a cell (see the class doc). */
    public static PgdParameters parameters(double sigma1, double sigmaR, double eps) {
        double eta = 0.1 / sigma1;
        return PgdParameters.explicit(eta, 1e-3 * Math.sqrt(sigma1), 0.1 * sigmaR * eps, 1e-4 * sigmaR * sigmaR,
                Math.ceil(6 / (eta * sigmaR)));
    }

    /** One run's outcome. */
    public record Run(int d, int r, double kappa, String start, int trial, boolean terminated, long iterations,
            int perturbations, double finalDistance, boolean success, double[] trace) {}

    /** Records dist(U_t, X*) every stride steps (allocation-free apart from the preallocated trace). */
    static final class DistanceTrace implements StepObserver {
        private final FactorizationDistance dist;
        private final int stride;
        final double[] trace;
        int size;

        DistanceTrace(MatrixFactorization mf, int stride, int capacity) {
            this.dist = new FactorizationDistance(mf);
            this.stride = stride;
            this.trace = new double[capacity];
        }

        @Override
        public void observe(long t, double[] x, double f, double gradNorm) {
            if (t % stride == 0 && size < trace.length) trace[size++] = dist.distance(x);
        }

        @Override
        public boolean needsValue() {
            return false;
        }
    }

    /** One PGD run in a cell. */
    public static Run run(MatrixFactorization mf, double kappa, boolean zeroStart, int trial, Config c, UniformRandomProvider rng) {
        double s1 = mf.sigmaMax(), sr = mf.sigmaMin();
        PgdParameters p = parameters(s1, sr, c.eps());
        FactorizationObjective f = new FactorizationObjective(mf);
        double[] u0 = new double[f.dim()];
        if (!zeroStart) {
            new Gaussian(rng).fill(u0);
            for (int i = 0; i < u0.length; i++) u0[i] *= 1e-6;
        }
        DistanceTrace tr = new DistanceTrace(mf, c.stride(), c.cap() / c.stride() + 2);
        PgdResult res = new PerturbedGradientDescent(f, p, c.sampler(), c.cap(), tr).run(u0, rng);
        double dist = mf.distanceToOptima(res.output());
        return new Run(mf.rows(), mf.rank(), kappa, zeroStart ? "zero" : "tiny", trial, res.terminated(), res.iterations(),
                res.perturbations(), dist, res.terminated() && dist <= c.eps(), Arrays.copyOf(tr.trace, tr.size));
    }

    /** Curves per (d, r, κ): iteration, q10, median, q90 of the distance over the cell's runs. */
    public record Curve(int d, int r, double kappa, long[] iterations, double[] q10, double[] median, double[] q90) {}

    public record Result(Config config, List<Run> runs, List<Curve> curves, String seeds) {
        public int failures() {
            return (int) runs.stream().filter(r -> !r.success()).count();
        }

        /** Writes matrix-factorization.csv (curves), matrix-factorization-runs.csv and matrix-factorization.json. */
        public void write(Path dir) {
            ExperimentIo.Csv cv = new ExperimentIo.Csv("d", "r", "kappa", "iteration", "q10", "median", "q90");
            for (Curve c : curves) {
                for (int i = 0; i < c.iterations().length; i++) {
                    cv.row(c.d(), c.r(), c.kappa(), c.iterations()[i], c.q10()[i], c.median()[i], c.q90()[i]);
                }
            }
            ExperimentIo.Csv rc = new ExperimentIo.Csv("d", "r", "kappa", "start", "trial", "terminated", "iterations",
                    "perturbations", "finalDistance", "success");
            for (Run r : runs) {
                rc.row(r.d(), r.r(), r.kappa(), r.start(), r.trial(), r.terminated() ? 1 : 0, r.iterations(), r.perturbations(),
                        r.finalDistance(), r.success() ? 1 : 0);
            }
            ExperimentIo.writeAtomically(dir.resolve(NAME + ".csv"), cv.toString());
            ExperimentIo.writeAtomically(dir.resolve(NAME + "-runs.csv"), rc.toString());
            ExperimentIo.writeAtomically(dir.resolve(NAME + ".json"), ExperimentIo.toJson(summary()));
        }

        public List<Map<String, Object>> cells() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int d : config.dims())
                for (int r : config.ranks())
                    for (double k : config.kappasFor(r)) {
                        List<Run> rs = runs.stream().filter(x -> x.d() == d && x.r() == r && x.kappa() == k).toList();
                        double[] it = rs.stream().mapToDouble(Run::iterations).toArray();
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("d", d);
                        m.put("r", r);
                        m.put("kappa", k);
                        m.put("runs", rs.size());
                        m.put("successes", rs.stream().filter(Run::success).count());
                        m.put("medianIterations", Quantiles.median(it));
                        m.put("maxFinalDistance", rs.stream().mapToDouble(Run::finalDistance).max().orElse(Double.NaN));
                        out.add(m);
                    }
            return out;
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiment", NAME);
            m.put("seeds", seeds);
            m.put("objective", "f(U) = 1/2 ||U U^T - M*||_F^2, sigma_1* = 1, sigma_r* = 1/kappa (geometric)");
            m.put("pgd", "practical parameters: eta = 0.1/sigma1, r = 1e-3 sqrt(sigma1), g_thres = 0.1 sigma_r eps, "
                    + "f_thres = 1e-4 sigma_r^2, t_thres = ceil(6/(eta sigma_r)), cap " + config.cap());
            m.put("eps", config.eps());
            m.put("sampler", config.sampler().name());
            m.put("runs", runs.size());
            m.put("failures", failures());
            m.put("cells", cells());
            return m;
        }

        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%5s %3s %6s %6s %10s %14s%n", "d", "r", "kappa", "ok",
                    "med.iters", "max dist"));
            for (Map<String, Object> c : cells()) {
                sb.append(String.format(Locale.ROOT, "%5d %3d %6.0f %3d/%-2d %10.0f %14.3e%n", c.get("d"), c.get("r"), c.get("kappa"),
                        (Long) c.get("successes"), c.get("runs"), c.get("medianIterations"), c.get("maxFinalDistance")));
            }
            sb.append(String.format(Locale.ROOT, "%d runs, %d failures (dist(output, X*) > eps = %g or no termination)%n",
                    runs.size(), failures(), config.eps()));
            return sb.toString();
        }
    }

    /** Runs the grid; trials run on {@code parallel} in a fixed order. */
    public static Result run(Config c, SeedSource seeds, Parallel parallel) {
        Require.notNull("config", c);
        Require.notNull("seeds", seeds);
        Require.notNull("parallel", parallel);
        List<Object[]> cells = new ArrayList<>();
        for (int d : c.dims())
            for (int r : c.ranks())
                for (double k : c.kappasFor(r)) {
                    MatrixFactorization mf = new MatrixFactorization(d, spectrum(r, k), seeds.rng("problem/d=" + d + "/r=" + r + "/k=" + k, 0));
                    for (int z = 0; z < 2; z++)
                        for (int t = 0; t < c.trialsPerCell(); t++) cells.add(new Object[] {mf, k, z == 0, t});
                }
        List<Run> runs = parallel.map(cells.size(), i -> {
            Object[] o = cells.get(i);
            MatrixFactorization mf = (MatrixFactorization) o[0];
            double k = (Double) o[1];
            boolean zero = (Boolean) o[2];
            int t = (Integer) o[3];
            String stream = "run/d=" + mf.rows() + "/r=" + mf.rank() + "/k=" + k + "/" + (zero ? "zero" : "tiny");
            return run(mf, k, zero, t, c, seeds.rng(stream, t));
        });
        List<Curve> curves = new ArrayList<>();
        for (int d : c.dims())
            for (int r : c.ranks())
                for (double k : c.kappasFor(r)) {
                    List<Run> rs = runs.stream().filter(x -> x.d() == d && x.r() == r && x.kappa() == k).toList();
                    curves.add(curve(d, r, k, rs, c.stride()));
                }
        return new Result(c, List.copyOf(runs), List.copyOf(curves), seeds.describe());
    }

    static Curve curve(int d, int r, double kappa, List<Run> rs, int stride) {
        int len = rs.stream().mapToInt(x -> x.trace().length).max().orElse(0);
        long[] it = new long[len];
        double[] q10 = new double[len], med = new double[len], q90 = new double[len];
        double[] col = new double[rs.size()];
        for (int i = 0; i < len; i++) {
            for (int j = 0; j < rs.size(); j++) {
                double[] tr = rs.get(j).trace();
                col[j] = tr.length == 0 ? Double.NaN : tr[Math.min(i, tr.length - 1)];
            }
            double[] s = col.clone();
            Arrays.sort(s);
            it[i] = (long) i * stride;
            q10[i] = Quantiles.sortedQuantile(s, 0.1);
            med[i] = Quantiles.sortedQuantile(s, 0.5);
            q90[i] = Quantiles.sortedQuantile(s, 0.9);
        }
        return new Curve(d, r, kappa, it, q10, med, q90);
    }
}
