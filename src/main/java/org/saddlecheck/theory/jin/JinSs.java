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
import org.saddlecheck.experiment.MatrixFactorizationExperiment;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.optim.pgd.PerturbedGradientDescent;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.optim.pgd.PgdResult;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.Stationarity;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.ClopperPearson;
import org.saddlecheck.stats.Power;
import org.saddlecheck.util.Require;

/**
 * JIN-SS (Jin et al. 2017 §4, strict-saddle functions [SEC definition, REC theorem]; CLAIMS.md JIN-SS): f is
 * (θ, γ, ζ)-strict saddle if at every x (i) ‖∇f(x)‖ ≥ θ, or (ii) λ_min(∇²f(x)) ≤ −γ, or (iii) dist(x, X*) ≤ ζ; then PGD
 * run with ε̃ = min(θ, γ²/ρ) outputs a point ζ-close to X* with probability 1 − δ.
 * <ol>
 *   <li><b>Logic</b> (EXACT): with ε̃ = 0.99·min(θ, γ²/ρ), an ε̃-SOSP has ‖∇f‖ ≤ ε̃ &lt; θ and λ_min ≥ −√(ρε̃) &gt; −γ, so
 *       only (iii) can hold — checked as arithmetic for every fixture.</li>
 *   <li><b>Cosine family</b> f = −aΣcos((Qx)_i) [DER]: (θ, γ, ζ) = (a/2, a/2, π/4). If |sin y_i| &lt; 1/2 and
 *       cos y_i &gt; −1/2 for all i then |y_i| &lt; π/6 and ‖y‖ ≤ (π/2)‖sin y‖ &lt; (π/2)θ/a. EXACT on samples: random
 *       points and points near every kind of critical point; the distance to X* = {x : Qx ∈ 2πℤ^d} is exact.</li>
 *   <li><b>Matrix factorisation</b> with the [REC] constants (θ, γ, ζ) = (σ_r*^{3/2}/24, σ_r* / 3, σ_r*^{1/2}/3): the
 *       same check on random U, points near X* (distance up to 2ζ), near the rank-deficient saddles (columns of U*
 *       dropped) and on segments 0 → U*R. The constants are a recollection, so a counterexample would be reported
 *       as KNOWN-INCONSISTENCY with the point, never VIOLATED.</li>
 *   <li><b>Theorem</b> (MC-HP) on the cosine family (d = 4, Haar, a = 1): PGD with the paper's parameters for
 *       ε̃ = 0.99·min(θ, γ²/ρ) = 0.2475, started at strict saddles, c = 0.1; the output must be ζ-close to X* in
 *       ≥ 1 − δ of runs (δ = 0.1; exact binomial test, N from the power to detect 3δ).</li>
 * </ol>
 * Tightness: for sampled points where (i) and (ii) fail, dist(x, X*)/ζ (≤ 1 when the property holds).
 */
