/**
 * picocli commands of the Jin et al. experiments; the lead registers them under {@code saddlecheck experiment}
 * (no-argument constructors, like the Staib experiment commands): {@link org.saddlecheck.experiment.cli.PgdDimensionCommand},
 * {@link org.saddlecheck.experiment.cli.MatrixFactorizationCommand}, {@link org.saddlecheck.experiment.cli.OctopusCommand}.
 */
package org.saddlecheck.experiment.cli;
