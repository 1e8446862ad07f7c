package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Fig1Saddle;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.QuadraticSaddle;
import org.saddlecheck.problem.Stationarity;
import org.saddlecheck.rng.Gaussian;

/**
 * Shared logic of JIN-D3, STAIB-D2.1 and X1 (CLAIMS.md JIN-D3, STAIB-D2.1, §4 X1, §8.9): the second-order stationarity
 * predicate {@link Stationarity} (analytic gradient and Hessian, EJML eigenvalues) is compared with
 * <ul>
 *   <li>the exact truth at known critical points: the cosine family's points y ∈ {0, π}^d (gradient 0, λ_min = −a
 *       for saddles and the maximum, +a at the minimum), Figure 1's minima (λ_min = 0.8) and its saddle at the origin
 *       (λ_min = −0.1), quadratic saddles with prescribed spectra (λ_min = min λ), and matrix factorisation at U = 0
 *       (λ_min = −2σ₁*) and at U* for r = 1 (λ_min = 2σ*); thresholds on both sides of the true values;</li>
 *   <li>brute force at random points: ‖∇f‖ from central differences of f, λ_min from a central-difference Hessian of the
 *       analytic gradient, diagonalised with Commons Math (independent of EJML); thresholds drawn around the true
 *       values. Cases within the finite-difference error of a threshold are ambiguous and skipped (counted).</li>
 * </ul>
 * A disagreement is a violation (EXACT).
 */
public final class StationarityBruteForce {
    private StationarityBruteForce() {}

    /** Which predicate form is checked. */
    public enum Mode {
        /** Staib's (τ_g, τ_h)-stationarity with independent thresholds. */
        STAIB,
        /** Jin's ε-SOSP (ε, √(ρε)). */
        JIN,
        /** X1: Staib's (τ, √(ρτ)) predicate equals Jin's ε-SOSP with ε = τ. */
        CROSS
    }

    /** A fixture with its certified ρ. */
    record Fx(String name, Objective f, double rho) {}

    /** Brute-force values with their error bounds. */
    record Truth(double gradNorm, double lambdaMin, double gradErr, double lambdaErr) {}

