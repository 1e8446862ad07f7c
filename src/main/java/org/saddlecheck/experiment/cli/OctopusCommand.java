package org.saddlecheck.experiment.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.cli.Main;
import org.saddlecheck.experiment.OctopusExperiment;
import org.saddlecheck.experiment.SeedSource;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saddlecheck experiment octopus}: GD vs PGD on Du et al.'s octopus function (JIN-OCTOPUS). */
@Command(name = OctopusExperiment.NAME, mixinStandardHelpOptions = true,
        description = {"Steps of GD and PGD to reach the global minimum's basin of the octopus function vs d "
                + "(Du et al. 2017; CLAIMS.md JIN-OCTOPUS): GD exponential, PGD linear.",
                "Writes octopus.csv (per method and d), octopus-runs.csv and octopus.json."})
public final class OctopusCommand implements Callable<Integer> {
    private final Main.Env env;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default target/experiments/octopus)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "master seed (default ${DEFAULT-VALUE})")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--trials", paramLabel = "N", description = "runs per method and dimension (default ${DEFAULT-VALUE})")
    int trials = 30;

    @Option(names = "--gd-dims", paramLabel = "D1,...", description = "dimensions for GD (default 2,3,4,5; GD underflows from d = 6)")
    String gdDims = "2,3,4,5";

    @Option(names = "--pgd-dims", paramLabel = "D1,...", description = "dimensions for PGD (default 2,3,4,5,8,16,32)")
    String pgdDims = "2,3,4,5,8,16,32";

    @Option(names = "--threads", paramLabel = "T", description = "worker threads, 0 = all cores (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--alpha", paramLabel = "A", description = "confidence level of the printed intervals (default ${DEFAULT-VALUE})")
    double alpha = 0.05;

    public OctopusCommand(Main.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        OctopusExperiment.Config c = OctopusExperiment.Config.standard(trials)
                .withDims(ExperimentCli.ints(gdDims, "gd-dims"), ExperimentCli.ints(pgdDims, "pgd-dims"));
        Path dir = ExperimentCli.outDir(out, OctopusExperiment.NAME);
        try (Parallel p = ExperimentCli.parallel(threads)) {
            OctopusExperiment.Result r = OctopusExperiment.run(c, SeedSource.of(seed, OctopusExperiment.NAME), p);
            r.write(dir);
            env.out().print(r.table(alpha));
        }
        env.out().println("wrote " + dir.resolve(OctopusExperiment.NAME + ".csv") + " and .json");
        return Main.OK;
    }
}
