package org.saddlecheck.experiment.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.Fig1Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code saddlecheck experiment fig1}: reproduces Staib et al.'s Figure 1 ({@link Fig1Experiment}), writes
 * DIR/fig1.csv and DIR/fig1.json and prints a summary table. Exit 0 on success, 2 on bad usage.
 */
@Command(name = "fig1", mixinStandardHelpOptions = true,
        description = {"Staib et al. Figure 1: SGD vs diagonal RMSProp escaping the saddle of the 2-D finite-sum problem "
                + "(x_0 = 0). Writes DIR/fig1.csv (method,eta,iteration,mean,q10,q50,q90) and DIR/fig1.json."})
public final class Fig1Command extends ExperimentCommandBase {
    @Option(names = "--trials", paramLabel = "N", description = "Trials per run, >= 1 (default: ${DEFAULT-VALUE}).")
    int trials = Fig1Experiment.DEFAULT_TRIALS;

    @Option(names = "--steps", paramLabel = "T", description = "Iterations per trial, >= 1 (default: ${DEFAULT-VALUE}).")
    int steps = Fig1Experiment.DEFAULT_STEPS;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of(Fig1Experiment.DEFAULT_DIR);

    @Option(names = "--burn-in", description = "RMSProp burn-in: W = ceil(eta^(-2/3)) updates of v at x_0 before the first step.")
    boolean burnIn;

    @Option(names = "--record-every", paramLabel = "K",
            description = "Record f every K-th iteration, >= 0 (default: ${DEFAULT-VALUE}, every iteration; 0 = automatic, about 1000 points per run).")
    int recordEvery = 1;

    /** For picocli and the command registry. */
    public Fig1Command() {}

    @Override
    public Integer call() throws IOException {
        requireAtLeast("trials", trials, 1);
        requireAtLeast("steps", steps, 1);
        requireAtLeast("record-every", recordEvery, 0);
        int n = threadCount();
        Fig1Experiment.Config c = Fig1Experiment.Config.paper(seed).withTrials(trials).withSteps(steps).withBurnIn(burnIn)
                .withRecordEvery(recordEvery);
        long t0 = System.nanoTime();
        Fig1Experiment.Result r;
        try (Parallel p = new Parallel(n)) {
            r = Fig1Experiment.run(c, p);
        }
        Fig1Experiment.write(r, out);
        report(Fig1Experiment.table(r), out, "fig1", t0);
        return 0;
    }
}
