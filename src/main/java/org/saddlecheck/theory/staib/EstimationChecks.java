package org.saddlecheck.theory.staib;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.Quantiles;
import org.saddlecheck.theory.staib.MovingEstimation.Prepared;
import org.saddlecheck.theory.staib.MovingEstimation.Result;
import org.saddlecheck.theory.staib.MovingEstimation.Spec;

/**
 * Monte Carlo plumbing shared by the estimation claims (STAIB-T4.1, D4.1, P4.1, P4.2): trials run through
 * {@link ClaimContext#parallel()} with per-trial streams {@code ctx.rng(stream, i)}, so results are identical at any
 * thread count; exceedance tests against an explicit bound with their table rows.
 */
final class EstimationChecks {
    private EstimationChecks() {}

    /** δ of the high-probability statements (CLAIMS.md STAIB-T4.1 step 3). */
    static final double DELTA = 0.05;
    /** The alternative exceedance rate the binomial tests must detect with power {@link #POWER} (CLAIMS.md §7.3). */
    static final double ALTERNATIVE = 3 * DELTA;
    static final double POWER = 0.9;

    /** Theorem 4.1's Φ = ‖Σ w_t Y_t − G(x_T)‖ at T = ⌈10/(1−β)⌉ for n trials. */
    static double[] finalErrors(ClaimContext ctx, Prepared p, double eta, double beta, int n, String stream, EstimatorFactory f) {
        long t = EstimationBounds.horizon(beta);
        Spec spec = new Spec(eta, beta, Math.toIntExact(t), 0, null, Double.NaN, f);
        return ctx.parallel().mapToDouble(n, i -> MovingEstimation.run(p, spec, ctx.rng(stream, i)).error());
    }

    /** n window runs (results in trial order). */
    static List<Result> windowRuns(ClaimContext ctx, Prepared p, Spec spec, int n, String stream) {
        return ctx.parallel().map(n, i -> MovingEstimation.run(p, spec, ctx.rng(stream, i)));
    }

    /** A bound checked as MC-HP: P[X &gt; bound] ≤ δ by the exact binomial test at level alpha. */
    record Exceedance(double bound, double q, double qUpper, int k, BinomialTest test) {
        double ratio() {
            return q / bound;
        }
    }

    /**
     * Counts exceedances of {@code bound}, tests them against δ at level alpha, and reports the empirical
     * (1−δ)-quantile with its one-sided 95% upper confidence bound (order statistics).
     */
    static Exceedance exceedance(double[] x, double bound, double alpha) {
        int k = 0;
        for (double v : x) if (v > bound || Double.isNaN(v)) k++;
        BinomialTest bt = BinomialTest.exceedance(x.length, k, DELTA, alpha);
        double q = Quantiles.quantile(x, 1 - DELTA);
        double qu = Quantiles.upperBound(x, 1 - DELTA, 0.05);
        return new Exceedance(bound, q, qu, k, bt);
    }

    /** Table row for an exceedance test. */
    static Map<String, Object> row(String name, String group, Prepared p, double eta, double c, double beta, Exceedance e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance", name);
        m.put("group", group);
        m.put("case", p.describe());
        m.put("eta", eta);
        m.put("C", c);
        m.put("beta", beta);
        m.put("T", EstimationBounds.horizon(beta));
        m.put("trials", e.test().n());
        m.put("bound", e.bound());
        m.put("q95", e.q());
        m.put("q95Upper95", e.qUpper());
        m.put("ratio", e.ratio());
        m.put("exceedances", e.k());
        m.put("pValue", e.test().pValue());
        m.put("rejected", e.test().rejected());
        m.put("constantsExact", p.exactConstants);
        return m;
    }

    static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }

    /** η values 1e-1, 1e-2, … down to 10^{-decades}. */
    static double[] etas(int decades) {
        double[] e = new double[decades];
        for (int i = 0; i < decades; i++) e[i] = Math.pow(10, -(i + 1));
        return e;
    }

    /** β = 1 − Cη^{2/3} (Staib §5.4). */
    static double beta(double eta, double c) {
        double om = c * Math.cbrt(eta) * Math.cbrt(eta);
        if (!(om > 0 && om < 1)) throw new IllegalArgumentException("C*eta^(2/3) = " + om + " is not allowed: it must be in (0, 1) so that beta is in (0, 1)");
        return 1 - om;
    }
}
