package org.saddlecheck.gen;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * The Lipschitz matrix fields of CLAIMS.md §7.1 (a)–(d) and their empirical certification (§8.10).
 * <ul>
 *   <li>(a) affine G(x) = G0 + (aᵀx)E, ‖E‖ = 1, L = ‖a‖, PSD on ‖x‖ ≤ D when λ_min(G0) &gt; L·D;</li>
 *   <li>(b) sine G(x) = G0 + L·sin(uᵀx)E, ‖u‖ = ‖E‖ = 1, λ_min(G0) &gt; L: global, exact L;</li>
 *   <li>(c) rotating eigenvectors on a coordinate plane (in an optional Haar basis): G(x) = R(θ)diag(λ1, λ2)R(θ)ᵀ ⊕
 *       diag(rest), θ = κ_θ uᵀx, L = |λ1 − λ2|κ_θ, spectrum constant;</li>
 *   <li>(d) gradient model G(x) = ∇f(x)∇f(x)ᵀ + SSᵀ with f(x) = a Σ log(1 + (Qx)_i²): sup‖∇f‖ = a√d, ℓ = 2a,
 *       so L ≤ 2·sup‖∇f‖·ℓ = 4a²√d (bound only).</li>
 * </ul>
 */
public final class LipschitzFields {
    private LipschitzFields() {}

    /** A random symmetric E with ‖E‖_op = 1 exactly: Haar basis, eigenvalues in [−1, 1] with one pinned at ±1. */
    public static double[] unitSymmetric(int d, UniformRandomProvider rng) {
        double[] e = new double[d];
        for (int i = 0; i < d; i++) e[i] = 2 * rng.nextDouble() - 1;
        e[rng.nextInt(d)] = rng.nextBoolean() ? 1 : -1;
        return Spd.fromSpectrum(Haar.orthogonal(d, rng), e);
    }

    /** (a) affine field with a random direction u, E random with ‖E‖ = 1; requires λ_min(G0) &gt; L·radius. */
    public static LipschitzField affine(Spd g0, double lipschitz, double radius, UniformRandomProvider rng) {
        Require.notNull("g0", g0);
        Require.positive("lipschitz", lipschitz);
        Require.positive("radius", radius);
        Require.that(g0.lambda()[0] > lipschitz * radius, "lipschitz*radius", lipschitz * radius,
                "< lambda_min(G0) = " + g0.lambda()[0] + " so that G(x) stays positive definite on the domain");
        int d = g0.d();
        double[] u = Gradients.withNorm(d, 1, rng);
        return new Affine(g0.g().clone(), unitSymmetric(d, rng), u, lipschitz, radius);
    }

    /** (b) sine field; requires λ_min(G0) &gt; L. */
    public static LipschitzField sine(Spd g0, double lipschitz, UniformRandomProvider rng) {
        Require.notNull("g0", g0);
        Require.positive("lipschitz", lipschitz);
        Require.that(g0.lambda()[0] > lipschitz, "lipschitz", lipschitz,
                "< lambda_min(G0) = " + g0.lambda()[0] + " so that G(x) stays positive definite");
        int d = g0.d();
        return new Sine(g0.g().clone(), unitSymmetric(d, rng), Gradients.withNorm(d, 1, rng), lipschitz);
    }

