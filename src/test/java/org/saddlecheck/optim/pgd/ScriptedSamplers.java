package org.saddlecheck.optim.pgd;

import java.util.ArrayList;
import java.util.List;
import org.saddlecheck.rng.Gaussian;

/** Test samplers: scripted (deterministic) perturbations and a recorder around a real sampler. */
final class ScriptedSamplers {
    private ScriptedSamplers() {}

    /** Returns the given vectors in turn (cycling); ignores r. */
    static PerturbationSampler scripted(double[]... vectors) {
        return new PerturbationSampler() {
            int k;

            @Override
            public void sample(Gaussian gaussian, double r, double[] out) {
                double[] v = vectors[k++ % vectors.length];
                System.arraycopy(v, 0, out, 0, out.length);
            }

            @Override
            public String name() {
                return "scripted";
            }
        };
    }

    /** ξ = 0 always. */
    static PerturbationSampler zero() {
        return new PerturbationSampler() {
            @Override
            public void sample(Gaussian gaussian, double r, double[] out) {
                java.util.Arrays.fill(out, 0);
            }

            @Override
            public String name() {
                return "zero";
            }
        };
    }

    /** Wraps a sampler and keeps a copy of every draw. */
    static final class Recording implements PerturbationSampler {
        final PerturbationSampler inner;
        final List<double[]> draws = new ArrayList<>();

        Recording(PerturbationSampler inner) {
            this.inner = inner;
        }

        @Override
        public void sample(Gaussian gaussian, double r, double[] out) {
            inner.sample(gaussian, r, out);
            draws.add(out.clone());
        }

        @Override
        public String name() {
            return "recording(" + inner.name() + ")";
        }
    }

    /** Observer keeping copies of every x_t, f and ‖∇f‖ (tests only; allocates). */
    static final class Recorder implements StepObserver {
        final List<double[]> xs = new ArrayList<>();
        final List<Double> fs = new ArrayList<>();
        final List<Double> gs = new ArrayList<>();
        final List<Long> ts = new ArrayList<>();

        @Override
        public void observe(long t, double[] x, double f, double gradNorm) {
            ts.add(t);
            xs.add(x.clone());
            fs.add(f);
            gs.add(gradNorm);
        }
    }
}
