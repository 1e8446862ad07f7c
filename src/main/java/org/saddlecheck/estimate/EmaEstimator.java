package org.saddlecheck.estimate;

import org.saddlecheck.util.Require;

/**
 * Exponential moving average of the gradient second moment: Ĝ_t = β_t Ĝ_{t−1} + (1 − β_t) Y_t with
 * Y_t = g_t g_tᵀ ({@link Shape#FULL}, Staib et al. Alg. 2) or g_t ⊙ g_t ({@link Shape#DIAGONAL}, the
 * RMSProp/Adam second moment, STAIB-VAR-DIAG). t counts the samples this estimator has seen (1-based).
 *
 * <p>Parameters: β constant or a {@link BetaSchedule} (β_t for the t-th sample; clamping is counted,
 * CLAIMS.md §8.14); the initial estimate Ĝ_{−1} (default 0; Staib Alg. 2 leaves it unspecified); bias
 * correction. Without bias correction the estimate is the raw recursion, whose sample weights sum to
 * 1 − Πβ (= 1 − β^t for constant β, STAIB-INTRO-ADAGRAD). With bias correction the estimate is divided by
 * that weight sum, so the weights are normalised to sum to 1 (Staib Thm. 4.1; torch/optax Adam's v̂;
 * CLAIMS.md §8.3, I10). Bias correction requires Ĝ_{−1} = 0: a nonzero initial estimate already carries the
 * weight Πβ, so dividing by 1 − Πβ would count it twice. For constant β the weight sum is computed as
 * 1 − Math.pow(β, t) (as torch.optim does), for a schedule as 1 − Π β_s.
 *
 * <p>Full estimates are updated on the upper triangle and mirrored: exactly symmetric at every step
 * (CLAIMS.md §8.2). observe/estimate allocate nothing.
 */
public final class EmaEstimator implements Estimator {
    private final int d;
    private final Shape shape;
    private final BetaSchedule schedule; // null when constant
    private final double constantBeta; // NaN when scheduled
    private final boolean biasCorrected;
    private final double[] initial;
    private final double[] acc;
    private long count;
    private double betaProduct = 1.0;
    private long clamps;

    /** Constant β, Ĝ_{−1} = initial (null means 0). */
    public EmaEstimator(int d, Shape shape, double beta, boolean biasCorrected, double[] initial) {
        this(d, shape, null, Require.beta("beta", beta), biasCorrected, initial);
    }

    /** Scheduled β_t, Ĝ_{−1} = initial (null means 0). */
    public EmaEstimator(int d, Shape shape, BetaSchedule beta, boolean biasCorrected, double[] initial) {
        this(d, shape, Require.notNull("beta", beta), Double.NaN, biasCorrected, initial);
    }

    private EmaEstimator(int d, Shape shape, BetaSchedule schedule, double constantBeta, boolean biasCorrected, double[] initial) {
        this.d = Require.positive("d", d);
        this.shape = Require.notNull("shape", shape);
        this.schedule = schedule;
        this.constantBeta = constantBeta;
        this.biasCorrected = biasCorrected;
        int n = shape.length(d);
        this.initial = initial == null ? new double[n] : Samples.psdCopy("initial", initial, shape, d);
        if (biasCorrected && !Samples.allZero(this.initial)) {
            throw new IllegalArgumentException("biasCorrected = true is not allowed with a nonzero initial estimate: "
                    + "bias correction (division by 1 - prod beta) requires initial = 0");
        }
        this.acc = this.initial.clone();
    }

    /** Full EMA of g gᵀ, constant β, Ĝ_{−1} = 0, no bias correction (Staib Alg. 2). */
    public static EmaEstimator full(int d, double beta) {
        return new EmaEstimator(d, Shape.FULL, beta, false, null);
    }

    /** Diagonal EMA of g ⊙ g, constant β, v_0 = 0, no bias correction (RMSProp). */
    public static EmaEstimator diagonal(int d, double beta) {
        return new EmaEstimator(d, Shape.DIAGONAL, beta, false, null);
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    public boolean biasCorrected() {
        return biasCorrected;
    }

    /** β of the next sample (t = count + 1), without recording a clamp. */
    public double nextBeta() {
        return schedule == null ? constantBeta : schedule.beta(count + 1);
    }

    @Override
    public void observe(double[] x, double[] g) {
        Samples.checkSample(x, g, d);
        long t = count + 1;
        double b;
        if (schedule == null) {
            b = constantBeta;
        } else {
            b = schedule.beta(t);
            if (!(b >= 0 && b < 1)) {
                throw new IllegalArgumentException("beta_t = " + b + " at t = " + t
                        + " is not allowed: the schedule " + schedule.describe() + " must give beta_t in [0, 1)");
            }
            if (schedule.clamped(t)) clamps++;
        }
        Samples.blend(acc, b, 1.0 - b, g, shape, d);
        betaProduct *= b;
        count = t;
    }

    /**
     * Total weight of the samples in the raw recursion, 1 − Πβ_s (1 − β^t for constant β); 0 before the
     * first sample. The bias-corrected estimate is the raw one divided by this.
     */
    public double weightSum() {
        if (count == 0) return 0.0;
        if (schedule == null) return 1.0 - Math.pow(constantBeta, count);
        return 1.0 - betaProduct;
    }

    @Override
    public void estimate(double[] x, double[] out) {
        Require.length("out", out, acc.length);
        if (!biasCorrected || count == 0) {
            System.arraycopy(acc, 0, out, 0, acc.length);
            return;
        }
        double w = weightSum();
        for (int i = 0; i < acc.length; i++) out[i] = acc[i] / w;
    }

    /** The raw (uncorrected) recursion Ĝ_t, copied into out. */
    public void raw(double[] out) {
        Require.length("out", out, acc.length);
        System.arraycopy(acc, 0, out, 0, acc.length);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long betaClamps() {
        return clamps;
    }

    @Override
    public void reset() {
        System.arraycopy(initial, 0, acc, 0, acc.length);
        count = 0;
        betaProduct = 1.0;
        clamps = 0;
    }

    private String kind() {
        return shape == Shape.FULL ? "ema-full" : "ema-diag";
    }

    @Override
    public String describe() {
        String beta = schedule == null ? Double.toString(constantBeta) : schedule.describe();
        return kind() + "(beta=" + beta + ", biasCorrected=" + biasCorrected
                + (Samples.allZero(initial) ? "" : ", initial=nonzero") + ")";
    }

    /** accumulator = raw Ĝ_t; auxiliary = [Π β_s, number of clamps]. */
    @Override
    public EstimatorState state() {
        return new EstimatorState(kind(), count, acc.clone(), new double[] {betaProduct, clamps});
    }

    @Override
    public void restore(EstimatorState s) {
        Samples.checkState(s, kind(), acc.length, 2);
        System.arraycopy(s.accumulator(), 0, acc, 0, acc.length);
        count = s.count();
        betaProduct = s.auxiliary()[0];
        clamps = (long) s.auxiliary()[1];
    }
}
