package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Reference solution of pix2pix's losses (lecture notes §5.9) from PatchGAN logits {@code t}
 * ({@code D = sigmoid(t)} per patch), finite for any logit:
 *
 * <pre>
 * D:  ½ (mean softplus(-real) + mean softplus(fake))          softplus(t) = max(t, 0) + log1p(exp(-|t|))
 * G:  mean softplus(-fake) + λ mean |G(x) - y|                d softplus(t)/dt = sigmoid(t)
 * </pre>
 *
 * <p>Losses are 0-d arrays in the first argument's dtype; each gradient is the derivative of the
 * means with respect to one argument, in that argument's dtype, with {@code sign(0) = 0} for the
 * L1 term (PyTorch's subgradient).
 */
public final class Pix2PixLoss {

    private Pix2PixLoss() {}

    /** Return {@code ½ (mean softplus(-real) + mean softplus(fake))}. */
    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = softplus(realLogits.neg()).mean();
        NDArray fake = softplus(fakeLogits).mean().toType(real.getDataType(), false);
        return real.add(fake).div(2).toType(realLogits.getDataType(), false);
    }

    /** Return {@code NDList(½ (sigmoid(real) - 1) / |real|, ½ sigmoid(fake) / |fake|)}. */
    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        NDArray dReal =
                sigmoid(realLogits.neg()).neg().div(2.0 * realLogits.size()).toType(realLogits.getDataType(), false);
        NDArray dFake = sigmoid(fakeLogits).div(2.0 * fakeLogits.size()).toType(fakeLogits.getDataType(), false);
        return new NDList(dReal, dFake);
    }

    /** Return {@code mean softplus(-fakeLogits) + lambda * mean |fake - target|}. */
    public static NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        check(fake, target, lambda);
        NDArray adversarial = softplus(fakeLogits.neg()).mean();
        NDArray l1 = fake.sub(target.toType(fake.getDataType(), false)).abs().mean();
        NDArray weighted =
                l1.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).mul(lambda);
        return adversarial
                .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                .add(weighted)
                .toType(fakeLogits.getDataType(), false);
    }

    /** Return {@code NDList((sigmoid(fakeLogits) - 1) / |fakeLogits|, lambda * sign(fake - target) / |fake|)}. */
    public static NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        check(fake, target, lambda);
        NDArray dLogits =
                sigmoid(fakeLogits.neg()).neg().div(fakeLogits.size()).toType(fakeLogits.getDataType(), false);
        NDArray dFake = fake.sub(target.toType(fake.getDataType(), false))
                .sign()
                .mul(lambda / fake.size())
                .toType(fake.getDataType(), false);
        return new NDList(dLogits, dFake);
    }

    private static void check(NDArray fake, NDArray target, double lambda) {
        if (!fake.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException(
                    "fake " + fake.getShape() + " and target " + target.getShape() + " must have the same shape");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
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
     * Return {@code log(1 + u)} for u in [0, 1] accurately even when {@code 1 + u} rounds (DJL has
     * no log1p): with {@code v = 1 + u} rounded, {@code log(v) * u / (v - 1)} is exact to rounding.
     */
    private static NDArray log1p(NDArray u) {
        NDArray v = u.add(1);
        NDArray dv = v.sub(1);
        NDArray rounded = dv.eq(0);
        NDArray safe = NDArrays.where(rounded, v, dv);
        return NDArrays.where(rounded, u, v.log().mul(u).div(safe));
    }
}
