package org.saddlecheck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Gaussian;
import org.saddlecheck.rng.Seeds;

/**
 * Boundary values, tie-breaking rules and closed forms of the statistics package, against independent references:
 * brute-force searches over Commons Statistics binomial tails, hand-computed tails, closed-form Hoeffding /
 * Bernstein half-widths with a nonzero lower range end, scipy reference values for the t power, and exact
 * bootstrap behaviour on constructed samples.
 */
class StatsBoundaryValuesTest {

    private static double sf(int n, int k, double p) { // P[Bin(n,p) >= k]
        if (k <= 0) return 1;
        if (k > n) return 0;
        return BinomialDistribution.of(n, p).survivalProbability(k - 1);
    }

    private static double cdf(int n, int k, double p) { // P[Bin(n,p) <= k]
        if (k < 0) return 0;
        if (k >= n) return 1;
        return BinomialDistribution.of(n, p).cumulativeProbability(k);
    }

    // ---------------------------------------------------------------- BinomialTest

    @Test
    void binomialTestEdgesAndTies() {
        // k = 0 and k = n are allowed; p-values are 1 and delta^n
        assertThat(BinomialTest.exceedance(10, 0, 0.2, 0.05).pValue()).isEqualTo(1.0);
        assertThat(BinomialTest.exceedance(10, 10, 0.5, 0.05).pValue()).isCloseTo(1.0 / 1024, within(1e-17));
        // a p-value equal to alpha is not a rejection (reject iff p < alpha)
        double p = BinomialTest.upperTail(20, 5, 0.1);
        assertThat(BinomialTest.exceedance(20, 5, 0.1, p).rejected()).isFalse();
        assertThat(BinomialTest.exceedance(20, 5, 0.1, Math.nextUp(p)).rejected()).isTrue();
        // lower tail at k = 0 is (1 - p)^n, and 0 below
        assertThat(BinomialTest.lowerTail(10, 0, 0.5)).isCloseTo(1.0 / 1024, within(1e-17));
        assertThat(BinomialTest.lowerTail(10, -1, 0.5)).isEqualTo(0.0);
        assertThat(BinomialTest.lowerTail(10, 10, 0.5)).isEqualTo(1.0);
        // P[Bin(4, 0.3) <= 1] = 0.7^4 + 4 * 0.3 * 0.7^3
        assertThat(BinomialTest.lowerTail(4, 1, 0.3)).isCloseTo(Math.pow(0.7, 4) + 4 * 0.3 * Math.pow(0.7, 3), within(1e-15));
        String rej = BinomialTest.exceedance(250, 30, 0.05, 1e-5).describe();
        assertThat(rej).contains("30/250").contains("< alpha").doesNotContain(">= alpha");
        String acc = BinomialTest.exceedance(250, 29, 0.05, 1e-5).describe();
        assertThat(acc).contains(">= alpha");
    }

    // ---------------------------------------------------------------- ClopperPearson

