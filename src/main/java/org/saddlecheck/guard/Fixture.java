package org.saddlecheck.guard;

import java.util.regex.Pattern;
import org.saddlecheck.problem.Objective;
import org.saddlecheck.problem.Problem;
import org.saddlecheck.util.Require;

/**
 * A problem and a start point for golden trajectories. The key (short, file-name safe, e.g. {@code fig1}) names the
 * fixture in trajectory ids; {@link #name()} is the objective's own description (written to the baseline header).
 * Stochastic optimizers need a {@link Problem} (objective + oracle); PGD and GD only an {@link Objective}.
 *
 * @param key       short id: lower-case letters, digits, '-' and '.'
 * @param objective the objective (a {@link Problem} for stochastic methods); immutable
 * @param x0        start point (copied; finite, length {@code objective.dim()})
 */
public record Fixture(String key, Objective objective, double[] x0) {
    static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public Fixture {
        Require.notNull("key", key);
        Require.that(KEY.matcher(key).matches(), "key", key, "lower-case letters, digits, '-' and '.' (a file-name part)");
        Require.notNull("objective", objective);
        Require.length("x0", x0, objective.dim());
        x0 = Require.finite("x0", x0).clone();
    }

    /** The start point (a copy). */
    @Override
    public double[] x0() {
        return x0.clone();
    }

    /** The objective's name, e.g. {@code fig1-saddle(d=2, finite-sum)}. */
    public String name() {
        return objective.name();
    }

    /** The objective as a stochastic problem; throws if it has no oracle. */
    public Problem problem() {
        if (objective instanceof Problem p) return p;
        throw new IllegalArgumentException("fixture " + key + " (" + name() + ") is not allowed here: a stochastic "
                + "optimizer needs a Problem with a gradient oracle, not a bare Objective");
    }
}
