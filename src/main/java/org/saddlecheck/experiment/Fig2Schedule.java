package org.saddlecheck.experiment;

import java.util.List;
import java.util.Locale;
import org.saddlecheck.util.Require;

/**
 * A β schedule of Staib et al.'s Figure 2 (CLAIMS.md STAIB-FIG2): constant β, or β_t = 1 − C·η_t^{2/3} (§5.4),
 * clamped at 0 where C·η_t^{2/3} ≥ 1 (CLAIMS.md §8.14; with η_t ≤ 0.001 and C ≤ 1 this never happens, and the
 * experiment counts clamped steps).
 *
 * @param name     the label in the CSV and the charts ("beta=0.9", "beta_t=1-0.3*eta_t^(2/3)")
 * @param constant true for constant β
 * @param value    β (constant) or C (decreasing)
 */
public record Fig2Schedule(String name, boolean constant, double value) {
    public Fig2Schedule {
        Require.notNull("name", name);
        if (constant) Require.beta("beta", value);
        else Require.positive("C", value);
    }

    public static Fig2Schedule constantBeta(double beta) {
        Require.beta("beta", beta);
        return new Fig2Schedule("beta=" + fmt(beta), true, beta);
    }

    public static Fig2Schedule decreasing(double c) {
        Require.positive("C", c);
        return new Fig2Schedule("beta_t=1-" + fmt(c) + "*eta_t^(2/3)", false, c);
    }

    /** The paper's seven schedules: β ∈ {0.7, 0.9, 0.97, 0.99}, then C ∈ {0.1, 0.3, 1}. */
    public static List<Fig2Schedule> paper() {
        return List.of(constantBeta(0.7), constantBeta(0.9), constantBeta(0.97), constantBeta(0.99), decreasing(0.1),
                decreasing(0.3), decreasing(1));
    }

    /** β for the step with stepsize {@code eta}. */
    public double beta(double eta) {
        if (constant) return value;
        return Math.max(0.0, 1.0 - value * Math.pow(eta, 2.0 / 3.0)); // as BetaSchedule.fromSteps
    }

    /** True if β had to be clamped at 0 for this stepsize. */
    public boolean clamped(double eta) {
        if (constant) return false;
        return value * Math.pow(eta, 2.0 / 3.0) >= 1.0;
    }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
