package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.problem.StochasticOracle;

/**
 * Claim-level wrapper that records every oracle call (the point and the returned gradient), so the algorithm claims can
 * check where an optimizer draws its samples (burn-in at x_0, hallucinated points along a large step) and replay the
 * same gradients by hand. Allocates per call: verification code only, never used inside an optimizer's own loop.
 */
final class RecordingOracle implements StochasticOracle {
    private final StochasticOracle inner;
    final List<double[]> points = new ArrayList<>();
    final List<double[]> samples = new ArrayList<>();

    RecordingOracle(StochasticOracle inner) {
        this.inner = inner;
    }

    @Override
    public int dim() {
        return inner.dim();
    }

    @Override
    public void sample(double[] x, UniformRandomProvider rng, double[] out) {
        inner.sample(x, rng, out);
        points.add(x.clone());
        samples.add(out.clone());
    }

    int calls() {
        return samples.size();
    }
}
