package org.saddlecheck.guard;

import java.util.Locale;
import org.saddlecheck.util.Require;

/**
 * The per-entry tolerance of the golden-trajectory guard: a recorded value {@code was} and a recomputed value
 * {@code now} agree when {@code |now − was| ≤ absolute + relative·max(|was|, |now|)} (NaN agrees only with NaN,
 * ±∞ only with itself).
 *
 * <p><b>Why {@link #DEFAULT} = 1e-9 relative + 1e-12 absolute.</b> A golden trajectory is a deterministic function
 * of the code and a fixed seed: since Java 17 every {@code +, −, ×, ÷} and {@code Math.sqrt} is IEEE-exact on every
 * platform (JEP 306), so an unchanged build reproduces the baseline bit for bit. The tolerance only absorbs what may
 * legitimately differ without a change in the mathematics: the last-ulp freedom of {@code Math.pow/exp/log/sin/cos}
 * (JIT intrinsics vs. the interpreter, other JDKs) and floating-point reassociation by a refactoring (a dot product
 * summed in another order), each ~1e-16 relative per operation, amplified over 50–200 steps near a saddle (the
 * unstable direction grows by (1 + η|λ|)^k). Measured: moving every coordinate of the start point by one ulp moves
 * no recorded entry of any catalogued trajectory by more than ~5e-12 relative (beyond 1e-13 absolute), a margin of
 * 200 below this tolerance ({@code GoldenBaselineTest.lastUlpChangeOfTheStartStaysFarWithinTolerance}). A real change of an update rule moves entries by
 * 1e-6 to 1e-1 relative (CLAIMS.md §8.3, §8.13 — β^t for β^(t−1), ε inside vs. outside the root, a dropped √), at
 * least three orders of magnitude above 1e-9. The absolute part only matters for entries that are 0 up to rounding
 * (a coordinate that stayed at 0, a cancelled accumulator entry), where a relative test is meaningless; 1e-12 is far
 * below every state entry of interest in the fixtures (≥ 1e-8).
 *
 * <p>This record is the one place the guard's tolerance is stated; the baseline files repeat it in their header
 * ({@link #describe()}) for the reader.
 *
 * @param relative relative tolerance, finite and ≥ 0
 * @param absolute absolute tolerance, finite and ≥ 0
 */
public record Tolerance(double relative, double absolute) {
    /** 1e-9 relative + 1e-12 absolute per entry (see the class comment for the reasoning). */
    public static final Tolerance DEFAULT = new Tolerance(1e-9, 1e-12);

    public Tolerance {
        Require.nonNegative("relative", relative);
        Require.nonNegative("absolute", absolute);
    }

    /** Whether {@code was} and {@code now} agree within this tolerance (NaN = NaN; infinities must match exactly). */
    public boolean agrees(double was, double now) {
        if (Double.isNaN(was) || Double.isNaN(now)) return Double.isNaN(was) && Double.isNaN(now);
        if (Double.isInfinite(was) || Double.isInfinite(now)) return was == now;
        return Math.abs(now - was) <= absolute + relative * Math.max(Math.abs(was), Math.abs(now));
    }

    /**
     * The relative change |now − was|/max(|was|, |now|) (0 when both are 0; NaN when either is non-finite), the
     * number quoted in failure messages.
     */
    public static double relativeChange(double was, double now) {
        if (!Double.isFinite(was) || !Double.isFinite(now)) return Double.NaN;
        double scale = Math.max(Math.abs(was), Math.abs(now));
        return scale == 0 ? 0.0 : Math.abs(now - was) / scale;
    }

    /** E.g. {@code "relative 1e-9 + absolute 1e-12 per entry"}; written into every baseline header. */
    public String describe() {
        return "relative " + shortNumber(relative) + " + absolute " + shortNumber(absolute)
                + " per entry: |now - was| <= absolute + relative * max(|was|, |now|)";
    }

    /** Two significant digits in scientific notation without exponent padding: 0.0123 → "1.2e-2". */
    static String shortNumber(double v) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return Double.toString(v);
        String s = String.format(Locale.ROOT, "%.1e", v); // e.g. "1.0e-09"
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) mantissa = mantissa.substring(0, mantissa.length() - 2);
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exp;
    }
}
