package org.saddlecheck.problem;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.util.Require;

/**
 * Multinomial (softmax) logistic regression over a {@link Dataset} (STAIB-FIG2 uses it on MNIST):
 * f(θ) = (1/n) Σ_i [logsumexp_k(w_kᵀx_i + b_k) − (w_{y_i}ᵀx_i + b_{y_i})] + (λ/2)‖W‖_F² (bias not regularised).
 * Parameters θ = (W, b) flattened: W_{k,j} at index k·p + j (K×p row-major), then b_k at index K·p + k; dim = K(p+1).
 *
 * <p>Gradient per example: (π − e_y) ⊗ (x, 1) with π = softmax of the logits (computed stably with the max shift).
 * Stochastic oracle ({@link #sample}): a minibatch of B example indices drawn uniformly <b>with replacement</b>,
 * g = (1/B) Σ_b ∇ℓ_{i_b}(θ) + λW — unbiased, with Cov(g) = (1/B) Cov_i(∇ℓ_i) exactly ({@link #covariance}).
 * Scratch: the K softmax probabilities live in a per-instance {@link ThreadLocal} buffer, so one instance is
 * thread-safe and allocation-free per call after a thread's first call.
 *
 * <p>Hessian (analytic, O(n K² p²) time and (K(p+1))² memory: small p, K only):
 * (1/n) Σ_i (diag π_i − π_iπ_iᵀ) ⊗ z_i z_iᵀ with z_i = (x_i, 1), plus λ on the W block.
 *
 * <p>Constants: ℓ = ½ λ_max((1/n) Σ_i z_i z_iᵀ) + λ, certified globally (Gershgorin: diag π − ππᵀ ⪯ ½I, and
 * f is convex). When n(p+1)² > 2·10⁸ the cheaper bound ½ (1/n) Σ_i ‖z_i‖² + λ (trace ≥ λ_max) is used instead.
 * ρ and f* are reported as NaN (unknown; f* ≥ 0, and with λ = 0 on separable data the infimum 0 is not attained).
 */
public final class SoftmaxRegression implements Problem, SecondMoments {
    private final Dataset data;
    private final int n, p, k, dim;
    private final double lambda;
    private final int batch;
    private final ThreadLocal<double[]> probs;
    private volatile Constants constants;

    /**
     * @param data the data set
     * @param lambda ridge weight λ ≥ 0 on W
     * @param batchSize minibatch size B ≥ 1 of {@link #sample}
     */
    public SoftmaxRegression(Dataset data, double lambda, int batchSize) {
        this.data = Require.notNull("data", data);
        this.lambda = Require.nonNegative("lambda", lambda);
        this.batch = Require.positive("batchSize", batchSize);
        this.n = data.n();
        this.p = data.p();
        this.k = data.classes();
        this.dim = k * (p + 1);
        final int classes = k;
        this.probs = ThreadLocal.withInitial(() -> new double[classes]);
    }

    public Dataset data() {
        return data;
    }

    public double lambda() {
        return lambda;
    }

