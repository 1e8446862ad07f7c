package org.saddlecheck.claims;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.saddlecheck.stats.BinomialTest;
import org.saddlecheck.stats.ClopperPearson;
import org.saddlecheck.stats.Power;

/** Claims used only by the engine and CLI tests. */
public final class TestClaims {
    private TestClaims() {}

    static ClaimInfo info(String id, ClaimKind kind) {
        return new ClaimInfo(id, "test claim " + id, Paper.STAIB2019, "test", kind, "statement of " + id, "bound of " + id,
                "proofs-notes/" + id + ".md");
    }

    /**
     * A Monte Carlo high-probability claim "P[U > 1 − δ] ≤ δ" where U is uniform on [0, 1] raised to a power so
     * that the true exceedance rate is {@code trueRate}: HOLDS when trueRate ≤ δ, VIOLATED (with high power) when
     * trueRate ≥ 3δ. Trials run on ctx.parallel() with per-trial streams.
     */
    public static Claim monteCarlo(String id, double delta, double trueRate) {
        return new Claim() {
            @Override
            public ClaimInfo info() {
                return TestClaims.info(id, ClaimKind.HIGH_PROBABILITY);
            }

            @Override
            public int statisticalTests() {
                return 1;
            }

            @Override
            public ClaimResult check(ClaimContext ctx) {
                double alpha = ctx.alphaPerTest(1);
                Power.BinomialDesign design = Power.binomialTrials(delta, Math.min(0.99, 3 * delta), alpha, 0.9);
                int n = design.n();
                // U^p with p chosen so that P[U^p > 1 - delta] = trueRate: 1 - (1 - delta)^(1/p) = trueRate
                double p = Math.log(1 - delta) / Math.log(1 - trueRate);
                List<Double> xs = ctx.parallel().map(n, i -> {
                    UniformRandomProvider rng = ctx.rng("trial", i);
                    return Math.pow(rng.nextDouble(), p);
                });
                int k = 0;
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = xs.get(i);
                    if (values[i] > 1 - delta) k++;
                }
                BinomialTest t = BinomialTest.exceedance(n, k, delta, alpha);
                ctx.progress(k + "/" + n + " exceedances");
                double[] ratio = {t.rate() / delta, ClopperPearson.upper(k, n, 0.05) / delta};
                return ClaimResult.builder(t.rejected() ? Verdict.VIOLATED : Verdict.HOLDS)
                        .trials(n).falseFailureRate(alpha).evidence(t.describe())
                        .tightness(Tightness.of(ratio, String.format(Locale.ROOT, "rate %.4f", t.rate())))
                        .exponent(new Exponent(0.33, 0.3, Double.POSITIVE_INFINITY, 1.0 / 3))
                        .detail("n", n).detail("k", k).detail("pValue", t.pValue()).detail("design", design)
                        .detail("nan", Double.NaN).detail("kind", ClaimKind.RATE).detail("verdict", Verdict.HOLDS)
                        .detail("nested", java.util.Map.of("b", 2, "a", List.of(1.5, Double.NEGATIVE_INFINITY)))
                        .series("first10", java.util.Arrays.copyOf(values, 10))
                        .series("withNaN", new double[] {1, Double.NaN, Double.POSITIVE_INFINITY})
                        .build();
            }
        };
    }

    /** A claim whose check throws. */
    public static Claim throwing(String id) {
        return new Claim() {
            @Override
            public ClaimInfo info() {
                return TestClaims.info(id, ClaimKind.EXACT);
            }

            @Override
            public int statisticalTests() {
                return 0;
            }

            @Override
            public ClaimResult check(ClaimContext ctx) {
                throw new IllegalStateException("harness bug in " + id, new ArithmeticException("root cause"));
            }
        };
    }

    /** A claim of the given kind declaring {@code tests} statistical tests, whose check is {@code check}. */
    public static Claim of(String id, ClaimKind kind, int tests, java.util.function.Function<ClaimContext, ClaimResult> check) {
        return new Claim() {
            @Override
            public ClaimInfo info() {
                return TestClaims.info(id, kind);
            }

            @Override
            public int statisticalTests() {
                return tests;
            }

            @Override
            public ClaimResult check(ClaimContext ctx) {
                return check.apply(ctx);
            }
        };
    }

    /** A deterministic claim that always returns the given verdict. */
    public static Claim fixed(String id, Verdict v) {
        return of(id, ClaimKind.EXACT, 0, ctx -> ClaimResult.builder(v).trials(1).evidence("fixed " + v.label()).build());
    }

    /** A claim that declares {@code tests} statistical tests but reports a falseFailureRate above its share. */
    public static Claim greedy(String id, int tests) {
        return of(id, ClaimKind.EXPECTATION, tests, ctx -> ClaimResult.builder(Verdict.HOLDS).falseFailureRate(ctx.alpha() * 10 + 1e-3).build());
    }
}
