package org.saddlecheck.precondition;

import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.saddlecheck.estimate.Shape;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.util.Require;

/**
 * An explicitly inexact preconditioner Â = A + E with ‖E‖ = Δ (operator norm), for Staib et al. Alg. 4 and
 * Thm. 4.3 ("Â_t ← any matrix with ‖Â_t − A_t‖ ≤ Δ"; CLAIMS.md STAIB-ALG4, STAIB-T4.3). A comes from a base
 * preconditioner (typically {@link FullInverseRoot} over the exact oracle). Two kinds of E, both symmetric,
 * so Â is symmetric:
 * <ul>
 *   <li>{@link Mode#BENIGN}: E = Δ·S/‖S‖ with S a fresh random symmetric Gaussian matrix (GOE) at every
 *       {@link #update}, drawn from the generator given to the constructor (a stream of its own, so the
 *       optimizer's gradient stream is unchanged).</li>
 *   <li>{@link Mode#ADVERSARIAL}: E = −Δ u uᵀ with u = ∇f(x_t)/‖∇f(x_t)‖, which shrinks the descent term
 *       ∇ᵀÂ∇ by Δ‖∇‖². The gradient must be supplied through {@link #setGradient} before every update (the
 *       optimizer does this). If ∇f(x_t) = 0, u is the eigenvector of A's smallest eigenvalue (the direction
 *       where Â loses definiteness first).</li>
 * </ul>
 * Positive definiteness: Thm. 4.3 needs Δ &lt; λ−/2, and Â stays PD whenever Δ &lt; λ_min(A). Larger Δ is
 * allowed on purpose (the negative control of STAIB-T4.3); after every update {@link #positiveDefinite()}
 * says whether Â is PD, {@link #minEigenvalue()} gives λ_min(Â), and {@link #pdLosses()} counts updates
 * that produced a non-PD Â. Nothing is clamped: Â is used as constructed.
 */
public final class PerturbedPreconditioner implements Preconditioner, GradientAware {
    /** How E is chosen. */
    public enum Mode { BENIGN, ADVERSARIAL }

    private final Preconditioner base;
    private final double delta;
    private final Mode mode;
    private final Gaussian gaussian;
    private final UniformRandomProvider rng;
    private final int d;
    private final SymmetricEigen eig;
    private final double[] a;
    private final double[] hat;
    private final double[] s;
    private final double[] u;
    private final double[] grad;
    private boolean gradientFresh;
    private boolean ready;
    private boolean pd;
    private double minEigen = Double.NaN;
    private long pdLosses;
    private long updates;

