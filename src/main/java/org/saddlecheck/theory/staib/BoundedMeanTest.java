package org.saddlecheck.theory.staib;

import java.util.Locale;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.saddlecheck.stats.MeanBound;

/**
 * Two-sided test of "E[X] = target" for a bounded variable X ∈ [a, b], exact (distribution-free): the half-width is the
 * smaller of the Hoeffding and empirical-Bernstein (Maurer–Pontil) half-widths of {@link MeanBound}, each at level
 * alpha/4 per side, so that the false-rejection probability is at most alpha. Used by the Monte Carlo parts of
 * STAIB-EQ1-2, STAIB-EQ3, STAIB-S5.3 and X3, whose samples are bounded (Rademacher noise, CLAIMS.md §8.11).
 */
record BoundedMeanTest(int n, double mean, double halfWidth, double target, double alpha) {

    static BoundedMeanTest of(double[] x, double a, double b, double target, double alpha) {
        double lo = a, hi = b;
        if (!(hi > lo)) { // degenerate range (a constant variable): widen by rounding so the stats helpers accept it
            double w = Math.max(1e-300, 1e-12 * Math.max(Math.abs(lo), Math.abs(hi)));
            lo -= w;
            hi += w;
        }
        MeanBound.Estimate h = MeanBound.hoeffding(x, lo, hi, alpha / 4);
        MeanBound.Estimate e = MeanBound.empiricalBernstein(x, lo, hi, alpha / 4);
        double hw = Math.min(h.halfWidth(), e.halfWidth());
        return new BoundedMeanTest(x.length, h.mean(), hw, target, alpha);
    }

    boolean rejected() {
        return Math.abs(mean - target) > halfWidth;
    }

    /** |mean − target| / half-width (≤ 1: consistent). */
    double score() {
        return halfWidth > 0 ? Math.abs(mean - target) / halfWidth : (mean == target ? 0 : Double.POSITIVE_INFINITY);
    }

    String describe() {
        return String.format(Locale.ROOT, "mean %.6g vs %.6g (half-width %.3g, n = %d, alpha = %.2g)", mean, target, halfWidth, n, alpha);
    }

    /**
     * Samples needed so that a deviation of {@code effect} from the target is rejected with probability ≥ power, for a
     * variable with standard deviation at most {@code sd} and range {@code range} (empirical-Bernstein half-width at
     * alpha/4, normal approximation of the sample mean under the alternative); doubling from 1024, at most {@link #MAX_TRIALS}.
     */
    static int trialsFor(double effect, double sd, double range, double alpha, double power) {
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(1 - power);
        double l = Math.log(2 / (alpha / 4));
        int n = 1024;
        while (n < MAX_TRIALS) {
            double hw = Math.sqrt(2 * sd * sd * l / n) + 7 * range * l / (3.0 * (n - 1));
            if (effect - hw - z * sd / Math.sqrt(n) >= 0) return n;
            n *= 2;
        }
        return MAX_TRIALS;
    }

    /**
     * Cap on designed sample sizes (samples are stored: 2^20 per coordinate). A design that hits it has less power than
     * asked; callers report it (planted broken inputs can make the a-priori range huge).
     */
    static final int MAX_TRIALS = 1 << 20;
}
