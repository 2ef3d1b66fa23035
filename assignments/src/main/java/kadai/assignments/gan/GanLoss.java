package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Compute the GAN losses and their gradients from the discriminator's logits, in a
 * numerically stable form (assignment {@code gan}; lecture notes §5.6–5.8).
 *
 * <p>The discriminator outputs a logit {@code a} (any real number); its probability that the
 * input is real is {@code D = sigmoid(a) = 1 / (1 + e^(-a))}. The lecture notes' value function
 * {@code V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))]} becomes, per sample,
 * {@code log D = -softplus(-a)} and {@code log(1 - D) = -softplus(a)} with
 * {@code softplus(t) = log(1 + e^t)}. The discriminator minimises −V, the generator minimises
 * either {@code E[log(1 - D(G(z)))]} (saturating, lecture notes ①) or {@code -E[log D(G(z))]}
 * (non-saturating, lecture notes ②).
 *
 * <pre>{@code
 * jshell> NDArray zeros = manager.zeros(new Shape(4), DataType.FLOAT64);   // D = 0.5 everywhere
 * jshell> GanLoss.discriminatorLoss(zeros, zeros);
 * ND: () cpu() float64
 * 1.3863                                                       // 2 ln 2
 * jshell> GanLoss.generatorLossSaturating(zeros);              // ln(1 - 0.5)
 * ND: () cpu() float64
 * -0.6931
 * jshell> GanLoss.generatorLossNonSaturating(zeros);           // -ln 0.5
 * ND: () cpu() float64
 * 0.6931
 * jshell> GanLoss.generatorLossNonSaturatingGrad(zeros);      // (sigmoid(0) - 1) / 4
 * ND: (4) cpu() float64
 * [-0.125, -0.125, -0.125, -0.125]
 * }</pre>
 *
 * <p><b>Numerical stability.</b> Never compute {@code log(sigmoid(a))}: for {@code a = -1e4}
 * the sigmoid is 0 in float64 and the log is −∞ (and {@code log(1 + exp(a))} overflows to ∞
 * for {@code a = 1e4}). Use {@code softplus(t) = max(t, 0) + log(1 + exp(-|t|))}, which is
 * exact and finite everywhere; the tests feed logits of ±1e4. For the sigmoid in the
 * gradients, {@code Activation.sigmoid} is fine (it saturates to 0 or 1, never NaN).
 *
 * <p><b>Contract.</b> Logits have any shape; every loss is the <em>mean</em> over all
 * elements, returned as a 0-d array (shape {@code ()}) in the logits' dtype. Real and fake
 * batches may have different sizes. Each gradient has the shape and dtype of its logits and is
 * the derivative of the mean (so it carries a factor {@code 1/size}). Inputs are not modified.
 *
 * <p>DJL notes: {@code x.mean()} (all elements) returns a 0-d array; {@code mean(int[])} over
 * several axes throws on the PyTorch engine. {@code x.size()} is the element count. New arrays
 * come from the logits' manager; everything here is whole-array arithmetic, no per-element
 * {@code getDouble} (~10 µs of JNI each).
 */
public final class GanLoss {

    private GanLoss() {
    }

    /**
     * Return the discriminator loss {@code mean(softplus(-real)) + mean(softplus(fake))} =
     * {@code -mean log D(x) - mean log(1 - D(G(z)))}, a 0-d array.
     *
     * @param realLogits logits of training samples, any shape
     * @param fakeLogits logits of generated samples, any shape (size may differ)
     */
    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: GanLoss.discriminatorLoss — mean softplus(-real) + mean softplus(fake), computed stably");
    }

    /** Return the saturating generator loss {@code mean log(1 - D(G(z)))} = {@code -mean softplus(fake)}, a 0-d array. */
    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: GanLoss.generatorLossSaturating — mean log(1 - sigmoid(fake)) = -mean softplus(fake), computed stably");
    }

    /** Return the non-saturating generator loss {@code -mean log D(G(z))} = {@code mean softplus(-fake)}, a 0-d array. */
    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: GanLoss.generatorLossNonSaturating — -mean log sigmoid(fake) = mean softplus(-fake), computed stably");
    }

    /**
     * Return the gradients of {@link #discriminatorLoss} as {@code NDList(dReal, dFake)}:
     * {@code dReal = (sigmoid(real) - 1) / real.size()}, {@code dFake = sigmoid(fake) / fake.size()}.
     */
    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: GanLoss.discriminatorLossGrad — return NDList((sigmoid(real) - 1) / real.size(), sigmoid(fake) / fake.size())");
    }

    /** Return the gradient of {@link #generatorLossSaturating}: {@code -sigmoid(fake) / fake.size()}. */
    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: GanLoss.generatorLossSaturatingGrad — return -sigmoid(fake) / fake.size()");
    }

    /** Return the gradient of {@link #generatorLossNonSaturating}: {@code (sigmoid(fake) - 1) / fake.size()}. */
    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: GanLoss.generatorLossNonSaturatingGrad — return (sigmoid(fake) - 1) / fake.size()");
    }
}
