package org.saddlecheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimRegistry;
import org.saddlecheck.claims.ClaimRunner;
import org.saddlecheck.claims.GitCommit;
import org.saddlecheck.claims.ResultsJson;
import org.saddlecheck.claims.RunResults;
import org.saddlecheck.claims.VerdictTable;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck check}: runs claims (all catalog ids by default; ids without an implementation come out
 * INCONCLUSIVE "not yet implemented"), prints the verdict table on stdout and progress on stderr, optionally writes
 * claims.json. Exit 0 when nothing is violated, 1 on a violation or harness error, 2 on bad usage.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check claims and print a verdict table (exit 0: nothing violated, 1: a claim is VIOLATED or a check failed, 2: bad usage).")
final class CheckCommand implements Callable<Integer> {
    private final Main.Env env;

    @Spec
    CommandSpec spec;

    @Option(names = "--claim", paramLabel = "ID", split = ",", description = "Claim id to check (repeatable or comma-separated; default: all).")
    List<String> claims = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--budget", paramLabel = "B", converter = BudgetConverter.class,
            description = "quick, standard or thorough (default: standard).")
    Budget budget = Budget.STANDARD;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results (claims.json format) to FILE.")
    Path json;

    CheckCommand(Main.Env env) {
        this.env = env;
    }

    static final class BudgetConverter implements CommandLine.ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            try {
                return Budget.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw new ParameterException(spec.commandLine(), "threads = " + n + " is not allowed: --threads must be an integer >= 1");
        var universe = env.claims().get();
        try {
            ClaimRegistry.select(universe, claims);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunResults r = new ClaimRunner(seed, budget, n).gitCommit(gitCommit())
                .progress(s -> env.err().println(s)).run(universe, claims);
        env.out().print(VerdictTable.format(r));
        env.out().flush();
        if (json != null) {
            ResultsJson.write(r, json);
            env.err().println("wrote " + json.toAbsolutePath());
        }
        if (r.failed()) {
            env.err().print(VerdictTable.failures(r, c -> "java -jar target/saddlecheck.jar check --claim " + c.id()
                    + " --seed " + seed + " --budget " + budget.label()));
            return Main.FAILED;
        }
        return Main.OK;
    }

    /** The commit of the working directory's repository, else of the repository the jar was built in (target/..). */
    static String gitCommit() {
        String c = GitCommit.read(Path.of(""));
        if (!"unknown".equals(c)) return c;
        try {
            var src = CheckCommand.class.getProtectionDomain().getCodeSource();
            if (src != null) return GitCommit.read(Path.of(src.getLocation().toURI()));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no usable code source: the commit stays unknown
        }
        return c;
    }
}
