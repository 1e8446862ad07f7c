package org.saddlecheck.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment NAME …}: parent of the paper experiments. Register an experiment by adding its
 * picocli command object to {@link #experiments(Main.Env)}.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "NAME",
        description = "Reproduce one of the papers' experiments.")
final class ExperimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    ExperimentCommand(Main.Env env) {
        this.env = env;
    }

    private final Main.Env env;

    /** The experiment subcommands. Add new experiments here. */
    static List<Object> experiments(Main.Env env) {
        List<Object> l = new ArrayList<>();
        l.add(new org.saddlecheck.experiment.cli.Fig1Command());
        l.add(new org.saddlecheck.experiment.cli.ReddiCommand());
        l.add(new Fig2Command(env));
        l.add(new org.saddlecheck.experiment.cli.PgdDimensionCommand());
        l.add(new org.saddlecheck.experiment.cli.MatrixFactorizationCommand());
        l.add(new org.saddlecheck.experiment.cli.OctopusCommand());
        return l;
    }

    @Override
    public void run() {
        String names = String.join(", ", spec.subcommands().keySet());
        throw new ParameterException(spec.commandLine(), "missing experiment name: one of "
                + (names.isEmpty() ? "(none registered yet)" : names) + " is required");
    }

    /** Adds {@link #experiments} as subcommands of the given command line for this command. */
    static void register(CommandLine experimentLine, Main.Env env) {
        for (Object e : experiments(env)) experimentLine.addSubcommand(e);
    }
}
