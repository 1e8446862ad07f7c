package org.saddlecheck.experiment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.PgdDimensionExperiment;
import org.saddlecheck.experiment.SeedSource;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment pgd-dimension}: PGD's escape time from a strict saddle vs d
 * ({@link PgdDimensionExperiment}, JIN-DIMFREE). Writes DIR/pgd-dimension.csv, -summary.csv and .json and prints a
 * table. Exit 0 on success, 2 on bad usage.
 */
@Command(name = PgdDimensionExperiment.NAME, mixinStandardHelpOptions = true,
        description = {"PGD's escape iterations from the quartic saddle (gamma = 0.1, eta = 0.5, r = 1e-3) for d = 10 .. 1e4 "
                + "(Jin et al. 2017, 'almost dimension-free'; CLAIMS.md JIN-DIMFREE).",
                "Writes DIR/pgd-dimension.csv (sampler,d,trial,escapeIterations,censored), DIR/pgd-dimension-summary.csv "
                        + "(sampler,d,median,q10,q90,censored,trials) and DIR/pgd-dimension.json."})
public final class PgdDimensionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: target/experiments/pgd-dimension).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--trials", paramLabel = "N", description = "Runs per dimension, >= 3 (default: ${DEFAULT-VALUE}).")
    int trials = 100;

    @Option(names = "--dims", paramLabel = "D1,D2,...", description = "Dimensions, each >= 2 (default: ${DEFAULT-VALUE}).")
    String dims = "10,32,100,316,1000,3162,10000";

    @Option(names = "--control", description = "Also run the negative control (Gaussian perturbation with a fixed per-coordinate std).")
    boolean control;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--alpha", paramLabel = "A", description = "1 - confidence of the printed intervals, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double alpha = 0.05;

    /** For picocli and the command registry. */
    public PgdDimensionCommand() {}

    @Override
    public Integer call() {
        ExperimentCli.atLeast(spec, "--trials", trials, 3);
        if (!(alpha > 0 && alpha < 1)) throw ExperimentCli.usage(spec, "alpha = " + alpha + " is not allowed: --alpha must be in (0, 1)");
        int[] d = ExperimentCli.ints(spec, dims, "--dims", 2);
        if (d.length < 2 || java.util.Arrays.stream(d).distinct().count() < 2) {
            throw ExperimentCli.usage(spec, "dims = " + dims + " is not allowed: --dims needs at least two distinct dimensions");
        }
        PgdDimensionExperiment.Config c = PgdDimensionExperiment.Config.standard(trials).withDims(d);
        if (control) c = c.withControl(c.radius() / Math.sqrt(10));
        Path dir = ExperimentCli.outDir(out, PgdDimensionExperiment.NAME);
        PrintWriter o = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        try (Parallel p = ExperimentCli.parallel(spec, threads)) {
            PgdDimensionExperiment.Result r = PgdDimensionExperiment.run(c, SeedSource.of(seed, PgdDimensionExperiment.NAME), p);
            r.write(dir, alpha);
            o.print(r.table(alpha));
        }
        o.flush();
        spec.commandLine().getErr().printf("wrote %s, %s-summary.csv and .json (%.1f s)%n",
                dir.resolve(PgdDimensionExperiment.NAME + ".csv").toAbsolutePath(), PgdDimensionExperiment.NAME, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
