package org.saddlecheck.theory.staib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Budget;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimContext;
import org.saddlecheck.claims.ClaimResult;
import org.saddlecheck.claims.Parallel;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.linalg.EpsPlacement;
import org.saddlecheck.linalg.Mat;
import org.saddlecheck.optim.Algorithms;
import org.saddlecheck.optim.StepSchedule;

/**
 * Planted faults must turn the claims VIOLATED (CLAIMS-HELPER.md "Honest checks"): a preconditioner with ε outside the
 * root where the bound assumes inside, a dropped square root, wrong printed constants, a wrong constants helper, an
 * optimizer whose A_t depends on g_t passed off as Alg. 1, a method that cannot escape.
 */
class BrokenInputsTest {
    /** (G + εI)^{−1}: the square root dropped. */
    static final PreconditionerMap DROPPED_SQRT = (g, d, eps) -> {
        double[] a = ExactLinalg.invRoot(g, d, eps, EpsPlacement.INSIDE);
        return ExactLinalg.mul(a, a, d);
    };

    static ClaimResult run(Claim c) {
        try (Parallel p = new Parallel(2)) {
            return c.check(new ClaimContext(c.info().id(), 3, Budget.QUICK, c.statisticalTests() == 0 ? 0 : 1e-5, p, null));
        }
    }

