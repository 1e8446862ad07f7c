package org.saddlecheck.experiment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.MatrixFactorizationExperiment;
import org.saddlecheck.experiment.SeedSource;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment matrix-factorization}: PGD on ½‖UUᵀ − M*‖² from U = 0 and tiny U
 * ({@link MatrixFactorizationExperiment}, JIN-MF). Exit 0 on success, 2 on bad usage.
 */
@Command(name = MatrixFactorizationExperiment.NAME, mixinStandardHelpOptions = true,
        description = {"PGD (practical parameters) on matrix factorisation from U0 = 0 and tiny random U0 over d, r and "
                + "sigma1/sigma_r in {1, 10} (Jin et al. 2017 section 5; CLAIMS.md JIN-MF).",
                "Writes DIR/matrix-factorization.csv (d,r,kappa,iteration,q10,median,q90 of dist(U_t, X*)), "
                        + "DIR/matrix-factorization-runs.csv and DIR/matrix-factorization.json."})
public final class MatrixFactorizationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: target/experiments/matrix-factorization).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--trials", paramLabel = "N", description = "Runs per (d, r, kappa, start) cell, >= 1 (default: ${DEFAULT-VALUE}).")
    int trials = 10;

    @Option(names = "--dims", paramLabel = "D1,...", description = "Dimensions d (default: ${DEFAULT-VALUE}).")
    String dims = "10,50,200";

    @Option(names = "--ranks", paramLabel = "R1,...", description = "Ranks r, each <= every d (default: ${DEFAULT-VALUE}).")
    String ranks = "1,2,5";

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    /** For picocli and the command registry. */
    public MatrixFactorizationCommand() {}

    @Override
    public Integer call() {
        ExperimentCli.atLeast(spec, "--trials", trials, 1);
        int[] d = ExperimentCli.ints(spec, dims, "--dims", 1);
        int[] r = ExperimentCli.ints(spec, ranks, "--ranks", 1);
        int dMin = java.util.Arrays.stream(d).min().orElse(1), rMax = java.util.Arrays.stream(r).max().orElse(1);
        if (rMax > dMin) throw ExperimentCli.usage(spec, "ranks = " + ranks + " is not allowed: every rank must be <= every dimension");
        MatrixFactorizationExperiment.Config b = MatrixFactorizationExperiment.Config.standard(trials);
        MatrixFactorizationExperiment.Config c = new MatrixFactorizationExperiment.Config(d, r, b.kappas(), trials, b.eps(), b.stride(),
                b.cap(), b.sampler());
        Path dir = ExperimentCli.outDir(out, MatrixFactorizationExperiment.NAME);
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        try (Parallel p = ExperimentCli.parallel(spec, threads)) {
            MatrixFactorizationExperiment.Result res = MatrixFactorizationExperiment.run(c,
                    SeedSource.of(seed, MatrixFactorizationExperiment.NAME), p);
            res.write(dir);
            o.print(res.table());
        }
        o.flush();
        spec.commandLine().getErr().printf("wrote %s and .json (%.1f s)%n",
                dir.resolve(MatrixFactorizationExperiment.NAME + ".csv").toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