public final class JinSs implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-SS");
    static final double DELTA = 0.1;

    private final PerturbationSampler sampler;

    public JinSs() {
        this(PerturbationSampler.uniformBall());
    }

    public JinSs(PerturbationSampler sampler) {
        this.sampler = Require.notNull("sampler", sampler);
    }

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 1;
    }

    /** (θ, γ, ζ) with the certified ρ of the fixture. */
    record StrictSaddle(double theta, double gamma, double zeta, double rho) {
        double epsTilde() {
            return 0.99 * Math.min(theta, gamma * gamma / rho);
        }
    }

    static StrictSaddle cosine(double a) {
        return new StrictSaddle(a / 2, a / 2, Math.PI / 4, a);
    }

    static StrictSaddle mf(MatrixFactorization mf) {
        double sr = mf.sigmaMin();
        return new StrictSaddle(Math.pow(sr, 1.5) / 24, sr / 3, Math.sqrt(sr) / 3, mf.constants().hessianLipschitz());
    }

    static double cosineDistance(CosineFamily f, double[] x) {
        double[] q = f.basis();
        int d = f.dim();
        double s = 0;
        for (int i = 0; i < d; i++) {
            double y = 0;
            for (int j = 0; j < d; j++) y += q[i * d + j] * x[j];
            double m = y - 2 * Math.PI * Math.rint(y / (2 * Math.PI));
            s += m * m;
        }
        return Math.sqrt(s);
    }

    /** Checks one point: returns dist/ζ if (i) and (ii) fail, else −1. */
    static double point(Objective f, double[] x, StrictSaddle ss, double dist, Stationarity st) {
        Stationarity.Result r = st.check(f, x, Double.MAX_VALUE, Double.MAX_VALUE);
        if (r.gradNorm() >= ss.theta() || r.lambdaMin() <= -ss.gamma()) return -1;
        return dist / ss.zeta();
    }

    /** Samples of the cosine fixture: [max dist/ζ over points with (i), (ii) false, violations, count]. */
    static double[] cosineSamples(CosineFamily f, StrictSaddle ss, UniformRandomProvider rng, int n) {
        int d = f.dim();
        Stationarity st = new Stationarity(d);
        Gaussian g = new Gaussian(rng);
        double worst = 0, viol = 0, cnt = 0;
        for (int i = 0; i < n; i++) {
            double[] x;
            if (i % 2 == 0) {
                x = new double[d];
                for (int j = 0; j < d; j++) x[j] = 2 * Math.PI * (2 * rng.nextDouble() - 1);
            } else {
                int k = rng.nextInt(d + 1);
                x = f.saddle(k);
                double[] v = new double[d];
                g.fill(v);
                Vec.axpy(1.2 * rng.nextDouble() / Vec.norm(v), v, x);
            }
            double q = point(f, x, ss, cosineDistance(f, x), st);
            if (q >= 0) {
                cnt++;
                worst = Math.max(worst, q);
                if (q > 1) viol++;
            }
        }
        return new double[] {worst, viol, cnt};
    }

    /** Samples of an MF fixture: [max dist/ζ, violations, count, worst point's ‖∇f‖, λ_min, dist]. */
    static double[] mfSamples(MatrixFactorization mf, StrictSaddle ss, UniformRandomProvider rng, int n) {
        int dim = mf.dim(), d = mf.rows(), r = mf.rank();
        Stationarity st = new Stationarity(dim);
        Gaussian g = new Gaussian(rng);
        double[] us = mf.optimalFactor();
        double worst = 0, viol = 0, cnt = 0, wg = 0, wl = 0, wd = 0;
        double scale = Math.sqrt(2 * mf.sigmaMax() * r);
        for (int i = 0; i < n; i++) {
            double[] u = new double[dim];
            double[] v = new double[dim];
            g.fill(v);
            Vec.scale(1 / Vec.norm(v), v);
            switch (i % 4) {
                case 0 -> {
                    g.fill(u);
                    Vec.scale(scale * rng.nextDouble() / Vec.norm(u), u);
                }
                case 1 -> { // near X*: U*R + t v, t ≤ 2ζ (R = ±1 per column: orthogonal)
                    for (int j = 0; j < dim; j++) u[j] = us[j] * ((rng.nextBoolean() ? 1 : -1));
                    Vec.axpy(2 * ss.zeta() * rng.nextDouble(), v, u);
                }
                case 2 -> { // near a rank-deficient saddle: some columns of U* dropped
                    for (int k = 0; k < r; k++) {
                        boolean keep = rng.nextBoolean();
                        for (int a = 0; a < d; a++) u[a * r + k] = keep ? us[a * r + k] : 0;
                    }
                    Vec.axpy(ss.zeta() * rng.nextDouble(), v, u);
                }
                default -> { // on the segment 0 → U*, slightly off it
                    double t = 1.3 * rng.nextDouble();
                    for (int j = 0; j < dim; j++) u[j] = t * us[j];
                    Vec.axpy(0.1 * ss.zeta() * rng.nextDouble(), v, u);
                }
            }
            double dist = mf.distanceToOptima(u);
            Stationarity.Result res = st.check(mf, u, Double.MAX_VALUE, Double.MAX_VALUE);
            if (res.gradNorm() >= ss.theta() || res.lambdaMin() <= -ss.gamma()) continue;
            cnt++;
            double q = dist / ss.zeta();
            if (q > worst) {
                worst = q;
                wg = res.gradNorm();
                wl = res.lambdaMin();
                wd = dist;
            }
            if (q > 1) viol++;
        }
        return new double[] {worst, viol, cnt, wg, wl, wd};
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(1);
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(alpha);
        List<String> problems = new ArrayList<>();
        List<String> recNotes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int n = ctx.budget().scaled(4000, 1000);
        double worstAll = -1;
        String worstDesc = "";
        // cosine
        CosineFamily cf = CosineFamily.haar(4, 1.0, ctx.rng("cosine", 0));
        StrictSaddle css = cosine(1.0);
        List<double[]> cres = ctx.parallel().map(8, c -> cosineSamples(cf, css, ctx.rng("cosine-samples", c), n / 8));
        double cw = 0, cv = 0, cc = 0;
        for (double[] r : cres) {
            cw = Math.max(cw, r[0]);
            cv += r[1];
            cc += r[2];
        }
        ratios.add(cw);
        worstAll = cw;
        worstDesc = "cosine(d=4)";
        if (cv > 0) problems.add(fmt("cosine: %d sampled points violate the (a/2, a/2, pi/4)-strict-saddle property", (long) cv));
        logic("cosine", css, problems);
        b.detail("cosine", row("theta", css.theta(), "gamma", css.gamma(), "zeta", css.zeta(), "points", n,
                "pointsWithSmallGradientAndNoNegativeCurvature", (long) cc, "maxDistOverZeta", cw, "violations", (long) cv));
        // matrix factorisation [REC]
        int[][] shapes = {{4, 1, 1}, {5, 2, 3}, {6, 3, 10}};
        List<Map<String, Object>> mrows = new ArrayList<>();
        for (int[] sh : shapes) {
            MatrixFactorization mf = new MatrixFactorization(sh[0], MatrixFactorizationExperiment.spectrum(sh[1], sh[2]),
                    ctx.rng("mf/" + sh[0], 0));
            StrictSaddle ss = mf(mf);
            String stream = "mf-samples/" + sh[0] + "x" + sh[1];
            List<double[]> res = ctx.parallel().map(8, c -> mfSamples(mf, ss, ctx.rng(stream, c), n / 8));
            double w = 0, v = 0, cnt = 0;
            double[] wp = null;
            for (double[] r : res) {
                if (r[0] >= w) {
                    w = r[0];
                    wp = r;
                }
                v += r[1];
                cnt += r[2];
            }
            ratios.add(w);
            String name = fmt("MF(d=%d, r=%d, kappa=%d)", sh[0], sh[1], sh[2]);
            if (w > worstAll) {
                worstAll = w;
                worstDesc = name + " [REC constants]";
            }
            if (v > 0) {
                recNotes.add(fmt("%s: %d sampled points satisfy none of |grad| >= sigma_r^1.5/24, lambda_min <= -sigma_r/3, "
                        + "dist <= sigma_r^0.5/3 (worst: |grad| = %.4g, lambda_min = %.4g, dist = %.4g vs zeta = %.4g)",
                        name, (long) v, wp[3], wp[4], wp[5], ss.zeta()));
            }
            logic(name, ss, problems);
            mrows.add(row("fixture", name, "theta", ss.theta(), "gamma", ss.gamma(), "zeta", ss.zeta(), "rho", ss.rho(), "points", n,
                    "pointsWithSmallGradientAndNoNegativeCurvature", (long) cnt, "maxDistOverZeta", w, "violations", (long) v));
        }
        b.detail("matrixFactorization", mrows).detail("mfConstants", "[REC] (sigma_r^{3/2}/24, sigma_r/3, sigma_r^{1/2}/3), "
                + "rho = 12 (36 sigma_1)^{1/2} (MatrixFactorization.constants())");
        // theorem on the cosine family
        Power.BinomialDesign design = Power.binomialTrials(DELTA, 3 * DELTA, alpha, 0.9);
        int runs = Math.max(design.n(), ctx.budget().scaled(150, 127));
        double epsT = css.epsTilde();
        List<double[]> pres = ctx.parallel().map(runs, i -> {
            int k = 1 + i % 3;
            PgdParameters p = PgdParameters.fromPaper(4, 1, 1, epsT, 0.1, DELTA, cf.deltaF(k));
            PgdResult r = new PerturbedGradientDescent(cf, p, sampler, PerturbedGradientDescent.DEFAULT_MAX_ITERATIONS, null)
                    .run(cf.saddle(k), ctx.rng("pgd", i));
            double dist = cosineDistance(cf, r.output());
            return new double[] {r.terminated() && dist <= css.zeta() ? 0 : 1, dist};
        });
        int fails = 0;
        double maxDist = 0;
        for (double[] r : pres) {
            fails += (int) r[0];
            maxDist = Math.max(maxDist, r[1]);
        }
        BinomialTest t = BinomialTest.exceedance(runs, fails, DELTA, alpha);
        if (t.rejected()) problems.add("PGD with eps~ does not output zeta-close points: " + t.describe());
        b.detail("theorem", row("fixture", "cosine(d=4, haar)", "epsTilde", epsT, "c", 0.1, "runs", runs, "notZetaClose", fails,
                "maxOutputDistance", maxDist, "zeta", css.zeta(), "pValue", t.pValue(), "upper95", ClopperPearson.upper(fails, runs, 0.05)));
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        b.trials((long) n * (1 + shapes.length) + runs).tightness(Tightness.of(r, worstDesc)).series("ratios", r);
        String ev = fmt("Strict-saddle property: cosine (a/2, a/2, pi/4) [DER] and matrix factorisation with the [REC] constants hold on "
                + "%d sampled points each (largest dist/zeta among points with small gradient and no strong negative curvature: %.3f); "
                + "PGD with eps~ = %.4f: %d/%d outputs zeta-close to a minimum (max distance %.3g).", n, worstAll, epsT, runs - fails,
                runs, maxDist);
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems) + ". " + ev;
        } else if (!recNotes.isEmpty()) {
            b.verdict(Verdict.KNOWN_INCONSISTENCY);
            ev = "The recalled [REC] matrix-factorisation constants fail: " + String.join("; ", recNotes) + ". " + ev;
        }
        return b.evidence(ev).build();
    }

    /** ε̃ = 0.99 min(θ, γ²/ρ) must satisfy ε̃ &lt; θ and √(ρε̃) &lt; γ. */
    static void logic(String name, StrictSaddle ss, List<String> problems) {
        double e = ss.epsTilde();
        if (!(e < ss.theta() && Math.sqrt(ss.rho() * e) < ss.gamma())) {
            problems.add(fmt("%s: eps~ = %.6g does not exclude (i) and (ii) (theta = %.6g, sqrt(rho eps~) = %.6g vs gamma = %.6g)",
                    name, e, ss.theta(), Math.sqrt(ss.rho() * e), ss.gamma()));
        }
    }
}
