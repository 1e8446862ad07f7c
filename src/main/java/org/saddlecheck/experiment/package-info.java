/**
 * The papers' experiments as reusable code, shared by the claims and {@code saddlecheck experiment NAME}, so that the
 * claim and the command line agree: {@link org.saddlecheck.experiment.Fig1Experiment} ({@code fig1}, STAIB-FIG1),
 * {@link org.saddlecheck.experiment.ReddiExperiment} ({@code reddi}, STAIB-S3.2),
 * {@link org.saddlecheck.experiment.Fig2Experiment} ({@code fig2}, STAIB-FIG2, with its specialised training loop
 * {@link org.saddlecheck.experiment.SoftmaxRmsprop}), {@link org.saddlecheck.experiment.PgdDimensionExperiment}
 * ({@code pgd-dimension}, JIN-DIMFREE), {@link org.saddlecheck.experiment.MatrixFactorizationExperiment}
 * ({@code matrix-factorization}, JIN-MF) and {@link org.saddlecheck.experiment.OctopusExperiment} ({@code octopus},
 * JIN-OCTOPUS). Each writes a long-format CSV for the report's curves charts and a JSON summary atomically, to
 * {@code target/experiments/NAME/} by default (see {@code org.saddlecheck.report} for the CSV contract).
 */
package org.saddlecheck.experiment;
