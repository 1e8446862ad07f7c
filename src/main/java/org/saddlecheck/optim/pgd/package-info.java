/**
 * Gradient descent and Perturbed Gradient Descent of Jin, Ge, Netrapalli, Kakade and Jordan (ICML 2017,
 * "How to Escape Saddle Points Efficiently"), their parameter formulas, the explicit-constant JACM 2021
 * variant (arXiv 1902.04811, Algorithm 4), and the closed-form helpers used by the theory checks
 * (CLAIMS.md §3 JIN-GD, JIN-ALG2, JIN-T3, JIN-L10, JIN-L11, JIN-STUCK, JIN-X; §8 items 5–9, 15).
 *
 * <p>Main entry points: {@link org.saddlecheck.optim.pgd.PgdParameters},
 * {@link org.saddlecheck.optim.pgd.PerturbedGradientDescent}, {@link org.saddlecheck.optim.pgd.GradientDescent},
 * {@link org.saddlecheck.optim.pgd.JacmParameters}, {@link org.saddlecheck.optim.pgd.JacmPerturbedGradientDescent},
 * {@link org.saddlecheck.optim.pgd.PgdBounds}, {@link org.saddlecheck.optim.pgd.SamplerDiagnostics}.
 * The classes whose names start with {@code Wrong} are deliberately incorrect perturbation samplers, kept as
 * negative controls (ANCHORS.md §1: bugs of public PGD ports).
 */
package org.saddlecheck.optim.pgd;
