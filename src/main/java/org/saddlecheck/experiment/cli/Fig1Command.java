package org.saddlecheck.experiment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.Fig1Experiment;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment fig1}: reproduces Staib et al.'s Figure 1 ({@link Fig1Experiment}), writes
 * DIR/fig1.csv and DIR/fig1.json and prints a summary table. Exit 0 on success, 2 on bad usage.
 */
@Command(name = "fig1", mixinStandardHelpOptions = true,
        description = {"Staib et al. Figure 1: SGD vs diagonal RMSProp escaping the saddle of the 2-D finite-sum problem "
                + "(x_0 = 0). Writes DIR/fig1.csv (method,eta,iteration,mean,q10,q50,q90) and DIR/fig1.json."})
public final class Fig1Command implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trials", paramLabel = "N", description = "Trials per run, >= 1 (default: ${DEFAULT-VALUE}).")
    int trials = Fig1Experiment.DEFAULT_TRIALS;

    @Option(names = "--steps", paramLabel = "T", description = "Iterations per trial, >= 1 (default: ${DEFAULT-VALUE}).")
    int steps = Fig1Experiment.DEFAULT_STEPS;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of(Fig1Experiment.DEFAULT_DIR);

    @Option(names = "--burn-in", description = "RMSProp burn-in: W = ceil(eta^(-2/3)) updates of v at x_0 before the first step.")
    boolean burnIn;

    @Option(names = "--record-every", paramLabel = "K",
            description = "Record f every K-th iteration, >= 0 (default: 0 = automatic, about 1000 points per run).")
    int recordEvery;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    /** For picocli and the command registry. */
    public Fig1Command() {}

    @Override
    public Integer call() throws IOException {
        if (trials < 1) throw usage("trials = " + trials + " is not allowed: --trials must be an integer >= 1");
        if (steps < 1) throw usage("steps = " + steps + " is not allowed: --steps must be an integer >= 1");
        if (recordEvery < 0) throw usage("record-every = " + recordEvery + " is not allowed: --record-every must be an integer >= 0");
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw usage("threads = " + n + " is not allowed: --threads must be an integer >= 1");
        Fig1Experiment.Config c = Fig1Experiment.Config.paper(seed).withTrials(trials).withSteps(steps).withBurnIn(burnIn)
                .withRecordEvery(recordEvery);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Fig1Experiment.Result r;
        try (Parallel p = new Parallel(n)) {
            r = Fig1Experiment.run(c, p);
        }
        Fig1Experiment.write(r, out);
        o.print(Fig1Experiment.table(r));
        o.flush();
        e.printf("wrote %s and %s (%.1f s)%n", out.resolve("fig1.csv").toAbsolutePath(), out.resolve("fig1.json").toAbsolutePath(),
                (System.nanoTime() - t0) / 1e9);
        e.flush();
        return 0;
    }

    private ParameterException usage(String msg) {
        return new ParameterException(spec.commandLine(), msg);
    }
}