    /**
     * @param rng generator for the benign perturbations (required for BENIGN, must be null for ADVERSARIAL)
     */
    public PerturbedPreconditioner(Preconditioner base, double delta, Mode mode, UniformRandomProvider rng) {
        this.base = Require.notNull("base", base);
        this.delta = Require.nonNegative("delta", delta);
        this.mode = Require.notNull("mode", mode);
        if (mode == Mode.BENIGN) {
            this.gaussian = new Gaussian(Require.notNull("rng", rng));
            this.rng = rng;
        } else {
            Require.that(rng == null, "rng", rng, "null for ADVERSARIAL perturbations (they are deterministic)");
            this.gaussian = null;
            this.rng = null;
        }
        this.d = base.dim();
        this.eig = new SymmetricEigen(d);
        this.a = new double[d * d];
        this.hat = new double[d * d];
        this.s = new double[d * d];
        this.u = new double[d];
        this.grad = new double[d];
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public Shape input() {
        return base.input();
    }

    @Override
    public boolean needsEstimate() {
        return base.needsEstimate();
    }

    /** Always: Â_t is redrawn (benign) or rebuilt from ∇f(x_t) (adversarial) at every step, also around A = I. */
    @Override
    public boolean needsUpdate() {
        return true;
    }

    public Preconditioner base() {
        return base;
    }

    public double delta() {
        return delta;
    }

    public Mode mode() {
        return mode;
    }

    /** True for ADVERSARIAL: an optimizer must supply ∇f(x_t) before every update. */
    @Override
    public boolean needsGradient() {
        return mode == Mode.ADVERSARIAL;
    }

    @Override
    public void setGradient(double[] gradient) {
        Require.length("gradient", gradient, d);
        Require.finite("gradient", gradient);
        System.arraycopy(gradient, 0, grad, 0, d);
        gradientFresh = true;
    }

    @Override
    public void update(double[] estimate) {
        base.update(estimate);
        base.matrix(a);
        if (mode == Mode.BENIGN) {
            double norm;
            do {
                for (int i = 0; i < d; i++) {
                    s[i * d + i] = gaussian.next();
                    for (int j = i + 1; j < d; j++) {
                        double v = gaussian.next() * 0.7071067811865476; // off-diagonal variance 1/2 (GOE)
                        s[i * d + j] = v;
                        s[j * d + i] = v;
                    }
                }
                eig.decompose(s);
                norm = Math.max(Math.abs(eig.min()), Math.abs(eig.max()));
            } while (norm == 0);
            double c = delta / norm;
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = 0.5 * (a[i * d + j] + a[j * d + i]) + c * s[i * d + j];
                    hat[i * d + j] = v;
                    hat[j * d + i] = v;
                }
            }
        } else {
            if (!gradientFresh) {
                throw new IllegalStateException("the adversarial perturbation needs the gradient at x_t: call setGradient() "
                        + "before every update()");
            }
            gradientFresh = false;
            double n2 = 0;
            for (int i = 0; i < d; i++) n2 += grad[i] * grad[i];
            if (n2 > 0) {
                double inv = 1.0 / Math.sqrt(n2);
                for (int i = 0; i < d; i++) u[i] = grad[i] * inv;
            } else {
                eig.decompose(a);
                eig.vector(0, u);
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = 0.5 * (a[i * d + j] + a[j * d + i]) - delta * u[i] * u[j];
                    hat[i * d + j] = v;
                    hat[j * d + i] = v;
                }
            }
        }
        eig.decompose(hat);
        minEigen = eig.min();
        pd = minEigen > 0;
        if (!pd) pdLosses++;
        updates++;
        ready = true;
    }

    @Override
    public void apply(double[] v, double[] out) {
        Checks.applyDense(this, ready, hat, d, v, out);
    }

    /** Â (row-major). */
    @Override
    public void matrix(double[] out) {
        Checks.copyDense(this, ready, hat, d, out);
    }

    /** The unperturbed A of the last update. */
    public void exactMatrix(double[] out) {
        Checks.copyDense(this, ready, a, d, out);
    }

    /** Whether Â of the last update is positive definite. */
    public boolean positiveDefinite() {
        Checks.requireReady(ready, this);
        return pd;
    }

    /** λ_min(Â) of the last update. */
    public double minEigenvalue() {
        Checks.requireReady(ready, this);
        return minEigen;
    }

    /** Number of updates whose Â was not positive definite. */
    public long pdLosses() {
        return pdLosses;
    }

    public long updates() {
        return updates;
    }

    /**
     * [updates, pdLosses, generator state bytes...]. The benign generator's position is saved when it is a
     * Commons RNG {@link RestorableUniformRandomProvider} (every {@code RandomSource} generator is); the
     * ziggurat sampler keeps no state of its own.
     */
    @Override
    public double[] saveState() {
        byte[] bytes = new byte[0];
        if (rng != null) {
            if (!(rng instanceof RestorableUniformRandomProvider r)) {
                throw new UnsupportedOperationException("the perturbation generator " + rng.getClass().getName()
                        + " cannot save its state: use a Commons RNG RandomSource generator");
            }
            bytes = ((RandomProviderDefaultState) r.saveState()).getState();
        }
        double[] out = new double[2 + bytes.length];
        out[0] = updates;
        out[1] = pdLosses;
        for (int i = 0; i < bytes.length; i++) out[2 + i] = bytes[i];
        return out;
    }

    @Override
    public void restoreState(double[] state) {
        Require.notNull("state", state);
        int n = saveState().length;
        Require.length("state", state, n);
        if (rng != null) {
            byte[] bytes = new byte[n - 2];
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) state[2 + i];
            ((RestorableUniformRandomProvider) rng).restoreState(new RandomProviderDefaultState(bytes));
        }
        updates = (long) state[0];
        pdLosses = (long) state[1];
    }

    @Override
    public String describe() {
        return "perturbed-" + mode.name().toLowerCase(java.util.Locale.ROOT) + "(delta=" + delta + ", " + base.describe() + ")";
    }
}
