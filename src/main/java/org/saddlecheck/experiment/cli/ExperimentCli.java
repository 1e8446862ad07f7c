package org.saddlecheck.experiment.cli;

import java.nio.file.Path;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.ExperimentIo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Shared option handling of the Jin experiment commands (usage errors are picocli ParameterExceptions: exit 2). */
final class ExperimentCli {
    private ExperimentCli() {}

    static Path outDir(Path given, String name) {
        return given != null ? given : ExperimentIo.defaultDir(name);
    }

    /** Worker pool: all cores when {@code threads} is null. */
    static Parallel parallel(CommandSpec spec, Integer threads) {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw usage(spec, "threads = " + n + " is not allowed: --threads must be an integer >= 1");
        return new Parallel(n);
    }

    static void atLeast(CommandSpec spec, String option, long value, long min) {
        if (value < min) {
            throw usage(spec, option.replace("--", "") + " = " + value + " is not allowed: " + option + " must be an integer >= " + min);
        }
    }

    static int[] ints(CommandSpec spec, String csv, String option, int min) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw usage(spec, option.replace("--", "") + " = " + csv + " is not allowed: " + option
                        + " must be a comma-separated list of integers");
            }
            if (out[i] < min) {
                throw usage(spec, option.replace("--", "") + " = " + csv + " is not allowed: every entry of " + option + " must be >= " + min);
            }
        }
        return out;
    }

    static ParameterException usage(CommandSpec spec, String msg) {
        return new ParameterException(spec.commandLine(), msg);
    }
}
