/**
 * Seeded property-based generation on plain JUnit 5 / main code (no jqwik; ANCHORS.md §6, CLAIMS.md §7.1):
 * Haar rotations with the sign fix, SPD matrices with prescribed spectra, gradients, Lipschitz matrix fields with
 * certified constants, moving sequences with bounded steps, unbiased noisy matrix oracles with exact R and σ, and
 * the {@link org.saddlecheck.gen.Forall} runner (N seeded cases, shrinking on failure, targeted hill-climbing
 * toward the worst observed/bound ratio). Claims run these from main code during {@code verify}.
 */
package org.saddlecheck.gen;
