package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.StepSchedule;
import org.saddlecheck.precondition.IdentityPreconditioner;
import org.saddlecheck.stats.Quantiles;

class StaibT44Test {
    static final double ALPHA = StaibT44.TESTS * 1e-6;

    static ClaimResult check(StaibT44 claim) {
        try (Parallel p = new Parallel(2)) {
            return claim.check(new ClaimContext("STAIB-T4.4", 20190126L, Budget.QUICK, ALPHA, p, null));
        }
    }

    @Test
    void holdsAtTheQuickBudget() {
        ClaimResult r = check(new StaibT44());
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.HOLDS);
        assertThat(r.falseFailureRate()).isLessThanOrEqualTo(ALPHA);
        assertThat(r.exponent().predicted()).isEqualTo(-5);
        assertThat(r.exponent().fitted()).isGreaterThan(-5);
        assertThat(r.series()).containsKeys("x", "y");
        @SuppressWarnings("unchecked")
        Map<String, Object> rate = (Map<String, Object>) r.details().get("rateExploratory");
        assertThat(rate.get("label")).isEqualTo("exploratory — constants unknown");
        assertThat(rate.get("cappedRuns")).isEqualTo(0);
        assertThat(new StaibT44().statisticalTests()).isEqualTo(7);
    }

    /** A dropped factor: the SGD used by the mechanism checks takes 2η. Escape times halve and miss the prediction. */
    @Test
    void violatedWhenTheStepsizeIsDoubled() {
        ClaimResult r = check(new StaibT44((p, eta) -> Algorithms.sgd(p, 2 * eta)));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.details().get("escapeVsNoise");
        assertThat(rows.get(3).get("verdict")).isEqualTo("VIOLATED");
    }

    /**
     * A planted method slower than τ^{−5}: the surrogate's stepsize scales like τ^6 (matching the paper's c1τ^{5/2} at
     * τ0 = 0.05), so the time to a SOSP grows like τ^{−6}. The order-statistic extrapolation test must say VIOLATED.
     */
    @Test
    void violatedWhenTheMethodIsSlowerThanTauMinus5() {
        double tau0 = StaibT44.TAUS[0];
        StaibT44.RateFactory slow = (p, tau) -> Algorithms.alg4(p,
                StepSchedule.constant(StaibT44.C1 * Math.pow(tau0, 2.5) * Math.pow(tau / tau0, 6)), StaibT44.C2 * tau,
                StaibT44.tThresh(tau), null, new IdentityPreconditioner(2));
        ClaimResult r = check(new StaibT44(StaibT44.SGD, slow));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        @SuppressWarnings("unchecked")
        Map<String, Object> rate = (Map<String, Object>) r.details().get("rateExploratory");
        assertThat(rate.get("verdict")).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("slower than tau^-5");
    }

    /** The default surrogate at the quick budget: every median far below its τ^{−5} extrapolation, no capped run. */
    @Test
    void rateTrialsMakeTheBoundsFinite() {
        double a = 1e-6;
        int n = StaibT44.rateTrials(20, a);
        assertThat(Quantiles.upperRank(n, 0.5, a / 2)).isLessThanOrEqualTo(n);
        assertThat(Quantiles.lowerRank(n, 0.5, a / 10)).isGreaterThanOrEqualTo(1);
        assertThat(StaibT44.rateTrials(40, a)).isEqualTo(40);
    }

    @Test
    void linearisedPredictionAndExactParts() {
        // CLAIMS.md: FIG1 SGD eta = 0.01 (k = 1e-3, s = 1e-3, R = 0.33) predicts 3086
        assertThat(StaibT44.predictedMedian(0.01, 0.1, 0.1, 0.33)).isBetween(3085.0, 3087.0);
        assertThat(StaibT44.noiselessDrift(false, 2000)).isZero();
        assertThat(StaibT44.noiselessDrift(true, 2000)).isZero();
        double[] inst = StaibT44.instability(1e-12);
        assertThat(Math.abs(inst[0] - inst[1]) / inst[1]).isLessThan(0.01);
        int n = StaibT44.medianDesign(1e-6);
        assertThat(Quantiles.lowerRank(n, 0.5, 1e-6)).isGreaterThanOrEqualTo((int) Math.ceil(0.35 * n));
        assertThat(Quantiles.upperRank(n, 0.5, 1e-6)).isLessThanOrEqualTo((int) Math.floor(0.65 * n));
        assertThat(StaibT44.medianDesign(1e-6 * 0.9)).isGreaterThanOrEqualTo(n);
        assertThatThrownBy(() -> new StaibT44(null)).hasMessageContaining("factory");
    }
}
