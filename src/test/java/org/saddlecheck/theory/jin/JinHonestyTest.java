package org.saddlecheck.theory.jin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.saddlecheck.claims.Verdict;
import org.saddlecheck.experiment.OctopusExperiment;
import org.saddlecheck.optim.pgd.PerturbationSampler;
import org.saddlecheck.rng.Seeds;

/** JIN-OCTOPUS's growth test can fail, and JIN-ALG2's runs are held to the deterministic iteration cap. */
class JinHonestyTest {
    @Test
    void octopusGrowthBelowTheConstructionsFactorIsViolated() {
        double lnQ = Math.log(OctopusExperiment.Config.standard(30).predictedGdFactor());
        assertThat(lnQ).isBetween(1.07, 1.08); // ln(ln(1/(1-2*0.02*e))/ln(1.04))
        // a power law d^2 has ln-slope ~0.61 over d = 2..5: with a tight interval it is VIOLATED
        assertThat(JinOctopus.gdGrowthVerdict(new double[] {0.5, 0.7}, lnQ)).isEqualTo(Verdict.VIOLATED);
        // the observed [1.14, 1.57] holds; an interval reaching 0 is inconclusive; one reaching ln q is not a violation
        assertThat(JinOctopus.gdGrowthVerdict(new double[] {1.14, 1.57}, lnQ)).isEqualTo(Verdict.HOLDS);
        assertThat(JinOctopus.gdGrowthVerdict(new double[] {-0.1, 1.2}, lnQ)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(JinOctopus.gdGrowthVerdict(new double[] {0.3, 1.08}, lnQ)).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void alg2RunsStayWithinTheDeterministicCap() {
        for (PgdFixtures.Fixture fx : PgdFixtures.standard(Seeds.rng(3))) {
            for (int i = 0; i < 5; i++) {
                double[] r = JinAlg2.run(fx, 1, i, PerturbationSampler.uniformBall(), Seeds.rng(17, "alg2-cap/" + fx.name(), i));
                if (fx.escapeOnly()) assertThat(r[4]).isZero();
                else assertThat(r[4]).as(fx.name()).isPositive().isLessThanOrEqualTo(1);
            }
        }
    }
}
