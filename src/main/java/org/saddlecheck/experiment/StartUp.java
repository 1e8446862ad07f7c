package org.saddlecheck.experiment;

/**
 * How diagonal RMSProp's second-moment estimate v starts (CLAIMS.md §8.3; Staib et al. do not say which their
 * Figure 2 used). With v_0 = 0 and β close to 1 the estimate v_t carries total weight W_t = 1 − Π_{s≤t} β_s &lt; 1, so
 * the first steps are larger than η_t by up to (1 − β)^{−1/2}.
 */
public enum StartUp {
    /** v_0 = 0, no correction: Staib et al.'s Algorithm 2 as printed; torch.optim.RMSprop, Keras RMSprop. */
    ZERO("v_0 = 0, no bias correction (Staib Alg. 2 as printed; torch/Keras RMSprop)"),
    /** v_0 = 0 and v̂_t = v_t / (1 − Π_{s≤t} β_s) (Adam-style bias correction, exact for time-varying β). */
    BIAS_CORRECTED("v_0 = 0, bias-corrected v_t / (1 - prod beta_s) (Adam-style)"),
    /** v_0 = 1, no correction: TensorFlow 1's tf.train.RMSPropOptimizer initialises its "rms" slot to ones. */
    ONES("v_0 = 1, no bias correction (TensorFlow 1 RMSPropOptimizer)");

    private final String description;

    StartUp(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
