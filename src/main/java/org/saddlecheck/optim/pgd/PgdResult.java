package org.saddlecheck.optim.pgd;

import java.util.List;

/**
 * Outcome of one {@link PerturbedGradientDescent} run.
 *
 * @param output                 returned point: x̃ when terminated, the last iterate x_t when the cap was reached
 * @param iterations             number of gradient steps taken (the returning iteration index t)
 * @param terminated             Algorithm 2's termination rule fired
 * @param capReached             the safety cap stopped the run ("cap reached"; the output is then not certified)
 * @param events                 event log in time order
 * @param perturbations          number of PERTURB events
 * @param escapes                number of ESCAPE events (completed episodes with decrease ≥ f_thres)
 * @param fOutput                f(output)
 * @param gradNormOutput         ‖∇f(output)‖
 * @param gradientEvaluations    gradient calls made
 * @param numericallyUnreliable  some termination test had f_thres/|f| &lt; 1e-10 and the objective offered no
 *                               accurate difference (CLAIMS.md §8.8)
 * @param worstFThresOverAbsF    smallest f_thres/max(|f(x_t)|, |f(x̃)|) seen at the termination tests (+∞ if none)
 * @param accurateDifference     the objective's {@link DifferenceObjective#valueDifference} was used
 * @param sampler                name of the perturbation sampler
 * @param parameters             the parameters used
 */
public record PgdResult(
        double[] output, long iterations, boolean terminated, boolean capReached, List<PgdEvent> events,
        int perturbations, int escapes, double fOutput, double gradNormOutput, long gradientEvaluations,
        boolean numericallyUnreliable, double worstFThresOverAbsF, boolean accurateDifference, String sampler,
        PgdParameters parameters) {

    /** Threshold of f_thres/|f| below which a run is flagged numerically unreliable (CLAIMS.md §8.8). */
    public static final double UNRELIABLE_RATIO = 1e-10;

    public PgdResult {
        events = List.copyOf(events);
    }

    /** "terminated" or "cap reached". */
    public String status() {
        return terminated ? "terminated" : "cap reached";
    }

    /** Events of one type, in time order. */
    public List<PgdEvent> events(PgdEvent.Type type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    @Override
    public String toString() {
        return "PgdResult[" + status() + ", iterations=" + iterations + ", perturbations=" + perturbations
                + ", escapes=" + escapes + ", f(output)=" + fOutput + ", |grad f(output)|=" + gradNormOutput
                + (numericallyUnreliable ? ", NUMERICALLY UNRELIABLE (f_thres/|f| = " + worstFThresOverAbsF + ")" : "")
                + ", sampler=" + sampler + "]";
    }
}
