package org.saddlecheck.experiment.cli;

import java.nio.file.Path;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.experiment.ExperimentIo;
import org.saddlecheck.util.Require;

/** Shared option handling of the experiment commands: output directory default and the trial thread pool. */
final class ExperimentCli {
    private ExperimentCli() {}

    static Path outDir(Path given, String name) {
        return given != null ? given : ExperimentIo.defaultDir(name);
    }

    static Parallel parallel(int threads) {
        Require.that(threads >= 0, "threads", threads, "an integer >= 0 (0 = all cores)");
        return threads == 0 ? Parallel.allCores() : new Parallel(threads);
    }

    static int[] ints(String csv, String name) {
        Require.notNull(name, csv);
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " = " + csv + " is not allowed: " + name
                        + " must be a comma-separated list of integers", e);
            }
        }
        return out;
    }
}
