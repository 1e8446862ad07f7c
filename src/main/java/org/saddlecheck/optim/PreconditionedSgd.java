package org.saddlecheck.optim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.estimate.BurnIn;
import org.saddlecheck.estimate.Estimator;
import org.saddlecheck.estimate.EstimatorState;
import org.saddlecheck.precondition.GradientAware;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.precondition.Preconditioner;
import org.saddlecheck.problem.Domain;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.StochasticOracle;
import org.saddlecheck.util.DivergenceException;
import org.saddlecheck.util.Require;

/**
 * The composable core of every stochastic method here: preconditioned SGD x_{t+1} = Π(x_t − h_t A_t d_t),
 * with the estimate (an {@link Estimator}) kept apart from the preconditioner built from it (a
 * {@link Preconditioner}), as in Staib et al.'s analysis and Distributed Shampoo / Optax (ANCHORS.md §3).
 * d_t is g_t, or the momentum m_t = β1 m_{t−1} + (1 − β1) g_t (Adam; optionally bias-corrected by
 * 1/(1 − β1^t)). h_t = η_t (StepSchedule, t = 1, 2, ...) or, on Alg. 4's large steps, r. Π is the
 * problem's {@link Domain} projection.
 *
 * <p>One {@link #step} (k = {@link #iteration()} counts from 0, t = k + 1):
 * <ol>
 *   <li>At the first step only: burn-in, W estimator updates drawn at x_0 (Alg. 3; {@link BurnIn}).</li>
 *   <li>{@link Feed#INDEPENDENT}: draw {@link Estimator#samplesPerUpdate()} fresh gradients at x_t and
 *       feed them to the estimator (the two-sample covariance method of §5.3).</li>
 *   <li>{@link Timing#BEFORE_SAMPLE}: A_t ← preconditioner(estimate at x_t), before g_t is drawn (Alg. 1, 4;
 *       the analysis' requirement, CLAIMS.md §8.12). A {@link GradientAware} preconditioner first gets ∇f(x_t).</li>
 *   <li>Draw g_t at x_t (one oracle call); non-finite ⇒ {@link DivergenceException}.</li>
 *   <li>{@link Timing#AFTER_SAMPLE} (Alg. 2/3 literal, RMSProp/Adam/Adagrad as implemented): feed g_t to the
 *       estimator ({@link Feed#STEP_GRADIENT}), then A_t ← preconditioner(estimate), so A_t depends on g_t
 *       (CLAIMS.md I8).</li>
 *   <li>Momentum (if any), then x ← Π(x − h_t A_t d_t). With BEFORE_SAMPLE and STEP_GRADIENT, g_t is fed to the
 *       estimator now (it enters A_{t+1}, not A_t). Non-finite x ⇒ {@link DivergenceException}.</li>
 *   <li>On a large step (Alg. 4: k mod t_thresh == 0) with S &gt; 0: S hallucinated estimator updates at
 *       x_t + (j/S)(x_{t+1} − x_t), j = 1..S (STAIB-ALG4-RMS [RECON]).</li>
 * </ol>
 * All randomness comes from the rng passed to {@link #step}, in the order above. step allocates nothing.
 * State ({@link #state()}/{@link #restore}) holds the estimator state, momentum, counters; the iterate is the
 * caller's. Not thread-safe: one instance per trial.
 */
public final class PreconditionedSgd implements Optimizer {
    /** When A_t is built relative to drawing g_t. */
    public enum Timing {
        /** A_t from the estimate before g_t is drawn (Staib Alg. 1/4; "estimate-before-sample"). */
        BEFORE_SAMPLE,
        /** A_t from the estimate after g_t was fed to it (Staib Alg. 2/3 as printed; torch/optax). */
        AFTER_SAMPLE
    }

    /** What the estimator is fed with. */
    public enum Feed {
        /** Nothing (identity preconditioner, exact oracle). */
        NONE,
        /** The step's own gradient g_t. */
        STEP_GRADIENT,
        /** samplesPerUpdate fresh gradients drawn at x_t, independent of g_t (the covariance method). */
        INDEPENDENT
    }

