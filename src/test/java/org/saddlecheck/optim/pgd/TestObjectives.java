package org.saddlecheck.optim.pgd;

import java.util.Arrays;
import org.saddlecheck.problem.Constants;
import org.saddlecheck.problem.Objective;

/** Small analytic test functions for this package's tests (CLAIMS.md §7.2). */
final class TestObjectives {
    private TestObjectives() {}

    /** f = c0 + ½ Σ diag_i x_i² (diag entries of any sign). */
    static DiagQuadratic diagQuadratic(double... diag) {
        return new DiagQuadratic(0, diag);
    }

    static class DiagQuadratic implements Objective {
        final double offset;
        final double[] diag;

        DiagQuadratic(double offset, double[] diag) {
            this.offset = offset;
            this.diag = diag.clone();
        }

        @Override
        public int dim() {
            return diag.length;
        }

        @Override
        public double value(double[] x) {
            double s = 0;
            for (int i = 0; i < diag.length; i++) s += diag[i] * x[i] * x[i];
            return offset + 0.5 * s;
        }

        @Override
        public void gradient(double[] x, double[] out) {
            for (int i = 0; i < diag.length; i++) out[i] = diag[i] * x[i];
        }

        @Override
        public void hessian(double[] x, double[] out) {
            Arrays.fill(out, 0);
            for (int i = 0; i < diag.length; i++) out[i * diag.length + i] = diag[i];
        }
    }

    /** The same quadratic with an exact difference f(x) − f(y) = ½ Σ diag_i (x_i − y_i)(x_i + y_i). */
    static final class ExactDiffQuadratic implements DifferenceObjective {
        final DiagQuadratic q;

        ExactDiffQuadratic(double offset, double... diag) {
            q = new DiagQuadratic(offset, diag);
        }

        @Override
        public int dim() {
            return q.dim();
        }

        @Override
        public double value(double[] x) {
            return q.value(x);
        }

        @Override
        public void gradient(double[] x, double[] out) {
            q.gradient(x, out);
        }

        @Override
        public void hessian(double[] x, double[] out) {
            q.hessian(x, out);
        }

        @Override
        public double valueDifference(double[] x, double[] y) {
            double s = 0;
            for (int i = 0; i < q.diag.length; i++) s += q.diag[i] * (x[i] - y[i]) * (x[i] + y[i]);
            return 0.5 * s;
        }

        @Override
        public boolean accurateDifference() {
            return true;
        }
    }

    /** f = −(γ/2)x1² + x1⁴/4 + ½ Σ h_i x_{i+1}²; strict saddle at 0, minima at x1 = ±√γ, f* = −γ²/4. */
    static Objective quarticSaddle(double gamma, double... h) {
        return new Objective() {
            @Override
            public int dim() {
                return h.length + 1;
            }

            @Override
            public double value(double[] x) {
                double s = -0.5 * gamma * x[0] * x[0] + 0.25 * x[0] * x[0] * x[0] * x[0];
                for (int i = 0; i < h.length; i++) s += 0.5 * h[i] * x[i + 1] * x[i + 1];
                return s;
            }

            @Override
            public void gradient(double[] x, double[] out) {
                out[0] = -gamma * x[0] + x[0] * x[0] * x[0];
                for (int i = 0; i < h.length; i++) out[i + 1] = h[i] * x[i + 1];
            }

            @Override
            public void hessian(double[] x, double[] out) {
                int d = dim();
                Arrays.fill(out, 0);
                out[0] = -gamma + 3 * x[0] * x[0];
                for (int i = 0; i < h.length; i++) out[(i + 1) * d + i + 1] = h[i];
            }
        };
    }

    /** f = a·x (constant gradient). */
    static Objective linear(double... a) {
        return new Objective() {
            @Override
            public int dim() {
                return a.length;
            }

            @Override
            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < a.length; i++) s += a[i] * x[i];
                return s;
            }

