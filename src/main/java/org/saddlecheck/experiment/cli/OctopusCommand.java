package org.saddlecheck.experiment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.OctopusExperiment;
import org.saddlecheck.experiment.SeedSource;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment octopus}: GD vs PGD on Du et al.'s octopus function ({@link OctopusExperiment},
 * JIN-OCTOPUS). Exit 0 on success, 2 on bad usage.
 */
@Command(name = OctopusExperiment.NAME, mixinStandardHelpOptions = true,
        description = {"Steps of GD and PGD to reach the global minimum's basin of the octopus function vs d "
                + "(Du et al. 2017; CLAIMS.md JIN-OCTOPUS): GD exponential in d, PGD linear.",
                "Writes DIR/octopus.csv (method,d,median,q10,q90,...), DIR/octopus-runs.csv and DIR/octopus.json."})
public final class OctopusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: target/experiments/octopus).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--trials", paramLabel = "N", description = "Runs per method and dimension, >= 3 (default: ${DEFAULT-VALUE}).")
    int trials = 30;

    @Option(names = "--gd-dims", paramLabel = "D1,...",
            description = "Dimensions for GD (default: ${DEFAULT-VALUE}; from d = 6 GD's coordinates underflow in double precision).")
    String gdDims = "2,3,4,5";

    @Option(names = "--pgd-dims", paramLabel = "D1,...", description = "Dimensions for PGD (default: ${DEFAULT-VALUE}).")
    String pgdDims = "2,3,4,5,8,16,32";

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--alpha", paramLabel = "A", description = "1 - confidence of the printed intervals, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double alpha = 0.05;

    /** For picocli and the command registry. */
    public OctopusCommand() {}

    @Override
    public Integer call() {
        ExperimentCli.atLeast(spec, "--trials", trials, 3);
        if (!(alpha > 0 && alpha < 1)) throw ExperimentCli.usage(spec, "alpha = " + alpha + " is not allowed: --alpha must be in (0, 1)");
        int[] g = ExperimentCli.ints(spec, gdDims, "--gd-dims", 1);
        int[] p = ExperimentCli.ints(spec, pgdDims, "--pgd-dims", 1);
        if (g.length < 2 || p.length < 2) throw ExperimentCli.usage(spec, "--gd-dims and --pgd-dims need at least two dimensions each");
        OctopusExperiment.Config c = OctopusExperiment.Config.standard(trials).withDims(g, p);
        Path dir = ExperimentCli.outDir(out, OctopusExperiment.NAME);
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        try (Parallel par = ExperimentCli.parallel(spec, threads)) {
            OctopusExperiment.Result r = OctopusExperiment.run(c, SeedSource.of(seed, OctopusExperiment.NAME), par);
            r.write(dir);
            o.print(r.table(alpha));
        }
        o.flush();
        spec.commandLine().getErr().printf("wrote %s and .json (%.1f s)%n", dir.resolve(OctopusExperiment.NAME + ".csv").toAbsolutePath(),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
