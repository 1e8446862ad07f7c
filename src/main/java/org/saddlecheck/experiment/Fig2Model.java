package org.saddlecheck.experiment;

import java.util.Locale;

/**
 * The classifier of Staib et al.'s Figure 2 ("logistic regression on MNIST"; the paper does not say which). Both
 * have K·(p + 1) parameters (a weight vector and a bias per class), zero initialisation and no regularisation; with
 * z_{i,c} = w_c·x_i + b_c the logit of class c for example i and y_{i,c} = [c = y_i]:
 * <ul>
 *   <li>{@link #SOFTMAX}: multinomial logistic regression, loss ℓ_i = logsumexp_c(z_{i,c}) − z_{i,y_i}
 *       (ln K at zero init);</li>
 *   <li>{@link #ONE_VS_REST}: K independent binary logistic regressions (class c vs the rest), each trained on its
 *       own binary cross-entropy b_{i,c} = softplus(z_{i,c}) − y_{i,c} z_{i,c}: the optimizer follows the gradient of
 *       the <em>sum</em> Σ_c b_{i,c}, ∂/∂z_{i,c} = σ(z_{i,c}) − y_{i,c} (exactly what K separate runs of RMSProp would do,
 *       since the classes share no parameter), and the reported loss is the <em>mean</em> over the K classes,
 *       ℓ_i = (1/K) Σ_c b_{i,c} (ln 2 at zero init). Mean for the reported loss: the sum is K = 10 times larger and would
 *       start at 6.93 and end near 0.8, far above the figure's axis (0.08–0.10), while the mean lands on it. Sum for the
 *       gradient: RMSProp is invariant to the gradient's scale up to ε, and following the gradient of the mean instead
 *       equals independent regressions with ε·K² = 1e-6, which ends about 0.0014–0.002 higher at 60,000–75,000
 *       iterations; the independent regressions reproduce an independent numpy reproduction to ≈ 1e-4
 *       (proofs-notes/STAIB-FIG2.md).</li>
 * </ul>
 * For softmax the reported loss is the mean of ℓ_i over the whole training set, the objective the optimizer follows.
 */
public enum Fig2Model {
    SOFTMAX("softmax", "softmax regression (multinomial cross-entropy)"),
    ONE_VS_REST("one-vs-rest", "one-vs-rest logistic regression (K independent sigmoid classifiers, each trained on its own binary "
            + "cross-entropy; loss = mean over the K classes of the binary cross-entropy)");

    private final String cliName;
    private final String description;

    Fig2Model(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name used on the command line and in fig2.json ("softmax", "one-vs-rest"). */
    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Parses {@link #cliName()} (case-insensitive) or the constant's name. */
    public static Fig2Model parse(String s) {
        if (s != null) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            for (Fig2Model m : values()) {
                if (m.cliName.equals(t) || m.name().toLowerCase(Locale.ROOT).equals(t)) return m;
            }
        }
        throw new IllegalArgumentException("model = " + s + " is not allowed: expected softmax or one-vs-rest");
    }
}
