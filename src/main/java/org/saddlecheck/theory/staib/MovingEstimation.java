package org.saddlecheck.theory.staib;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.gen.Gradients;
import org.saddlecheck.gen.Haar;
import org.saddlecheck.gen.LipschitzField;
import org.saddlecheck.gen.LipschitzFields;
import org.saddlecheck.gen.MatrixOracle;
import org.saddlecheck.gen.MatrixOracles;
import org.saddlecheck.gen.MovingSequence;
import org.saddlecheck.gen.Moves;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpdParams;
import org.saddlecheck.gen.SpectrumKind;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.util.Require;

/**
 * The simulation shared by the estimation claims (STAIB-T4.1, D4.1, P4.1, P4.2; CLAIMS.md §7.1, §8.1–8.4, §8.20):
 * a point x_t moves with ‖x_t − x_{t−1}‖ ≤ ηM through a Lipschitz matrix field G, each step reads an unbiased
 * noisy Y_t with E[Y_t | past] = G(x_t), the estimator under test (from an {@link EstimatorFactory}, fed through a
 * {@link MatrixReadFeed}) averages the reads, and the run records the operator-norm error ‖Ĝ_t − G(x_t)‖ at the end
 * (Theorem 4.1's Φ) or its supremum over a window t ∈ (W, W + T_w] (Def. 4.1, Prop. 4.1), optionally together with
 * the error of A = (G + εI)^{−1/2} and the perturbation-lemma ratio of Prop. 4.2.
 *
 * <p>A {@link Case} fixes the structure (dimension, field and noise model, moving sequence, scales); its random
 * structure (G0, E, directions, Haar bases) comes from a structure seed, so every trial of an instance sees the same
 * field, and only the noise and random moves differ between trials. Per-step work allocates nothing.
 */
final class MovingEstimation {
    private MovingEstimation() {}

    /** Field and noise models (CLAIMS.md §7.1). */
    enum Model {
        /** Affine field G0 + (aᵀx)E (exact L), Haar-sign noise (σ = R = s_N exactly); moves confined to its domain. */
        AFFINE_HAAR,
        /** Sine field G0 + L sin(uᵀx)E (exact L), Haar-sign noise. */
        SINE_HAAR,
        /** Rotating eigenvectors (exact L = |λ1 − λ2|κ_θ), Haar-sign noise. */
        ROTATING_HAAR,
        /**
         * Gradient model G(x) = ∇f∇fᵀ + SSᵀ with S = s_N·Q (Haar Q) read as Y = ggᵀ, g = ∇f(x) + Sζ, ζ Rademacher
         * (Props 4.1–4.2's setting). L is only an upper bound (4a²√d); R and σ are upper bounds (see
         * {@link Prepared#constants}); λ_min(G) ≥ s_N² uniformly.
         */
        GRADIENT_OUTER,
        /**
         * G(x) = μ(x)μ(x)ᵀ + SSᵀ with μ(x) = m_0 + κ sin(ω uᵀx) e (‖m_0‖ = 3 ⟂ e, ω = 0.1, κ = L/(ω‖m_0‖), so the
         * slope of G along u at uᵀx = 0 is L) read as Y = ggᵀ, g = μ(x) + Sζ, S = s_N·Q: nearly linear along the
         * paths of the window checks (ω·|uᵀx| ≤ 0.3), so the bias grows like the travelled distance as in the worst
         * case of Thm 4.1. Global L ≤ ωκ(κ + √(‖m_0‖² + κ²)); R, σ bounds as for GRADIENT_OUTER with ‖μ‖ ≤ ‖m_0‖ + κ;
         * λ_min(G) ≥ s_N².
         */
        SINE_OUTER,
        /**
         * Constant G with λ_min = {@code floor} along v_min and noise Y = G + s_N ε v_min v_minᵀ (ε = ±1): the
         * witness on which Prop. 4.2's (ε + λ_min)^{−3/2} factor is attained (R = σ = s_N, L = 0).
         */
        WITNESS_MIN
    }

