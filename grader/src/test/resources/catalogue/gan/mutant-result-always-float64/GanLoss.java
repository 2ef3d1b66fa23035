package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/*
 * Catalogue entry "mutant-result-always-float64" (gan).
 *
 * Wrong: the losses are computed element by element in double and returned with
 * manager.create(double), which is float64 whatever the logits' dtype (float32 logits give float64 losses).
 *
 * Loses: dtypeIsPreserved
 */
public final class GanLoss {

    private GanLoss() {
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return meanSoftplus(realLogits, -1).add(meanSoftplus(fakeLogits, 1));
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        return meanSoftplus(fakeLogits, 1).neg();
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        return meanSoftplus(fakeLogits, -1);
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

    private static NDArray meanSoftplus(NDArray t, double sign) {
        double sum = 0;
        for (double v : t.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
            double s = sign * v;
            sum += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
        }
        return t.getManager().create(sum / t.size());
    }

    /** softplus(t) = log(1 + e^t) = max(t, 0) + log(1 + e^-|t|), finite for every t. */
    private static NDArray softplus(NDArray t) {
        return t.maximum(0).add(t.abs().neg().exp().add(1).log());
    }
}
