package org.saddlecheck.problem;

/**
 * A stochastic optimisation problem: analytic objective plus an unbiased gradient oracle. Problems that also
 * know their exact second moments implement {@link SecondMoments}.
 */
public interface Problem extends Objective, StochasticOracle {}
