/**
 * The Jin et al. experiments ({@code saddlecheck experiment NAME}): {@link org.saddlecheck.experiment.PgdDimensionExperiment}
 * ({@code pgd-dimension}, JIN-DIMFREE), {@link org.saddlecheck.experiment.MatrixFactorizationExperiment}
 * ({@code matrix-factorization}, JIN-MF) and {@link org.saddlecheck.experiment.OctopusExperiment} ({@code octopus},
 * JIN-OCTOPUS). Each writes a long-format CSV for the report's curves charts and a JSON summary atomically
 * ({@link org.saddlecheck.experiment.ExperimentIo}); the claims call the same code with their own seeds
 * ({@link org.saddlecheck.experiment.SeedSource}), so the claim and the command line agree.
 */
package org.saddlecheck.experiment;
