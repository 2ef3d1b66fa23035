package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "mutant-returns-zeros" (gan).
 *
 * Wrong: every method returns zeros of the right shape and dtype (0-d losses, gradients shaped like
 * the logits; LeakyRelu likewise). Every structural property holds, none of the values.
 *
 * Loses: discriminatorLossAgreesWithTheReference, generatorLossSaturatingAgreesWithTheReference, generatorLossNonSaturatingAgreesWithTheReference, lossesAtHalfAreTwoLnTwoAndLnTwo, lossesAreStableForExtremeLogits, discriminatorLossGradIsTheGradient, generatorLossGradsAreTheGradients, saturatingAndNonSaturatingAreToldApart, gradientsAreStableForExtremeLogits, leakyReluForwardAgreesWithTheReference, leakyReluBackwardAgreesWithTheReference, inputsAreNotModified, dtypeIsPreserved
 * Scores zero.
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return realLogits.getManager().zeros(new Shape(), realLogits.getDataType());
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return fakeLogits.getManager().zeros(new Shape(), fakeLogits.getDataType());
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return fakeLogits.getManager().zeros(new Shape(), fakeLogits.getDataType());
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        return new NDList(realLogits.zerosLike(), fakeLogits.zerosLike());
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        return fakeLogits.zerosLike();
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return fakeLogits.zerosLike();
    }
}
