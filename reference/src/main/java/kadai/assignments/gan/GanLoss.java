package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Reference solution of the GAN losses (seed 5.6), computed from the discriminator's logits
 * {@code t} (so {@code D = sigmoid(t)}) in a form that stays finite for any logit:
 *
 * <pre>
 * -log D(t)     = softplus(-t)          softplus(t) = max(t, 0) + log1p(exp(-|t|))
 * -log(1 - D(t)) = softplus(t)          d softplus(t)/dt = sigmoid(t)
 * </pre>
 *
 * <p>Each loss is a mean, returned as a 0-d array in the dtype of its input; each gradient is
 * the derivative of that mean with respect to every logit.
 */
public final class GanLoss {

    private GanLoss() {}

    /** Return {@code -mean log D(real) - mean log(1 - D(fake))}, the discriminator's loss (−V(D, G)). */
    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return softplus(realLogits.neg())
                .mean()
                .add(softplus(fakeLogits).mean().toType(realLogits.getDataType(), false));
    }

    /** Return {@code mean log(1 - D(fake))}, the generator's loss of the original minimax game. */
    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits).mean().neg();
    }

    /** Return {@code -mean log D(fake)}, the non-saturating generator loss (seed 5.6 ②). */
    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits.neg()).mean();
    }

    /** Return the gradients of {@link #discriminatorLoss} with respect to the real and the fake logits, in that order. */
    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        NDArray dReal = sigmoid(realLogits.neg()).neg().div(realLogits.size());
        NDArray dFake = sigmoid(fakeLogits).div(fakeLogits.size());
        return new NDList(dReal, dFake);
    }

    /** Return the gradient of {@link #generatorLossSaturating} with respect to the fake logits. */
    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        return sigmoid(fakeLogits).neg().div(fakeLogits.size());
    }

    /** Return the gradient of {@link #generatorLossNonSaturating} with respect to the fake logits. */
    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return sigmoid(fakeLogits.neg()).neg().div(fakeLogits.size());
    }

    /** Return {@code log(1 + exp(t))} without overflow for large t or cancellation for very negative t. */
    static NDArray softplus(NDArray t) {
        return t.maximum(0).add(log1p(t.abs().neg().exp()));
    }

    /** Return {@code 1 / (1 + exp(-t))}, finite for every t (exp only of non-positive numbers). */
    static NDArray sigmoid(NDArray t) {
        NDArray e = t.abs().neg().exp(); // exp(-|t|) in (0, 1]
        NDArray positive = e.add(1).pow(-1); // t >= 0: 1 / (1 + exp(-t))
        NDArray negative = e.mul(positive); // t < 0:  exp(t) / (1 + exp(t))
        return NDArrays.where(t.gte(0), positive, negative);
    }

    /**
     * Return {@code log(1 + u)} for u in [0, 1] accurately even when {@code 1 + u} rounds
     * (DJL has no log1p): with {@code v = 1 + u} rounded, {@code log(v) * u / (v - 1)} is exact
     * to rounding (Goldberg, "What every computer scientist should know about floating point").
     */
    private static NDArray log1p(NDArray u) {
        NDArray v = u.add(1);
        NDArray dv = v.sub(1);
        NDArray rounded = dv.eq(0);
        NDArray safe = NDArrays.where(rounded, v, dv); // avoid 0/0 where 1 + u rounds to 1
        return NDArrays.where(rounded, u, v.log().mul(u).div(safe));
    }
}
