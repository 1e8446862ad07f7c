package org.saddlecheck.claims;

/**
 * Observed/bound ratios over the instances a claim examined: min, median, max, and a description of the
 * worst instance found (the one with the largest ratio; found by targeted search where the claim does one).
 */
public record Tightness(double min, double median, double max, String worst) {

    /** Summarises a non-empty array of ratios; {@code worst} describes the argmax instance. */
    public static Tightness of(double[] ratios, String worst) {
        if (ratios.length == 0) throw new IllegalArgumentException("ratios is empty: at least one ratio is needed");
        double[] s = ratios.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Tightness(s[0], med, s[n - 1], worst);
    }
}
