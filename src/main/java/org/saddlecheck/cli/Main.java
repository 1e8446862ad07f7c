package org.saddlecheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code saddlecheck} command line (picocli): {@code list}, {@code check}, {@code experiment …}, {@code report}; {@code --help}
 * on every command and {@code --version}. Exit codes: 0 success (nothing violated), 1 a claim is VIOLATED or a
 * check threw (harness error), 2 bad usage (one line on stderr ending with "try … --help").
 *
 * <p>To add a top-level command, add it to {@link #subcommands(Env)}; experiments go in
 * {@link ExperimentCommand#experiments(Env)}.
 */
@Command(name = "saddlecheck", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Numerical, reproducible checks of the claims of Staib et al. (ICML 2019) and Jin et al. (ICML 2017).",
        synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
    /** Exit code: nothing violated. */
    public static final int OK = 0;
    /** Exit code: a claim is VIOLATED or a check threw. */
    public static final int FAILED = 1;
    /** Exit code: bad usage. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    /** What commands may use: output streams and the claims to run. */
    public record Env(PrintWriter out, PrintWriter err, Supplier<List<Claim>> claims) {}

    /** The top-level subcommands, in help order. Add new commands here. */
    static List<Object> subcommands(Env env) {
        List<Object> l = new ArrayList<>();
        l.add(new ListCommand(env));
        l.add(new CheckCommand(env));
        l.add(new ExperimentCommand(env));
        l.add(new ReportCommand(env));
        return l;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of list, check, experiment, report is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, ClaimRegistry::all));
    }

    /** Runs the command line with the given streams and claims (tests inject claims here); returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Supplier<List<Claim>> claims) {
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try {
            return commandLine(new Env(o, e, claims)).execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(Env env) {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : subcommands(env)) cl.addSubcommand(sub);
        ExperimentCommand.register(cl.getSubcommands().get("experiment"), env);
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setParameterExceptionHandler(Main::oneLineError);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            String name = cmd.getCommandSpec().qualifiedName();
            if (ex instanceof IllegalArgumentException) {
                // bad input found while running (a value, a data file): one line naming it, as for bad usage
                cmd.getErr().println(name + ": " + oneLine(ex.getMessage()));
                return USAGE;
            }
            if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
                // e.g. an output directory that cannot be written: one line, no stack trace
                Throwable io = ex instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
                cmd.getErr().println(name + ": cannot read or write files: " + oneLine(String.valueOf(io)));
                return FAILED;
            }
            cmd.getErr().println(name + ": error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return FAILED;
        });
        return cl;
    }

    private static String oneLine(String msg) {
        return String.valueOf(msg).replace('\n', ' ').trim();
    }

    /** Bad usage: one line on stderr, exit code 2. */
    static int oneLineError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String msg = String.valueOf(ex.getMessage()).replace('\n', ' ').trim();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + msg + " (try '" + name + " --help')");
        return USAGE;
    }

    /** Version from the jar's Maven metadata, else "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            if (v == null) {
                try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/org.saddlecheck/saddlecheck/pom.properties")) {
                    if (in != null) {
                        Properties p = new Properties();
                        p.load(in);
                        v = p.getProperty("version");
                    }
                } catch (IOException ignored) {
                    // fall through to "dev"
                }
            }
            return new String[] {"saddlecheck " + (v == null ? "dev" : v), "JDK " + System.getProperty("java.version")};
        }
    }
}
