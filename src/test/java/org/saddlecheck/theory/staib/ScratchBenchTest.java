package org.saddlecheck.theory.staib;

import org.junit.jupiter.api.Test;
import org.saddlecheck.rng.Seeds;
import org.saddlecheck.theory.staib.MovingEstimation.*;

class ScratchBenchTest {
    @Test
    void bench() {
        for (int rep = 0; rep < 3; rep++) {
            for (Model m : new Model[] {Model.AFFINE_HAAR, Model.GRADIENT_OUTER}) {
                for (int d : new int[] {3, 5}) {
                    Prepared p = new Prepared(new Case(d, m, Move.STRAIGHT, 1, 1, 1, 0.5), 7);
                    double eta = 1e-3, beta = 1 - Math.pow(eta, 2.0 / 3);
                    long t0 = System.nanoTime();
                    int n = 100; double q = 0;
                    for (int i = 0; i < n; i++) q += MovingEstimation.run(p, new Spec(eta, beta, 1000, 0, null, Double.NaN, EstimatorFactory.NORMALISED_EMA), Seeds.rng(i)).error();
                    long t1 = System.nanoTime();
                    for (int i = 0; i < n; i++) q += MovingEstimation.run(p, new Spec(eta, beta, 300, 700, null, Double.NaN, EstimatorFactory.NORMALISED_EMA), Seeds.rng(i)).supG()[0];
                    long t2 = System.nanoTime();
                    for (int i = 0; i < n; i++) q += MovingEstimation.run(p, new Spec(eta, beta, 300, 700, null, 0.1, EstimatorFactory.NORMALISED_EMA), Seeds.rng(i)).supA();
                    long t3 = System.nanoTime();
                    System.out.printf("%s d=%d final: %.3f us/step, window: %.3f, window+inv: %.3f  (%g)%n", m, d, (t1 - t0) / 1e3 / (n * 1000.0),
                            (t2 - t1) / 1e3 / (n * 1000.0), (t3 - t2) / 1e3 / (n * 1000.0), q);
                }
            }
        }
    }
}