    static Truth bruteForce(Objective f, double[] x) {
        int d = f.dim();
        double fx = Math.abs(f.value(x));
        double[] g = new double[d], gp = new double[d], gm = new double[d], y = x.clone();
        double gs = 0;
        double[][] h = new double[d][d];
        double gmax = 0;
        for (int i = 0; i < d; i++) {
            double step = 1e-5 * Math.max(1, Math.abs(x[i]));
            y[i] = x[i] + step;
            double fp = f.value(y);
            f.gradient(y, gp);
            y[i] = x[i] - step;
            double fm = f.value(y);
            f.gradient(y, gm);
            y[i] = x[i];
            double gi = (fp - fm) / (2 * step);
            gs += gi * gi;
            for (int k = 0; k < d; k++) {
                h[k][i] = (gp[k] - gm[k]) / (2 * step);
                gmax = Math.max(gmax, Math.abs(gp[k]));
            }
        }
        for (int i = 0; i < d; i++)
            for (int k = 0; k < i; k++) h[i][k] = h[k][i] = 0.5 * (h[i][k] + h[k][i]);
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(h, false)).getRealEigenvalues();
        double lmin = Double.POSITIVE_INFINITY, hmax = 0;
        for (double v : ev) {
            lmin = Math.min(lmin, v);
            hmax = Math.max(hmax, Math.abs(v));
        }
        f.gradient(x, g);
        double sd = Math.sqrt(d);
        // truncation O(h²·(third/fourth derivatives)) + rounding O(u·|f|/h), generously bounded
        double gradErr = 1e-7 * sd * (1 + fx + hmax);
        double lambdaErr = 1e-6 * d * (1 + hmax + gmax);
        return new Truth(Math.sqrt(gs), lmin, gradErr, lambdaErr);
    }

    static List<Fx> fixtures(UniformRandomProvider rng) {
        List<Fx> l = new ArrayList<>();
        l.add(new Fx("cosine(d=5, haar)", CosineFamily.haar(5, 1.0, rng), 1.0));
        l.add(new Fx("cosine(d=3, axis, a=2)", CosineFamily.axisAligned(3, 2.0), 2.0));
        Fig1Saddle fig = Fig1Saddle.finiteSum();
        l.add(new Fx(fig.name(), fig, fig.constants().hessianLipschitz()));
        l.add(new Fx("quadratic(d=4, haar)", QuadraticSaddle.haar(new double[] {-0.3, 0.5, 1.0, 2.0}, rng), 1e-3));
        l.add(new Fx("matrix-factorization(d=3, r=1)", new MatrixFactorization(3, new double[] {0.8}, rng), 12 * Math.sqrt(36 * 0.8)));
        return l;
    }

    /** Known critical points: (fixture, point, exact λ_min). */
    record Known(Fx fx, double[] x, double lambdaMin, String label) {}

    static List<Known> known(List<Fx> fxs, UniformRandomProvider rng) {
        List<Known> k = new ArrayList<>();
        for (Fx fx : fxs) {
            if (fx.f() instanceof CosineFamily c) {
                double a = c.amplitude();
                for (int m = 0; m <= c.dim(); m++) k.add(new Known(fx, c.saddle(m), m == 0 ? a : -a, "saddle(k=" + m + ")"));
                for (int t = 0; t < 8; t++) {
                    List<Integer> idx = new ArrayList<>();
                    for (int i = 0; i < c.dim(); i++) if (rng.nextBoolean()) idx.add(i);
                    int[] pi = idx.stream().mapToInt(Integer::intValue).toArray();
                    k.add(new Known(fx, c.criticalPoint(pi), pi.length == 0 ? a : -a, "pi at " + idx));
                }
            } else if (fx.f() instanceof Fig1Saddle fig) {
                for (double[] m : fig.localMinima()) k.add(new Known(fx, m, 0.8, "local minimum"));
                k.add(new Known(fx, new double[2], -0.1, "saddle at 0"));
            } else if (fx.f() instanceof QuadraticSaddle q) {
                double mn = Double.POSITIVE_INFINITY;
                for (double v : q.eigenvalues()) mn = Math.min(mn, v);
                k.add(new Known(fx, q.center(), mn, "saddle"));
            } else if (fx.f() instanceof MatrixFactorization mf) {
                k.add(new Known(fx, new double[mf.dim()], -2 * mf.sigmaMax(), "U = 0"));
                k.add(new Known(fx, mf.optimalFactor(), 2 * mf.sigmaMax(), "U = U*"));
            }
        }
        return k;
    }

    /** Thresholds (τ_g, τ_h) for a predicate call, by mode; for JIN/CROSS τ_h = √(ρτ_g). */
    private static boolean predicate(Mode mode, Fx fx, double[] x, double tauG, double tauH, List<String> problems, String where) {
        Stationarity s = new Stationarity(fx.f().dim());
        switch (mode) {
            case STAIB -> {
                return s.check(fx.f(), x, tauG, tauH).verdict();
            }
            case JIN -> {
                return s.checkEps(fx.f(), x, tauG, fx.rho()).verdict();
            }
            default -> {
                Stationarity.Result a = s.check(fx.f(), x, tauG, Math.sqrt(fx.rho() * tauG));
                Stationarity.Result bb = new Stationarity(fx.f().dim()).checkEps(fx.f(), x, tauG, fx.rho());
                if (a.verdict() != bb.verdict() || a.tauH() != bb.tauH() || a.firstOrder() != bb.firstOrder()
                        || a.secondOrder() != bb.secondOrder()) {
                    problems.add(where + ": Staib's (tau, sqrt(rho tau)) verdict " + a.verdict() + " != Jin's eps-SOSP " + bb.verdict());
                }
                return a.verdict();
            }
        }
    }

    /** Runs the comparison and fills the builder; returns the number of predicate evaluations compared. */
    public static ClaimResult check(ClaimContext ctx, Mode mode) {
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(0);
        UniformRandomProvider rng = ctx.rng("fixtures", 0);
        List<Fx> fxs = fixtures(rng);
        List<String> problems = new ArrayList<>();
        long compared = 0, ambiguous = 0;
        // 1. known critical points against the exact truth
        List<Known> known = known(fxs, rng);
        for (Known kp : known) {
            double lam = kp.lambdaMin();
            double[] tauHs = mode == Mode.STAIB ? new double[] {0, 0.5 * Math.abs(lam), 2 * Math.abs(lam)} : null;
            double[] tauGs = mode == Mode.STAIB ? new double[] {1e-9, 1e-2}
                    : new double[] {lam * lam / kp.fx().rho() / 4, lam * lam / kp.fx().rho() * 4, 1e-3}; // √(ρε) = |λ|/2, 2|λ|
            for (double tg : tauGs) {
                for (double th : tauHs == null ? new double[] {Math.sqrt(kp.fx().rho() * tg)} : tauHs) {
                    if (Math.abs(lam + th) <= 1e-9 * (1 + Math.abs(lam))) continue; // on the threshold
                    boolean expected = lam >= -th && tg >= 1e-9; // gradient is 0 up to rounding (≤ 1e-12 here)
                    boolean got = predicate(mode, kp.fx(), kp.x(), tg, th, problems, kp.fx().name() + " " + kp.label());
                    compared++;
                    if (got != expected) {
                        problems.add(fmt("%s at %s (lambda_min = %g): predicate says %s for (tau_g=%.3g, tau_h=%.3g), truth %s",
                                kp.fx().name(), kp.label(), lam, got, tg, th, expected));
                    }
                }
            }
        }
        // 2. random points against brute force
        int perFixture = ctx.budget().scaled(200, 60);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Fx fx : fxs) {
            UniformRandomProvider r = ctx.rng("random/" + fx.name(), 0);
            Gaussian gauss = new Gaussian(r);
            int agree = 0, amb = 0, positives = 0;
            for (int i = 0; i < perFixture; i++) {
                double[] x = new double[fx.f().dim()];
                gauss.fill(x);
                double scale = fx.f() instanceof Fig1Saddle ? 0.4 : fx.f() instanceof MatrixFactorization ? 0.7 : 1.5;
                Vec.scale(scale, x);
                Truth t = bruteForce(fx.f(), x);
                double tg = t.gradNorm() * Math.exp(2 * r.nextDouble() - 1);
                double th = mode == Mode.STAIB ? Math.abs(t.lambdaMin()) * Math.exp(2 * r.nextDouble() - 1) * (r.nextBoolean() ? 1 : 0.01)
                        : Math.sqrt(fx.rho() * tg);
                if (tg <= 0) tg = 1e-12;
                boolean ambiguousCase = Math.abs(t.gradNorm() - tg) <= t.gradErr() || Math.abs(t.lambdaMin() + th) <= t.lambdaErr();
                if (ambiguousCase) {
                    amb++;
                    continue;
                }
                boolean expected = t.gradNorm() <= tg && t.lambdaMin() >= -th;
                if (expected) positives++;
                boolean got = predicate(mode, fx, x, tg, th, problems, fx.name() + " random point " + i);
                compared++;
                if (got != expected) {
                    problems.add(fmt("%s random point %d: predicate %s, brute force %s (|grad| = %.6g vs %.6g, lambda_min = %.6g vs -%.6g)",
                            fx.name(), i, got, expected, t.gradNorm(), tg, t.lambdaMin(), th));
                } else {
                    agree++;
                }
            }
            ambiguous += amb;
            rows.add(row("fixture", fx.name(), "rho", fx.rho(), "randomPoints", perFixture, "agree", agree, "ambiguousSkipped", amb,
                    "stationaryByBruteForce", positives));
        }
        b.trials(compared).detail("knownCriticalPoints", known.size()).detail("randomPoints", rows)
                .detail("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
                .detail("bruteForce", "central differences (step 1e-5 max(1,|x_i|)) of f for the gradient and of the analytic gradient "
                        + "for the Hessian, Commons Math EigenDecomposition; cases within the FD error of a threshold skipped");
        String what = switch (mode) {
            case STAIB -> "(tau_g, tau_h)-stationarity predicate";
            case JIN -> "eps-SOSP predicate (eps, sqrt(rho eps))";
            case CROSS -> "Staib (tau, sqrt(rho tau))-stationarity predicate and the Jin eps-SOSP predicate (eps = tau)";
        };
        String ev = fmt("The %s agreed with the exact truth at %d known critical points (cosine saddles/min/max, Fig. 1 minima and "
                + "origin, quadratic saddles, MF at 0 and U*) and with brute force at random points: %d comparisons, %d ambiguous "
                + "cases skipped, %d disagreements.", what, known.size(), compared, ambiguous, problems.size());
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + ". " + ev;
        }
        return b.evidence(ev).build();
    }
}
