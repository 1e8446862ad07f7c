package org.saddlecheck.optim.pgd;

import java.util.List;

/**
 * Outcome of a {@link JacmPerturbedGradientDescent} run (JACM Algorithm 4, label "JACM variant").
 *
 * @param finalPoint     x_T after the requested number of iterations
 * @param iterations     number of iterations run (T)
 * @param events         PERTURB, ESCAPE (f(x_{t_p+𝒯}) − f(x̃) ≤ −𝓕/2) and STUCK (otherwise) events
 * @param perturbations  number of PERTURB events
 * @param escapes        episodes with Lemma 20's decrease
 * @param stuck          episodes without it
 * @param fFinal         f(finalPoint)
 * @param gradNormFinal  ‖∇f(finalPoint)‖
 * @param sampler        name of the perturbation sampler
 * @param parameters     the parameters used
 */
public record JacmResult(double[] finalPoint, long iterations, List<PgdEvent> events, int perturbations, int escapes,
        int stuck, double fFinal, double gradNormFinal, String sampler, JacmParameters parameters) {
    public JacmResult {
        events = List.copyOf(events);
    }

    /** Events of one type, in time order. */
    public List<PgdEvent> events(PgdEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }
}
