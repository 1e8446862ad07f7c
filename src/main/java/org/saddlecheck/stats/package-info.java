/**
 * Statistics with a stated false-failure rate (CLAIMS.md §7.3–7.4, ANCHORS.md §2.7, §6.4): exact binomial tests
 * of exceedance rates, Clopper–Pearson intervals, one-sided confidence bounds for expectations (Student t,
 * Hoeffding, empirical Bernstein), order-statistic confidence bounds for quantiles, log-log slopes with
 * bootstrap confidence intervals, and trial counts computed from the error budget and the power wanted
 * ({@link org.saddlecheck.stats.Power}). Distributions come from Apache Commons Statistics.
 */
package org.saddlecheck.stats;
