package org.saddlecheck.estimate;

/** Serialisable estimator state: its kind, sample count and raw accumulator(s). */
public record EstimatorState(String kind, long count, double[] accumulator, double[] auxiliary) {}
