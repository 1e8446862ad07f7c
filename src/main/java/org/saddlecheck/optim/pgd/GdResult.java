package org.saddlecheck.optim.pgd;

/**
 * Outcome of one {@link GradientDescent} run.
 *
 * @param finalPoint    x_t at the stop
 * @param iterations    the stop index t: the first t with ‖∇f(x_t)‖ ≤ ε when {@code reachedEps}, else the step cap
 * @param reachedEps    an ε-first-order stationary point was reached
 * @param fFinal        f(finalPoint)
 * @param gradNormFinal ‖∇f(finalPoint)‖
 * @param eta           step size used
 * @param eps           target ε
 */
public record GdResult(double[] finalPoint, long iterations, boolean reachedEps, double fFinal, double gradNormFinal,
        double eta, double eps) {

    /** "reached eps" or "cap reached". */
    public String status() {
        return reachedEps ? "reached eps" : "cap reached";
    }
}
