package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/*
 * Catalogue entry "mutant-sum-instead-of-mean" (gan).
 *
 * Wrong: the losses sum over the batch instead of averaging (the gradients still divide by the size,
 * so they are no longer the gradients of these losses).
 *
 * Loses: discriminatorLossAgreesWithTheReference, generatorLossSaturatingAgreesWithTheReference, generatorLossNonSaturatingAgreesWithTheReference, lossesAtHalfAreTwoLnTwoAndLnTwo, lossesAreStableForExtremeLogits, discriminatorLossGradIsTheGradient, generatorLossGradsAreTheGradients, saturatingAndNonSaturatingAreToldApart
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return softplus(realLogits.neg()).sum().add(softplus(fakeLogits).sum());
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits).sum().neg();
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits.neg()).sum();
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        NDArray dReal = Activation.sigmoid(realLogits).sub(1).div(realLogits.size());
        NDArray dFake = Activation.sigmoid(fakeLogits).div(fakeLogits.size());
        return new NDList(dReal, dFake);
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        return Activation.sigmoid(fakeLogits).neg().div(fakeLogits.size());
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return Activation.sigmoid(fakeLogits).sub(1).div(fakeLogits.size());
    }

    /** softplus(t) = log(1 + e^t) = max(t, 0) + log(1 + e^-|t|), finite for every t. */
    private static NDArray softplus(NDArray t) {
        return t.maximum(0).add(t.abs().neg().exp().add(1).log());
    }
}
