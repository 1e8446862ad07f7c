package org.saddlecheck.gen;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * Moving sequences with step ‖x_t − x_{t−1}‖ ≤ s (CLAIMS.md §7.1): a straight line at full speed (worst-case
 * bias for affine fields when aligned with a), i.i.d. random unit directions (random walk), a zig-zag (bias
 * cancels; optimistic control), an adaptive one whose direction depends on the last noisy read (martingale
 * dependence), and a wrapper confining any of them to a ball. All are allocation-free per step.
 */
public final class Moves {
    private Moves() {}

    /** x_t = x_{t−1} + s·u (u normalised). */
    public static MovingSequence straight(double[] u, double s) {
        double[] dir = unit("u", u);
        Require.nonNegative("s", s);
        return new Fixed(dir, s, false);
    }

    /** x_t = x_{t−1} ± s·u, alternating signs starting with +. */
    public static MovingSequence zigZag(double[] u, double s) {
        double[] dir = unit("u", u);
        Require.nonNegative("s", s);
        return new Fixed(dir, s, true);
    }

    /** x_t = x_{t−1} + s·v_t with v_t uniform on the unit sphere, i.i.d. */
    public static MovingSequence randomWalk(int d, double s, UniformRandomProvider rng) {
        Require.positive("d", d);
        Require.nonNegative("s", s);
        Require.notNull("rng", rng);
        return new RandomWalk(d, s, new Gaussian(rng));
    }

    /**
     * x_t = x_{t−1} + s·Y_{t−1}p/‖Y_{t−1}p‖ with a fixed probe p: the direction is a function of the last noisy
     * read (adaptive adversary); falls back to p when no read is given or Y p = 0.
     */
    public static MovingSequence adaptive(double[] probe, double s) {
        double[] p = unit("probe", probe);
        Require.nonNegative("s", s);
        return new Adaptive(p, s);
    }

    /**
     * Confines {@code inner} to the ball ‖x‖ ≤ radius (e.g. the domain of an affine field): when the inner step
     * would leave the ball, the sequence instead moves toward the origin by min(s, ‖x‖). Steps stay ≤ s.
     */
    public static MovingSequence confined(MovingSequence inner, double radius) {
        Require.notNull("inner", inner);
        Require.positive("radius", radius);
        return new Confined(inner, radius, new double[inner.dim()]);
    }

    private static double[] unit(String name, double[] u) {
        Require.finite(name, u);
        Require.that(u.length > 0, name + ".length", u.length, "at least 1");
        double n = Vec.norm(u);
        Require.that(n > 0, "norm of " + name, n, "> 0");
        double[] d = u.clone();
        Vec.scale(1 / n, d);
        return d;
    }

    private static final class Fixed implements MovingSequence {
        private final double[] u;
        private final double s;
        private final boolean zigzag;
        private boolean flip;

        Fixed(double[] u, double s, boolean zigzag) {
            this.u = u;
            this.s = s;
            this.zigzag = zigzag;
        }

        @Override public int dim() { return u.length; }
        @Override public double stepBound() { return s; }

        @Override
        public void advance(double[] x, double[] lastRead) {
            double a = zigzag && flip ? -s : s;
            Vec.axpy(a, u, x);
            flip = !flip;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%s, s=%.4g", zigzag ? "zig-zag" : "straight line", s);
        }
    }

    private static final class RandomWalk implements MovingSequence {
        private final double[] v;
        private final double s;
        private final Gaussian g;

        RandomWalk(int d, double s, Gaussian g) {
            this.v = new double[d];
            this.s = s;
            this.g = g;
        }

        @Override public int dim() { return v.length; }
        @Override public double stepBound() { return s; }

        @Override
        public void advance(double[] x, double[] lastRead) {
            double n;
            do {
                g.fill(v);
                n = Vec.norm(v);
            } while (n == 0);
            Vec.axpy(s / n, v, x);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "random walk, s=%.4g", s);
        }
    }

    private static final class Adaptive implements MovingSequence {
        private final double[] p, v;
        private final double s;

        Adaptive(double[] p, double s) {
            this.p = p;
            this.v = new double[p.length];
            this.s = s;
        }

        @Override public int dim() { return p.length; }
        @Override public double stepBound() { return s; }

        @Override
        public void advance(double[] x, double[] lastRead) {
            double n = 0;
            if (lastRead != null) {
                Mat.mulVec(lastRead, p, v);
                n = Vec.norm(v);
            }
            if (!(n > 0) || !Double.isFinite(n)) Vec.axpy(s, p, x);
            else Vec.axpy(s / n, v, x);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "adaptive (direction Y_{t-1} p), s=%.4g", s);
        }
    }

    private static final class Confined implements MovingSequence {
        private final MovingSequence inner;
        private final double radius;
        private final double[] tmp;

        Confined(MovingSequence inner, double radius, double[] tmp) {
            this.inner = inner;
            this.radius = radius;
            this.tmp = tmp;
        }

        @Override public int dim() { return inner.dim(); }
        @Override public double stepBound() { return inner.stepBound(); }

        @Override
        public void advance(double[] x, double[] lastRead) {
            System.arraycopy(x, 0, tmp, 0, x.length);
            inner.advance(tmp, lastRead);
            if (Vec.norm(tmp) <= radius) {
                System.arraycopy(tmp, 0, x, 0, x.length);
                return;
            }
            double n = Vec.norm(x);
            if (n == 0) return;
            double step = Math.min(inner.stepBound(), n);
            Vec.scale(1 - step / n, x);
        }

        @Override
        public String describe() {
            return inner.describe() + String.format(Locale.ROOT, ", confined to |x| <= %.4g", radius);
        }
    }
}
