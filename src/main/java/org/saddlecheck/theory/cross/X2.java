package org.saddlecheck.theory.cross;

import static org.saddlecheck.theory.jin.JinSupport.fmt;

import java.util.List;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Exponent;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.PgdDimensionExperiment;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.stats.SlopeFit;
import org.saddlecheck.theory.jin.JinSupport;
import org.saddlecheck.util.Require;

/**
 * X2 (Staib et al. §1.1: "Jin et al. (2017) improve the dependence on dimension to polylogarithmic"; CLAIMS.md §4):
 * a light, self-contained version of JIN-DIMFREE (no dependence on another claim's result): PGD's escape time from
 * the quartic saddle (γ = 0.1, η = 0.5, r = 1e-3, target f &lt; −γ²/8) at d ∈ {10, 100, 1000}; the power-law exponent
 * p of the median escape time in d must not be significantly above 0.1 (one-sided bootstrap test). A polynomial
 * dependence such as d^{1/2} would fail. Trials per d from the power to detect p = 0.3.
 */
public final class X2 implements Claim {
    private static final ClaimInfo INFO = Catalog.get("X2");
    static final int[] DIMS = {10, 100, 1000};

    private final PerturbationSampler sampler;

    public X2() {
        this(PerturbationSampler.uniformBall());
    }

    public X2(PerturbationSampler sampler) {
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

    @Override
    public ClaimResult check(ClaimContext ctx) {
        double alpha = ctx.alphaPerTest(1);
        double[] lnd = JinSupport.log(new double[] {DIMS[0], DIMS[1], DIMS[2]});
        // sd of ln T_esc ≈ sd(T_esc)/T_esc ≈ 22.8/150 (see JIN-DIMFREE)
        int n = Math.max(JinSupport.slopeTrials(lnd, 0.15, 0.1, 0.3, alpha, 0.9), ctx.budget().scaled(30, 20));
        PgdDimensionExperiment.Config cfg = PgdDimensionExperiment.Config.standard(n).withDims(DIMS).withSampler(sampler);
        PgdDimensionExperiment.Result res = PgdDimensionExperiment.run(cfg, ctx::seed, ctx.parallel());
        SlopeFit.RateTest t = res.main().power().test(0, 0.1, SlopeFit.Direction.AT_MOST, alpha);
        SlopeFit.RateTest two = res.main().power().test(0, 0, SlopeFit.Direction.TWO_SIDED, alpha);
        double[] med = res.main().medians();
        ClaimResult.Builder b = ClaimResult.builder(t.violated() ? Verdict.VIOLATED : Verdict.HOLDS)
                .trials((long) n * DIMS.length).falseFailureRate(alpha)
                .exponent(new Exponent(t.slope(), two.ciLow(), two.ciHigh(), 0.0, "<= 0.1 (one-sided power law in d)"))
                .series("x", res.main().dims()).series("y", med)
                .series("intercept", new double[] {res.main().power().fit().intercept()})
                .detail("dimensions", List.of(DIMS[0], DIMS[1], DIMS[2])).detail("medians", JinSupport.list(med))
                .detail("trialsPerDimension", n).detail("logLinearSlope", res.main().linear().slope())
                .detail("test", t.describe()).detail("seeAlso", "JIN-DIMFREE (full sweep 10..1e4 with the ln-d slope test)")
                .detail("rateXLabel", "dimension d").detail("rateYLabel", "median escape iterations");
        return b.evidence(fmt("Median PGD escape iterations %.0f, %.0f, %.0f at d = 10, 100, 1000: power-law exponent %.4f "
                + "(one-sided lower bound %.4f, must not exceed 0.1): logarithmic, i.e. polylogarithmic dimension dependence%s.",
                med[0], med[1], med[2], t.slope(), t.ciLow(), t.violated() ? " is CONTRADICTED" : " as cited")).build();
    }
}
