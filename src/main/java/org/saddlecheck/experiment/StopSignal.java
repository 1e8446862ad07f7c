package org.saddlecheck.experiment;

/**
 * Control-flow signal thrown by an experiment's step observer to stop a run once its target is reached (the runners
 * of {@code org.saddlecheck.optim.pgd} have no early-stop hook). A shared instance without stack trace, so throwing it
 * allocates nothing; it never escapes the experiment that throws it.
 */
final class StopSignal extends RuntimeException {
    static final StopSignal INSTANCE = new StopSignal();

    private StopSignal() {
        super("target reached", null, false, false);
    }
}
