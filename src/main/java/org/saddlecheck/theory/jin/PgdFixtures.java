package org.saddlecheck.theory.jin;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.optim.pgd.PgdParameters;
import org.saddlecheck.problem.CosineFamily;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.QuadraticSaddle;
import org.saddlecheck.problem.QuarticSaddle;
import org.saddlecheck.util.Require;

/**
 * The strict-saddle fixtures on which PGD is run with the paper's parameters (CLAIMS.md §7.2, JIN-ALG2, JIN-T3,
 * JIN-L10): each has certified ℓ and ρ on the region the runs visit, a start at an exact strict saddle and a
 * Δ_f ≥ f(x₀) − f*.
 * <ul>
 *   <li>cosine: f = −Σcos((Qx)_i), d = 4, Q Haar (from the claim's seed), ℓ = ρ = 1, f* = −4; trial i starts at the saddle
 *       with k = 1 + (i mod 3) π-coordinates (λ_min = −1), Δ_f = 2k; ε = 0.2 (√(ρε) = 0.447 &lt; 1).</li>
 *   <li>quartic: f = −(γ/2)x₁² + x₁⁴/4 + ½(x₂² + x₃²), γ = 0.5, started at 0; on |x₁| ≤ B = 1.1 (which contains
 *       the sublevel set {f ≤ 0} ⊂ {|x₁| ≤ √(2γ) = 1} plus the perturbation), ℓ = 3B² − γ = 3.13, ρ = 6B = 6.6;
 *       f* = −γ²/4 = Δ_f; ε = 0.02 (√(ρε) = 0.363 &lt; γ).</li>
 *   <li>quadratic (escape only): f = ½xᵀdiag(−0.5, 1, 1, 1)x is unbounded below, so Theorem 3's Δ_f does not exist;
 *       it is run for one episode only (cap T_th) with nominal Δ_f = 1 and ρ = 1 (any ρ ≥ 0 is a valid
 *       Hessian-Lipschitz constant), ε = 0.05. A non-SOSP output is a termination at the saddle; a run whose iterates
 *       overflow after escaping (f → −∞ before the episode ends, as the unbounded quadratic must) has escaped.</li>
 * </ul>
 */
final class PgdFixtures {
    private PgdFixtures() {}

    /** Where a run starts and the Δ_f it uses. */
    record Start(double[] x0, double deltaF) {}

    /** A fixture: objective, certified constants, target ε, δ and starts. */
    record Fixture(String name, Objective f, double ell, double rho, double eps, double delta, boolean escapeOnly,
            int startKinds) {
        Start start(int trial) {
            if (f instanceof CosineFamily cf) {
                int k = 1 + Math.floorMod(trial, startKinds);
                return new Start(cf.saddle(k), cf.deltaF(k));
            }
            if (f instanceof QuarticSaddle q) return new Start(new double[q.dim()], q.gamma() * q.gamma() / 4);
            return new Start(new double[f.dim()], 1.0);
        }

        PgdParameters params(double c, int trial) {
            return PgdParameters.fromPaper(f.dim(), ell, rho, eps, c, delta, start(trial).deltaF());
        }
    }

    static Fixture cosine(int d, double eps, UniformRandomProvider rng) {
        Require.that(d >= 2, "d", d, ">= 2");
        CosineFamily f = CosineFamily.haar(d, 1.0, rng);
        return new Fixture("cosine(d=" + d + ", haar)", f, 1, 1, eps, 0.1, false, d - 1);
    }

    static Fixture quartic() {
        QuarticSaddle q = new QuarticSaddle(0.5, new double[] {1, 1}, 1.1);
        return new Fixture("quartic(d=3, gamma=0.5)", q, q.constants().smoothness(), q.constants().hessianLipschitz(), 0.02,
                0.1, false, 1);
    }

    static Fixture quadratic() {
        QuadraticSaddle q = QuadraticSaddle.diagonal(-0.5, 1, 1, 1);
        return new Fixture("quadratic(d=4, escape only)", q, 1, 1, 0.05, 0.1, true, 1);
    }

    /** The three fixtures of JIN-ALG2. */
    static List<Fixture> standard(UniformRandomProvider rng) {
        return List.of(cosine(4, 0.2, rng), quartic(), quadratic());
    }
}