    @Test
    void p44WithEpsOutsideTheRootIsViolated() {
        ClaimResult r = run(new P44RmspropConstants(PreconditionerMap.FULL_OUTSIDE, PreconditionerConstants::p44));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void p44WithADroppedSquareRootIsViolated() {
        ClaimResult r = run(new P44RmspropConstants(DROPPED_SQRT, PreconditionerConstants::p44));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void p44WithAWrongPrintedGammaOrLambdaMinusIsViolated() {
        P44RmspropConstants.Printed halfGamma = (lo, hi, d, eps) -> {
            PreconditionerConstants c = PreconditionerConstants.p44(lo, hi, d, eps);
            return new PreconditionerConstants(c.lambda1(), c.lambda2(), c.gamma() / 2, c.nu(), c.lambdaMinus());
        };
        assertThat(run(new P44RmspropConstants(PreconditionerMap.FULL_INSIDE, halfGamma)).verdict()).isEqualTo(Verdict.VIOLATED);
        P44RmspropConstants.Printed minInsteadOfMax = (lo, hi, d, eps) -> {
            PreconditionerConstants c = PreconditionerConstants.p44(lo, hi, d, eps);
            return new PreconditionerConstants(c.lambda1(), c.lambda2(), c.gamma(), c.nu(), 1 / Math.sqrt(lo + eps));
        };
        assertThat(run(new P44RmspropConstants(PreconditionerMap.FULL_INSIDE, minInsteadOfMax)).verdict()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void eq3WithADroppedSquareRootOrEpsOutsideIsViolated() {
        ClaimResult r = run(new Eq3IsotropicNoise(DROPPED_SQRT));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        // ε outside the root only changes the ε > 0 form: (G^{1/2} + εI)^{-1} Σ (...) ≠ I − εA² − (A∇)(A∇)ᵀ
        ClaimResult o = run(new Eq3IsotropicNoise(PreconditionerMap.FULL_OUTSIDE));
        assertThat(o.verdict()).as(o.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(o.evidence()).contains("epsForm");
    }

    @Test
    void p43WithAScaledIdentityIsViolated() {
        PreconditionerMap twoI = (g, d, eps) -> {
            double[] a = Mat.identity(d);
            for (int i = 0; i < d; i++) a[i * d + i] = 2;
            return a;
        };
        ClaimResult r = run(new P43SgdConstants(twoI));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void cDiagWithoutEpsIsViolated() {
        PreconditionerMap noEps = (g, d, eps) -> PreconditionerMap.DIAGONAL_INSIDE.matrix(g, d, 0);
        ClaimResult r = run(new CDiagConstants(noEps));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void d42WithAWrongHelperIsViolated() {
        D42Preconditioner.Helper sqrtLambda = (a, g, d) -> {
            PreconditionerConstants c = PreconditionerConstants.tightest(a, g, d);
            return new PreconditionerConstants(Math.sqrt(c.lambda1()), c.lambda2(), c.gamma(), c.nu(), c.lambdaMinus());
        };
        assertThat(run(new D42Preconditioner(sqrtLambda)).verdict()).isEqualTo(Verdict.VIOLATED);
        D42Preconditioner.Helper traceA = (a, g, d) -> {
            PreconditionerConstants c = PreconditionerConstants.tightest(a, g, d);
            return new PreconditionerConstants(c.lambda1(), c.lambda2(), Mat.trace(a, d) * Mat.trace(g, d) / d, c.nu(), c.lambdaMinus());
        };
        assertThat(run(new D42Preconditioner(traceA)).verdict()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void s51WithAWrongPrintedFormulaIsViolated() {
        P44RmspropConstants.Printed wrong = (lo, hi, d, eps) -> {
            PreconditionerConstants c = PreconditionerConstants.p44(lo, hi, d, eps);
            return new PreconditionerConstants(c.lambda1(), c.lambda2(), d * hi / (eps + lo), c.nu(), c.lambdaMinus());
        };
        ClaimResult r = run(new S51ChoosingEps(wrong));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void s52WithADroppedSquareRootIsViolated() {
        ClaimResult r = run(new S52ComparisonToSgd(DROPPED_SQRT));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
    }

    @Test
    void eq12WithAlg2AsPrintedPassedOffAsAlg1IsViolated() {
        StepSchedule eta = StepSchedule.constant(Eq12Decomposition.ETA);
        List<Eq12Decomposition.Config> planted = List.of(new Eq12Decomposition.Config("alg2-as-printed labelled A-before-g",
                p -> Algorithms.fullMatrixRmsprop(p, eta, Eq12Decomposition.BETA, Eq12Decomposition.EPS), true, true));
        ClaimResult r = run(new Eq12Decomposition(planted));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("E[xi_t | x_t] != 0");
    }

    @Test
    void s53WithAMethodThatCannotEscapeIsViolated() {
        ClaimResult r = run(new S53CovariancePreconditioner(p -> Algorithms.sgd(p, StepSchedule.constant(1e-6))));
        assertThat(r.verdict()).as(r.evidence()).isEqualTo(Verdict.VIOLATED);
        assertThat(r.evidence()).contains("escape");
    }

    @Test
    void identityHarnessReportsAMismatchedReference() {
        IdentityHarness.Check wrong = IdentityHarness.identity("Alg. 2 as printed vs the estimate-first reference", rng -> {
            var p = IdentityHarness.problem(rng);
            double[] x = IdentityHarness.start(p.dim(), rng), y = x.clone();
            long seed = rng.nextLong();
            var opt = Algorithms.fullMatrixRmsprop(p, StepSchedule.constant(0.01), 0.5, 1e-2);
            var rx = org.saddlecheck.rng.Seeds.rng(seed);
            for (int k = 0; k < 20; k++) opt.step(x, rx);
            ReferenceMethods.ema(p, new ReferenceMethods.Ema(0.01, 0.5, 1e-2, EpsPlacement.INSIDE, false, false, true, 0, 0, 0, 0), y,
                    org.saddlecheck.rng.Seeds.rng(seed), 20);
            return new IdentityHarness.Outcome(IdentityHarness.ratio(x, y, 1e-10), "planted");
        });
        ClaimResult r;
        try (Parallel p = new Parallel(1)) {
            r = IdentityHarness.run(org.saddlecheck.catalog.Catalog.get("STAIB-ALG2"),
                    new ClaimContext("STAIB-ALG2", 1, Budget.QUICK, 0, p, null), List.of(wrong), "planted:");
        }
        assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    }
}
