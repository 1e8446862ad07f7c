package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.LogSum;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.Octopus;
import org.saddlecheck.problem.QuadraticSaddle;
import org.saddlecheck.problem.QuarticSaddle;
import org.saddlecheck.rng.Gaussian;

/**
 * JIN-A1 (Jin et al. 2017, Assumption A1 / Definitions 1–2; CLAIMS.md JIN-A1, §7.2): every fixture used by the Jin
 * checks ships certified ℓ (gradient-Lipschitz) and ρ (Hessian-Lipschitz) constants. EXACT on samples: for random
 * points x of the fixture's region, ‖∇²f(x)‖ ≤ ℓ (operator norm = the local Lipschitz constant of ∇f), and for
 * random pairs — far pairs and close pairs (separation 1e-4 … 1e-1 in random directions around random points) —
 * ‖∇f(x) − ∇f(y)‖ ≤ ℓ‖x − y‖ and ‖∇²f(x) − ∇²f(y)‖ ≤ ρ‖x − y‖, each to a relative tolerance of 1e-9 (rounding of
 * differences at separation ≥ 1e-4). For ρ = 0 (quadratics) the Hessian difference must vanish to 1e-12‖∇²f‖.
 * Fixtures: cosine (axis and Haar), rotated quadratic saddle, quartic saddle on |x₁| ≤ B, log-sum, matrix
 * factorisation on ‖U‖² &lt; Γ, octopus (segments inside its domain). Tightness = max sampled ratio per fixture and
 * constant.
 */
