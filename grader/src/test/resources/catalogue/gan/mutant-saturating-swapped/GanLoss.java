package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/*
 * Catalogue entry "mutant-saturating-swapped" (gan).
 *
 * Wrong: the saturating and the non-saturating generator losses (and their gradients) are swapped:
 * generatorLossSaturating returns -mean log D(G(z)) and generatorLossNonSaturating mean log(1 - D(G(z))).
 *
 * Loses: generatorLossSaturatingAgreesWithTheReference, generatorLossNonSaturatingAgreesWithTheReference, lossesAtHalfAreTwoLnTwoAndLnTwo, lossesAreStableForExtremeLogits, generatorLossGradsAreTheGradients, saturatingAndNonSaturatingAreToldApart, gradientsAreStableForExtremeLogits
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return softplus(realLogits.neg()).mean().add(softplus(fakeLogits).mean());
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits.neg()).mean(); // (swapped)
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits).mean().neg();
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        NDArray dReal = Activation.sigmoid(realLogits).sub(1).div(realLogits.size());
        NDArray dFake = Activation.sigmoid(fakeLogits).div(fakeLogits.size());
        return new NDList(dReal, dFake);
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        return Activation.sigmoid(fakeLogits).sub(1).div(fakeLogits.size()); // (swapped)
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return Activation.sigmoid(fakeLogits).neg().div(fakeLogits.size());
    }

    /** softplus(t) = log(1 + e^t) = max(t, 0) + log(1 + e^-|t|), finite for every t. */
    private static NDArray softplus(NDArray t) {
        return t.maximum(0).add(t.abs().neg().exp().add(1).log());
    }
}
