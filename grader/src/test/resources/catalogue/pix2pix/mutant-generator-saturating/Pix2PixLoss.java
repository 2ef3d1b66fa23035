package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/*
 * Catalogue entry "mutant-generator-saturating" (pix2pix).
 *
 * Wrong: the generator's adversarial term is the saturating mean log(1 - D) = -mean softplus(f) (notes 5.6 (1))
 * instead of -mean log D; its gradient -sigmoid(f) / |f| matches it.
 *
 * Loses: generatorLossAgreesWithTheReference, generatorLossGradAgreesWithTheReference, generatorIsStableForExtremeLogits, workedExamples
 */
public final class Pix2PixLoss {

    private Pix2PixLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = softplus(realLogits.neg()).mean();
        NDArray fake = softplus(fakeLogits).mean();
        return real.add(fake).mul(0.5).toType(realLogits.getDataType(), false);
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        NDArray dReal = Activation.sigmoid(realLogits).sub(1).div(2.0 * realLogits.size());
        NDArray dFake = Activation.sigmoid(fakeLogits).div(2.0 * fakeLogits.size());
        return new NDList(dReal.toType(realLogits.getDataType(), false), dFake.toType(fakeLogits.getDataType(), false));
    }

    public static NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        check(fake, target, lambda);
        NDArray adversarial = softplus(fakeLogits).mean().neg();
        NDArray l1 = fake.sub(target).abs().mean();
        return adversarial.add(l1.mul(lambda)).toType(fakeLogits.getDataType(), false);
    }

    public static NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        check(fake, target, lambda);
        NDArray dLogits = Activation.sigmoid(fakeLogits).neg().div(fakeLogits.size());
        NDArray dFake = fake.sub(target).sign().mul(lambda / fake.size());
        return new NDList(dLogits.toType(fakeLogits.getDataType(), false), dFake.toType(fake.getDataType(), false));
    }

    private static void check(NDArray fake, NDArray target, double lambda) {
        if (!fake.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("fake " + fake.getShape() + " and target " + target.getShape() + " differ");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0: " + lambda);
        }
    }

    /** softplus(t) = max(t, 0) + log(1 + exp(-|t|)): exp never overflows. */
    private static NDArray softplus(NDArray t) {
        return t.maximum(0).add(t.abs().neg().exp().add(1).log());
    }
}
