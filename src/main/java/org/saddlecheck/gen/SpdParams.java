package org.saddlecheck.gen;

import java.util.Locale;
import org.saddlecheck.util.Require;

/**
 * Parameters of a random SPD matrix G = Q diag(λ) Qᵀ (CLAIMS.md §7.1): dimension, spectrum kind, λ_max and
 * condition number. {@code kappa} is normalised to what the kind realises ({@link SpectrumKind#effectiveKappa}),
 * so equal parameters describe equal distributions.
 */
public record SpdParams(int d, SpectrumKind kind, double lambdaMax, double kappa) {
    public SpdParams {
        Require.positive("d", d);
        Require.notNull("kind", kind);
        Require.positive("lambdaMax", lambdaMax);
        Require.that(Double.isFinite(kappa) && kappa >= 1, "kappa", kappa, "a finite number >= 1");
        kappa = kind.effectiveKappa(d, kappa);
    }

    public double lambdaMin() {
        return lambdaMax / kappa;
    }

    public SpdParams withD(int newD) {
        return new SpdParams(newD, kind, lambdaMax, kappa);
    }

    public SpdParams withKind(SpectrumKind k) {
        return new SpdParams(d, k, lambdaMax, kappa);
    }

    public SpdParams withKappa(double k) {
        return new SpdParams(d, kind, lambdaMax, k);
    }

    public SpdParams withLambdaMax(double l) {
        return new SpdParams(d, kind, l, kappa);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "d=%d %s lambdaMax=%.4g kappa=%.4g", d, kind, lambdaMax, kappa);
    }
}