public final class JinA1 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-A1");
    static final double TOL = 1e-9;

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return 0;
    }

    /** A fixture with its certified constants and a sampler of points in the region where they hold. */
    record Fixture(String name, Objective f, double ell, double rho, Function<UniformRandomProvider, double[]> point) {}

    static List<Fixture> fixtures(UniformRandomProvider rng) {
        List<Fixture> l = new ArrayList<>();
        CosineFamily ca = CosineFamily.axisAligned(5, 1.5);
        l.add(new Fixture(ca.name(), ca, 1.5, 1.5, r -> uniformBox(r, 5, 2 * Math.PI)));
        CosineFamily ch = CosineFamily.haar(6, 1.0, rng);
        l.add(new Fixture(ch.name(), ch, 1, 1, r -> uniformBox(r, 6, 2 * Math.PI)));
        QuadraticSaddle q = QuadraticSaddle.haar(new double[] {-0.7, 0.2, 1.3, 2.0, -0.1}, rng);
        l.add(new Fixture(q.name(), q, q.constants().smoothness(), 0, r -> uniformBox(r, 5, 3)));
        QuarticSaddle qs = QuarticSaddle.uniform(4, 0.5, 1.0, 1.5);
        l.add(new Fixture(qs.name() + " on |x1|<=1.5", qs, qs.constants().smoothness(), qs.constants().hessianLipschitz(), r -> {
            double[] x = uniformBox(r, 4, 2);
            x[0] = 1.5 * (2 * r.nextDouble() - 1);
            return x;
        }));
        LogSum ls = new LogSum(5);
        l.add(new Fixture(ls.name(), ls, 2, LogSum.RHO, r -> uniformBox(r, 5, 3)));
        MatrixFactorization mf = new MatrixFactorization(4, new double[] {1.0, 0.3}, rng);
        double capGamma = 2.0;
        l.add(new Fixture(mf.name() + " on ||U||^2<" + capGamma, mf, mf.constantsFor(capGamma).smoothness(),
                mf.constantsFor(capGamma).hessianLipschitz(), r -> mfPoint(mf, capGamma, r)));
        Octopus oc = Octopus.standard(3);
        l.add(new Fixture(oc.name(), oc, oc.smoothnessBound(), oc.hessianLipschitzBound(), r -> octopusPoint(oc, r)));
        return l;
    }

    static double[] uniformBox(UniformRandomProvider r, int d, double half) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = half * (2 * r.nextDouble() - 1);
        return x;
    }

    /** U with ‖U‖² ≤ 0.999Γ (spectral), radius biased towards the boundary where the constants are tightest. */
    static double[] mfPoint(MatrixFactorization mf, double capGamma, UniformRandomProvider r) {
        double[] u = new double[mf.dim()];
        new Gaussian(r).fill(u);
        double s = Math.sqrt(mf.spectralNormSquared(u));
        double target = Math.sqrt(0.999 * capGamma) * Math.pow(r.nextDouble(), 0.25);
        Vec.scale(target / s, u);
        return u;
    }

    /** A point of the octopus domain D₀: random piece, coordinates inside their ranges. */
    static double[] octopusPoint(Octopus oc, UniformRandomProvider r) {
        int d = oc.dim();
        double tau = oc.tau();
        int lead = r.nextInt(d + 1);
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            double s = j < lead ? 2 * tau + 4 * tau * r.nextDouble() : j == lead ? 2 * tau * r.nextDouble() : tau * r.nextDouble();
            x[j] = r.nextBoolean() ? s : -s;
        }
        return x;
    }

    /** Ratios for one pair: [gradient ratio / ℓ, Hessian ratio / ρ (or ‖ΔH‖/(1e-12‖H‖) for ρ = 0)], NaN if skipped. */
    static double[] pairRatios(Fixture fx, double[] x, double[] y, double[] gx, double[] gy, double[] hx, double[] hy, double[] dh) {
        if (fx.f() instanceof Octopus oc) {
            for (int k = 0; k <= 16; k++) { // the segment must stay inside the domain
                double t = k / 16.0;
                double[] z = new double[x.length];
                for (int i = 0; i < z.length; i++) z[i] = x[i] + t * (y[i] - x[i]);
                if (!oc.contains(z)) return new double[] {Double.NaN, Double.NaN};
            }
        }
        double dist = Vec.distance(x, y);
        fx.f().gradient(x, gx);
        fx.f().gradient(y, gy);
        fx.f().hessian(x, hx);
        fx.f().hessian(y, hy);
        Vec.sub(gx, gy, gx);
        double gr = Vec.norm(gx) / dist / fx.ell();
        Mat.sub(hx, hy, dh);
        double dhn = Mat.opNormSymmetric(dh);
        double hr = fx.rho() > 0 ? dhn / dist / fx.rho() : dhn / (1e-12 * Math.max(1, Mat.opNormSymmetric(hx)));
        return new double[] {gr, hr};
    }

    /** [max ‖∇²f‖/ℓ, max gradient ratio, max Hessian ratio, pairs used]. */
    static double[] sample(Fixture fx, UniformRandomProvider rng, int points) {
        int d = fx.f().dim();
        double[] gx = new double[d], gy = new double[d], hx = new double[d * d], hy = new double[d * d], dh = new double[d * d];
        double maxH = 0, maxG = 0, maxR = 0, used = 0;
        Gaussian gauss = new Gaussian(rng);
        double[] dir = new double[d];
        for (int i = 0; i < points; i++) {
            double[] x = fx.point().apply(rng);
            fx.f().hessian(x, hx);
            maxH = Math.max(maxH, Mat.opNormSymmetric(hx) / fx.ell());
            double[] y;
            if (i % 2 == 0) {
                y = fx.point().apply(rng);
            } else {
                gauss.fill(dir);
                double sep = Math.pow(10, -4 + 3 * rng.nextDouble());
                y = x.clone();
                Vec.axpy(sep / Vec.norm(dir), dir, y);
                if (fx.f() instanceof MatrixFactorization mf && mf.spectralNormSquared(y) >= 2.0) continue;
                if (fx.f() instanceof QuarticSaddle && Math.abs(y[0]) > 1.5) continue;
            }
            if (Vec.distance(x, y) == 0) continue;
            double[] r = pairRatios(fx, x, y, gx, gy, hx, hy, dh);
            if (Double.isNaN(r[0])) continue;
            maxG = Math.max(maxG, r[0]);
            maxR = Math.max(maxR, r[1]);
            used++;
        }
        return new double[] {maxH, maxG, maxR, used};
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(0);
        List<Fixture> fxs = fixtures(ctx.rng("fixtures", 0));
        int points = ctx.budget().scaled(2000, 500);
        int chunks = 8;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long pairs = 0;
        double worstRatio = -1;
        String worst = "";
        for (Fixture fx : fxs) {
            List<double[]> res = ctx.parallel().map(chunks, c -> sample(fx, ctx.rng(fx.name(), c), points / chunks));
            double mh = 0, mg = 0, mr = 0, used = 0;
            for (double[] r : res) {
                mh = Math.max(mh, r[0]);
                mg = Math.max(mg, r[1]);
                mr = Math.max(mr, r[2]);
                used += r[3];
            }
            pairs += (long) used;
            double ellRatio = Math.max(mh, mg);
            ratios.add(ellRatio);
            if (fx.rho() > 0) ratios.add(mr);
            if (ellRatio > 1 + TOL) problems.add(fmt("%s: sampled gradient-Lipschitz ratio %.9g > l = %.6g", fx.name(), ellRatio, fx.ell()));
            if (mr > 1 + TOL) problems.add(fmt("%s: sampled Hessian-Lipschitz ratio %.9g > %s", fx.name(), mr,
                    fx.rho() > 0 ? "rho = " + fx.rho() : "1e-12 |H| (rho = 0)"));
            for (double v : fx.rho() > 0 ? new double[] {ellRatio, mr} : new double[] {ellRatio}) {
                if (v > worstRatio) {
                    worstRatio = v;
                    worst = fx.name() + (v == ellRatio ? " (l)" : " (rho)");
                }
            }
            rows.add(row("fixture", fx.name(), "ell", fx.ell(), "rho", fx.rho(), "maxHessianNormOverEll", mh,
                    "maxGradientRatioOverEll", mg, "maxHessianRatioOverRho", fx.rho() > 0 ? mr : Double.NaN, "pairs", (long) used));
        }
        double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
        b.trials(pairs).tightness(Tightness.of(r, worst)).series("ratios", r).detail("fixtures", rows)
                .detail("tolerance", "ratio <= 1 + 1e-9; for rho = 0, |H(x) - H(y)| <= 1e-12 |H|");
        String ev = fmt("%d fixtures, %d sampled pairs: every sampled ratio is within the certified l and rho; largest ratio %.4f (%s).",
                fxs.size(), pairs, worstRatio, worst);
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems) + ". " + ev;
        }
        return b.evidence(ev).build();
    }
}