            @Override
            public void gradient(double[] x, double[] out) {
                System.arraycopy(a, 0, out, 0, a.length);
            }

            @Override
            public void hessian(double[] x, double[] out) {
                Arrays.fill(out, 0);
            }
        };
    }

    /** f = Σ log(1 + x_i²): ℓ = 2, f* = 0 (CLAIMS.md §7.2 first-order family). */
    static Objective logSum(int d) {
        return new Objective() {
            @Override
            public int dim() {
                return d;
            }

            @Override
            public double value(double[] x) {
                double s = 0;
                for (double v : x) s += Math.log1p(v * v);
                return s;
            }

            @Override
            public void gradient(double[] x, double[] out) {
                for (int i = 0; i < d; i++) out[i] = 2 * x[i] / (1 + x[i] * x[i]);
            }

            @Override
            public void hessian(double[] x, double[] out) {
                Arrays.fill(out, 0);
                for (int i = 0; i < d; i++) {
                    double q = 1 + x[i] * x[i];
                    out[i * d + i] = 2 * (1 - x[i] * x[i]) / (q * q);
                }
            }

            @Override
            public Constants constants() {
                return Constants.global(2, Double.NaN, 0);
            }
        };
    }

    /**
     * Cosine family f(x) = −a Σ cos((Qx)_i) with Q = I − 2vvᵀ/‖v‖² (a Householder reflection: orthogonal and
     * symmetric). ℓ = ρ = a, f* = −ad (CLAIMS.md §7.2).
     */
    static final class Cosine implements Objective {
        final int d;
        final double a;
        final double[] v;
        final double vv;

        Cosine(double a, double[] v) {
            this.d = v.length;
            this.a = a;
            this.v = v.clone();
            double s = 0;
            for (double t : v) s += t * t;
            this.vv = s;
        }

        /** out = Q x (also Qᵀx, Q symmetric). */
        void apply(double[] x, double[] out) {
            double s = 0;
            for (int i = 0; i < d; i++) s += v[i] * x[i];
            double c = 2 * s / vv;
            for (int i = 0; i < d; i++) out[i] = x[i] - c * v[i];
        }

        @Override
        public int dim() {
            return d;
        }

        @Override
        public double value(double[] x) {
            double s = 0;
            double c = 2 * dotV(x) / vv;
            for (int i = 0; i < d; i++) s += Math.cos(x[i] - c * v[i]);
            return -a * s;
        }

        private double dotV(double[] x) {
            double s = 0;
            for (int i = 0; i < d; i++) s += v[i] * x[i];
            return s;
        }

        @Override
        public void gradient(double[] x, double[] out) {
            // ∇f = Qᵀ(a sin(Qx)); computed without allocation.
            double c = 2 * dotV(x) / vv;
            double s = 0;
            for (int i = 0; i < d; i++) {
                out[i] = a * Math.sin(x[i] - c * v[i]);
                s += v[i] * out[i];
            }
            double c2 = 2 * s / vv;
            for (int i = 0; i < d; i++) out[i] -= c2 * v[i];
        }

        @Override
        public void hessian(double[] x, double[] out) {
            double[] y = new double[d];
            apply(x, y);
            double[] q = new double[d * d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) q[i * d + j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) s += q[k * d + i] * a * Math.cos(y[k]) * q[k * d + j];
                    out[i * d + j] = s;
                }
            }
        }

        /** λ_min(∇²f(x)) = a·min_k cos((Qx)_k) (Q orthogonal). */
        double lambdaMin(double[] x) {
            double[] y = new double[d];
            apply(x, y);
            double m = Double.POSITIVE_INFINITY;
            for (double t : y) m = Math.min(m, a * Math.cos(t));
            return m;
        }

        /** x with Qx = y (Q is an involution). */
        double[] fromY(double[] y) {
            double[] x = new double[d];
            apply(y, x);
            return x;
        }

        @Override
        public Constants constants() {
            return Constants.global(a, a, -a * d);
        }
    }
}
