package org.saddlecheck.experiment.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.cli.Main;
import org.saddlecheck.experiment.PgdDimensionExperiment;
import org.saddlecheck.experiment.SeedSource;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saddlecheck experiment pgd-dimension}: PGD's escape time from a strict saddle vs d (JIN-DIMFREE). */
@Command(name = PgdDimensionExperiment.NAME, mixinStandardHelpOptions = true,
        description = {"PGD's escape iterations from the quartic saddle (gamma = 0.1, eta = 0.5, r = 1e-3) for d = 10 .. 1e4 "
                + "(Jin et al. 2017, 'almost dimension-free'; CLAIMS.md JIN-DIMFREE).",
                "Writes pgd-dimension.csv (per run), pgd-dimension-summary.csv (per d) and pgd-dimension.json."})
public final class PgdDimensionCommand implements Callable<Integer> {
    private final Main.Env env;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default target/experiments/pgd-dimension)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "master seed (default ${DEFAULT-VALUE})")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--trials", paramLabel = "N", description = "runs per dimension (default ${DEFAULT-VALUE})")
    int trials = 100;

    @Option(names = "--dims", paramLabel = "D1,D2,...", description = "dimensions (default 10,32,100,316,1000,3162,10000)")
    String dims = "10,32,100,316,1000,3162,10000";

    @Option(names = "--control", description = "also run the negative control (fixed-std Gaussian perturbation)")
    boolean control;

    @Option(names = "--threads", paramLabel = "T", description = "worker threads, 0 = all cores (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--alpha", paramLabel = "A", description = "confidence level of the printed intervals (default ${DEFAULT-VALUE})")
    double alpha = 0.05;

    public PgdDimensionCommand(Main.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PgdDimensionExperiment.Config c = PgdDimensionExperiment.Config.standard(trials).withDims(ExperimentCli.ints(dims, "dims"));
        if (control) c = c.withControl(c.radius() / Math.sqrt(10));
        Path dir = ExperimentCli.outDir(out, PgdDimensionExperiment.NAME);
        try (Parallel p = ExperimentCli.parallel(threads)) {
            PgdDimensionExperiment.Result r = PgdDimensionExperiment.run(c, SeedSource.of(seed, PgdDimensionExperiment.NAME), p);
            r.write(dir, alpha);
            env.out().print(r.table(alpha));
        }
        env.out().println("wrote " + dir.resolve(PgdDimensionExperiment.NAME + ".csv") + " and .json");
        return Main.OK;
    }
}
