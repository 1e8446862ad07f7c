package org.saddlecheck.experiment.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.ReddiExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code saddlecheck experiment reddi}: Reddi et al.'s counterexample (Staib et al. §3.2) with EMA-RMSProp and idealized
 * RMSProp ({@link ReddiExperiment}); writes DIR/reddi.csv and DIR/reddi.json and prints a table.
 */
@Command(name = "reddi", mixinStandardHelpOptions = true,
        description = {"Staib et al. Section 3.2: EMA-RMSProp vs idealized RMSProp on Reddi et al.'s counterexample F(x) = zeta x on "
                + "[-1, 1]. Writes DIR/reddi.csv (C,method,iteration,mean,q10,q50,q90 of x_t) and DIR/reddi.json."})
public final class ReddiCommand extends ExperimentCommandBase {
    @Option(names = "--trials", paramLabel = "N", description = "Trials per setting, >= 1 (default: ${DEFAULT-VALUE}).")
    int trials = ReddiExperiment.DEFAULT_TRIALS;

    @Option(names = "--steps", paramLabel = "T", description = "Iterations per trial, >= 1 (default: ${DEFAULT-VALUE}).")
    int steps = ReddiExperiment.DEFAULT_STEPS;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of(ReddiExperiment.DEFAULT_DIR);

    /** For picocli and the command registry. */
    public ReddiCommand() {}

    @Override
    public Integer call() throws IOException {
        requireAtLeast("trials", trials, 1);
        requireAtLeast("steps", steps, 1);
        int n = threadCount();
        ReddiExperiment.Config c = ReddiExperiment.Config.defaults(seed).withTrials(trials).withSteps(steps);
        long t0 = System.nanoTime();
        ReddiExperiment.Result r;
        try (Parallel p = new Parallel(n)) {
            r = ReddiExperiment.run(c, p);
        }
        ReddiExperiment.write(r, out);
        report(ReddiExperiment.table(r), out, "reddi", t0);
        return 0;
    }
}
