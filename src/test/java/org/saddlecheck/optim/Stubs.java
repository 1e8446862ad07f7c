package org.saddlecheck.optim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.problem.Problem;
import org.saddlecheck.problem.SecondMoments;
import org.saddlecheck.problem.StochasticOracle;

/** Small private test problems for the estimator/preconditioner/optimizer unit tests. */
public final class Stubs {
    private Stubs() {}

    /**
     * A deterministic oracle: the k-th call returns script[k mod n] (ignoring x and rng) and records the x it
     * was drawn at. Optionally reports a constant G for the exact-oracle tests.
     */
    public static final class Scripted implements StochasticOracle, SecondMoments {
        private final double[][] script;
        private final double[] g; // constant G(x) (may be null)
        private final int d;
        private int calls;
        public final List<double[]> drawnAt = new ArrayList<>();
        public boolean record = true;

        public Scripted(double[][] script) {
            this(script, null);
        }

        public Scripted(double[][] script, double[] secondMoment) {
            this.script = script;
            this.d = script[0].length;
            this.g = secondMoment;
        }

        @Override
        public int dim() {
            return d;
        }

        @Override
        public void sample(double[] x, UniformRandomProvider rng, double[] out) {
            if (record) drawnAt.add(x.clone());
            System.arraycopy(script[calls % script.length], 0, out, 0, d);
            calls++;
        }

        @Override
        public void secondMoment(double[] x, double[] out) {
            System.arraycopy(g, 0, out, 0, d * d);
        }

        public int calls() {
            return calls;
        }
    }

    /**
     * f(x) = ½ Σ h_i x_i², g = H x + σ ⊙ ξ with independent Rademacher ξ_i (bounded noise, CLAIMS.md §8.11).
     * G(x) = ∇f∇fᵀ + diag(σ²), Σ = diag(σ²) (covariance is not overridden: the default path is exercised).
     */
    public static class NoisyQuadratic implements Problem, SecondMoments {
        final double[] h;
        final double[] sigma;
        final Domain domain;

        public NoisyQuadratic(double[] h, double[] sigma) {
            this(h, sigma, Domain.UNCONSTRAINED);
        }

        public NoisyQuadratic(double[] h, double[] sigma, Domain domain) {
            this.h = h.clone();
            this.sigma = sigma.clone();
            this.domain = domain;
        }

        @Override
        public int dim() {
            return h.length;
        }

        @Override
        public double value(double[] x) {
            double s = 0;
            for (int i = 0; i < h.length; i++) s += 0.5 * h[i] * x[i] * x[i];
            return s;
        }

        @Override
        public void gradient(double[] x, double[] out) {
            for (int i = 0; i < h.length; i++) out[i] = h[i] * x[i];
        }

        @Override
        public void hessian(double[] x, double[] out) {
            int d = h.length;
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < d; i++) out[i * d + i] = h[i];
        }

        @Override
        public void sample(double[] x, UniformRandomProvider rng, double[] out) {
            for (int i = 0; i < h.length; i++) out[i] = h[i] * x[i] + (rng.nextBoolean() ? sigma[i] : -sigma[i]);
        }

        @Override
        public void secondMoment(double[] x, double[] out) {
            int d = h.length;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) out[i * d + j] = h[i] * x[i] * h[j] * x[j];
                out[i * d + i] += sigma[i] * sigma[i];
            }
        }

        @Override
        public Domain domain() {
            return domain;
        }

        @Override
        public String name() {
            return "noisy-quadratic";
        }
    }

    /** As {@link NoisyQuadratic} but with correlated noise g = Hx + Bξ (ξ Rademacher): G = ∇∇ᵀ + BBᵀ. */
    public static final class CorrelatedQuadratic extends NoisyQuadratic {
        private final double[] b; // d×d row-major

        public CorrelatedQuadratic(double[] h, double[] b) {
            super(h, new double[h.length]);
            this.b = b.clone();
        }

        @Override
        public void sample(double[] x, UniformRandomProvider rng, double[] out) {
            int d = h.length;
            for (int i = 0; i < d; i++) out[i] = h[i] * x[i];
            for (int k = 0; k < d; k++) {
                double s = rng.nextBoolean() ? 1.0 : -1.0;
                for (int i = 0; i < d; i++) out[i] += b[i * d + k] * s;
            }
        }

        @Override
        public void secondMoment(double[] x, double[] out) {
            int d = h.length;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = h[i] * x[i] * h[j] * x[j];
                    for (int k = 0; k < d; k++) s += b[i * d + k] * b[j * d + k];
                    out[i * d + j] = s;
                }
            }
        }
    }

    /** Axis-aligned noise: g = Hx-free, g = ±s_i e_i with i uniform; E[g gᵀ] = diag(s²)/d, always diagonal. */
    public static final class AxisAligned implements StochasticOracle {
        private final double[] s;

        public AxisAligned(double[] s) {
            this.s = s.clone();
        }

        @Override
        public int dim() {
            return s.length;
        }

        @Override
        public void sample(double[] x, UniformRandomProvider rng, double[] out) {
            java.util.Arrays.fill(out, 0.0);
            int i = rng.nextInt(s.length);
            out[i] = rng.nextBoolean() ? s[i] : -s[i];
        }
    }

    /** An oracle whose samples become NaN from call number {@code from} on. */
    public static final class NaNAfter implements StochasticOracle {
        private final int d;
        private final int from;
        private int calls;

        public NaNAfter(int d, int from) {
            this.d = d;
            this.from = from;
        }

        @Override
        public int dim() {
            return d;
        }

        @Override
        public void sample(double[] x, UniformRandomProvider rng, double[] out) {
            java.util.Arrays.fill(out, calls++ >= from ? Double.NaN : 1.0);
        }
    }

    /** Closed-form inverse square root of a 2×2 SPD matrix: M^{1/2} = (M + √det I)/√(tr + 2√det). */
    public static double[] invSqrt2x2(double[] m) {
        double[] r = sqrt2x2(m);
        double det = r[0] * r[3] - r[1] * r[2];
        return new double[] {r[3] / det, -r[1] / det, -r[2] / det, r[0] / det};
    }

    public static double[] sqrt2x2(double[] m) {
        double s = Math.sqrt(m[0] * m[3] - m[1] * m[2]);
        double t = Math.sqrt(m[0] + m[3] + 2 * s);
        return new double[] {(m[0] + s) / t, m[1] / t, m[2] / t, (m[3] + s) / t};
    }

    public static double[] mul2(double[] a, double[] v) {
        return new double[] {a[0] * v[0] + a[1] * v[1], a[2] * v[0] + a[3] * v[1]};
    }

    public static double[] inv2(double[] a) {
        double det = a[0] * a[3] - a[1] * a[2];
        return new double[] {a[3] / det, -a[1] / det, -a[2] / det, a[0] / det};
    }

    /** Relative error max|a−b| / max(1e-300, max|b|). */
    public static double relErr(double[] a, double[] b) {
        double m = 0, s = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
            s = Math.max(s, Math.abs(b[i]));
        }
        return m / Math.max(1e-300, s);
    }
}
