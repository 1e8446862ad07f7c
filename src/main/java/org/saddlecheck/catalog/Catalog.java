package org.saddlecheck.catalog;

import static org.saddlecheck.claims.ClaimKind.*;
import static org.saddlecheck.claims.Paper.*;

import java.util.List;
import java.util.Optional;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.ClaimKind;
import org.saddlecheck.claims.Paper;

/**
 * Every checkable claim of the catalog (CLAIMS.md), with its id, title, paper section and kind. This is the
 * project's own copy: nothing is read from the specification at run time. Claim implementations reuse these
 * entries through {@link #get(String)}.
 */
public final class Catalog {
    private Catalog() {}

    private static ClaimInfo c(String id, String title, Paper p, String section, ClaimKind k, String statement, String bound) {
        String note = "proofs-notes/" + id + ".md";
        return new ClaimInfo(id, title, p, section, k, statement, bound, note);
    }

    public static final List<ClaimInfo> ALL = List.of(
        // ---- Staib et al. 2019: definitions and algorithms
        c("STAIB-D2.1", "Second-order stationary point", STAIB2019, "§2, Def. 2.1", EXACT,
          "x is a (τ_g, τ_h)-stationary point if ‖∇f(x)‖ ≤ τ_g and λ_min(∇²f(x)) ≥ −τ_h.",
          "isSOSP agrees with brute force on fixtures with known critical points"),
        c("STAIB-INTRO-ADAGRAD", "EMA recursion equals the closed-form weighted sum", STAIB2019, "§1", EXACT,
          "Ĝ_t = βĜ_{t−1} + (1−β)g_t g_tᵀ from Ĝ_0 = 0 equals (1−β)Σ β^{t−i} g_i g_iᵀ; weights sum to 1 − β^t.",
          "|recursion − closed form| ≤ 1e-12·scale"),
        c("STAIB-ALG1", "Preconditioned SGD (Algorithm 1)", STAIB2019, "§3, Alg. 1", EXACT,
          "x_{t+1} = x_t − η A(x_t) g_t with A chosen before g_t is drawn.", "implementation identities"),
        c("STAIB-ALG2", "Full-matrix RMSProp (Algorithm 2)", STAIB2019, "§3, Alg. 2", EXACT,
          "Ĝ_t = βĜ_{t−1} + (1−β)g_t g_tᵀ, A_t = (Ĝ_t + εI)^{−1/2}, x_{t+1} = x_t − η A_t g_t.", "implementation identities"),
        c("STAIB-ALG3", "RMSProp with burn-in (Algorithm 3)", STAIB2019, "§4.2.2, Alg. 3", EXACT,
          "W burn-in samples at x_0 update Ĝ before the first step.", "implementation identities"),
        c("STAIB-ALG4", "Preconditioned SGD with occasional large steps (Algorithm 4)", STAIB2019, "§4.2.3, Alg. 4", EXACT,
          "Large step r every t_thresh iterations, small step η otherwise, with ‖Â_t − A_t‖ ≤ Δ.", "implementation identities"),
        c("STAIB-ALG4-RMS", "RMSProp version of Algorithm 4 with hallucinated steps", STAIB2019, "§4.2.3, App. B", EXACT,
          "On a large step the estimator sees S intermediate samples along the step.", "implementation identities"),
        c("STAIB-VAR-DIAG", "Diagonal RMSProp", STAIB2019, "§4.2.1, App. D", EXACT,
          "A = (diag(G) + εI)^{−1/2}; v_t = βv_{t−1} + (1−β)g_t², x_{t+1} = x_t − η g_t/√(v_t + ε).", "implementation identities"),
        c("STAIB-VAR-ADAM", "Full-matrix Adam with β1 = 0", STAIB2019, "§3", EXACT,
          "A = (E[ggᵀ]^{1/2} + εI)^{−1}.", "implementation identities"),
        c("STAIB-VAR-COV", "Two-sample covariance preconditioner", STAIB2019, "§5.3", EXPECTATION,
          "Y = (g1 − g2)(g1 − g2)ᵀ has E[Y] = 2Σ (the paper says Σ); preconditioner Σ^{−1/2}.",
          "mean of Y/2 → Σ with error O(N^{−1/2}); factor 2 reported"),
        // ---- Staib et al. 2019: claims
        c("STAIB-EQ1-2", "Decomposition of the preconditioned update", STAIB2019, "§3, eqs. (1)–(2)", EXACT,
          "x_{t+1} = x_t − ηA_t∇_t − ηξ_t with ξ_t = A_t(g_t − ∇_t), E[ξ_t | x_t] = 0 when A_t is chosen before g_t.",
          "exact algebra; MC mean of ξ within its confidence bound"),
        c("STAIB-EQ3", "Rescaled noise is isotropic near stationary points", STAIB2019, "§3, eq. (3)", EXACT,
          "Cov(G^{−1/2}(g − ∇)) = I − G^{−1/2}∇∇ᵀG^{−1/2}; spectrum {1,…,1, 1/(1+s)} with s = ∇ᵀΣ^{−1}∇.",
          "closed form vs Monte Carlo within 5 SE; spectrum to 1e-10"),
        c("STAIB-S3.2", "Reddi et al.'s counterexample is resolved by the idealized preconditioner", STAIB2019, "§3.1", REPRODUCTION,
          "On F(x) = ζx over [−1, 1], EMA-RMSProp with C ≫ 1/(1−β) stays at F ≥ 0 while idealized RMSProp moves to x = −1.",
          "F(x) = ζx and E[g²] = C(1+ζ) − ζ exactly; qualitative ordering of mean x_T"),
        c("STAIB-T4.1", "Estimation from moving sequences", STAIB2019, "§4.1, Thm. 4.1", HIGH_PROBABILITY,
          "w.p. 1−δ, ‖Σ w_t Y_t − G(x_T)‖ ≤ O(σ√(1−β)√log(d/δ) + MLη/(1−β)); at β = 1 − Cη^{2/3} the error is O(η^{1/3}).",
          "B_ref = √(2v log(2d/δ)) + (2/3)R_w log(2d/δ) + LηM Σ w_t(T−t) (matrix Bernstein / Freedman)"),
        c("STAIB-D4.1", "Estimable matrix sequence", STAIB2019, "§4.1, Def. 4.1", HIGH_PROBABILITY,
          "w.p. 1−δ, ‖Â_t − A_t‖ ≤ Δ simultaneously for t = W+1..W+T.", "predicate over simulated runs"),
        c("STAIB-P4.1", "The second-moment sequence G_t is estimable", STAIB2019, "§4.1, Prop. 4.1", RATE,
          "{G_t} is (W, T, ηM, Δ, δ)-estimable with Δ = O(η^{1/3}σ^{2/3} log(2Td/δ)^{1/3} M^{1/3} L^{1/3}).",
          "sup-window error quantile slope in η = 1/3"),
        c("STAIB-P4.2", "The RMSProp preconditioner sequence is estimable", STAIB2019, "§4.1, Prop. 4.2", EXACT,
          "A_t = (G_t + εI)^{−1/2} is estimable with Δ = O((ησ² log(2Td/δ) M L)^{1/3}(ε + λ_min)^{−3/2}).",
          "‖X^{−1/2} − Y^{−1/2}‖ ≤ ½a^{−3/2}‖X − Y‖ for X, Y ⪰ aI"),
        c("STAIB-D4.2", "(Λ1, Λ2, Γ, ν, λ−)-preconditioner", STAIB2019, "§4.2.1, Def. 4.2", EXACT,
          "‖A∇f‖² ≤ Λ1‖A^{1/2}∇f‖², ‖A(∇f − ∇f̃)‖ ≤ Λ2‖∇f − ∇f̃‖, Γ ≥ E‖Ag‖², ν ≤ λ_min(AGAᵀ), λ− ≤ λ_min(A).",
          "tightest constants computed exactly"),
        c("STAIB-P4.3", "Preconditioner constants for SGD (A = I)", STAIB2019, "§4.2.1, Prop. 4.3", EXACT,
          "Λ1 = Λ2 = 1, Γ = E‖g‖² = tr(G), ν = λ_min(G), λ− = 1.", "Definition 4.2 inequalities; tightness = 1"),
        c("STAIB-P4.4", "Preconditioner constants for full-matrix RMSProp", STAIB2019, "§4.2.1, Prop. 4.4", EXACT,
          "Λ1 = Λ2 = (λ_min+ε)^{−1/2}, Γ = dλ_max/(ε+λ_max), ν = λ_min/(λ_min+ε), λ− = (λ_max+ε)^{−1/2}.",
          "Definition 4.2 inequalities; tightness of each constant"),
        c("STAIB-C-DIAG", "Preconditioner constants for diagonal RMSProp", STAIB2019, "§4.2.1, App. C/D", EXACT,
          "With D = diag(G) + εI: Λ* = max_i (G_ii+ε)^{−1/2}, Γ* = Σ G_ii/(G_ii+ε) ≤ d, ν* ≥ λ_min(G)/(max G_ii + ε).",
          "derived inequalities"),
        c("STAIB-T4.2", "First-order convergence with the exact preconditioner", STAIB2019, "§4.2.2, Thm. 4.2", EXPECTATION,
          "With η = τ²λ−/(LΓ) and T = 2(f(x_0) − f*)LΓ/(τ⁴λ−²): (1/T)Σ E‖∇f(x_t)‖² ≤ τ².",
          "one-sided lower confidence bound of the MC mean ≤ τ²"),
        c("STAIB-T4.3", "First-order convergence with an inexact preconditioner", STAIB2019, "§4.2.2, Thm. 4.3", EXPECTATION,
          "With ‖Â − A‖ ≤ Δ < λ−/2, η = τ²λ−/(4√2 LΓ), T = 32(f(x_0) − f*)LΓ/(τ⁴λ−²): (1/T)Σ E‖∇f(x_t)‖² ≤ τ².",
          "one-sided lower confidence bound of the MC mean ≤ τ²"),
        c("STAIB-C4.1", "Convergence of RMSProp with burn-in", STAIB2019, "§4.2.2, Cor. 4.1", RATE,
          "With β = 1 − Cη^{2/3} and W = Θ(η^{−2/3}): w.p. 1−δ, (1/T)Σ E‖∇f‖² ≤ τ² in time O(τ^{−4}).",
          "avg ‖∇f‖²/τ² bounded as τ ↓; estimator error < λ−/2 w.h.p."),
        c("STAIB-T4.4", "Second-order convergence of Algorithm 4", STAIB2019, "§4.2.3, Thm. 4.4", RATE,
          "w.p. 1−δ Algorithm 4 reaches a (τ, √(ρτ))-stationary point in Õ(Λ1⁴Λ2⁴Γ⁴/(λ−¹⁰ν⁴)·L³/(ρδ³)·τ^{−5}).",
          "mechanism checks; exploratory slope ≥ −5"),
        c("STAIB-C4.2", "Second-order convergence of the RMSProp version of Algorithm 4", STAIB2019, "§4.2.3, Cor. 4.2", HIGH_PROBABILITY,
          "With S = O(τ^{−3/2}) hallucinated steps the estimator error stays < λ−/2; same rate as Thm. 4.4.",
          "max_t ‖Â_t − A_t‖ ≤ λ−/2 w.h.p., including after large steps"),
        c("STAIB-S5.1", "Choosing ε", STAIB2019, "§5.1, eqs. (10)–(11)", BOUND_COMPARISON,
          "(10) Γ/λ_min(A) ≤ (dλ_min/(ε+λ_min))(λ_max+ε); (11) Λ1⁴Λ2⁴Γ⁴/(λ−¹⁰ν⁴) ≤ d⁴κ(G)⁴(λ_max+ε).",
          "(11) holds with equality; (10) does not follow from Prop. 4.4"),
        c("STAIB-S5.2", "Comparison to SGD", STAIB2019, "§5.2, eqs. (12)–(13)", BOUND_COMPARISON,
          "SGD factor ≤ d⁴κ⁴; full-matrix RMSProp ≤ d⁴κ⁴(λ_max+ε); RMSProp's bound is smaller iff λ_max ≤ 1 (ε = 0).",
          "crossovers of the bound factors"),
        c("STAIB-S5.3", "Covariance preconditioner (two-sample estimator)", STAIB2019, "§5.3", EXPECTATION,
          "E[(g1 − g2)(g1 − g2)ᵀ] = 2Σ; the preconditioner Σ^{−1/2} escapes saddles.", "mean of Y/2 within MC error of Σ"),
        c("STAIB-S5.4", "Setting β = 1 − Cη^{2/3}", STAIB2019, "§5.4", EXACT,
          "η = 0.001 and β = 0.99 correspond to C = 1.", "β(η, C) helper exact"),
        c("STAIB-FIG1", "Figure 1: escaping a saddle, SGD vs RMSProp", STAIB2019, "§6, Fig. 1", REPRODUCTION,
          "SGD needs about 10× RMSProp's stepsize to escape as fast; RMSProp then converges to a smaller neighbourhood.",
          "median escape ratio SGD(0.01)/RMSProp(0.001) in [0.5, 2]; SGD(0.001) escapes < 10%"),
        c("STAIB-FIG2", "Figure 2: setting β on MNIST logistic regression", STAIB2019, "§6, Fig. 2", REPRODUCTION,
          "Large β wins as η_t decreases; β_t = 1 − Cη_t^{2/3} is best and insensitive to C.",
          "final-loss ordering across β; schedule spread < constant-β spread"),
        // ---- Jin et al. 2017
        c("JIN-A1", "Smoothness assumptions (ℓ-smooth, ρ-Hessian-Lipschitz)", JIN2017, "§2, Defs. 1–2", EXACT,
          "‖∇f(x1) − ∇f(x2)‖ ≤ ℓ‖x1 − x2‖ and ‖∇²f(x1) − ∇²f(x2)‖ ≤ ρ‖x1 − x2‖.",
          "certified constants of every fixture: sampled ratio ≤ constant"),
        c("JIN-D3", "ε-second-order stationary point", JIN2017, "§2, Def. 3", EXACT,
          "‖∇f(x)‖ ≤ ε and λ_min(∇²f(x)) ≥ −√(ρε).", "predicate agrees with brute force"),
        c("JIN-GD", "Gradient descent's descent inequality and first-order rate", JIN2017, "§1", EXACT,
          "With η = 1/ℓ, f(x_{t+1}) ≤ f(x_t) − ‖∇f(x_t)‖²/(2ℓ); min_t ‖∇f(x_t)‖ ≤ ε within ⌈2ℓ(f(x_0) − f*)/ε²⌉ steps.",
          "per-step inequality and iteration bound"),
        c("JIN-ALG1", "PGD meta-algorithm", JIN2017, "§3, Alg. 1", EXACT,
          "Gradient steps plus a uniform-ball perturbation when the perturbation condition holds.", "implementation identities"),
        c("JIN-ALG2", "Perturbed gradient descent with the paper's parameters", JIN2017, "§3, Alg. 2", HIGH_PROBABILITY,
          "χ = 3max{ln(dℓΔ_f/(cε²δ)), 4}, η = c/ℓ, r = √c ε/(χ²ℓ), g_thres = √c ε/χ², f_thres = c√(ε³/ρ)/χ³, t_thres = χℓ/(c²√(ρε)).",
          "golden parameter table; output is an ε-SOSP w.p. ≥ 1−δ"),
        c("JIN-T3", "Main theorem: PGD finds an ε-SOSP in Õ(ℓΔ_f/ε²·log⁴ d) iterations", JIN2017, "§3, Thm. 3", HIGH_PROBABILITY,
          "w.p. ≥ 1−δ, PGD outputs an ε-SOSP within O(ℓ(f(x_0) − f*)/ε² · log⁴(dℓΔ_f/(ε²δ))) iterations.",
          "deterministic cap N ≤ (Δ_f/f_thres + 1)(T_th + 1) + 2Δ_f/(η g_thres²); binomial test of non-SOSP outputs"),
        c("JIN-L10", "Large-gradient descent lemma", JIN2017, "§5, Lemma 10", EXACT,
          "If ‖∇f(x_t)‖ ≥ g_thres then f(x_{t+1}) − f(x_t) ≤ −(η/2)‖∇f(x_t)‖².", "per-step inequality"),
        c("JIN-L11", "Escape after one perturbation", JIN2017, "§5, Lemma 11", HIGH_PROBABILITY,
          "At x̃ with λ_min ≤ −√(ρε), w.p. ≥ 1 − (dℓ/√(ρε))e^{−χ}, f(x_{t_thres}) − f(x̃) ≤ −f_thres.",
          "no failures in N perturbations at the smallest c tested"),
        c("JIN-STUCK", "Geometry of the stuck region (thin pancake)", JIN2017, "§5, Lemma 14", EXACT,
          "The stuck region is a thin slab along e1; P(stuck) ≤ width·Vol(B^{d−1})/Vol(B^d).",
          "Gamma-ratio identity; exact slab probability vs Monte Carlo; width ratio"),
        c("JIN-DIMFREE", "Almost dimension-free escape", JIN2017, "Abstract, §3", RATE,
          "PGD's iteration count depends only poly-logarithmically on d.",
          "escape time = a + b ln d with b ≈ 1/(2 ln(1+ηγ)); power-law exponent in d < 0.1"),
        c("JIN-SS", "Strict-saddle functions", JIN2017, "§4, Def. 4 / Thm. 5", HIGH_PROBABILITY,
          "If f is (θ, γ, ζ)-strict saddle, PGD with ε̃ = min(θ, γ²/ρ) outputs a point ζ-close to a local minimum w.p. 1−δ.",
          "strict-saddle property by Monte Carlo"),
        c("JIN-LOCAL", "Local strong convexity gives linear convergence", JIN2017, "§4, Thm. 6", RATE,
          "Near X*, GD converges linearly at rate ≤ 1 − α/β.", "log-distance slope"),
        c("JIN-MF", "Matrix factorisation: global convergence of PGD", JIN2017, "§5, Thm. 8", HIGH_PROBABILITY,
          "f(U) = ½‖UUᵀ − M*‖²_F is 8Γ-smooth, 12Γ^{1/2}-Hessian-Lipschitz and strict saddle; PGD reaches dist(U, X*) ≤ ε w.p. ≥ 1−δ.",
          "constants with tightness; end-to-end success rate by binomial test"),
        c("JIN-X", "Explicit-constant variant (JACM 2021): parameters and Lemma 20", JIN2017, "JACM 2021, Lemma 20", HIGH_PROBABILITY,
          "P(f(x_𝒯) − f(x̃) ≤ −𝓕/2) ≥ 1 − (ℓ√d/√(ρε))ι²2^{8−ι}.", "binomial test at moderate ι"),
        c("JIN-OCTOPUS", "Du et al.'s octopus: GD is exponentially slow, PGD is not", JIN2017, "§1 (Du et al. 2017)", BOUND_COMPARISON,
          "On the octopus function GD's escape time grows exponentially in d while PGD's does not.",
          "fitted growth of GD vs PGD iterations in d"),
        // ---- cross-paper
        c("X1", "Staib's (τ, √(ρτ))-stationarity equals Jin's ε-SOSP", BOTH, "Staib Def. 2.1 / Jin Def. 3", EXACT,
          "One shared predicate with ε = τ.", "predicates agree"),
        c("X2", "Jin improves the dimension dependence to polylog", BOTH, "Staib §1.1", RATE,
          "Consistent with JIN-T3 and JIN-DIMFREE.", "escape-time exponent in d"),
        c("X3", "Isotropic noise: PGD's ball, SGD's Σ, RMSProp's preconditioned noise", BOTH, "Staib §1.1, §3", EXACT,
          "Escape-direction noise variance: PGD r²/(d+2), SGD e1ᵀΣe1, IAM e1ᵀCov(ξ)e1 ≈ 1.", "exact and Monte Carlo variances")
    );

    public static Optional<ClaimInfo> find(String id) {
        return ALL.stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst();
    }

    public static ClaimInfo get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("claim id = " + id + " is not allowed: it must be one of the catalog's ids (see `saddlecheck list`)"));
    }
}
