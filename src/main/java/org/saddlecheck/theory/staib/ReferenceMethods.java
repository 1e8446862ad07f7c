package org.saddlecheck.theory.staib;

import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.problem.SecondMoments;
import org.saddlecheck.problem.StochasticOracle;

/**
 * Straight-line reference implementations of Staib et al.'s algorithms, written from the pseudo-code in CLAIMS.md §1 and
 * independently of {@link org.saddlecheck.optim.PreconditionedSgd}, for the implementation-identity claims. They draw
 * their randomness in the same order as the optimizer core (burn-in, then per step: [A before g] draw g, [A after g],
 * step, hallucinated samples), so a run with the same seed must give the same iterates up to rounding.
 */
final class ReferenceMethods {
    private ReferenceMethods() {}

    /** Parameters of the EMA-based methods. */
    record Ema(double eta, double beta, double eps, EpsPlacement placement, boolean diagonal, boolean biasCorrected, boolean aBeforeG,
               int burnIn, double r, long tThresh, int hallucinations) {
        static Ema alg2(double eta, double beta, double eps) {
            return new Ema(eta, beta, eps, EpsPlacement.INSIDE, false, false, false, 0, 0, 0, 0);
        }
    }

    /** A = f(Ĝ) for the EMA estimate (bias-corrected if asked), full or diagonal. */
    static double[] precondition(double[] raw, double weight, Ema p, int d) {
        double[] est = raw.clone();
        if (p.biasCorrected() && weight > 0) for (int k = 0; k < est.length; k++) est[k] /= weight;
        if (p.diagonal()) {
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                double v = Math.max(est[i * d + i], 0.0);
                a[i * d + i] = p.placement() == EpsPlacement.INSIDE ? 1 / Math.sqrt(v + p.eps()) : 1 / (Math.sqrt(v) + p.eps());
            }
            return a;
        }
        return ExactLinalg.invRoot(est, d, p.eps(), p.placement());
    }

    /** Applies A to g as the optimizer does (diagonal: divide by the denominator, one rounding). */
    static double[] apply(double[] a, double[] g, boolean diagonal) {
        int d = g.length;
        double[] out = new double[d];
        if (diagonal) {
            for (int i = 0; i < d; i++) out[i] = g[i] / (1 / a[i * d + i]);
        } else {
            Mat.mulVec(a, g, out);
        }
        return out;
    }

    /**
     * EMA RMSProp family (Alg. 2 as printed, Alg. 2 estimate-first, Alg. 3 with burn-in, Alg. 4-RMS with hallucinated steps,
     * diagonal RMSProp, full-matrix Adam with β1 = 0): T steps from x (in place).
     */
    static void ema(StochasticOracle oracle, Ema p, double[] x, UniformRandomProvider rng, int steps) {
        int d = x.length;
        double[] raw = new double[d * d];
        double prod = 1.0;
        double[] g = new double[d];
        for (int s = 0; s < p.burnIn(); s++) {
            oracle.sample(x, rng, g);
            prod = observe(raw, prod, g, p.beta());
        }
        for (int k = 0; k < steps; k++) {
            double[] a;
            if (p.aBeforeG()) {
                a = precondition(raw, 1 - prod, p, d);
                oracle.sample(x, rng, g);
            } else {
                oracle.sample(x, rng, g);
                prod = observe(raw, prod, g, p.beta());
                a = precondition(raw, 1 - prod, p, d);
            }
            boolean large = p.tThresh() > 0 && k % p.tThresh() == 0;
            double h = large ? p.r() : p.eta();
            double[] dir = apply(a, g, p.diagonal());
            if (p.aBeforeG()) prod = observe(raw, prod, g, p.beta());
            double[] prev = x.clone();
            for (int i = 0; i < d; i++) x[i] -= h * dir[i];
            if (large && p.hallucinations() > 0) {
                double[] pt = new double[d];
                for (int j = 1; j <= p.hallucinations(); j++) {
                    double f = (double) j / p.hallucinations();
                    for (int i = 0; i < d; i++) pt[i] = prev[i] + f * (x[i] - prev[i]);
                    oracle.sample(pt, rng, g);
                    prod = observe(raw, prod, g, p.beta());
                }
            }
        }
    }

    /** Ĝ ← βĜ + (1 − β) g gᵀ; returns the updated Π β. */
    private static double observe(double[] raw, double prod, double[] g, double beta) {
        for (int k = 0; k < raw.length; k++) raw[k] *= beta;
        Mat.addOuter(raw, 1 - beta, g);
        Mat.symmetrize(raw, g.length);
        return prod * beta;
    }

    /** Alg. 1 / Alg. 4 with the exact A(x) = (G(x) + εI)^{−1/2} (or its diagonal version), large step r when k mod tThresh = 0. */
    static <P extends StochasticOracle & SecondMoments> void exact(P problem, double eta, double eps, boolean diagonal, double r,
                                                                   long tThresh, double[] x, UniformRandomProvider rng, int steps) {
        int d = x.length;
        double[] gm = new double[d * d], g = new double[d];
        for (int k = 0; k < steps; k++) {
            problem.secondMoment(x, gm);
            double[] a = diagonal ? PreconditionerMap.DIAGONAL_INSIDE.matrix(gm, d, eps) : ExactLinalg.invRoot(gm, d, eps, EpsPlacement.INSIDE);
            problem.sample(x, rng, g);
            double[] dir = apply(a, g, diagonal);
            double h = tThresh > 0 && k % tThresh == 0 ? r : eta;
            for (int i = 0; i < d; i++) x[i] -= h * dir[i];
        }
    }

    /** §5.3 covariance SGD: draw g1, g2, feed Y/2 to the EMA, A = (Σ̂ + εI)^{−1/2}, draw g, step. */
    static void covariance(StochasticOracle oracle, double eta, double beta, double eps, boolean biasCorrected, double[] x,
                           UniformRandomProvider rng, int steps) {
        int d = x.length;
        double[] raw = new double[d * d], g1 = new double[d], g2 = new double[d], g = new double[d], h = new double[d];
        double prod = 1;
        Ema p = new Ema(eta, beta, eps, EpsPlacement.INSIDE, false, biasCorrected, true, 0, 0, 0, 0);
        for (int k = 0; k < steps; k++) {
            oracle.sample(x, rng, g1);
            oracle.sample(x, rng, g2);
            for (int i = 0; i < d; i++) h[i] = (g1[i] - g2[i]) / Math.sqrt(2);
            prod = observe(raw, prod, h, beta);
            double[] a = precondition(raw, 1 - prod, p, d);
            oracle.sample(x, rng, g);
            double[] dir = apply(a, g, false);
            for (int i = 0; i < d; i++) x[i] -= eta * dir[i];
        }
    }
}
