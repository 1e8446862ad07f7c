package org.saddlecheck.problem;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;

/** Every fixture of the package, with a sampler of points in the region where its constants are certified. */
final class FixtureCatalog {
    private FixtureCatalog() {}

    interface Sampler {
        double[] draw(UniformRandomProvider rng);
    }

    interface SegmentCheck {
        boolean ok(double[] x, double[] y);
    }

    /** A fixture, a sampler of points inside its certified region, and a test that a segment stays inside. */
    record Case(String name, Objective f, Sampler sampler, SegmentCheck segment) {
        @Override
        public String toString() {
            return name;
        }
    }

    static double[] gaussian(UniformRandomProvider rng, int d, double scale) {
        var g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = scale * g.sample();
        return x;
    }

    static double[] uniform(UniformRandomProvider rng, int d, double lo, double hi) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = lo + (hi - lo) * rng.nextDouble();
        return x;
    }

    /** A point strictly inside the octopus domain (margin 1e-3·τ from every piece boundary). */
    static double[] octopusPoint(Octopus f, UniformRandomProvider rng) {
        int d = f.dim();
        double tau = f.tau(), m = 1e-3 * tau;
        int i = rng.nextInt(d + 1);
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            double s;
            if (j < i) s = 2 * tau + m + (4 * tau - 2 * m) * rng.nextDouble();
            else if (j == i) s = rng.nextBoolean() ? m + (tau - 2 * m) * rng.nextDouble() : tau + m + (tau - 2 * m) * rng.nextDouble();
            else s = (tau - m) * rng.nextDouble();
            x[j] = rng.nextBoolean() ? s : -s;
        }
        return x;
    }

    static boolean octopusSegment(Octopus f, double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int k = 0; k <= 20; k++) {
            double t = k / 20.0;
            for (int j = 0; j < x.length; j++) z[j] = (1 - t) * x[j] + t * y[j];
            if (!f.contains(z)) return false;
        }
        // same orthant: the closure of each piece is convex within an orthant
        for (int j = 0; j < x.length; j++) if (x[j] * y[j] < 0) return false;
        return true;
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        UniformRandomProvider build = Seeds.rng(Seeds.DEFAULT_MASTER_SEED, "fixture-catalog", 0);
        SegmentCheck convex = (x, y) -> true;

        Fig1Saddle fig1 = Fig1Saddle.finiteSum();
        cases.add(new Case("fig1-finite-sum-2d", fig1, r -> uniform(r, 2, -1, 1), convex));
        Fig1Saddle fig1g = Fig1Saddle.gaussian(new double[] {1, -0.1, 0.5, -0.3}, new double[] {1, 0.1, 0.3, 0.2});
        cases.add(new Case("fig1-gaussian-4d", fig1g, r -> uniform(r, 4, -1, 1), convex));

        QuadraticSaddle quad = new QuadraticSaddle(new double[] {-1, -0.2, 0.5, 1, 3},
                RandomMatrices.haarOrthogonal(5, build), new double[] {0.3, -1, 2, 0, 0.5});
        cases.add(new Case("quadratic-haar-5d", quad, r -> gaussian(r, 5, 2), convex));
        cases.add(new Case("quadratic-diag-3d", QuadraticSaddle.diagonal(-1, 0.5, 2), r -> gaussian(r, 3, 2), convex));

        QuarticSaddle quartic = new QuarticSaddle(0.1, new double[] {1, 2, 0.5}, 2.0);
        cases.add(new Case("quartic-4d", quartic, r -> {
            double[] x = gaussian(r, 4, 1);
            x[0] = -2 + 4 * r.nextDouble();
            return x;
        }, convex));

        cases.add(new Case("cosine-haar-5d", CosineFamily.haar(5, 0.7, build), r -> uniform(r, 5, -2 * Math.PI, 2 * Math.PI), convex));
        cases.add(new Case("cosine-axis-3d", CosineFamily.axisAligned(3, 1.3), r -> uniform(r, 3, -2 * Math.PI, 2 * Math.PI), convex));

        cases.add(new Case("reddi", new ReddiCounterexample(20, 0.1), r -> uniform(r, 1, -1, 1), convex));

        for (Octopus oct : new Octopus[] {Octopus.standard(4), Octopus.standard(1), new Octopus(3, 2.0, 0.5, 1.5)}) {
            cases.add(new Case("octopus(d=" + oct.dim() + ", L=" + oct.bigL() + ")", oct, r -> octopusPoint(oct, r),
                    (x, y) -> octopusSegment(oct, x, y)));
        }

        MatrixFactorization mf = new MatrixFactorization(5, new double[] {2, 0.5}, build);
        double capGamma = 36 * mf.sigmaMax();
        cases.add(new Case("matrix-factorization(5x2)", mf, r -> {
            double[] u = gaussian(r, 10, 1);
            double s = mf.spectralNormSquared(u);
            Vec.scale(Math.sqrt(capGamma * r.nextDouble() / s), u);
            return u;
        }, convex));
        MatrixFactorization mf1 = new MatrixFactorization(4, new double[] {1.5}, build);
        cases.add(new Case("matrix-factorization(4x1)", mf1, r -> {
            double[] u = gaussian(r, 4, 1);
            double s = mf1.spectralNormSquared(u);
            Vec.scale(Math.sqrt(36 * 1.5 * r.nextDouble() / s), u);
            return u;
        }, convex));

        cases.add(new Case("logsum-4d", new LogSum(4), r -> gaussian(r, 4, 2), convex));

        Dataset data = Dataset.gaussianBlobs(40, 3, 3, 2.0, build);
        SoftmaxRegression soft = new SoftmaxRegression(data, 0.05, 4);
        cases.add(new Case("softmax(n=40,p=3,K=3)", soft, r -> gaussian(r, soft.dim(), 1), convex));
        return cases;
    }

    /** Central finite-difference gradient of f at x. */
    static double[] fdGradient(Objective f, double[] x) {
        int d = x.length;
        double[] g = new double[d];
        double[] y = x.clone();
        for (int i = 0; i < d; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            y[i] = x[i] + h;
            double fp = f.value(y);
            y[i] = x[i] - h;
            double fm = f.value(y);
            y[i] = x[i];
            g[i] = (fp - fm) / (2 * h);
        }
        return g;
    }

    /** Central finite-difference Hessian of f at x from the analytic gradient (symmetrised). */
    static double[] fdHessian(Objective f, double[] x) {
        int d = x.length;
        double[] hess = new double[d * d];
        double[] y = x.clone(), gp = new double[d], gm = new double[d];
        for (int j = 0; j < d; j++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[j]));
            y[j] = x[j] + h;
            f.gradient(y, gp);
            y[j] = x[j] - h;
            f.gradient(y, gm);
            y[j] = x[j];
            for (int i = 0; i < d; i++) hess[i * d + j] = (gp[i] - gm[i]) / (2 * h);
        }
        Mat.symmetrize(hess, d);
        return hess;
    }
}
