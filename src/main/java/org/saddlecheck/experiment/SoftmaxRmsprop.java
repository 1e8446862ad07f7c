package org.saddlecheck.experiment;

import java.util.Arrays;
import org.saddlecheck.problem.SoftmaxRegression;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * The training loop of Staib et al.'s Figure 2 (CLAIMS.md STAIB-FIG2), specialised for speed: softmax regression
 * (K classes, p features + bias, no regularisation) — or, with {@link Fig2Model#ONE_VS_REST}, K one-vs-rest sigmoid
 * logistic regressions with the same parameters and the loss of {@link Fig2Model} — trained by diagonal RMSProp with
 * ε inside the root,
 * <pre>
 *   v_t = β_t v_{t−1} + (1 − β_t) g_t ⊙ g_t   (v_0 = 0, no bias correction)
 *   θ_t = θ_{t−1} − η_t g_t / √(v_t + ε),      η_t = η_0/√t, t = 1, 2, …
 * </pre>
 * i.e. {@code Algorithms.rmspropDiagonal(…, EpsPlacement.INSIDE, false)} (CLAIMS.md §8.13: the paper's A), with g_t
 * the mean gradient of a minibatch of examples given by index. Hand-written instead of using
 * {@link SoftmaxRegression} and {@code PreconditionedSgd} because the figure needs about 10⁵ steps per run on 7850
 * parameters: this loop works on sparse rows ({@link SparseDigits}) and allocates nothing per step. Its gradient and
 * its iterates are tested against those classes.
 *
 * <p>Parameter layout (internal, feature-major): θ[j·K + c] is the weight of feature j for class c (j &lt; p), and
 * θ[p·K + c] the bias of class c. {@link #toProblemLayout} converts to {@link SoftmaxRegression}'s class-major layout.
 * Zero initialisation. Not thread-safe: one instance per run.
 */
public final class SoftmaxRmsprop {
    private final SparseDigits data;
    private final int k, p, dim, batch;
    private final double eta0, eps;
    private final Fig2Schedule schedule;
    private final StartUp startUp;
    private final Fig2Model model;
    private final double[] theta, v, g, z;
    private double betaProduct = 1;
    private long t;
    private long clampedSteps;

    /**
     * @param data     the training set
     * @param batch    minibatch size B ≥ 1
     * @param eta0     η_0 &gt; 0 of η_t = η_0/√t
     * @param eps      ε ≥ 0 inside the square root
     * @param schedule the β schedule
     */
    public SoftmaxRmsprop(SparseDigits data, int batch, double eta0, double eps, Fig2Schedule schedule) {
        this(data, batch, eta0, eps, schedule, StartUp.ZERO);
    }

    /** As above with an explicit start-up convention for v ({@link StartUp}; the default is {@link StartUp#ZERO}). */
    public SoftmaxRmsprop(SparseDigits data, int batch, double eta0, double eps, Fig2Schedule schedule, StartUp startUp) {
        this(data, batch, eta0, eps, schedule, startUp, Fig2Model.SOFTMAX);
    }

    /** As above with an explicit model and loss ({@link Fig2Model}; the default is {@link Fig2Model#SOFTMAX}). */
    public SoftmaxRmsprop(SparseDigits data, int batch, double eta0, double eps, Fig2Schedule schedule, StartUp startUp,
                          Fig2Model model) {
        this.model = Require.notNull("model", model);
        this.data = Require.notNull("data", data);
        this.batch = Require.positive("batch", batch);
        this.eta0 = Require.positive("eta0", eta0);
        this.eps = Require.nonNegative("eps", eps);
        this.schedule = Require.notNull("schedule", schedule);
        this.startUp = Require.notNull("startUp", startUp);
        this.k = data.classes;
        this.p = data.p;
        this.dim = (p + 1) * k;
        this.theta = new double[dim];
        this.v = new double[dim];
        this.g = new double[dim];
        this.z = new double[k];
        if (startUp == StartUp.ONES) Arrays.fill(v, 1.0);
    }

    public int dim() {
        return dim;
    }

    public Fig2Model model() {
        return model;
    }

    /** Steps taken so far. */
    public long steps() {
        return t;
    }

    /** Steps whose β_t was clamped at 0. */
    public long clampedSteps() {
        return clampedSteps;
    }

    /** The current parameters (internal layout; live view, do not modify). */
    double[] theta() {
        return theta;
    }

    /**
     * out = mean gradient over the examples {@code idx[from .. from+count)} at the current θ (internal layout):
     * softmax, of the cross-entropy; one-vs-rest, of the sum over classes of the binary cross-entropies, i.e. K times
     * the gradient of {@link #fullLoss}'s per-example loss ({@link Fig2Model}).
     * Allocation-free.
     */
    public void minibatchGradient(int[] idx, int from, int count, double[] out) {
        Require.length("out", out, dim);
        Require.that(from >= 0 && count >= 1 && from + count <= idx.length, "from/count", from + "/" + count,
                "a non-empty range inside idx (length " + idx.length + ")");
        gradient(idx, from, count, out);
    }

    private void gradient(int[] idx, int from, int count, double[] out) {
        Arrays.fill(out, 0);
        final int[] rs = data.rowStart, col = data.col, y = data.labels;
        final double[] val = data.val;
        final double w = 1.0 / count;
        final int bias = p * k;
        final boolean ovr = model == Fig2Model.ONE_VS_REST;
        for (int b = 0; b < count; b++) {
            int i = idx[from + b];
            logits(i);
            int yi = y[i];
            if (ovr) {
                // r_c = w (σ(z_c) − [c = y_i]): each class's own binary cross-entropy (K independent regressions; Fig2Model)
                for (int c = 0; c < k; c++) z[c] = w * (sigmoid(z[c]) - (c == yi ? 1.0 : 0.0));
            } else {
                // z ← softmax(z) (max-shifted), then r_c = w (π_c − [c = y_i]) stored back into z
                double max = z[0];
                for (int c = 1; c < k; c++) if (z[c] > max) max = z[c];
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    double e = Math.exp(z[c] - max);
                    z[c] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int c = 0; c < k; c++) z[c] = w * (z[c] * inv - (c == yi ? 1.0 : 0.0));
            }
            for (int q = rs[i], end = rs[i + 1]; q < end; q++) {
                int base = col[q] * k;
                double xv = val[q];
                for (int c = 0; c < k; c++) out[base + c] += z[c] * xv;
            }
            for (int c = 0; c < k; c++) out[bias + c] += z[c];
        }
    }

    /** σ(x) = 1/(1 + e^{−x}), computed from e^{−|x|} so that it never overflows. */
    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^{−|x|}), accurate for every x. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** z = logits of example i at θ. */
    private void logits(int i) {
        final int[] rs = data.rowStart, col = data.col;
        final double[] val = data.val;
        final int bias = p * k;
        for (int c = 0; c < k; c++) z[c] = theta[bias + c];
        for (int q = rs[i], end = rs[i + 1]; q < end; q++) {
            int base = col[q] * k;
            double xv = val[q];
            for (int c = 0; c < k; c++) z[c] += theta[base + c] * xv;
        }
    }

    /**
     * One RMSProp step on the minibatch {@code idx[from .. from+batch)}: t ← t+1, then the update above.
     *
     * @throws DivergenceException if an iterate becomes non-finite
     */
    public void step(int[] idx, int from) {
        gradient(idx, from, batch, g);
        t++;
        double eta = eta0 / Math.sqrt(t);
        double beta = schedule.beta(eta);
        if (schedule.clamped(eta)) clampedSteps++;
        double oneMinus = 1 - beta;
        // bias correction (BIAS_CORRECTED only): v̂ = v / W_t with W_t = 1 − Π_{s≤t} β_s
        betaProduct *= beta;
        double weight = startUp == StartUp.BIAS_CORRECTED ? 1 - betaProduct : 1.0;
        double invWeight = 1 / weight;
        for (int u = 0; u < dim; u++) {
            double gu = g[u];
            double vu = beta * v[u] + oneMinus * gu * gu;
            v[u] = vu;
            if (gu != 0) {
                double nt = theta[u] - eta * gu / Math.sqrt(vu * invWeight + eps);
                if (!Double.isFinite(nt)) throw new DivergenceException("theta[" + u + "]", t, nt);
                theta[u] = nt;
            }
        }
    }

    /**
     * Training loss over the whole data set at the current θ: softmax, (1/n) Σ_i [logsumexp(z_i) − z_{i,y_i}];
     * one-vs-rest, (1/n) Σ_i (1/K) Σ_c [softplus(z_{i,c}) − [c = y_i] z_{i,c}] ({@link Fig2Model}).
     */
    public double fullLoss() {
        final int[] y = data.labels;
        final boolean ovr = model == Fig2Model.ONE_VS_REST;
        double s = 0;
        for (int i = 0; i < data.n; i++) {
            logits(i);
            if (ovr) {
                double li = 0;
                for (int c = 0; c < k; c++) li += softplus(z[c]);
                s += (li - z[y[i]]) / k;
            } else {
                double max = z[0];
                for (int c = 1; c < k; c++) if (z[c] > max) max = z[c];
                double sum = 0;
                for (int c = 0; c < k; c++) sum += Math.exp(z[c] - max);
                s += max + Math.log(sum) - z[y[i]];
            }
        }
        return DivergenceException.check("training loss", s / data.n, t);
    }

    /** Converts internal (feature-major) parameters to {@link SoftmaxRegression}'s layout (W class-major, then b). */
    public static void toProblemLayout(double[] internal, int p, int k, double[] out) {
        Require.length("internal", internal, (p + 1) * k);
        Require.length("out", out, (p + 1) * k);
        for (int j = 0; j < p; j++)
            for (int c = 0; c < k; c++) out[c * p + j] = internal[j * k + c];
        for (int c = 0; c < k; c++) out[k * p + c] = internal[p * k + c];
    }

    /** Inverse of {@link #toProblemLayout}. */
    public static void fromProblemLayout(double[] problem, int p, int k, double[] out) {
        Require.length("problem", problem, (p + 1) * k);
        Require.length("out", out, (p + 1) * k);
        for (int j = 0; j < p; j++)
            for (int c = 0; c < k; c++) out[j * k + c] = problem[c * p + j];
        for (int c = 0; c < k; c++) out[p * k + c] = problem[k * p + c];
    }

    /** Sets θ (internal layout); for tests. */
    void setTheta(double[] internal) {
        Require.length("theta", internal, dim);
        System.arraycopy(internal, 0, theta, 0, dim);
    }
}
