package org.saddlecheck.experiment.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.cli.Main;
import org.saddlecheck.experiment.MatrixFactorizationExperiment;
import org.saddlecheck.experiment.SeedSource;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code saddlecheck experiment matrix-factorization}: PGD on ½‖UUᵀ − M*‖² from U = 0 and tiny U (JIN-MF). */
@Command(name = MatrixFactorizationExperiment.NAME, mixinStandardHelpOptions = true,
        description = {"PGD (practical parameters) on matrix factorisation from U0 = 0 and tiny random U0 over d, r and "
                + "sigma1/sigma_r (Jin et al. 2017 section 5; CLAIMS.md JIN-MF).",
                "Writes matrix-factorization.csv (distance-to-optimum curves with q10/q90 bands per (d, r, kappa)), "
                        + "matrix-factorization-runs.csv and matrix-factorization.json."})
public final class MatrixFactorizationCommand implements Callable<Integer> {
    private final Main.Env env;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default target/experiments/matrix-factorization)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "master seed (default ${DEFAULT-VALUE})")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--trials", paramLabel = "N", description = "runs per (d, r, kappa, start) cell (default ${DEFAULT-VALUE})")
    int trials = 10;

    @Option(names = "--dims", paramLabel = "D1,...", description = "dimensions d (default 10,50,200)")
    String dims = "10,50,200";

    @Option(names = "--ranks", paramLabel = "R1,...", description = "ranks r (default 1,2,5)")
    String ranks = "1,2,5";

    @Option(names = "--threads", paramLabel = "T", description = "worker threads, 0 = all cores (default ${DEFAULT-VALUE})")
    int threads;

    public MatrixFactorizationCommand(Main.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        MatrixFactorizationExperiment.Config b = MatrixFactorizationExperiment.Config.standard(trials);
        MatrixFactorizationExperiment.Config c = new MatrixFactorizationExperiment.Config(ExperimentCli.ints(dims, "dims"),
                ExperimentCli.ints(ranks, "ranks"), b.kappas(), trials, b.eps(), b.stride(), b.cap(), b.sampler());
        Path dir = ExperimentCli.outDir(out, MatrixFactorizationExperiment.NAME);
        try (Parallel p = ExperimentCli.parallel(threads)) {
            MatrixFactorizationExperiment.Result r = MatrixFactorizationExperiment.run(c, SeedSource.of(seed, MatrixFactorizationExperiment.NAME), p);
            r.write(dir);
            env.out().print(r.table());
        }
        env.out().println("wrote " + dir.resolve(MatrixFactorizationExperiment.NAME + ".csv") + " and .json");
        return Main.OK;
    }
}
