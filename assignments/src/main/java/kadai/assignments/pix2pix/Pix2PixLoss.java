package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Compute pix2pix's losses and their gradients (assignment {@code pix2pix}; lecture notes
 * §5.9–5.10), from the logits of a PatchGAN discriminator, in a numerically stable form.
 *
 * <p>A PatchGAN discriminator does not output one logit per image but one per patch: an
 * {@code (N, 1, h, w)} map whose element {@code (n, 0, i, j)} says whether the patch of image
 * {@code n} around {@code (i, j)} looks real. Every loss averages over all of them. With
 * {@code D = sigmoid(a)} and {@code softplus(t) = log(1 + e^t)} (so {@code -log D = softplus(-a)}
 * and {@code -log(1 - D) = softplus(a)}):
 *
 * <pre>
 * discriminatorLoss = ½ (mean softplus(-real) + mean softplus(fake))        pix2pix halves D's objective
 * generatorLoss     = mean softplus(-fake)  +  λ · mean |fake - target|     non-saturating GAN loss + λ·L1
 * </pre>
 *
 * <p>The ½ slows the discriminator down relative to the generator, as in the pix2pix paper
 * ("we divide the objective by 2 while optimizing D"); the L1 term pulls the output towards the
 * target image pixel by pixel (lecture notes §5.9: the GAN loss plus the L1 error between the
 * target and the generated image), the adversarial term makes it sharp; pix2pix uses λ = 100.
 *
 * <pre>{@code
 * jshell> NDArray zeros = manager.zeros(new Shape(2, 1, 2, 2), DataType.FLOAT64);   // D = 0.5 on every patch
 * jshell> Pix2PixLoss.discriminatorLoss(zeros, zeros);
 * ND: () cpu() float64
 * 0.6931                                                    // ½ · 2 ln 2 = ln 2
 * jshell> NDArray fake = manager.create(new double[] {0.5, -0.5, 1, 0}, new Shape(1, 1, 2, 2));
 * jshell> NDArray target = manager.create(new double[] {0, 0, 1, 1}, new Shape(1, 1, 2, 2));
 * jshell> Pix2PixLoss.generatorLoss(zeros, fake, target, 100);
 * ND: () cpu() float64
 * 50.6931                                                   // ln 2 + 100 · (0.5 + 0.5 + 0 + 1) / 4
 * jshell> Pix2PixLoss.generatorLossGrad(zeros, fake, target, 100).get(1);
 * ND: (1, 1, 2, 2) cpu() float64
 * [[[[ 25., -25.],
 *    [  0., -25.]]]]                                        // 100 · sign(fake - target) / 4; sign(0) = 0
 * }</pre>
 *
 * <p><b>Numerical stability.</b> Never compute {@code log(sigmoid(a))}: it is −∞ for
 * {@code a = -1e4}. Use {@code softplus(t) = max(t, 0) + log(1 + exp(-|t|))}; the tests feed
 * logits of ±1e4 and expect finite, exact losses and gradients.
 *
 * <p><b>Contract.</b> Logits have any shape (usually {@code (N, 1, h, w)}); real and fake maps
 * may differ in size. Losses are 0-d arrays (shape {@code ()}) in the dtype of the first
 * argument; each gradient has the shape and dtype of the array it differentiates and carries the
 * {@code 1/size} of its mean. {@code fake} and {@code target} have the same shape (else
 * {@link IllegalArgumentException}); {@code lambda} is finite and ≥ 0 (else
 * {@link IllegalArgumentException}). Inputs are not modified.
 *
 * <p>DJL notes: {@code x.mean()} over all elements returns a 0-d array; {@code x.size()} is the
 * element count; {@code x.sign()} gives −1, 0 or 1; on the PyTorch engine a float32 array times
 * a Java {@code double} can come back as float64, so cast results back with
 * {@code toType(x.getDataType(), false)}.
 */
public final class Pix2PixLoss {

    private Pix2PixLoss() {
    }

    /**
     * Return the PatchGAN discriminator's loss {@code ½ (mean softplus(-real) + mean softplus(fake))}
     * = {@code -½ (mean log D(x, y) + mean log(1 - D(x, G(x))))}, a 0-d array in the real logits' dtype.
     *
     * @param realLogits logits on (condition, target) pairs, any shape
     * @param fakeLogits logits on (condition, generated) pairs, any shape (size may differ)
     */
    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: Pix2PixLoss.discriminatorLoss — ½ (mean softplus(-real) + mean softplus(fake)), computed stably");
    }

    /**
     * Return the gradients of {@link #discriminatorLoss} as {@code NDList(dReal, dFake)}:
     * {@code dReal = ½ (sigmoid(real) - 1) / real.size()}, {@code dFake = ½ sigmoid(fake) / fake.size()}.
     */
    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        throw new UnsupportedOperationException(
                "TODO: Pix2PixLoss.discriminatorLossGrad — NDList(½ (sigmoid(real) - 1) / real.size(),"
                        + " ½ sigmoid(fake) / fake.size())");
    }

    /**
     * Return the generator's loss {@code mean softplus(-fakeLogits) + lambda · mean |fake - target|},
     * a 0-d array in the fake logits' dtype.
     *
     * @param fakeLogits the discriminator's logits on (condition, generated) pairs, any shape
     * @param fake the generated images G(x), e.g. (N, C, H, W)
     * @param target the real images y paired with x, the shape of {@code fake}
     * @param lambda weight of the L1 term, finite and ≥ 0 (pix2pix: 100)
     * @throws IllegalArgumentException when fake and target differ in shape, or lambda is negative or not finite
     */
    public static NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        throw new UnsupportedOperationException(
                "TODO: Pix2PixLoss.generatorLoss — mean softplus(-fakeLogits) + lambda * mean |fake - target|");
    }

    /**
     * Return the partial derivatives of {@link #generatorLoss} as {@code NDList(dLogits, dFake)}:
     * {@code dLogits = (sigmoid(fakeLogits) - 1) / fakeLogits.size()} and
     * {@code dFake = lambda · sign(fake - target) / fake.size()}, with {@code sign(0) = 0} (the
     * subgradient PyTorch's L1 loss uses where |·| has its kink). {@code dFake} is the gradient of
     * the L1 term alone, holding the logits fixed: the adversarial term also depends on
     * {@code fake}, but only through the discriminator, and the training loop backpropagates
     * {@code dLogits} through it and adds the two.
     *
     * @throws IllegalArgumentException as {@link #generatorLoss}
     */
    public static NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        throw new UnsupportedOperationException(
                "TODO: Pix2PixLoss.generatorLossGrad — NDList((sigmoid(fakeLogits) - 1) / fakeLogits.size(),"
                        + " lambda * sign(fake - target) / fake.size())");
    }
}
