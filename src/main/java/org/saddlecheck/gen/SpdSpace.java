package org.saddlecheck.gen;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.util.Require;

/**
 * The space of {@link SpdParams}: d uniform in [minD, maxD], the spectrum kind uniform among the allowed ones,
 * λ_max log-uniform in [lambdaLo, lambdaHi], κ log-uniform in [1, kappaMax]. Shrinking moves toward the smallest
 * d, then simpler spectrum kinds, a smaller κ and λ_max = 1 (if allowed); mutation changes one coordinate.
 */
public final class SpdSpace implements Space<SpdParams> {
    private final int minD, maxD;
    private final List<SpectrumKind> kinds;
    private final double lambdaLo, lambdaHi, kappaMax;

    public SpdSpace(int minD, int maxD, Set<SpectrumKind> kinds, double lambdaLo, double lambdaHi, double kappaMax) {
        Require.positive("minD", minD);
        Require.that(maxD >= minD, "maxD", maxD, ">= minD = " + minD);
        Require.that(kinds != null && !kinds.isEmpty(), "kinds", kinds, "a non-empty set of spectrum kinds");
        Require.positive("lambdaLo", lambdaLo);
        Require.that(Double.isFinite(lambdaHi) && lambdaHi >= lambdaLo, "lambdaHi", lambdaHi, "finite and >= lambdaLo = " + lambdaLo);
        Require.that(Double.isFinite(kappaMax) && kappaMax >= 1, "kappaMax", kappaMax, "a finite number >= 1");
        this.minD = minD;
        this.maxD = maxD;
        this.kinds = List.copyOf(EnumSet.copyOf(kinds)); // enum order = simplicity order
        this.lambdaLo = lambdaLo;
        this.lambdaHi = lambdaHi;
        this.kappaMax = kappaMax;
    }

    /** All kinds, d ∈ [1, maxD], λ_max ∈ [0.1, 10], κ ≤ 1e4 (NEAR_SINGULAR raises κ to 1e8). */
    public static SpdSpace standard(int maxD) {
        return new SpdSpace(1, maxD, EnumSet.allOf(SpectrumKind.class), 0.1, 10, 1e4);
    }

    @Override
    public SpdParams draw(UniformRandomProvider rng) {
        int d = minD + rng.nextInt(maxD - minD + 1);
        SpectrumKind k = kinds.get(rng.nextInt(kinds.size()));
        return new SpdParams(d, k, logUniform(rng, lambdaLo, lambdaHi), logUniform(rng, 1, kappaMax));
    }

    @Override
    public List<SpdParams> shrink(SpdParams p) {
        Set<SpdParams> out = new LinkedHashSet<>();
        int d = p.d();
        if (d > minD) {
            out.add(p.withD(minD));
            if (d / 2 > minD) out.add(p.withD(d / 2));
            out.add(p.withD(d - 1));
        }
        for (SpectrumKind k : kinds) {
            if (k.ordinal() >= p.kind().ordinal()) break;
            out.add(p.withKind(k));
        }
        if (p.kappa() > 2) {
            out.add(p.withKappa(1));
            out.add(p.withKappa(Math.sqrt(p.kappa())));
        }
        if (p.lambdaMax() != 1 && lambdaLo <= 1 && lambdaHi >= 1) out.add(p.withLambdaMax(1));
        out.remove(p);
        return new ArrayList<>(out);
    }

    @Override
    public SpdParams mutate(SpdParams p, UniformRandomProvider rng) {
        switch (rng.nextInt(4)) {
            case 0 -> {
                int d = Math.max(minD, Math.min(maxD, p.d() + (rng.nextBoolean() ? 1 : -1)));
                return p.withD(d);
            }
            case 1 -> {
                double k = Math.exp(Math.log(p.kappa()) + (2 * rng.nextDouble() - 1));
                return p.withKappa(Math.max(1, Math.min(kappaMax, k)));
            }
            case 2 -> {
                double l = Math.exp(Math.log(p.lambdaMax()) + 0.5 * (2 * rng.nextDouble() - 1));
                return p.withLambdaMax(Math.max(lambdaLo, Math.min(lambdaHi, l)));
            }
            default -> {
                return p.withKind(kinds.get(rng.nextInt(kinds.size())));
            }
        }
    }

    static double logUniform(UniformRandomProvider rng, double lo, double hi) {
        if (hi == lo) return lo;
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
    }
}
