/**
 * The papers' experiments as reusable code, shared by the claims and {@code saddlecheck experiment NAME}:
 * {@link org.saddlecheck.experiment.Fig2Experiment} (Staib et al.'s Figure 2, STAIB-FIG2) with its specialised training
 * loop {@link org.saddlecheck.experiment.SoftmaxRmsprop}. Outputs go to {@code target/experiments/NAME/} by default
 * (see {@code org.saddlecheck.report} for the CSV contract the report reads).
 */
package org.saddlecheck.experiment;