    private final String name;
    private final StochasticOracle oracle;
    private final int d;
    private final StepSchedule eta;
    private final Estimator estimator; // null for none
    private final Preconditioner preconditioner;
    private final Timing timing;
    private final Feed feed;
    private final Domain domain;
    private final Objective objective; // for GradientAware preconditioners; may be null
    private final GradientAware gradientAware; // non-null iff a gradient is needed
    private final boolean momentum;
    private final double beta1;
    private final boolean momentumBiasCorrection;
    private final double largeStep;
    private final long period;
    private final int hallucinations;
    private final int burnIn;

    private final double[] g;
    private final double[] m;
    private final double[] dir;
    private final double[] est;
    private final double[] trueGrad;
    private final double[] xPrev;
    private final double[] point;
    private final double[] sample;

    private long iteration;
    private long oracleCalls;
    private boolean burnedIn;
    private boolean stepped; // a step has run on this instance since construction/restore

    private PreconditionedSgd(Builder b) {
        this.name = b.name;
        this.oracle = b.oracle;
        this.d = oracle.dim();
        this.eta = b.eta;
        this.estimator = b.estimator;
        this.preconditioner = b.preconditioner != null ? b.preconditioner : new IdentityPreconditioner(d);
        this.timing = b.timing;
        this.domain = b.domain != null ? b.domain : (oracle instanceof Objective o ? o.domain() : Domain.UNCONSTRAINED);
        this.objective = b.objective != null ? b.objective : (oracle instanceof Objective o ? o : null);
        this.momentum = b.momentum;
        this.beta1 = b.beta1;
        this.momentumBiasCorrection = b.momentumBiasCorrection;
        this.largeStep = b.largeStep;
        this.period = b.period;
        this.hallucinations = b.hallucinations;
        this.burnIn = b.burnIn;

        Require.sameDimension("preconditioner", preconditioner.dim(), d);
        if (estimator != null) Require.sameDimension("estimator", estimator.dim(), d);
        if (objective != null) Require.sameDimension("objective", objective.dim(), d);
        if (preconditioner.needsEstimate()) {
            if (estimator == null) {
                throw new IllegalArgumentException("estimator is null: preconditioner " + preconditioner.describe()
                        + " needs an estimator");
            }
            if (estimator.shape() != preconditioner.input()) {
                throw new IllegalArgumentException("estimator shape = " + estimator.shape() + " is not allowed: preconditioner "
                        + preconditioner.describe() + " needs estimator shape " + preconditioner.input());
            }
        }
        Feed f = b.feed;
        if (f == null) f = estimator == null || !estimator.usesSamples() ? Feed.NONE : Feed.STEP_GRADIENT;
        if (f != Feed.NONE && estimator == null) {
            throw new IllegalArgumentException("feed = " + f + " is not allowed without an estimator: feed must be NONE");
        }
        if (f == Feed.STEP_GRADIENT && estimator.samplesPerUpdate() != 1) {
            throw new IllegalArgumentException("feed = STEP_GRADIENT is not allowed for " + estimator.describe()
                    + ", which needs " + estimator.samplesPerUpdate() + " gradients at the same x per update: use INDEPENDENT");
        }
        this.feed = f;
        if (burnIn > 0 && estimator == null) {
            throw new IllegalArgumentException("burnIn = " + burnIn + " is not allowed without an estimator: burnIn must be 0");
        }
        if (hallucinations > 0 && period == 0) {
            throw new IllegalArgumentException("hallucinations = " + hallucinations
                    + " is not allowed without large steps: set largeSteps(r, tThresh) or hallucinations = 0");
        }
        if (hallucinations > 0 && estimator == null) {
            throw new IllegalArgumentException("hallucinations = " + hallucinations + " is not allowed without an estimator");
        }
        if (preconditioner instanceof GradientAware ga && ga.needsGradient()) {
            if (objective == null) {
                throw new IllegalArgumentException("objective is null: preconditioner " + preconditioner.describe()
                        + " needs the true gradient at x_t; pass the problem as an Objective");
            }
            if (timing != Timing.BEFORE_SAMPLE) {
                throw new IllegalArgumentException("timing = " + timing + " is not allowed with " + preconditioner.describe()
                        + ": an inexact preconditioner is chosen before g_t (BEFORE_SAMPLE)");
            }
            this.gradientAware = ga;
        } else {
            this.gradientAware = null;
        }

        this.g = new double[d];
        this.m = new double[d];
        this.dir = new double[d];
        this.est = new double[estimator != null ? estimator.shape().length(d) : 0];
        this.trueGrad = new double[d];
        this.xPrev = new double[d];
        this.point = new double[d];
        this.sample = new double[d];
        this.burnedIn = burnIn == 0;
    }

