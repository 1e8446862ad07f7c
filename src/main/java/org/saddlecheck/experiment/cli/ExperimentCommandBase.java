package org.saddlecheck.experiment.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options and plumbing shared by the {@code saddlecheck experiment} subcommands ({@link Fig1Command},
 * {@link ReddiCommand}): {@code --seed}, {@code --threads}, usage errors (exit 2) and the closing report. Each
 * subcommand declares its own {@code --trials}, {@code --steps} and {@code --out} (their defaults and wording differ).
 */
abstract class ExperimentCommandBase implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    /** A usage error unless {@code value >= min}: "name = value is not allowed: --name must be an integer >= min". */
    final void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw usage(option + " = " + value + " is not allowed: --" + option + " must be an integer >= " + min);
        }
    }

    /** --threads, or all cores when absent; a usage error below 1. */
    final int threadCount() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        requireAtLeast("threads", n, 1);
        return n;
    }

    /** Prints the table to stdout and "wrote DIR/name.csv and DIR/name.json (s)" to stderr; t0 from System.nanoTime(). */
    final void report(String table, Path out, String name, long t0) {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        o.print(table);
        o.flush();
        e.printf("wrote %s and %s (%.1f s)%n", out.resolve(name + ".csv").toAbsolutePath(), out.resolve(name + ".json").toAbsolutePath(),
                (System.nanoTime() - t0) / 1e9);
        e.flush();
    }

    private ParameterException usage(String msg) {
        return new ParameterException(spec.commandLine(), msg);
    }
}
