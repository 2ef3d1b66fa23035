package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/*
 * Catalogue entry "mutant-naive-log-sigmoid" (gan).
 *
 * Wrong: the losses take log(sigmoid(t)) and log(1 - sigmoid(t)) literally. Exact for moderate
 * logits, but sigmoid(-1e4) is 0 in float64 and log(0) = -Infinity (and 1 - sigmoid(1e4) = 0 likewise),
 * so the losses are infinite where the reference gives 1e4.
 *
 * Loses: lossesAreStableForExtremeLogits
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return Activation.sigmoid(realLogits).log().mean().neg()
                .sub(Activation.sigmoid(fakeLogits).neg().add(1).log().mean());
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return Activation.sigmoid(fakeLogits).neg().add(1).log().mean();
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return Activation.sigmoid(fakeLogits).log().mean().neg();
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
