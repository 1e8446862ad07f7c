package org.saddlecheck.experiment.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.ReddiExperiment;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment reddi}: Reddi et al.'s counterexample (Staib et al. §3.2) with EMA-RMSProp and idealized
 * RMSProp ({@link ReddiExperiment}); writes DIR/reddi.csv and DIR/reddi.json and prints a table.
 */
@Command(name = "reddi", mixinStandardHelpOptions = true,
        description = {"Staib et al. Section 3.2: EMA-RMSProp vs idealized RMSProp on Reddi et al.'s counterexample F(x) = zeta x on "
                + "[-1, 1]. Writes DIR/reddi.csv (C,method,iteration,mean,q10,q50,q90 of x_t) and DIR/reddi.json."})
public final class ReddiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--trials", paramLabel = "N", description = "Trials per setting, >= 1 (default: ${DEFAULT-VALUE}).")
    int trials = ReddiExperiment.DEFAULT_TRIALS;

    @Option(names = "--steps", paramLabel = "T", description = "Iterations per trial, >= 1 (default: ${DEFAULT-VALUE}).")
    int steps = ReddiExperiment.DEFAULT_STEPS;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of(ReddiExperiment.DEFAULT_DIR);

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    /** For picocli and the command registry. */
    public ReddiCommand() {}

    @Override
    public Integer call() throws IOException {
        if (trials < 1) throw usage("trials = " + trials + " is not allowed: --trials must be an integer >= 1");
        if (steps < 1) throw usage("steps = " + steps + " is not allowed: --steps must be an integer >= 1");
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw usage("threads = " + n + " is not allowed: --threads must be an integer >= 1");
        ReddiExperiment.Config c = ReddiExperiment.Config.defaults(seed).withTrials(trials).withSteps(steps);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        ReddiExperiment.Result r;
        try (Parallel p = new Parallel(n)) {
            r = ReddiExperiment.run(c, p);
        }
        ReddiExperiment.write(r, out);
        o.print(ReddiExperiment.table(r));
        o.flush();
        e.printf("wrote %s and %s (%.1f s)%n", out.resolve("reddi.csv").toAbsolutePath(), out.resolve("reddi.json").toAbsolutePath(),
                (System.nanoTime() - t0) / 1e9);
        e.flush();
        return 0;
    }

    private ParameterException usage(String msg) {
        return new ParameterException(spec.commandLine(), msg);
    }
}
