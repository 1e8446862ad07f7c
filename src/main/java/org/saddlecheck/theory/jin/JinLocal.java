package org.saddlecheck.theory.jin;

import static org.saddlecheck.theory.jin.JinSupport.fmt;
import static org.saddlecheck.theory.jin.JinSupport.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.Tightness;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.FactorizationDistance;
import org.saddlecheck.experiment.FactorizationObjective;
import org.saddlecheck.experiment.MatrixFactorizationExperiment;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.problem.MatrixFactorization;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.stats.Quantiles;

/**
 * JIN-LOCAL (Jin et al. 2017 §4 [REC]; CLAIMS.md JIN-LOCAL, §5 I13): near X*, f is α-strongly convex and β-smooth, so
 * gradient descent converges linearly: the slope of ln dist(U_t, X*) against t is at most ln(1 − α/β) ("or better").
 * On matrix factorisation with the [REC] local constants α = (2/3)σ_r*, β = 10σ₁*: GD with η = 1/β from
 * U₀ = U*R + Δ, ‖Δ‖_F = 0.9ζ (ζ = σ_r*^{1/2}/3, random direction and random column signs R), d = 20, for r = 1 and
 * r = 2, 3 ("transverse": for r ≥ 2 the Hessian vanishes along the rotation orbit, so the Procrustes distance — which is
 * transverse to the orbit — is used, CLAIMS.md I13), (r, σ₁* : σ_r*) ∈ {(1, 1), (2, 1), (2, 10), (3, 10)}. Per run, the OLS slope of ln dist over the
 * iterations until dist &lt; 1e-9 (or 5000 steps). Per configuration, VIOLATED iff a distribution-free (order statistic)
 * lower confidence bound of the median slope exceeds ln(1 − α/β). Tightness: ln(1 − α/β)/median slope (≤ 1 when the
 * observed rate is at least as fast as the bound). The reported exponent is the configuration closest to the bound.
 */
public final class JinLocal implements Claim {
    private static final ClaimInfo INFO = Catalog.get("JIN-LOCAL");
    static final int D = 20;
    static final int[][] CONFIGS = {{1, 1}, {2, 1}, {2, 10}, {3, 10}}; // (r, kappa); for r = 1 kappa is moot

    @Override
    public ClaimInfo info() {
        return INFO;
    }

    @Override
    public int statisticalTests() {
        return CONFIGS.length;
    }

    /** One run: the fitted slope of ln dist against t. */
    static double slope(MatrixFactorization mf, UniformRandomProvider rng) {
        FactorizationObjective f = new FactorizationObjective(mf);
        FactorizationDistance dist = new FactorizationDistance(mf);
        int n = mf.dim(), r = mf.rank();
        double beta = 10 * mf.sigmaMax(), zeta = Math.sqrt(mf.sigmaMin()) / 3;
        double[] u = mf.optimalFactor();
        for (int k = 0; k < r; k++) {
            if (rng.nextBoolean()) for (int i = 0; i < mf.rows(); i++) u[i * r + k] = -u[i * r + k];
        }
        double[] v = new double[n];
        new Gaussian(rng).fill(v);
        Vec.axpy(0.9 * zeta / Vec.norm(v), v, u);
        double[] g = new double[n];
        int cap = 5000;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int t = 0; t <= cap; t++) {
            double dd = dist.distance(u);
            if (dd < 1e-9) break;
            double y = Math.log(dd);
            sx += t;
            sy += y;
            sxx += (double) t * t;
            sxy += t * y;
            m++;
            f.gradient(u, g);
            Vec.axpy(-1 / beta, g, u);
        }
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(statisticalTests());
        ClaimResult.Builder b = ClaimResult.builder(Verdict.HOLDS).falseFailureRate(statisticalTests() * alpha);
        int n = ctx.budget().scaled(30, 24);
        int lowRank = Quantiles.lowerRank(n, 0.5, alpha);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        double[] ratios = new double[CONFIGS.length];
        Exponent worstExp = null;
        double worstRatio = -1;
        String worst = "";
        for (int c = 0; c < CONFIGS.length; c++) {
            int r = CONFIGS[c][0], kappa = CONFIGS[c][1];
            MatrixFactorization mf = new MatrixFactorization(D, MatrixFactorizationExperiment.spectrum(r, kappa), ctx.rng("problem/" + c, 0));
            double bound = Math.log(1 - (2.0 / 3) * mf.sigmaMin() / (10 * mf.sigmaMax()));
            String stream = "runs/" + c;
            double[] s = ctx.parallel().mapToDouble(n, i -> slope(mf, ctx.rng(stream, i)));
            double[] sorted = s.clone();
            Arrays.sort(sorted);
            double med = Quantiles.sortedQuantile(sorted, 0.5);
            double lower = lowRank >= 1 ? sorted[lowRank - 1] : Double.NEGATIVE_INFINITY;
            int upRank = Quantiles.upperRank(n, 0.5, alpha);
            double upper = upRank <= n ? sorted[upRank - 1] : Double.POSITIVE_INFINITY;
            ratios[c] = bound / med;
            String name = fmt("r=%d, kappa=%d", r, kappa);
            if (ratios[c] > worstRatio) {
                worstRatio = ratios[c];
                worst = name;
                worstExp = new Exponent(med, lower, upper, bound, "<= ln(1 - alpha/beta) (one-sided: at least the linear rate)");
            }
            if (lower > bound) problems.add(fmt("%s: log-distance slope lower bound %.5f > ln(1 - alpha/beta) = %.5f", name, lower, bound));
            rows.add(row("r", r, "kappa", kappa, "runs", n, "medianSlope", med, "slopeLowerBound", lower, "slopeUpperBound", upper,
                    "bound", bound, "contractionPerStep", Math.exp(med), "boundContraction", Math.exp(bound)));
        }
        b.trials((long) n * CONFIGS.length).tightness(Tightness.of(ratios, worst + ": ln(1 - alpha/beta) / median slope"))
                .series("ratios", ratios).exponent(worstExp).detail("configurations", rows)
                .detail("setup", fmt("matrix factorisation d = %d, sigma_1* = 1, sigma_r* = 1/kappa; GD with eta = 1/beta, beta = 10 sigma_1*, "
                        + "alpha = (2/3) sigma_r* [REC]; start at distance 0.9 zeta = 0.3 sigma_r^{1/2}; Procrustes distance", D))
                .detail("orderStatisticRanks", row("lower", lowRank, "n", n, "alpha", alpha));
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> m : rows) {
            s.append(fmt("r=%s kappa=%s: %.4f vs %.4f; ", m.get("r"), m.get("kappa"), (Double) m.get("medianSlope"), (Double) m.get("bound")));
        }
        String ev = fmt("Median slope of ln dist(U_t, X*) per GD step vs the bound ln(1 - alpha/beta): %sthe local phase is linear "
                + "and at least as fast as the [REC] rate (largest bound/observed ratio %.3f).", s, worstRatio);
        if (!problems.isEmpty()) {
            b.verdict(Verdict.VIOLATED);
            ev = String.join("; ", problems) + ". " + ev;
        }
        return b.evidence(ev).build();
    }
}
