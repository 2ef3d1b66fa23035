package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/*
 * Catalogue entry "correct-logaddexp" (gan).
 *
 * Right, by another stable formula: softplus(t) = log(e^0 + e^t) computed as
 * m + log(e^-m + e^(t-m)) with m = max(t, 0) (the log-sum-exp trick), and the sigmoid as
 * exp(-softplus(-t)), so no exp ever sees a positive argument.
 *
 * Full marks.
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return logAddExp0(realLogits.neg()).mean().add(logAddExp0(fakeLogits).mean());
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return logAddExp0(fakeLogits).mean().neg();
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return logAddExp0(fakeLogits.neg()).mean();
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        // d/dt softplus(-t) = -sigmoid(-t); d/dt softplus(t) = sigmoid(t)
        return new NDList(sigmoid(realLogits.neg()).neg().div(realLogits.size()), sigmoid(fakeLogits).div(fakeLogits.size()));
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        return sigmoid(fakeLogits).neg().div(fakeLogits.size());
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        return sigmoid(fakeLogits.neg()).neg().div(fakeLogits.size());
    }

    /** log(e^0 + e^t) with the larger exponent factored out. */
    private static NDArray logAddExp0(NDArray t) {
        NDArray m = t.maximum(0);
        return m.add(m.neg().exp().add(t.sub(m).exp()).log());
    }

    private static NDArray sigmoid(NDArray t) {
        return logAddExp0(t.neg()).neg().exp();
    }
}