    @Test
    void clopperPearsonOneSidedValidationAndClosedInterval() {
        assertThatThrownBy(() -> ClopperPearson.upper(4, 3, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k = 4");
        assertThatThrownBy(() -> ClopperPearson.lower(1, 0, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n = 0");
        assertThatThrownBy(() -> ClopperPearson.lower(-1, 5, 0.05)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k = -1");
        ClopperPearson.Interval iv = new ClopperPearson.Interval(0.25, 0.75);
        assertThat(iv.contains(0.25)).isTrue();
        assertThat(iv.contains(0.75)).isTrue();
        assertThat(iv.contains(Math.nextDown(0.25))).isFalse();
        assertThat(iv.contains(Math.nextUp(0.75))).isFalse();
        // k = n/2 = 1 of 2 at one-sided 10%: lower solves 1 - (1-p)^2 = 0.1
        assertThat(ClopperPearson.lower(1, 2, 0.1)).isCloseTo(1 - Math.sqrt(0.9), within(1e-12));
        assertThat(ClopperPearson.upper(1, 2, 0.1)).isCloseTo(Math.sqrt(0.9), within(1e-12));
    }

    // ---------------------------------------------------------------- MeanBound

    @Test
    void hoeffdingAndBernsteinWithANonzeroLowerEnd() {
        double[] x = {2.5, 3.0, 3.5, 4.0}; // in [2, 5]: range 3, mean 3.25, variance 5/12
        MeanBound.Estimate h = MeanBound.hoeffding(x, 2, 5, 0.01);
        assertThat(h.halfWidth()).isCloseTo(3 * Math.sqrt(Math.log(100) / 8), within(1e-13));
        assertThat(h.mean()).isEqualTo(3.25);
        assertThat(h.sd()).isCloseTo(Math.sqrt(5.0 / 12), within(1e-14));
        assertThat(h.method()).isEqualTo(MeanBound.Method.HOEFFDING);
        MeanBound.Estimate b = MeanBound.empiricalBernstein(x, 2, 5, 0.01);
        double l = Math.log(200);
        assertThat(b.halfWidth()).isCloseTo(Math.sqrt(2 * (5.0 / 12) * l / 4) + 7 * 3 * l / 9, within(1e-12));
        assertThat(b.sd()).isCloseTo(Math.sqrt(5.0 / 12), within(1e-14));
        // a single sample: sd 0 (no variance estimate), half-width (b-a) sqrt(ln(1/alpha)/2)
        MeanBound.Estimate one = MeanBound.hoeffding(new double[] {4}, 2, 5, 0.05);
        assertThat(one.sd()).isEqualTo(0.0);
        assertThat(one.halfWidth()).isCloseTo(3 * Math.sqrt(Math.log(20) / 2), within(1e-13));
        // endpoints are inside [a, b]
        MeanBound.Estimate ends = MeanBound.hoeffding(new double[] {2, 5}, 2, 5, 0.05);
        assertThat(ends.mean()).isEqualTo(3.5);
        assertThat(MeanBound.empiricalBernstein(new double[] {2, 5}, 2, 5, 0.05).mean()).isEqualTo(3.5);
    }

    @Test
    void boundedEstimatorsValidateTheirInput() {
        assertThatThrownBy(() -> MeanBound.hoeffding(new double[0], 0, 1, 0.1)).hasMessageContaining("x.length = 0");
        assertThatThrownBy(() -> MeanBound.hoeffding(new double[] {0.5}, 0, 1, 0)).hasMessageContaining("alpha = 0");
        assertThatThrownBy(() -> MeanBound.hoeffding(new double[] {1, 1}, 1, 1, 0.1)).hasMessageContaining("b = 1.0");
        assertThatThrownBy(() -> MeanBound.empiricalBernstein(new double[] {0.5}, 0, 1, 0.1)).hasMessageContaining("x.length = 1");
        assertThatThrownBy(() -> MeanBound.empiricalBernstein(new double[] {0.5, 0.7}, 0, 1, 1.0)).hasMessageContaining("alpha = 1.0");
        assertThatThrownBy(() -> MeanBound.empiricalBernstein(new double[] {0.5, 2}, 0, 1, 0.1))
                .hasMessageContaining("x[1] = 2.0").hasMessageContaining("[a, b] = [0.0, 1.0]");
        assertThatThrownBy(() -> MeanBound.empiricalBernstein(new double[] {-0.5, 0.2}, 0, 1, 0.1)).hasMessageContaining("x[0] = -0.5");
        assertThatThrownBy(() -> MeanBound.hoeffding(new double[] {0.5}, 0, Double.NaN, 0.1)).hasMessageContaining("b = NaN");
    }

    @Test
    void varianceIsStableForLargeOffsets() {
        // {0, 0, 1} shifted by 1e9: sample variance 1/3 whatever the offset
        double[] x = {1e9, 1e9, 1e9 + 1};
        MeanBound.Estimate e = MeanBound.studentT(x, 0.05);
        assertThat(e.sd()).isCloseTo(Math.sqrt(1.0 / 3), within(1e-6));
        double[] y = {1e12 + 1, 1e12 + 2, 1e12 + 2, 1e12 + 4, 1e12 + 6};
        assertThat(MeanBound.studentT(y, 0.05).sd()).isCloseTo(Math.sqrt(4.0), within(1e-3)); // values 1,2,2,4,6: var 4
    }

    @Test
    void expectationTestsAtTheirBoundaries() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double lower = MeanBound.studentT(x, 0.05).lower();
        assertThat(MeanBound.atMost(x, lower, 0.05).violated()).isFalse(); // lower == bound: not a violation
        assertThat(MeanBound.atMost(x, Math.nextDown(lower), 0.05).violated()).isTrue();

        // bounded test: each estimator at alpha/2; with n = 4 Hoeffding is the tighter one
        double[] u = {0.1, 0.2, 0.3, 0.4};
        MeanBound.ExpectationTest t = MeanBound.atMostBounded(u, 0, 1, 0.9, 0.02);
        assertThat(t.estimate().method()).isEqualTo(MeanBound.Method.HOEFFDING);
        assertThat(t.estimate().alpha()).isEqualTo(0.01);
        assertThat(t.estimate().halfWidth()).isCloseTo(Math.sqrt(Math.log(100) / 8), within(1e-14));
        double hl = t.estimate().lower();
        assertThat(MeanBound.atMostBounded(u, 0, 1, hl, 0.02).violated()).isFalse();
        assertThat(MeanBound.atMostBounded(u, 0, 1, Math.nextDown(hl), 0.02).violated()).isTrue();

        // many samples with small variance: empirical Bernstein is the tighter one
        double[] many = new double[4000];
        for (int i = 0; i < many.length; i++) many[i] = i % 2 == 0 ? 0.49 : 0.51;
        MeanBound.ExpectationTest bt = MeanBound.atMostBounded(many, 0, 1, 0.6, 0.02);
        assertThat(bt.estimate().method()).isEqualTo(MeanBound.Method.EMPIRICAL_BERNSTEIN);
        double v = 0.0001 * 4000 / 3999.0, l = Math.log(200);
        double bern = Math.sqrt(2 * v * l / 4000) + 7 * l / (3.0 * 3999);
        assertThat(bt.estimate().halfWidth()).isCloseTo(bern, within(1e-12));
        assertThat(bern).isLessThan(Math.sqrt(Math.log(100) / 8000));
        assertThat(bt.violated()).isFalse();
        assertThat(bt.describe()).contains("empirical-bernstein").contains("<=");

        // a single sample: Hoeffding only
        MeanBound.ExpectationTest single = MeanBound.atMostBounded(new double[] {0.5}, 0, 1, 0.9, 0.1);
        assertThat(single.estimate().method()).isEqualTo(MeanBound.Method.HOEFFDING);
        assertThat(single.estimate().halfWidth()).isCloseTo(Math.sqrt(Math.log(20) / 2), within(1e-14));
        assertThat(MeanBound.atMost(x, 1.0, 0.05).describe()).contains(">");
    }

    // ---------------------------------------------------------------- Quantiles

    private static int bruteUpperRank(int n, double q, double alpha) {
        for (int u = 1; u <= n; u++) if (sf(n, u, q) <= alpha) return u;
        return n + 1;
    }

    private static int bruteLowerRank(int n, double q, double alpha) {
        for (int l = n; l >= 1; l--) if (cdf(n, l - 1, q) <= alpha) return l;
        return 0;
    }

    @Test
    void orderStatisticRanksMatchABruteForceSearch() {
        int[] ns = {1, 2, 3, 5, 8, 13, 20, 30, 57};
        double[] qs = {0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95};
        for (int n : ns) {
            for (double q : qs) {
                List<Double> alphas = new ArrayList<>(List.of(0.001, 0.025, 0.1, 0.5, 0.8, 0.95));
                // exact ties: alpha equal to a tail probability
                for (int k = 1; k <= n; k += Math.max(1, n / 4)) {
                    double a = sf(n, k, q), c = cdf(n, k - 1, q);
                    if (a > 0 && a < 1) alphas.add(a);
                    if (c > 0 && c < 1) alphas.add(c);
                }
                for (double a : alphas) {
                    assertThat(Quantiles.upperRank(n, q, a)).as("upperRank n=%d q=%s alpha=%s", n, q, a)
                            .isEqualTo(bruteUpperRank(n, q, a));
                    assertThat(Quantiles.lowerRank(n, q, a)).as("lowerRank n=%d q=%s alpha=%s", n, q, a)
                            .isEqualTo(bruteLowerRank(n, q, a));
                }
            }
        }
    }

    @Test
    void quantileBoundsAtTheExtremeOrderStatistics() {
        double[] x = new double[30];
        for (int i = 0; i < 30; i++) x[i] = 30 - i; // 1..30
        // 0.9^30 = 0.042 <= 0.05 < P[Bin(30, .9) >= 29]: the bound is the maximum, x_(30)
        assertThat(Quantiles.upperRank(30, 0.9, 0.05)).isEqualTo(30);
        assertThat(Quantiles.upperBound(x, 0.9, 0.05)).isEqualTo(30.0);
        // symmetric: the lower bound of the 0.1-quantile is the minimum
        assertThat(Quantiles.lowerRank(30, 0.1, 0.05)).isEqualTo(1);
        assertThat(Quantiles.lowerBound(x, 0.1, 0.05)).isEqualTo(1.0);
        assertThat(x[0]).isEqualTo(30.0); // input not sorted in place
        assertThatThrownBy(() -> Quantiles.quantile(null, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x.length = 0");
    }

    // ---------------------------------------------------------------- Power

    private static int bruteCriticalK(int n, double delta, double alpha) {
        for (int k = 1; k <= n + 1; k++) if (sf(n, k, delta) <= alpha) return k;
        throw new AssertionError();
    }

    @Test
    void criticalKMatchesABruteForceSearch() {
        for (int n : new int[] {1, 2, 3, 4, 7, 10, 25, 60}) {
            for (double delta : new double[] {0.05, 0.2, 0.5, 0.8}) {
                List<Double> alphas = new ArrayList<>(List.of(1e-6, 0.01, 0.1, 0.5, 0.9, 0.99));
                for (int k = 1; k <= n; k++) {
                    double a = sf(n, k, delta);
                    if (a > 0 && a < 1) alphas.add(a);
                }
                for (double a : alphas) {
                    assertThat(Power.binomialCriticalK(n, delta, a)).as("n=%d delta=%s alpha=%s", n, delta, a)
                            .isEqualTo(bruteCriticalK(n, delta, a));
                }
            }
        }
        // no count is rare enough: n + 1
        assertThat(Power.binomialCriticalK(3, 0.5, 0.01)).isEqualTo(4);
    }

    private static int[] bruteDesign(double delta, double alt, double alpha, double power) {
        for (int n = 1; n < 5000; n++) {
            int k = bruteCriticalK(n, delta, alpha);
            if (k <= n && sf(n, k, alt) >= power) return new int[] {n, k};
        }
        throw new AssertionError();
    }

    @Test
    void binomialDesignsMatchABruteForceSearchIncludingTies() {
        // all n heads needed: P[Bin(n, .5) >= n] = 2^-n <= 0.01 first at n = 7; power 0.99^7 = 0.932
        Power.BinomialDesign d = Power.binomialTrials(0.5, 0.99, 0.01, 0.5);
        assertThat(d.n()).isEqualTo(7);
        assertThat(d.criticalK()).isEqualTo(7);
        assertThat(d.falseFailure()).isCloseTo(1.0 / 128, within(1e-17));
        assertThat(d.power()).isCloseTo(Math.pow(0.99, 7), within(1e-14));
        double[][] cases = {{0.5, 0.99, 0.01, 0.5}, {0.1, 0.3, 0.05, 0.8}, {0.2, 0.6, 0.001, 0.9}, {0.05, 0.25, 0.01, 0.7}};
        for (double[] c : cases) {
            int[] ref = bruteDesign(c[0], c[1], c[2], c[3]);
            Power.BinomialDesign got = Power.binomialTrials(c[0], c[1], c[2], c[3]);
            assertThat(new int[] {got.n(), got.criticalK()}).as("design %s", Arrays.toString(c)).containsExactly(ref);
            // ties: alpha equal to the design's false-failure rate, power equal to its power: the same design
            Power.BinomialDesign tie = Power.binomialTrials(c[0], c[1], got.falseFailure(), got.power());
            int[] refTie = bruteDesign(c[0], c[1], got.falseFailure(), got.power());
            assertThat(new int[] {tie.n(), tie.criticalK()}).containsExactly(refTie).containsExactly(got.n(), got.criticalK());
        }
        assertThatThrownBy(() -> Power.binomialTrials(0.1, 0.1, 0.01, 0.9)).hasMessageContaining("alternative = 0.1");
    }

    @Test
    void tPowerMatchesScipy() {
        // scipy: nct.sf(t.isf(alpha, n-1), n-1, effect*sqrt(n))
        assertThat(Power.tPower(10, 0.8, 0.05)).isCloseTo(0.7544247592493483, within(1e-7));
        assertThat(Power.tPower(30, 0.5, 0.01)).isCloseTo(0.6117924759120403, within(1e-7));
        assertThat(Power.tPower(2, 3.0, 0.1)).isCloseTo(0.8101590898688902, within(1e-6));
        Power.TDesign d = Power.tTrials(0.5, 1e-3, 0.9);
        assertThat(d.critical()).isCloseTo(TDistribution.of(d.n() - 1).inverseSurvivalProbability(1e-3), within(1e-12));
        assertThat(d.power()).isCloseTo(Power.tPower(d.n(), 0.5, 1e-3), within(1e-15));
        assertThat(d.effectSize()).isEqualTo(0.5);
        assertThat(d.alpha()).isEqualTo(1e-3);
    }

    @Test
    void tTrialsIsTheSmallestNEvenAtExactTies() {
        for (int n0 : new int[] {2, 3, 5, 8, 13, 21, 40, 64}) {
            double p = Power.tPower(n0, 0.7, 0.05);
            if (p >= 1) continue;
            assertThat(Power.tTrials(0.7, 0.05, p).n()).as("power = tPower(%d)", n0).isEqualTo(n0);
            assertThat(Power.tTrials(0.7, 0.05, Math.nextUp(p)).n()).isGreaterThan(n0);
        }
    }

    @Test
    void tTrialsGivesUpAtTheTrialCap() {
        assertThatThrownBy(() -> Power.tTrials(1e-6, 0.05, 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("effectSize = 1.0E-6 needs more than " + Power.MAX_TRIALS);
    }

    @Test
    void hoeffdingTrialsClosedFormAndCap() {
        // n = ceil(range^2 ln(1/alpha) / (2 margin^2)): 4 ln(1e4) / 0.5 = 73.68 -> 74
        assertThat(Power.hoeffdingTrials(2, 0.5, 1e-4)).isEqualTo(74);
        assertThat(Power.hoeffdingTrials(3, 0.3, 0.01)).isEqualTo((int) Math.ceil(9 * Math.log(100) / 0.18));
        // exactly at the cap is allowed; beyond it is not
        double l = Math.log(1 / 0.01);
        double margin = Math.sqrt(l / (2 * (Power.MAX_TRIALS - 0.5)));
        assertThat(Power.hoeffdingTrials(1, margin, 0.01)).isEqualTo(Power.MAX_TRIALS);
        assertThatThrownBy(() -> Power.hoeffdingTrials(1, margin * 0.999, 0.01)).hasMessageContaining("margin must be larger");
    }

    // ---------------------------------------------------------------- NoncentralT

    @Test
    void noncentralTWithManyDegreesOfFreedomIsTheCentralT() {
        // lambda = 0 is the central t; with 1e4 and 1e6 degrees of freedom S is concentrated near 1
        for (double nu : new double[] {1e4, 1e6}) {
            for (double c : new double[] {-1.0, 0.5, 2.0, 2.5}) {
                assertThat(NoncentralT.survival(c, nu, 0)).as("nu=%s c=%s", nu, c)
                        .isCloseTo(TDistribution.of(nu).survivalProbability(c), within(1e-9));
            }
        }
        // scipy nct.sf(2, 1e6, 1)
        assertThat(NoncentralT.survival(2.0, 1e6, 1.0)).isCloseTo(0.15865561688725652, within(1e-9));
    }

    // ---------------------------------------------------------------- SlopeFit

    private static SlopeFit.Bootstrap fixture(int resamples) {
        double[] x = {1, 2, 4, 8, 16};
        double[][] s = new double[5][30];
        UniformRandomProvider rng = Seeds.rng(99);
        Gaussian g = new Gaussian(rng);
        for (int j = 0; j < 5; j++)
            for (int i = 0; i < 30; i++) s[j][i] = Math.sqrt(x[j]) * Math.exp(0.3 * g.next());
        return SlopeFit.bootstrap(x, s, SlopeFit.median(), resamples, rng);
    }

    @Test
    void percentileAndNormalIntervalsAreTheDocumentedOnes() {
        SlopeFit.Bootstrap b = fixture(1000);
        double[] sl = b.slopes();
        assertThat(sl).hasSize(1000).isSorted();
        // two-sided: alpha/2 in each tail
        SlopeFit.RateTest two = b.test(0.5, 0.1, SlopeFit.Direction.TWO_SIDED, 0.1);
        assertThat(two.method()).isEqualTo("percentile bootstrap, 1000 resamples");
        assertThat(two.ciLow()).isEqualTo(Quantiles.sortedQuantile(sl, 0.05));
        assertThat(two.ciHigh()).isEqualTo(Quantiles.sortedQuantile(sl, 0.95));
        // one-sided: the whole alpha in one tail
        SlopeFit.RateTest most = b.test(0.5, 0.1, SlopeFit.Direction.AT_MOST, 0.1);
        assertThat(most.ciLow()).isEqualTo(Quantiles.sortedQuantile(sl, 0.1));
        assertThat(most.ciHigh()).isEqualTo(Double.POSITIVE_INFINITY);
        SlopeFit.RateTest least = b.test(0.5, 0.1, SlopeFit.Direction.AT_LEAST, 0.1);
        assertThat(least.ciHigh()).isEqualTo(Quantiles.sortedQuantile(sl, 0.9));
        assertThat(least.ciLow()).isEqualTo(Double.NEGATIVE_INFINITY);
        // alpha * resamples = 5 exactly is still a percentile interval
        assertThat(b.test(0.5, 0.1, SlopeFit.Direction.AT_MOST, 0.005).method()).startsWith("percentile");
        assertThat(b.test(0.5, 0.1, SlopeFit.Direction.AT_MOST, 0.004).method()).startsWith("normal");
        // normal interval: slope -/+ z * SE with SE the sample sd of the bootstrap slopes
        double m = Arrays.stream(sl).average().orElseThrow(), ss = 0;
        for (double v : sl) ss += (v - m) * (v - m);
        double se = Math.sqrt(ss / (sl.length - 1));
        assertThat(b.standardError()).isCloseTo(se, within(1e-12));
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability(5e-5);
        SlopeFit.RateTest norm = b.test(0.5, 0.1, SlopeFit.Direction.TWO_SIDED, 1e-4);
        assertThat(norm.method()).isEqualTo("normal bootstrap (SE from 1000 resamples)");
        assertThat(norm.ciLow()).isCloseTo(b.fit().slope() - z * se, within(1e-10));
        assertThat(norm.ciHigh()).isCloseTo(b.fit().slope() + z * se, within(1e-10));
        assertThat(norm.slope()).isEqualTo(b.fit().slope());
        assertThat(norm.alpha()).isEqualTo(1e-4);
    }

    @Test
    void rateDecisionsAtTheEdgesOfTheTolerance() {
        SlopeFit.Bootstrap b = fixture(1000);
        double lo1 = b.test(0, 0, SlopeFit.Direction.AT_MOST, 0.1).ciLow();
        double hi1 = b.test(0, 0, SlopeFit.Direction.AT_LEAST, 0.1).ciHigh();
        double lo2 = b.test(0, 0, SlopeFit.Direction.TWO_SIDED, 0.1).ciLow();
        double hi2 = b.test(0, 0, SlopeFit.Direction.TWO_SIDED, 0.1).ciHigh();
        // AT_MOST: violated iff lo > predicted + tol
        assertThat(b.test(lo1, 0, SlopeFit.Direction.AT_MOST, 0.1).violated()).isFalse();
        assertThat(b.test(Math.nextDown(lo1), 0, SlopeFit.Direction.AT_MOST, 0.1).violated()).isTrue();
        assertThat(b.test(lo1 - 0.05, 0.1, SlopeFit.Direction.AT_MOST, 0.1).violated()).isFalse();
        assertThat(b.test(lo1 - 0.15, 0.1, SlopeFit.Direction.AT_MOST, 0.1).violated()).isTrue();
        // AT_LEAST: violated iff hi < predicted - tol
        assertThat(b.test(hi1, 0, SlopeFit.Direction.AT_LEAST, 0.1).violated()).isFalse();
        assertThat(b.test(Math.nextUp(hi1), 0, SlopeFit.Direction.AT_LEAST, 0.1).violated()).isTrue();
        assertThat(b.test(hi1 + 0.05, 0.1, SlopeFit.Direction.AT_LEAST, 0.1).violated()).isFalse();
        assertThat(b.test(hi1 + 0.15, 0.1, SlopeFit.Direction.AT_LEAST, 0.1).violated()).isTrue();
        // TWO_SIDED: both sides
        assertThat(b.test(lo2, 0, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isFalse();
        assertThat(b.test(Math.nextDown(lo2), 0, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isTrue();
        assertThat(b.test(hi2, 0, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isFalse();
        assertThat(b.test(Math.nextUp(hi2), 0, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isTrue();
        assertThat(b.test(lo2 - 0.05, 0.1, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isFalse();
        assertThat(b.test(hi2 + 0.05, 0.1, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isFalse();
        assertThat(b.test(hi2 + 0.15, 0.1, SlopeFit.Direction.TWO_SIDED, 0.1).violated()).isTrue();
        assertThat(b.test(lo2 - 0.15, 0.1, SlopeFit.Direction.TWO_SIDED, 0.1).describe()).contains("VIOLATED").contains("two-sided");
    }

    @Test
    void olsSlopeIsAccurateForANarrowSweepAtLargeMagnitudes() {
        // log x is about 690.8 with a spread of 3e-4: centring must not lose the slope to cancellation
        for (double[] x : new double[][] {{1e300, 1.0001e300, 1.0003e300}, {1e300, 1.001e300, 1.002e300}, {1e-300, 1.001e-300, 1.003e-300}}) {
            double[] y = new double[x.length];
            for (int j = 0; j < x.length; j++) y[j] = Math.sqrt(x[j]);
            SlopeFit.Fit f = SlopeFit.ols(x, y);
            assertThat(f.slope()).as("x = %s", Arrays.toString(x)).isCloseTo(0.5, within(1e-6));
        }
    }

    @Test
    void bootstrapEdgeCases() {
        double[] x = {1, 4};
        // one trial per point: every resample is the data itself, so every bootstrap slope is the fitted slope
        SlopeFit.Bootstrap one = SlopeFit.bootstrap(x, new double[][] {{3}, {6}}, SlopeFit.median(), 100, Seeds.rng(5));
        assertThat(one.slopes()).hasSize(100);
        for (double s : one.slopes()) assertThat(s).isCloseTo(0.5, within(1e-14)); // log 2 / log 4
        assertThat(one.fit().slope()).isCloseTo(0.5, within(1e-14));

        // mean statistic; a zero mean resample ({0, 0}) is dropped, not fitted as log 0
        double[][] zeros = {{0, 2}, {4, 8}};
        SlopeFit.Bootstrap bz = SlopeFit.bootstrap(x, zeros, SlopeFit.mean(), 400, Seeds.rng(6));
        assertThat(bz.fit().slope()).isCloseTo(Math.log(6) / Math.log(4), within(1e-14)); // means 1 and 6
        assertThat(bz.slopes().length).isLessThan(400).isGreaterThanOrEqualTo(200);
        for (double s : bz.slopes()) assertThat(s).isFinite();

        // exactly half of the resamples usable is accepted; fewer is not
        int[] calls = {0};
        SlopeFit.Statistic half = s -> {
            int c = calls[0]++;
            if (c < 2) return c == 0 ? 1 : 2; // the point estimates
            int b = (c - 2) / 2, j = (c - 2) % 2;
            return b % 2 == 0 ? (j == 0 ? 1 : 2) : -1;
        };
        SlopeFit.Bootstrap bh = SlopeFit.bootstrap(x, new double[][] {{1, 1}, {2, 2}}, half, 100, Seeds.rng(7));
        assertThat(bh.slopes()).hasSize(50);
        for (double s : bh.slopes()) assertThat(s).isCloseTo(0.5, within(1e-14));
        int[] calls2 = {0};
        SlopeFit.Statistic none = s -> calls2[0]++ < 2 ? 1 : 0;
        assertThatThrownBy(() -> SlopeFit.bootstrap(x, new double[][] {{1}, {1}}, none, 100, Seeds.rng(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("= 0 is not allowed").hasMessageContaining("at least half of 100");

        assertThatThrownBy(() -> SlopeFit.bootstrap(null, zeros, SlopeFit.mean(), 100, Seeds.rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x is null");
        assertThatThrownBy(() -> SlopeFit.bootstrap(x, new double[][] {{1}, {}}, SlopeFit.mean(), 100, Seeds.rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples[1].length = 0");
        assertThatThrownBy(() -> SlopeFit.bootstrap(x, zeros, SlopeFit.mean(), 99, Seeds.rng(1))).hasMessageContaining("resamples = 99");
        assertThat(zeros[0]).containsExactly(0, 2); // samples not modified
    }
}
