package org.saddlecheck.optim.pgd;

/**
 * One entry of a PGD event log (CLAIMS.md JIN-ALG2; ANCHORS.md §1 takeaway "record the trigger, escape and
 * termination events"). Events are rare, so the log is a list of these small records.
 *
 * <table>
 * <caption>field meaning per type</caption>
 * <tr><th>type</th><th>t</th><th>f</th><th>gradNorm</th><th>aux</th></tr>
 * <tr><td>PERTURB</td><td>perturbation time t_noise</td><td>f(x̃)</td><td>‖∇f(x̃)‖</td><td>‖ξ‖</td></tr>
 * <tr><td>ESCAPE</td><td>t_noise + T_th</td><td>f(x_t)</td><td>‖∇f(x_t)‖</td><td>f(x_t) − f(x̃) (≤ −threshold)</td></tr>
 * <tr><td>STUCK (JACM only)</td><td>t_perturb + 𝒯</td><td>f(x_t)</td><td>‖∇f(x_t)‖</td><td>f(x_t) − f(x̃) (&gt; −𝓕/2)</td></tr>
 * <tr><td>TERMINATE</td><td>t_noise + T_th</td><td>f(output = x̃)</td><td>‖∇f(x̃)‖</td><td>f(x_t) − f(x̃) (&gt; −f_thres)</td></tr>
 * <tr><td>CAP_REACHED</td><td>the cap</td><td>f(x_t)</td><td>‖∇f(x_t)‖</td><td>NaN</td></tr>
 * </table>
 */
public record PgdEvent(Type type, long t, double f, double gradNorm, double aux) {
    public enum Type {
        /** x̃ ← x_t, x_t ← x̃ + ξ (Algorithm 2) or x_t ← x̃ − ηξ (JACM Algorithm 4). */
        PERTURB,
        /** An episode ended with the required decrease. */
        ESCAPE,
        /** JACM only: an episode ended without Lemma 20's decrease 𝓕/2. */
        STUCK,
        /** Algorithm 2 returned x̃. */
        TERMINATE,
        /** The safety cap on iterations stopped the run before termination. */
        CAP_REACHED
    }

    @Override
    public String toString() {
        return type + "(t=" + t + ", f=" + f + ", |grad|=" + gradNorm + ", aux=" + aux + ")";
    }
}