    public int batchSize() {
        return batch;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** Fills pr with softmax probabilities of example i and returns its loss logsumexp − logit_y. */
    private double softmax(double[] theta, int i, double[] pr) {
        double[] x = data.features();
        int off = i * p;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double z = theta[k * p + c];
            int w = c * p;
            for (int j = 0; j < p; j++) z += theta[w + j] * x[off + j];
            pr[c] = z;
            if (z > max) max = z;
        }
        double zy = pr[data.labels()[i]];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(pr[c] - max);
            pr[c] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int c = 0; c < k; c++) pr[c] *= inv;
        return max + Math.log(sum) - zy;
    }

    /** out += scale · ∇ℓ_i(θ) (data term of example i), given its probabilities pr. */
    private void addExampleGradient(int i, double[] pr, double scale, double[] out) {
        double[] x = data.features();
        int off = i * p, y = data.labels()[i];
        for (int c = 0; c < k; c++) {
            double r = scale * (pr[c] - (c == y ? 1.0 : 0.0));
            if (r == 0) continue;
            int w = c * p;
            for (int j = 0; j < p; j++) out[w + j] += r * x[off + j];
            out[k * p + c] += r;
        }
    }

    private void addRegularizerGradient(double[] theta, double[] out) {
        if (lambda == 0) return;
        for (int i = 0; i < k * p; i++) out[i] += lambda * theta[i];
    }

    @Override
    public double value(double[] theta) {
        Require.length("theta", theta, dim);
        double[] pr = probs.get();
        double s = 0;
        for (int i = 0; i < n; i++) s += softmax(theta, i, pr);
        double reg = 0;
        if (lambda != 0) {
            for (int i = 0; i < k * p; i++) reg += theta[i] * theta[i];
        }
        return s / n + 0.5 * lambda * reg;
    }

    /** Loss ℓ_i(θ) of one example (data term only). */
    public double exampleLoss(int i, double[] theta) {
        Require.inRange("i", i, 0, n - 1);
        Require.length("theta", theta, dim);
        return softmax(theta, i, probs.get());
    }

    /** out = ∇ℓ_i(θ) (data term of one example, without the regulariser). */
    public void exampleGradient(int i, double[] theta, double[] out) {
        Require.inRange("i", i, 0, n - 1);
        Require.length("theta", theta, dim);
        Require.length("out", out, dim);
        java.util.Arrays.fill(out, 0);
        double[] pr = probs.get();
        softmax(theta, i, pr);
        addExampleGradient(i, pr, 1.0, out);
    }

    @Override
    public void gradient(double[] theta, double[] out) {
        Require.length("theta", theta, dim);
        Require.length("out", out, dim);
        Require.that(out != theta, "out", "theta", "a different array from theta");
        java.util.Arrays.fill(out, 0);
        double[] pr = probs.get();
        double w = 1.0 / n;
        for (int i = 0; i < n; i++) {
            softmax(theta, i, pr);
            addExampleGradient(i, pr, w, out);
        }
        addRegularizerGradient(theta, out);
    }

    /** Minibatch gradient: B indices uniform with replacement. Allocation-free. */
    @Override
    public void sample(double[] theta, UniformRandomProvider rng, double[] out) {
        Require.length("theta", theta, dim);
        Require.length("out", out, dim);
        Require.that(out != theta, "out", "theta", "a different array from theta");
        java.util.Arrays.fill(out, 0);
        double[] pr = probs.get();
        double w = 1.0 / batch;
        for (int b = 0; b < batch; b++) {
            int i = rng.nextInt(n);
            softmax(theta, i, pr);
            addExampleGradient(i, pr, w, out);
        }
        addRegularizerGradient(theta, out);
    }

    private int index(int c, int j) {
        return j < p ? c * p + j : k * p + c;
    }

    @Override
    public void hessian(double[] theta, double[] out) {
        Require.length("theta", theta, dim);
        Require.length("out", out, dim * dim);
        java.util.Arrays.fill(out, 0);
        double[] x = data.features();
        double[] pr = probs.get();
        double w = 1.0 / n;
        for (int i = 0; i < n; i++) {
            softmax(theta, i, pr);
            int off = i * p;
            for (int c = 0; c < k; c++) {
                for (int e = 0; e < k; e++) {
                    double a = w * ((c == e ? pr[c] : 0) - pr[c] * pr[e]);
                    if (a == 0) continue;
                    for (int j = 0; j <= p; j++) {
                        double zj = j < p ? x[off + j] : 1.0;
                        double az = a * zj;
                        int row = index(c, j) * dim;
                        for (int m = 0; m <= p; m++) {
                            double zm = m < p ? x[off + m] : 1.0;
                            out[row + index(e, m)] += az * zm;
                        }
                    }
                }
            }
        }
        if (lambda != 0) {
            for (int i = 0; i < k * p; i++) out[i * dim + i] += lambda;
        }
    }

    /** out = Σ(θ) = Cov(g) = (1/B)[(1/n) Σ_i a_i a_iᵀ − ā āᵀ], a_i = ∇ℓ_i(θ). O(n·dim²); allocates. */
    @Override
    public void covariance(double[] theta, double[] out) {
        Require.length("theta", theta, dim);
        Require.length("out", out, dim * dim);
        java.util.Arrays.fill(out, 0);
        double[] a = new double[dim];
        double[] mean = new double[dim];
        double[] pr = probs.get();
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(a, 0);
            softmax(theta, i, pr);
            addExampleGradient(i, pr, 1.0, a);
            for (int u = 0; u < dim; u++) {
                mean[u] += a[u] / n;
                double au = a[u] / n;
                if (au == 0) continue;
                int row = u * dim;
                for (int v = 0; v < dim; v++) out[row + v] += au * a[v];
            }
        }
        for (int u = 0; u < dim; u++)
            for (int v = 0; v < dim; v++) out[u * dim + v] = (out[u * dim + v] - mean[u] * mean[v]) / batch;
        org.saddlecheck.linalg.Mat.symmetrize(out, dim);
    }

    /** out = G(θ) = ∇f∇fᵀ + Σ(θ). */
    @Override
    public void secondMoment(double[] theta, double[] out) {
        covariance(theta, out);
        double[] g = new double[dim];
        gradient(theta, g);
        org.saddlecheck.linalg.Mat.addOuter(out, 1.0, g);
    }

    @Override
    public Constants constants() {
        Constants c = constants;
        if (c == null) {
            c = new Constants(0.5 * gramBound() + lambda, Double.NaN, Double.NaN, "global");
            constants = c;
        }
        return c;
    }

    /** λ_max((1/n) Σ z zᵀ), or the trace (1/n) Σ ‖z‖² when the exact Gram matrix is too costly. */
    private double gramBound() {
        double[] x = data.features();
        int q = p + 1;
        if ((double) n * q * q > 2e8) {
            double s = 0;
            for (double v : x) s += v * v;
            return s / n + 1.0;
        }
        double[] g = new double[q * q];
        for (int i = 0; i < n; i++) {
            int off = i * p;
            for (int a = 0; a < q; a++) {
                double za = a < p ? x[off + a] : 1.0;
                if (za == 0) continue;
                for (int b = a; b < q; b++) g[a * q + b] += za * (b < p ? x[off + b] : 1.0);
            }
        }
        for (int a = 0; a < q; a++)
            for (int b = a; b < q; b++) {
                g[a * q + b] /= n;
                g[b * q + a] = g[a * q + b];
            }
        SymmetricEigen e = new SymmetricEigen(q);
        e.decompose(g);
        return e.max();
    }

    @Override
    public String name() {
        return "softmax-regression(" + data.name() + ", K=" + k + ", p=" + p + ", lambda=" + lambda + ", B=" + batch + ")";
    }
}