    /** Moving sequences (CLAIMS.md §7.1). */
    enum Move {
        /** Full speed along the field's worst direction (worst-case bias for affine fields). */
        STRAIGHT,
        /** i.i.d. uniform directions. */
        RANDOM_WALK,
        /** ± along the worst direction (bias cancels; optimistic control). */
        ZIGZAG,
        /** Adaptive: direction Y_{t−1}p/‖Y_{t−1}p‖ from the last noisy read ({@link Moves#adaptive}). */
        ADAPTIVE_READ,
        /** Adaptive: ±u with the sign of uᵀ(Y_{t−1} − G(x_{t−1}))u (CLAIMS.md STAIB-T4.1 step 7). */
        ADAPTIVE_SIGN,
        /** x_t = x_0. */
        STILL;

        boolean adaptive() {
            return this == ADAPTIVE_READ || this == ADAPTIVE_SIGN;
        }
    }

    /**
     * One instance: dimension, models, Lipschitz constant L (for GRADIENT_OUTER the bound 4a²√d, which fixes a),
     * speed M, noise scale s_N and the floor (λ_min of G0 for the Haar models beyond what their domain needs; λ_min
     * of the witness).
     */
    record Case(int d, Model model, Move move, double lipschitz, double speed, double noise, double floor) {
        Case {
            Require.positive("d", d);
            Require.notNull("model", model);
            Require.notNull("move", move);
            Require.nonNegative("lipschitz", lipschitz);
            Require.nonNegative("speed", speed);
            Require.nonNegative("noise", noise);
            Require.positive("floor", floor);
            if (model == Model.ROTATING_HAAR || model == Model.SINE_OUTER) Require.that(d >= 2, "d", d, ">= 2 for the " + model + " field");
            if (model != Model.WITNESS_MIN) Require.positive("lipschitz", lipschitz);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "d=%d %s %s L=%.3g M=%.3g s=%.3g%s", d, model, move, lipschitz, speed, noise,
                    model == Model.WITNESS_MIN ? String.format(Locale.ROOT, " lambdaMin=%.3g", floor) : "");
        }
    }

    /** Domain radius of affine fields (moves are confined to it). */
    static final double AFFINE_RADIUS = 20;

    /** An instance with its structure seed and its constants; immutable, shared by the trials. */
    static final class Prepared {
        final Case c;
        final long structureSeed;
        final EstimationBounds.Constants constants;
        /** Uniform lower bound of λ_min(G(x)) (exact for the witness; a bound otherwise). */
        final double lambdaMin;
        /** Upper bound of λ_max(G(x)) along any path within the field's domain (for tolerances). */
        final double lambdaMax;
        final boolean exactConstants;

        Prepared(Case c, long structureSeed) {
            this.c = Require.notNull("c", c);
            this.structureSeed = structureSeed;
            int d = c.d();
            double r, sigma, lmin, lmax;
            boolean exact = true;
            switch (c.model()) {
                case GRADIENT_OUTER -> {
                    double a = gradientScale(c);
                    double[] s = noiseFactor(c, structureSeed);
                    // ‖Y − EY‖ = ‖μuᵀ + uμᵀ + uuᵀ − SSᵀ‖ ≤ 2‖μ‖‖u‖ + ‖uuᵀ − SSᵀ‖ with u = Sζ, ‖μ‖ ≤ a√d;
                    // ‖E(Y − EY)²‖ ≤ E‖Y − EY‖² ≤ E_ζ(2a√d‖u‖ + ‖uuᵀ − SSᵀ‖)²; both by enumerating ζ ∈ {±1}^d.
                    double[] bounds = outerNoiseBounds(s, a * Math.sqrt(d));
                    r = bounds[0];
                    sigma = bounds[1];
                    lmin = c.noise() * c.noise();
                    lmax = a * a * d + lmin;
                    exact = false;
                }
                case SINE_OUTER -> {
                    double kappa = sineOuterKappa(c);
                    double[] bounds = outerNoiseBounds(noiseFactor(c, structureSeed), SINE_OUTER_M0 + kappa);
                    r = bounds[0];
                    sigma = bounds[1];
                    lmin = c.noise() * c.noise();
                    lmax = Math.pow(SINE_OUTER_M0 + kappa, 2) + lmin;
                    exact = false;
                }
                case WITNESS_MIN -> {
                    r = c.noise();
                    sigma = c.noise();
                    lmin = c.floor();
                    lmax = Math.max(1, c.floor());
                }
                default -> {
                    r = c.noise();
                    sigma = c.noise();
                    lmin = c.floor(); // affine: λ_min(G0) − L·radius; sine: λ_min(G0) − L; rotating: min(λ2, rest) > floor
                    lmax = haarFloor(c) + 4 + 2 * c.lipschitz() * (c.model() == Model.AFFINE_HAAR ? AFFINE_RADIUS : 1);
                }
            }
            double lip = switch (c.model()) {
                case WITNESS_MIN -> 0;
                case SINE_OUTER -> sineOuterLipschitzBound(c);
                default -> c.lipschitz();
            };
            this.constants = new EstimationBounds.Constants(d, lip, c.speed(), r, sigma);
            this.lambdaMin = lmin;
            this.lambdaMax = lmax;
            this.exactConstants = exact;
        }

        /** A fresh trial (field, oracle, moving sequence, start point) for step size η and a run of {@code steps}. */
        Trial newTrial(double eta, long steps, UniformRandomProvider rng) {
            return new Trial(this, eta, steps, rng);
        }

        String describe() {
            return c.toString();
        }
    }

    /** a of the gradient model with L̄ = 4a²√d. */
    static double gradientScale(Case c) {
        return Math.sqrt(c.lipschitz() / (4 * Math.sqrt(c.d())));
    }

    /** ‖m_0‖ and ω of SINE_OUTER. */
    static final double SINE_OUTER_M0 = 3, SINE_OUTER_OMEGA = 0.1;

    static double sineOuterKappa(Case c) {
        return c.lipschitz() / (SINE_OUTER_OMEGA * SINE_OUTER_M0);
    }

    /** ωκ(κ + √(m² + κ²)) ≥ sup_θ ωκ|cos θ|(κ|sin θ| + ‖m_0 + κ sin θ e‖) = the global Lipschitz constant. */
    static double sineOuterLipschitzBound(Case c) {
        double k = sineOuterKappa(c), m = SINE_OUTER_M0;
        return SINE_OUTER_OMEGA * k * (k + Math.sqrt(m * m + k * k));
    }

    /** λ_min of G0 for the Haar models: the floor plus what keeps G ≻ 0 on the domain. */
    static double haarFloor(Case c) {
        return switch (c.model()) {
            case AFFINE_HAAR -> c.floor() + c.lipschitz() * AFFINE_RADIUS;
            case SINE_HAAR -> c.floor() + c.lipschitz();
            default -> c.floor();
        };
    }

    /** S = s_N·Q with Q Haar from the structure seed (stream 1). */
    static double[] noiseFactor(Case c, long structureSeed) {
        double[] q = Haar.orthogonal(c.d(), Seeds.rng(structureSeed, "noiseFactor", 0));
        Vec.scale(c.noise(), q);
        return q;
    }

    /** {R̄, σ̄} for the outer-product oracle with ‖μ‖ ≤ m: enumerates ζ ∈ {±1}^d (d ≤ 12). */
    static double[] outerNoiseBounds(double[] s, double m) {
        int d = Mat.dim(s);
        Require.that(d <= MatrixOracles.MAX_ENUMERATION_DIM, "d", d, "<= " + MatrixOracles.MAX_ENUMERATION_DIM);
        double[] sst = new double[d * d], u = new double[d], z = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int k = 0; k < d; k++) v += s[i * d + k] * s[j * d + k];
                sst[i * d + j] = v;
            }
        SymmetricEigen eig = new SymmetricEigen(d);
        double rMax = 0, second = 0;
        int n = 1 << d;
        for (int mask = 0; mask < n; mask++) {
            for (int i = 0; i < d; i++) {
                double v = 0;
                for (int k = 0; k < d; k++) v += s[i * d + k] * (((mask >>> k) & 1) == 0 ? 1.0 : -1.0);
                u[i] = v;
            }
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) z[i * d + j] = u[i] * u[j] - sst[i * d + j];
            eig.decompose(z);
            double b = 2 * m * Vec.norm(u) + Math.max(Math.abs(eig.min()), Math.abs(eig.max()));
            rMax = Math.max(rMax, b);
            second += b * b;
        }
        return new double[] {rMax, Math.sqrt(second / n)};
    }

    /** Per-trial objects: fresh field (fields may hold scratch), oracle, moving sequence and buffers. */
    static final class Trial {
        final Prepared p;
        final int d;
        final LipschitzField field;
        final LipschitzFields.GradientModel gradient; // GRADIENT_OUTER only
        final SineOuterField sineOuter; // SINE_OUTER only
        final MatrixOracle oracle; // Haar and outer models
        final double[] witnessV; // WITNESS_MIN only
        final MovingSequence move;
        final boolean moveSeesNoise;
        final double[] x;

        Trial(Prepared p, double eta, long steps, UniformRandomProvider rng) {
            this.p = p;
            Case c = p.c;
            this.d = c.d();
            UniformRandomProvider srng = Seeds.rng(p.structureSeed, "field", 0);
            double s = eta * c.speed();
            double[] u;
            LipschitzFields.GradientModel gm = null;
            SineOuterField sineOuter = null;
            double[] wv = null;
            MatrixOracle or = null;
            LipschitzField f;
            switch (c.model()) {
                case AFFINE_HAAR, SINE_HAAR -> {
                    double lo = haarFloor(c);
                    Spd g0 = Spd.random(new SpdParams(d, SpectrumKind.LOG_UNIFORM, lo + 3, (lo + 3) / lo), srng);
                    f = c.model() == Model.AFFINE_HAAR ? LipschitzFields.affine(g0, c.lipschitz(), AFFINE_RADIUS, srng)
                            : LipschitzFields.sine(g0, c.lipschitz(), srng);
                    u = f.worstDirection();
                    or = MatrixOracles.haarSign(d, c.noise());
                }
                case ROTATING_HAAR -> {
                    double[] rest = new double[d - 2];
                    for (int i = 0; i < rest.length; i++) rest[i] = c.floor() + 0.5 + 2 * srng.nextDouble();
                    double l1 = c.floor() + 2, l2 = c.floor() + 1;
                    f = LipschitzFields.rotating(l1, l2, rest, c.lipschitz() / (l1 - l2), true, srng);
                    u = f.worstDirection();
                    or = MatrixOracles.haarSign(d, c.noise());
                }
                case GRADIENT_OUTER -> {
                    double[] sf = noiseFactor(c, p.structureSeed);
                    gm = LipschitzFields.gradientModel(gradientScale(c), sf, srng);
                    f = gm;
                    u = Gradients.withNorm(d, 1, srng);
                    or = MatrixOracles.rademacherOuter(sf);
                }
                case SINE_OUTER -> {
                    double[] sf = noiseFactor(c, p.structureSeed);
                    SineOuterField so = new SineOuterField(d, sf, sineOuterKappa(c), srng);
                    f = so;
                    sineOuter = so;
                    u = so.u.clone();
                    or = MatrixOracles.rademacherOuter(sf);
                }
                default -> { // WITNESS_MIN: constant G = Q diag(floor, 1, …) Qᵀ, noise along v_min = column 0 of Q
                    double[] q = Haar.orthogonal(d, srng);
                    double[] lam = new double[d];
                    lam[0] = c.floor();
                    for (int i = 1; i < d; i++) lam[i] = Math.max(1, c.floor()) * (1 + i);
                    double[] g = Spd.fromSpectrum(q, lam);
                    f = new ConstantField(g);
                    wv = new double[d];
                    for (int i = 0; i < d; i++) wv[i] = q[i * d];
                    u = Gradients.withNorm(d, 1, srng);
                }
            }
            this.field = f;
            this.gradient = gm;
            this.sineOuter = sineOuter;
            this.oracle = or;
            this.witnessV = wv;
            this.x = new double[d];
            double travel = s * steps;
            MovingSequence m = switch (c.move()) {
                case STRAIGHT -> Moves.straight(u, s);
                case RANDOM_WALK -> Moves.randomWalk(d, s, rng);
                case ZIGZAG -> Moves.zigZag(u, s);
                case ADAPTIVE_READ -> Moves.adaptive(u, s);
                case ADAPTIVE_SIGN -> new SignAdaptive(u, s);
                case STILL -> Moves.straight(u, 0);
            };
            if (c.move() == Move.STRAIGHT) {
                double back = Math.min(travel / 2, 0.9 * Math.min(f.domainRadius(), 1e300));
                Vec.axpy(-back, u, x);
            }
            if (c.model() == Model.AFFINE_HAAR) m = Moves.confined(m, AFFINE_RADIUS);
            this.move = m;
            this.moveSeesNoise = c.move() == Move.ADAPTIVE_SIGN;
        }

        /** G(x) into out. */
        void mean(double[] out) {
            field.value(x, out);
        }

        /** One read Y at the current x (gx = G(x), mu = scratch for the gradient mean). */
        void read(double[] gx, double[] mu, UniformRandomProvider rng, double[] y) {
            switch (p.c.model()) {
                case GRADIENT_OUTER -> {
                    gradient.gradient(x, mu);
                    oracle.sample(mu, rng, y);
                }
                case SINE_OUTER -> {
                    sineOuter.mu(x, mu);
                    oracle.sample(mu, rng, y);
                }
                case WITNESS_MIN -> {
                    double e = rng.nextBoolean() ? p.c.noise() : -p.c.noise();
                    for (int i = 0; i < d; i++)
                        for (int j = 0; j < d; j++) y[i * d + j] = gx[i * d + j] + e * witnessV[i] * witnessV[j];
                }
                default -> oracle.sample(gx, rng, y);
            }
        }
    }

    /** What a run records. */
    static final class Spec {
        final double eta, beta, eps;
        final int burnIn, window;
        final int[] checkpoints; // window lengths at which the running sup is recorded (ascending, last = window)
        final boolean inverse;
        final EstimatorFactory factory;

        /**
         * @param burnIn     W (or T for a final-time run with window 0)
         * @param window     T_w ≥ 0: the sup is taken over t ∈ (W, W + T_w]; 0 means "error at t = W only"
         * @param checkpoints running-sup checkpoints within the window (null = {window})
         * @param eps        ε of A = (G + εI)^{−1/2}; NaN = do not track A
         */
        Spec(double eta, double beta, int burnIn, int window, int[] checkpoints, double eps, EstimatorFactory factory) {
            this.eta = Require.positive("eta", eta);
            this.beta = Require.beta("beta", beta);
            this.burnIn = Require.nonNegative("burnIn", burnIn);
            this.window = Require.nonNegative("window", window);
            Require.that(burnIn + window >= 1, "burnIn + window", burnIn + window, ">= 1");
            this.checkpoints = checkpoints == null ? new int[] {window} : checkpoints.clone();
            Require.that(this.checkpoints.length >= 1 && this.checkpoints[this.checkpoints.length - 1] == window,
                    "checkpoints", java.util.Arrays.toString(this.checkpoints), "ascending, ending at window = " + window);
            this.inverse = !Double.isNaN(eps);
            this.eps = inverse ? Require.nonNegative("eps", eps) : Double.NaN;
            this.factory = Require.notNull("factory", factory);
        }

        long steps() {
            return (long) burnIn + window;
        }
    }

    /** Result of one trial. */
    record Result(double error, double[] supG, double supA, double lemmaMaxExcess, double lemmaMaxRatio, int lemmaChecks) {}

    /**
     * Runs one trial: t = 1 .. W + T_w; returns the final error (window 0) or the running sups of ‖Ĝ_t − G(x_t)‖ at
     * the checkpoints, and when ε is given the sup of ‖(Ĝ_t + εI)^{−1/2} − (G(x_t) + εI)^{−1/2}‖ (eigenvalues of Ĝ_t
     * clamped at 0, CLAIMS.md §8.1) and the worst ratio of Prop. 4.2's lemma at the steps where
     * ‖Ĝ_t − G_t‖ ≤ λ_min/2 (as excess over its tolerance: ≤ 0 means it holds).
     */
    static Result run(Prepared p, Spec spec, UniformRandomProvider rng) {
        int d = p.c.d();
        long total = spec.steps();
        Trial tr = p.newTrial(spec.eta, total, rng);
        MatrixReadFeed feed = new MatrixReadFeed(spec.factory, d, spec.beta);
        Buffers b = new Buffers(d);
        double[] sups = new double[spec.checkpoints.length];
        double supA = 0, lemmaExcess = Double.NEGATIVE_INFINITY, lemmaRatio = 0;
        int lemmaChecks = 0, cp = 0;
        double error = Double.NaN;
        double aLemma = spec.inverse ? spec.eps + p.lambdaMin / 2 : Double.NaN;
        for (long t = 1; t <= total; t++) {
            if (t > 1) tr.move.advance(tr.x, tr.moveSeesNoise ? b.noise : b.y);
            tr.mean(b.gx);
            tr.read(b.gx, b.mu, rng, b.y);
            if (tr.moveSeesNoise) Mat.sub(b.y, b.gx, b.noise);
            feed.observe(tr.x, b.y);
            boolean inWindow = t > spec.burnIn;
            if (!inWindow && !(spec.window == 0 && t == total)) continue;
            feed.estimate(tr.x, b.est);
            Mat.sub(b.est, b.gx, b.diff);
            double e = opNorm(b.eig, b.diff);
            if (spec.window == 0) {
                error = e;
                continue;
            }
            long k = t - spec.burnIn;
            while (cp < sups.length && k > spec.checkpoints[cp]) cp++;
            for (int i = cp; i < sups.length; i++) sups[i] = Math.max(sups[i], e);
            if (!spec.inverse) continue;
            // A = (G + εI)^{-1/2}, Â = (Ĝ + εI)^{-1/2}
            b.eig.decompose(b.gx);
            invSqrtValues(b.eig, spec.eps, b.fv);
            double gMax = b.eig.max();
            b.eig.reconstructValues(b.fv, b.a);
            b.eig.decompose(b.est);
            double aErr;
            if (Math.max(b.eig.min(), 0) + spec.eps <= 0) {
                aErr = Double.POSITIVE_INFINITY; // Ĝ singular with ε = 0: Â undefined
            } else {
                invSqrtValues(b.eig, spec.eps, b.fv);
                b.eig.reconstructValues(b.fv, b.ahat);
                Mat.sub(b.ahat, b.a, b.diff);
                aErr = opNorm(b.eig, b.diff);
            }
            supA = Math.max(supA, aErr);
            if (e <= p.lambdaMin / 2 && e > 0) {
                double ratio = aErr / (EstimationBounds.invSqrtLipschitz(aLemma) * e);
                double kappa = (gMax + spec.eps) / (p.lambdaMin + spec.eps);
                double tol = lemmaTolerance(kappa, gMax + spec.eps, e, d);
                lemmaChecks++;
                lemmaRatio = Math.max(lemmaRatio, ratio);
                lemmaExcess = Math.max(lemmaExcess, (ratio - 1) / tol);
            }
        }
        return new Result(error, sups, supA, lemmaExcess, lemmaRatio, lemmaChecks);
    }

    /**
     * Tolerance of the EXACT perturbation-lemma checks: 1e-9·κ^{3/2} (CLAIMS.md §8.1, κ = κ(G + εI)) plus the forward
     * error of the two eigendecomposition-based inverse square roots relative to the right-hand side,
     * 2·(64·d·u)·scale/‖X − Y‖ (backward-stable eigensolver: ‖ΔX‖ ≤ c·d·u·‖X‖, propagated by ½a^{−3/2}, over
     * ½a^{−3/2}‖X − Y‖).
     */
    static double lemmaTolerance(double kappa, double scale, double diffNorm, int d) {
        return 1e-9 * Math.pow(Math.max(1, kappa), 1.5) + 128.0 * d * Math.ulp(1.0) * scale / diffNorm;
    }

    /** fv = (max(λ, 0) + ε)^{−1/2} for the last decomposition (+∞ where undefined). */
    static void invSqrtValues(SymmetricEigen eig, double eps, double[] fv) {
        double[] v = eig.values();
        for (int i = 0; i < fv.length; i++) fv[i] = 1 / Math.sqrt(Math.max(v[i], 0) + eps);
    }

    /** ‖m‖ for symmetric m: max |eigenvalue| (CLAIMS.md §8.4). */
    static double opNorm(SymmetricEigen eig, double[] m) {
        eig.decompose(m);
        return Math.max(Math.abs(eig.min()), Math.abs(eig.max()));
    }

    private static final class Buffers {
        final double[] gx, y, noise, est, diff, mu, a, ahat, fv;
        final SymmetricEigen eig;

        Buffers(int d) {
            gx = new double[d * d];
            y = new double[d * d];
            noise = new double[d * d];
            est = new double[d * d];
            diff = new double[d * d];
            a = new double[d * d];
            ahat = new double[d * d];
            mu = new double[d];
            fv = new double[d];
            eig = new SymmetricEigen(d);
        }
    }

    /** x_t = x_{t−1} ± s·u with the sign of uᵀZu, Z = Y_{t−1} − G(x_{t−1}) the last read's noise (+ if none). */
    static final class SignAdaptive implements MovingSequence {
        private final double[] u;
        private final double s;

        SignAdaptive(double[] u, double s) {
            this.u = u.clone();
            Vec.scale(1 / Vec.norm(this.u), this.u);
            this.s = s;
        }

        @Override public int dim() { return u.length; }
        @Override public double stepBound() { return s; }

        @Override
        public void advance(double[] x, double[] lastNoise) {
            double q = lastNoise == null ? 1 : Mat.quadForm(lastNoise, u);
            Vec.axpy(q >= 0 ? s : -s, u, x);
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "adaptive sign(u.Z_{t-1}.u) u, s=%.4g", s);
        }
    }

    /** The SINE_OUTER field: G(x) = μ(x)μ(x)ᵀ + SSᵀ, μ(x) = m_0 + κ sin(ω uᵀx) e. Scratch buffer: one per trial. */
    static final class SineOuterField implements LipschitzField {
        final int d;
        final double[] m0, e, u, sst, mu;
        final double kappa;

        SineOuterField(int d, double[] s, double kappa, UniformRandomProvider rng) {
            Require.that(d >= 2, "d", d, ">= 2 for the SINE_OUTER field");
            this.d = d;
            double[] q = Haar.orthogonal(d, rng);
            this.m0 = new double[d];
            this.e = new double[d];
            for (int i = 0; i < d; i++) {
                m0[i] = SINE_OUTER_M0 * q[i * d];
                e[i] = q[i * d + 1];
            }
            this.u = Gradients.withNorm(d, 1, rng);
            this.kappa = kappa;
            this.sst = new double[d * d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) v += s[i * d + k] * s[j * d + k];
                    sst[i * d + j] = v;
                }
            Mat.symmetrize(sst, d);
            this.mu = new double[d];
        }

        void mu(double[] x, double[] out) {
            double t = kappa * Math.sin(SINE_OUTER_OMEGA * Vec.dot(u, x));
            for (int i = 0; i < d; i++) out[i] = m0[i] + t * e[i];
        }

        @Override public int dim() { return d; }
        @Override public double lipschitz() { return SINE_OUTER_OMEGA * kappa * (kappa + Math.sqrt(SINE_OUTER_M0 * SINE_OUTER_M0 + kappa * kappa)); }
        @Override public boolean lipschitzExact() { return false; }
        @Override public double domainRadius() { return Double.POSITIVE_INFINITY; }
        @Override public double[] worstDirection() { return u.clone(); }

        @Override
        public void value(double[] x, double[] out) {
            mu(x, mu);
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++) out[i * d + j] = sst[i * d + j] + mu[i] * mu[j];
        }

        @Override
        public String describe() {
            return "mu mu^T + SS^T, mu = m0 + kappa sin(omega u.x) e";
        }
    }

    /** A constant field (L = 0). */
    record ConstantField(double[] g) implements LipschitzField {
        @Override public int dim() { return Mat.dim(g); }
        @Override public double lipschitz() { return 0; }
        @Override public boolean lipschitzExact() { return true; }
        @Override public double domainRadius() { return Double.POSITIVE_INFINITY; }
        @Override public double[] worstDirection() { return null; }
        @Override public void value(double[] x, double[] out) { System.arraycopy(g, 0, out, 0, g.length); }
        @Override public String describe() { return "constant G"; }
    }
}
