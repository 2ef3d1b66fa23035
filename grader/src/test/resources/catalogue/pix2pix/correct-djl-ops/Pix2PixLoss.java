package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/*
 * Catalogue entry "correct-djl-ops" (pix2pix).
 *
 * Right: DJL's Activation.softPlus (PyTorch's softplus, stable: linear above a threshold, log1p(exp(t))
 * below), sigmoid(-t) for 1 - sigmoid(t), and the ½ applied to each gradient before dividing.
 *
 * Full marks.
 */
public final class Pix2PixLoss {

    private Pix2PixLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = Activation.softPlus(realLogits.neg()).mean().mul(0.5);
        NDArray fake = Activation.softPlus(fakeLogits).mean().mul(0.5);
        return real.add(fake).toType(realLogits.getDataType(), false);
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        NDArray dReal = Activation.sigmoid(realLogits.neg()).mul(-0.5).div(realLogits.size());
        NDArray dFake = Activation.sigmoid(fakeLogits).mul(0.5).div(fakeLogits.size());
        return new NDList(dReal.toType(realLogits.getDataType(), false), dFake.toType(fakeLogits.getDataType(), false));
    }

    public static NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        validate(fake, target, lambda);
        NDArray l1 = fake.sub(target).abs().sum().div(fake.size());
        return Activation.softPlus(fakeLogits.neg()).mean().add(l1.mul(lambda)).toType(fakeLogits.getDataType(), false);
    }

    public static NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        validate(fake, target, lambda);
        NDArray dLogits = Activation.sigmoid(fakeLogits.neg()).neg().div(fakeLogits.size());
        NDArray dFake = fake.sub(target).sign().mul(lambda).div(fake.size());
        return new NDList(dLogits.toType(fakeLogits.getDataType(), false), dFake.toType(fake.getDataType(), false));
    }

    private static void validate(NDArray fake, NDArray target, double lambda) {
        if (!fake.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("fake " + fake.getShape() + " and target " + target.getShape() + " differ");
        }
        if (!Double.isFinite(lambda) || lambda < 0) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
    }
}
