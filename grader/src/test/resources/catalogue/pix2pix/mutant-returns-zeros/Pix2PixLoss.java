package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "mutant-returns-zeros" (pix2pix): Pix2PixLoss returns zeros too.
 *
 * Loses: discriminatorLossAgreesWithTheReference, discriminatorLossGradAgreesWithTheReference, generatorLossAgreesWithTheReference, generatorLossGradAgreesWithTheReference, l1SubgradientIsZeroWhereFakeEqualsTarget, gradientsMatchNumericalGradientsOfYourLosses, discriminatorIsStableForExtremeLogits, generatorIsStableForExtremeLogits
 */
public final class Pix2PixLoss {

    private Pix2PixLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return realLogits.getManager().zeros(new Shape(), realLogits.getDataType());
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        return new NDList(realLogits.zerosLike(), fakeLogits.zerosLike());
    }

    public static NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        return fakeLogits.getManager().zeros(new Shape(), fakeLogits.getDataType());
    }

    public static NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda) {
        return new NDList(fakeLogits.zerosLike(), fake.zerosLike());
    }
}