    /**
     * (c) rotating eigenvectors: eigenvalues λ1, λ2 on the plane of the first two basis vectors, {@code rest}
     * (length d − 2) on the others; θ = κ_θ uᵀx with a random unit u; basis Haar-random if {@code haarBasis}.
     */
    public static LipschitzField rotating(double lambda1, double lambda2, double[] rest, double kappaTheta,
                                          boolean haarBasis, UniformRandomProvider rng) {
        Require.positive("lambda1", lambda1);
        Require.positive("lambda2", lambda2);
        Require.notNull("rest", rest);
        for (int i = 0; i < rest.length; i++) Require.positive("rest[" + i + "]", rest[i]);
        Require.positive("kappaTheta", kappaTheta);
        int d = rest.length + 2;
        double[] q = haarBasis ? Haar.orthogonal(d, rng) : Mat.identity(d);
        double[] base = new double[d], p1 = new double[d], p2 = new double[d * d];
        base[0] = base[1] = 0.5 * (lambda1 + lambda2);
        for (int i = 0; i < rest.length; i++) base[i + 2] = rest[i];
        p1[0] = 1;
        p1[1] = -1;
        double[] c0 = Spd.fromSpectrum(q, base), m1 = Spd.fromSpectrum(q, p1);
        // P2 = Q (e1 e2ᵀ + e2 e1ᵀ) Qᵀ = q1 q2ᵀ + q2 q1ᵀ with q_k column k of Q
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) p2[i * d + j] = q[i * d] * q[j * d + 1] + q[i * d + 1] * q[j * d];
        double[] u = Gradients.withNorm(d, 1, rng);
        return new Rotating(c0, m1, p2, 0.5 * (lambda1 - lambda2), kappaTheta, u, Math.abs(lambda1 - lambda2) * kappaTheta);
    }

    /**
     * (d) gradient model G(x) = ∇f(x)∇f(x)ᵀ + SSᵀ with f(x) = a Σ_i log(1 + (Qx)_i²) in a Haar basis Q; {@code s}
     * is d×d row-major. The returned field's {@link GradientModel#gradient} is μ(x) = ∇f(x), so that
     * {@link MatrixOracles#rademacherOuter} with the same S is an unbiased oracle of G(x).
     */
    public static GradientModel gradientModel(double a, double[] s, UniformRandomProvider rng) {
        Require.positive("a", a);
        Require.notNull("s", s);
        Require.finite("s", s);
        int d = Mat.dim(s);
        double[] sst = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) v += s[i * d + k] * s[j * d + k];
                sst[i * d + j] = v;
            }
        Mat.symmetrize(sst, d);
        return new GradientModel(a, s.clone(), sst, Haar.orthogonal(d, rng));
    }

    /** Result of {@link #certify}: the largest sampled ratio ‖G(x) − G(y)‖/‖x − y‖ and the smallest eigenvalue seen. */
    public record Certificate(double lipschitz, double maxRatio, double minEigenvalue, int pairs) {
        /** maxRatio ≤ L (with relative slack 1e-9 for rounding). */
        public boolean certified() {
            return maxRatio <= lipschitz * (1 + 1e-9) + 1e-14;
        }

        public String describe() {
            return String.format(Locale.ROOT, "L = %.6g, max sampled ratio %.6g (%.4f L) over %d pairs, min eigenvalue %.4g",
                    lipschitz, maxRatio, maxRatio / lipschitz, pairs, minEigenvalue);
        }
    }

    /**
     * Certifies L empirically (CLAIMS.md §8.10): {@code pairs} random pairs in the ball of radius
     * min(domain radius, {@code radius}) at log-uniform separations, plus as many pairs along the worst direction
     * at small separations; also records the smallest eigenvalue of G over all sampled points.
     */
    public static Certificate certify(LipschitzField f, int pairs, double radius, UniformRandomProvider rng) {
        Require.notNull("f", f);
        Require.positive("pairs", pairs);
        Require.positive("radius", radius);
        int d = f.dim();
        double r = Math.min(radius, f.domainRadius());
        Gaussian gauss = new Gaussian(rng);
        double[] x = new double[d], y = new double[d], v = new double[d], gx = new double[d * d], gy = new double[d * d];
        SymmetricEigen eig = new SymmetricEigen(d);
        double maxRatio = 0, minEig = Double.POSITIVE_INFINITY;
        double[] w = f.worstDirection();
        int total = 0;
        for (int k = 0; k < 2 * pairs; k++) {
            boolean along = k >= pairs;
            if (along && w == null) break;
            gauss.uniformInBall(r, x);
            double h = r * Math.exp(Math.log(along ? 1e-4 : 1e-3) * rng.nextDouble());
            if (along) System.arraycopy(w, 0, v, 0, d);
            else {
                gauss.fill(v);
                Vec.scale(1 / Vec.norm(v), v);
            }
            for (int i = 0; i < d; i++) y[i] = x[i] + h * v[i];
            double ny = Vec.norm(y);
            if (ny > r) Vec.scale(r / ny, y); // stay in the domain
            double dist = Vec.distance(x, y);
            if (dist == 0) continue;
            f.value(x, gx);
            f.value(y, gy);
            eig.decompose(gx);
            minEig = Math.min(minEig, eig.min());
            Mat.sub(gx, gy, gx);
            eig.decompose(gx);
            maxRatio = Math.max(maxRatio, Math.max(Math.abs(eig.min()), Math.abs(eig.max())) / dist);
            total++;
        }
        return new Certificate(f.lipschitz(), maxRatio, minEig, total);
    }

    // ---------------------------------------------------------------- implementations

    private record Affine(double[] g0, double[] e, double[] u, double l, double radius) implements LipschitzField {
        @Override public int dim() { return u.length; }
        @Override public double lipschitz() { return l; }
        @Override public boolean lipschitzExact() { return true; }
        @Override public double domainRadius() { return radius; }
        @Override public double[] worstDirection() { return u.clone(); }

        @Override
        public void value(double[] x, double[] out) {
            double t = l * Vec.dot(u, x);
            for (int i = 0; i < out.length; i++) out[i] = g0[i] + t * e[i];
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "affine G0 + (a.x)E, d=%d, L=%.4g, domain radius %.4g", dim(), l, radius);
        }
    }

    private record Sine(double[] g0, double[] e, double[] u, double l) implements LipschitzField {
        @Override public int dim() { return u.length; }
        @Override public double lipschitz() { return l; }
        @Override public boolean lipschitzExact() { return true; }
        @Override public double domainRadius() { return Double.POSITIVE_INFINITY; }
        @Override public double[] worstDirection() { return u.clone(); }

        @Override
        public void value(double[] x, double[] out) {
            double t = l * Math.sin(Vec.dot(u, x));
            for (int i = 0; i < out.length; i++) out[i] = g0[i] + t * e[i];
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "sine G0 + L sin(u.x)E, d=%d, L=%.4g", dim(), l);
        }
    }

    private record Rotating(double[] c0, double[] p1, double[] p2, double c, double kappaTheta, double[] u, double l)
            implements LipschitzField {
        @Override public int dim() { return u.length; }
        @Override public double lipschitz() { return l; }
        @Override public boolean lipschitzExact() { return true; }
        @Override public double domainRadius() { return Double.POSITIVE_INFINITY; }
        @Override public double[] worstDirection() { return u.clone(); }

        @Override
        public void value(double[] x, double[] out) {
            double th = 2 * kappaTheta * Vec.dot(u, x);
            double a = c * Math.cos(th), b = c * Math.sin(th);
            for (int i = 0; i < out.length; i++) out[i] = c0[i] + a * p1[i] + b * p2[i];
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "rotating eigenvectors, d=%d, |l1-l2|=%.4g, kappaTheta=%.4g, L=%.4g", dim(), 2 * Math.abs(c), kappaTheta, l);
        }
    }

    /** Field (d): G(x) = ∇f(x)∇f(x)ᵀ + SSᵀ, f(x) = a Σ log(1 + (Qx)_i²). Holds a scratch buffer: one per trial. */
    public static final class GradientModel implements LipschitzField {
        private final double a;
        private final double[] s, sst, q, y, grad;
        private final int d;

        GradientModel(double a, double[] s, double[] sst, double[] q) {
            this.a = a;
            this.s = s;
            this.sst = sst;
            this.q = q;
            this.d = Mat.dim(s);
            this.y = new double[d];
            this.grad = new double[d];
        }

        @Override public int dim() { return d; }
        @Override public double lipschitz() { return 4 * a * a * Math.sqrt(d); }
        @Override public boolean lipschitzExact() { return false; }
        @Override public double domainRadius() { return Double.POSITIVE_INFINITY; }
        @Override public double[] worstDirection() { return null; }

        /** The noise factor S (row-major, copy). */
        public double[] noiseFactor() {
            return s.clone();
        }

        /** ∇f(x) = a Qᵀ (2y/(1 + y²)) with y = Qx. */
        public void gradient(double[] x, double[] out) {
            Mat.mulVec(q, x, y);
            for (int i = 0; i < d; i++) y[i] = 2 * a * y[i] / (1 + y[i] * y[i]);
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int i = 0; i < d; i++) v += q[i * d + j] * y[i];
                out[j] = v;
            }
        }

        @Override
        public void value(double[] x, double[] out) {
            gradient(x, grad);
            System.arraycopy(sst, 0, out, 0, out.length);
            Mat.addOuter(out, 1.0, grad);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "gradient model grad f grad f^T + SS^T, f = %.4g sum log(1+(Qx)_i^2), d=%d, L <= %.4g", a, d, lipschitz());
        }
    }
}