    /** A builder for the core; {@link Algorithms} has the named configurations. */
    public static Builder builder(StochasticOracle oracle, StepSchedule eta) {
        return new Builder(oracle, eta);
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public long oracleCalls() {
        return oracleCalls;
    }

    @Override
    public long betaClamps() {
        return estimator == null ? 0 : estimator.betaClamps();
    }

    public Estimator estimator() {
        return estimator;
    }

    public Preconditioner preconditioner() {
        return preconditioner;
    }

    public Timing timing() {
        return timing;
    }

    public Feed feed() {
        return feed;
    }

    /** Whether step k (0-based, as printed in Alg. 4) is a large step. */
    public boolean isLargeStep(long k) {
        return period > 0 && k % period == 0;
    }

    @Override
    public void step(double[] x, UniformRandomProvider rng) {
        Require.length("x", x, d);
        Require.notNull("rng", rng);
        final long k = iteration;
        final long t = k + 1;
        // the start point is the caller's input (bad input); later iterates are ours (divergence)
        if (k == 0) Require.finite("x0", x);
        DivergenceException.check("iterate", x, k);
        if (!burnedIn) {
            oracleCalls += BurnIn.run(estimator, oracle, x, burnIn, rng, sample);
            burnedIn = true;
        }
        if (feed == Feed.INDEPENDENT && estimator.usesSamples()) {
            int n = estimator.samplesPerUpdate();
            for (int j = 0; j < n; j++) {
                oracle.sample(x, rng, sample);
                oracleCalls++;
                DivergenceException.check("estimator gradient", sample, k);
                estimator.observe(x, sample);
            }
        }
        if (timing == Timing.BEFORE_SAMPLE) refresh(x, k);

        oracle.sample(x, rng, g);
        oracleCalls++;
        DivergenceException.check("gradient", g, k);

        boolean feedStep = feed == Feed.STEP_GRADIENT && estimator.usesSamples();
        if (timing == Timing.AFTER_SAMPLE) {
            if (feedStep) estimator.observe(x, g);
            refresh(x, k);
        }

        double[] in = g;
        if (momentum) {
            double c = 1.0 - beta1;
            for (int i = 0; i < d; i++) m[i] = beta1 * m[i] + c * g[i];
            in = m;
        }
        preconditioner.apply(in, dir);

        boolean large = period > 0 && k % period == 0;
        double h;
        if (large) {
            h = largeStep;
        } else {
            h = eta.eta(t);
            if (!(h > 0 && h < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("eta_t = " + h + " at t = " + t + " is not allowed: the schedule "
                        + eta.describe() + " must give a finite eta_t > 0");
            }
        }
        if (momentum && momentumBiasCorrection) h = h / (1.0 - Math.pow(beta1, t));

        if (timing == Timing.BEFORE_SAMPLE && feedStep) estimator.observe(x, g);

        boolean hallucinate = large && hallucinations > 0 && estimator.usesSamples();
        if (hallucinate) System.arraycopy(x, 0, xPrev, 0, d);
        for (int i = 0; i < d; i++) x[i] -= h * dir[i];
        domain.project(x);
        DivergenceException.check("iterate", x, k + 1);

        if (hallucinate) {
            int n = estimator.samplesPerUpdate();
            for (int j = 1; j <= hallucinations; j++) {
                double frac = (double) j / hallucinations;
                for (int i = 0; i < d; i++) point[i] = xPrev[i] + frac * (x[i] - xPrev[i]);
                for (int u = 0; u < n; u++) {
                    oracle.sample(point, rng, sample);
                    oracleCalls++;
                    DivergenceException.check("hallucinated gradient", sample, k);
                    estimator.observe(point, sample);
                }
            }
        }
        iteration = t;
        stepped = true;
    }

    private void refresh(double[] x, long k) {
        if (!preconditioner.needsUpdate()) return;
        if (gradientAware != null) {
            objective.gradient(x, trueGrad);
            DivergenceException.check("true gradient", trueGrad, k);
            gradientAware.setGradient(trueGrad);
        }
        if (!preconditioner.needsEstimate()) {
            preconditioner.update(null); // a perturbed fixed A: nothing to estimate
            return;
        }
        estimator.estimate(x, est);
        DivergenceException.check("second-moment estimate", est, k); // e.g. g⊙g overflowed: a divergence, not bad input
        preconditioner.update(est);
    }

    /**
     * Builds A at x from the current estimate, as a BEFORE_SAMPLE step would (without drawing), and writes the
     * dense A into out. Side effects: the preconditioner is rebuilt (a benign perturbation draws a fresh E from
     * its own stream).
     */
    public void currentPreconditioner(double[] x, double[] out) {
        Require.length("x", x, d);
        Require.length("out", out, d * d);
        refresh(x, iteration);
        preconditioner.matrix(out);
    }

    /** The dense A_t used by the most recent step (for the ξ_t = A_t(g_t − ∇f(x_t)) checks of STAIB-EQ1-2). */
    public void appliedPreconditioner(double[] out) {
        Require.length("out", out, d * d);
        if (!stepped) throw new IllegalStateException("no step has been taken on this instance since construction or restore");
        preconditioner.matrix(out);
    }

    /** The stochastic gradient g_t drawn by the most recent step. */
    public void lastGradient(double[] out) {
        Require.length("out", out, d);
        if (!stepped) throw new IllegalStateException("no step has been taken on this instance since construction or restore");
        System.arraycopy(g, 0, out, 0, d);
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder(name).append("(eta=").append(eta.describe());
        if (momentum) s.append(", beta1=").append(beta1).append(momentumBiasCorrection ? " bias-corrected" : "");
        if (estimator != null) s.append(", estimator=").append(estimator.describe());
        s.append(", preconditioner=").append(preconditioner.describe());
        if (estimator != null) {
            s.append(", timing=").append(timing.name().toLowerCase(Locale.ROOT))
                    .append(", feed=").append(feed.name().toLowerCase(Locale.ROOT));
        }
        if (period > 0) s.append(", r=").append(largeStep).append(", tThresh=").append(period);
        if (hallucinations > 0) s.append(", S=").append(hallucinations);
        if (burnIn > 0) s.append(", burnIn=").append(burnIn);
        if (!domain.unconstrained()) s.append(", projected");
        return s.append(')').toString();
    }

    @Override
    public OptimizerState state() {
        Map<String, double[]> arrays = new LinkedHashMap<>();
        Map<String, Double> scalars = new LinkedHashMap<>();
        if (estimator != null) {
            EstimatorState es = estimator.state();
            arrays.put("estimator.accumulator", es.accumulator());
            arrays.put("estimator.auxiliary", es.auxiliary());
            scalars.put("estimator.count", (double) es.count());
        }
        if (momentum) arrays.put("momentum", m.clone());
        double[] ps = preconditioner.saveState();
        if (ps.length > 0) arrays.put("preconditioner", ps);
        scalars.put("oracleCalls", (double) oracleCalls);
        scalars.put("burnedIn", burnedIn ? 1.0 : 0.0);
        return new OptimizerState(describe(), iteration, arrays, scalars);
    }

    @Override
    public void restore(OptimizerState s) {
        Require.notNull("state", s);
        if (!describe().equals(s.algorithm())) {
            throw new IllegalArgumentException("state.algorithm = " + s.algorithm() + " is not allowed: state.algorithm must be "
                    + describe());
        }
        if (s.iteration() < 0) throw new IllegalArgumentException("state.iteration = " + s.iteration() + " is not allowed: it must be >= 0");
        Double calls = require(s.scalars(), "oracleCalls");
        Double burned = require(s.scalars(), "burnedIn");
        double[] mom = null;
        if (momentum) {
            mom = s.arrays().get("momentum");
            Require.length("state.arrays[momentum]", mom, d);
            Require.finite("state.arrays[momentum]", mom);
        }
        double[] ps = s.arrays().getOrDefault("preconditioner", new double[0]);
        Require.length("state.arrays[preconditioner]", ps, preconditioner.saveState().length);
        Require.finite("state.arrays[preconditioner]", ps);
        if (estimator != null) {
            Double count = require(s.scalars(), "estimator.count");
            String kind = estimator.state().kind();
            estimator.restore(new EstimatorState(kind, count.longValue(), s.arrays().get("estimator.accumulator"),
                    s.arrays().get("estimator.auxiliary")));
        }
        if (mom != null) System.arraycopy(mom, 0, m, 0, d);
        preconditioner.restoreState(ps);
        oracleCalls = calls.longValue();
        burnedIn = burned != 0.0;
        iteration = s.iteration();
        stepped = false;
    }

    private static Double require(Map<String, Double> scalars, String key) {
        Require.notNull("state.scalars", scalars);
        Double v = scalars.get(key);
        if (v == null || !Double.isFinite(v)) {
            throw new IllegalArgumentException("state.scalars[" + key + "] = " + v + " is not allowed: it must be a finite number");
        }
        return v;
    }

    /** Configuration of a {@link PreconditionedSgd}; every setter validates its argument. */
    public static final class Builder {
        private final StochasticOracle oracle;
        private final StepSchedule eta;
        private String name = "preconditioned-sgd";
        private Estimator estimator;
        private Preconditioner preconditioner;
        private Timing timing = Timing.BEFORE_SAMPLE;
        private Feed feed;
        private Domain domain;
        private Objective objective;
        private boolean momentum;
        private double beta1;
        private boolean momentumBiasCorrection;
        private double largeStep;
        private long period;
        private int hallucinations;
        private int burnIn;

        private Builder(StochasticOracle oracle, StepSchedule eta) {
            this.oracle = Require.notNull("oracle", oracle);
            Require.positive("oracle.dim()", oracle.dim());
            this.eta = Require.notNull("eta", eta);
        }

        public Builder name(String name) {
            this.name = Require.notNull("name", name);
            return this;
        }

        public Builder estimator(Estimator estimator) {
            this.estimator = Require.notNull("estimator", estimator);
            return this;
        }

        public Builder preconditioner(Preconditioner preconditioner) {
            this.preconditioner = Require.notNull("preconditioner", preconditioner);
            return this;
        }

        public Builder timing(Timing timing) {
            this.timing = Require.notNull("timing", timing);
            return this;
        }

        /** Default: STEP_GRADIENT when the estimator uses samples, else NONE. */
        public Builder feed(Feed feed) {
            this.feed = Require.notNull("feed", feed);
            return this;
        }

        /** Default: the oracle's domain when it is an {@link Objective}, else unconstrained. */
        public Builder domain(Domain domain) {
            this.domain = Require.notNull("domain", domain);
            return this;
        }

        /** The objective whose gradient a {@link GradientAware} preconditioner needs (default: the oracle, if it is one). */
        public Builder objective(Objective objective) {
            this.objective = Require.notNull("objective", objective);
            return this;
        }

        /** First-moment EMA m_t = β1 m_{t−1} + (1 − β1) g_t (Adam), optionally with h_t divided by 1 − β1^t. */
        public Builder momentum(double beta1, boolean biasCorrected) {
            this.beta1 = Require.beta("beta1", beta1);
            this.momentum = true;
            this.momentumBiasCorrection = biasCorrected;
            return this;
        }

        /** Alg. 4: stepsize r instead of η_t when k mod tThresh == 0 (k = 0, 1, ...; the first step is large). */
        public Builder largeSteps(double r, long tThresh) {
            this.largeStep = Require.positive("r", r);
            this.period = Require.positive("tThresh", tThresh);
            return this;
        }

        /** STAIB-ALG4-RMS: S hallucinated estimator updates along each large step. */
        public Builder hallucinations(int s) {
            this.hallucinations = Require.nonNegative("S", s);
            return this;
        }

        /** Alg. 3: W estimator updates at x_0 before the first step. */
        public Builder burnIn(int w) {
            this.burnIn = Require.nonNegative("burnIn", w);
            return this;
        }

        public PreconditionedSgd build() {
            return new PreconditionedSgd(this);
        }
    }
}
