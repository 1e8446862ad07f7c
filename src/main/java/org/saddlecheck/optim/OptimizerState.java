package org.saddlecheck.optim;

import java.util.Map;

/**
 * Explicit, serialisable optimizer state (iterate excluded: the caller owns x). Used for golden-state
 * regression files: named arrays (EMA accumulators, momentum, ...) and named scalars.
 */
public record OptimizerState(String algorithm, long iteration, Map<String, double[]> arrays, Map<String, Double> scalars) {}
