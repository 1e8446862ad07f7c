package org.saddlecheck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.saddlecheck.report.ReportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck report}: writes the HTML report from saved results (one or more claims.json shards, merged
 * by claim id) and the experiments' CSV/JSON — never from live runs.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the HTML report (index.html and one page per claim) from saved claims.json files.")
final class ReportCommand implements Callable<Integer> {
    private final Main.Env env;

    @Spec
    CommandSpec spec;

    @Option(names = "--results", paramLabel = "FILE",
            description = "A claims.json results file; repeat to merge shards (default: target/claims/claims.json).")
    List<Path> results = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default: reports).")
    Path out = Path.of("reports");

    @Option(names = "--experiments", paramLabel = "DIR", description = "Experiments directory (default: target/experiments).")
    Path experiments = Path.of("target/experiments");

    @Option(names = "--root", paramLabel = "DIR", description = "Project root, for proofs-notes links (default: .).")
    Path root = Path.of(".");

    ReportCommand(Main.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = results.isEmpty() ? List.of(Path.of("target/claims/claims.json")) : results;
        ReportGenerator.GeneratedReport r;
        try {
            r = ReportGenerator.generate(files, experiments, root, out);
        } catch (IllegalArgumentException e) {
            // bad input (a missing results file, an --out directory that is not a report, ...): usage error, exit 2
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        env.out().println("report: " + r.index().toAbsolutePath() + " (" + r.claims() + " claims)");
        for (String w : r.warnings()) env.err().println("warning: " + w);
        return Main.OK;
    }
}
