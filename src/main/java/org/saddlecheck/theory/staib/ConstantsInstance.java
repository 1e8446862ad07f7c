package org.saddlecheck.theory.staib;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.gen.Space;
import org.saddlecheck.gen.Spd;
import org.saddlecheck.gen.SpectrumKind;

/**
 * One instance of the preconditioner-constant sweeps (STAIB-D4.2, P4.3, P4.4, C-DIAG, S5.1, S5.2): a random SPD
 * G = Q diag(λ) Qᵀ of dimension d with spectrum kind, λ_max and κ (CLAIMS.md §7.1), and the RMSProp regulariser ε.
 */
record ConstantsInstance(int d, SpectrumKind kind, double lambdaMax, double kappa, double eps) {

    /** The catalog grid of STAIB-P4.4: κ ∈ {1, 10, 1e3, 1e6}, ε ∈ {0, 1e-8, 1e-3, 1, 1e2}, d ∈ {1, 2, 5, 50}. */
    static final double[] KAPPAS = {1, 10, 1e3, 1e6};
    static final double[] EPSILONS = {0, 1e-8, 1e-3, 1, 1e2};
    static final int[] DIMS = {1, 2, 5, 50};
    /** λ_max values crossed with the catalog grid (ε's effect depends on ε/λ). */
    static final double[] LAMBDA_MAXES = {1e-2, 1, 1e2};

    /**
     * Relative floating-point tolerance for comparing computed constants of this instance: 64·d·u·κ(G). The
     * eigendecomposition of G is backward stable (exact for G + δG, ‖δG‖ ≤ c·u‖G‖), which moves λ_min(AGA) by up to
     * ‖A‖²·u‖G‖, i.e. a relative error u·κ(G) for ν (CLAIMS.md §8.1); measured worst error / (d·u·κ(G)) is 3.6 on
     * the grid incl. κ = 1e8.
     */
    static double tolerance(int d, double kappaG) {
        return 64.0 * d * ExactLinalg.U * Math.max(1.0, kappaG);
    }

    double tolerance() {
        return tolerance(d, kappa);
    }

    /** Draws G for this instance. */
    Spd draw(UniformRandomProvider rng) {
        return ExactLinalg.spd(d, lambdaMax, kappa, kind, rng);
    }

    /** The catalog grid × {@link #LAMBDA_MAXES}, log-uniform spectra (d = 1 only with κ = 1). */
    static List<ConstantsInstance> grid() {
        List<ConstantsInstance> out = new ArrayList<>();
        for (int d : DIMS)
            for (double k : KAPPAS) {
                if (d == 1 && k != 1) continue;
                for (double e : EPSILONS)
                    for (double lm : LAMBDA_MAXES) out.add(new ConstantsInstance(d, SpectrumKind.LOG_UNIFORM, lm, k, e));
            }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "d=%d %s lambdaMax=%.4g kappa=%.4g eps=%.4g", d, kind, lambdaMax, kappa, eps);
    }

    /** Random instances for targeted search: every spectrum kind (NEAR_SINGULAR raises κ to ≥ 1e8), ε = 0 one time in five. */
    static final Space<ConstantsInstance> SPACE = new Space<>() {
        private final int[] dims = {1, 2, 3, 4, 5, 8, 13, 20, 32, 50};

        @Override
        public ConstantsInstance draw(UniformRandomProvider rng) {
            SpectrumKind[] kinds = SpectrumKind.values();
            int d = dims[rng.nextInt(dims.length)];
            SpectrumKind k = kinds[rng.nextInt(kinds.length)];
            double lm = Math.pow(10, -3 + 6 * rng.nextDouble());
            double kap = Math.pow(10, 6 * rng.nextDouble());
            double eps = rng.nextInt(5) == 0 ? 0 : Math.pow(10, -10 + 13 * rng.nextDouble());
            return normalised(d, k, lm, kap, eps);
        }

        @Override
        public List<ConstantsInstance> shrink(ConstantsInstance p) {
            List<ConstantsInstance> out = new ArrayList<>();
            if (p.d() > 1) out.add(normalised(1, p.kind(), p.lambdaMax(), p.kappa(), p.eps()));
            if (p.d() > 2) out.add(normalised(p.d() / 2, p.kind(), p.lambdaMax(), p.kappa(), p.eps()));
            if (p.kind() != SpectrumKind.LOG_UNIFORM && p.kind() != SpectrumKind.FLAT) {
                out.add(normalised(p.d(), SpectrumKind.LOG_UNIFORM, p.lambdaMax(), Math.min(p.kappa(), 1e6), p.eps()));
            }
            if (p.eps() != 0) out.add(normalised(p.d(), p.kind(), p.lambdaMax(), p.kappa(), 0));
            if (p.lambdaMax() != 1) out.add(normalised(p.d(), p.kind(), 1, p.kappa(), p.eps()));
            out.remove(p);
            return out;
        }

        @Override
        public ConstantsInstance mutate(ConstantsInstance p, UniformRandomProvider rng) {
            return switch (rng.nextInt(4)) {
                case 0 -> normalised(dims[rng.nextInt(dims.length)], p.kind(), p.lambdaMax(), p.kappa(), p.eps());
                case 1 -> normalised(p.d(), p.kind(), p.lambdaMax(), Math.min(1e8, Math.max(1, p.kappa() * Math.pow(10, 2 * rng.nextDouble() - 1))), p.eps());
                case 2 -> normalised(p.d(), p.kind(), p.lambdaMax() * Math.pow(10, rng.nextDouble() - 0.5), p.kappa(), p.eps());
                default -> normalised(p.d(), p.kind(), p.lambdaMax(), p.kappa(),
                        p.eps() == 0 ? Math.pow(10, -10 + 13 * rng.nextDouble()) : p.eps() * Math.pow(10, 2 * rng.nextDouble() - 1));
            };
        }
    };

    /** The instance with κ normalised to what the spectrum kind realises. */
    static ConstantsInstance normalised(int d, SpectrumKind k, double lm, double kap, double eps) {
        return new ConstantsInstance(d, k, lm, k.effectiveKappa(d, kap), eps);
    }
}
