package org.saddlecheck.problem;

import org.saddlecheck.linalg.SymmetricEigen;
import org.saddlecheck.linalg.Vec;
import org.saddlecheck.util.Require;

/**
 * Second-order stationarity predicates with the analytic gradient and Hessian (CLAIMS.md §8.9).
 * <ul>
 *   <li>STAIB-D2.1: x is a (τ_g, τ_h)-stationary point iff ‖∇f(x)‖ ≤ τ_g and λ_min(∇²f(x)) ≥ −τ_h.</li>
 *   <li>JIN-D3: x is an ε-SOSP iff it is (ε, √(ρε))-stationary. X1: Staib's (τ, √(ρτ)) = Jin's ε-SOSP with ε = τ.</li>
 * </ul>
 * The static methods allocate a workspace per call; an instance keeps reusable buffers for one dimension
 * (not thread-safe: one per trial).
 */
public final class Stationarity {
    /** The outcome: ‖∇f‖, λ_min(∇²f), the thresholds used and the verdict (both conditions hold). */
    public record Result(double gradNorm, double lambdaMin, double tauG, double tauH, boolean firstOrder,
                         boolean secondOrder) {
        /** True iff x is a (τ_g, τ_h)-second-order stationary point. */
        public boolean verdict() {
            return firstOrder && secondOrder;
        }
    }

    private final int d;
    private final double[] grad;
    private final double[] hess;
    private final SymmetricEigen eig;

    public Stationarity(int d) {
        this.d = Require.positive("d", d);
        this.grad = new double[d];
        this.hess = new double[d * d];
        this.eig = new SymmetricEigen(d);
    }

    /** (τ_g, τ_h)-stationarity of x (STAIB-D2.1); τ_g, τ_h ≥ 0. */
    public Result check(Objective f, double[] x, double tauG, double tauH) {
        Require.notNull("f", f);
        Require.sameDimension("f", f.dim(), d);
        Require.length("x", x, d);
        Require.finite("x", x);
        Require.nonNegative("tauG", tauG);
        Require.nonNegative("tauH", tauH);
        f.gradient(x, grad);
        f.hessian(x, hess);
        double gn = Vec.norm(grad);
        eig.decompose(hess);
        double lmin = eig.min();
        return new Result(gn, lmin, tauG, tauH, gn <= tauG, lmin >= -tauH);
    }

    /** ε-SOSP of x (JIN-D3): (ε, √(ρε))-stationarity; ε > 0, ρ ≥ 0. */
    public Result checkEps(Objective f, double[] x, double eps, double rho) {
        Require.positive("eps", eps);
        Require.nonNegative("rho", rho);
        return check(f, x, eps, Math.sqrt(rho * eps));
    }

    /** (τ_g, τ_h)-stationarity of x (STAIB-D2.1). */
    public static Result isSOSP(Objective f, double[] x, double tauG, double tauH) {
        Require.notNull("f", f);
        return new Stationarity(f.dim()).check(f, x, tauG, tauH);
    }

    /** Jin's ε-SOSP: isSOSP(f, x, ε, √(ρε)) (JIN-D3, X1). */
    public static Result isEpsSOSP(Objective f, double[] x, double eps, double rho) {
        Require.notNull("f", f);
        return new Stationarity(f.dim()).checkEps(f, x, eps, rho);
    }
}
