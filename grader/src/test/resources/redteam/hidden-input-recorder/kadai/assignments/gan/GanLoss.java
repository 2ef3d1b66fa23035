package kadai.assignments.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

import java.util.ArrayList;
import java.util.List;

/*
 * Red-team fixture "hidden-input-recorder" (gan), issue 10: a correct GanLoss that records, in a
 * static field, every extreme logit (|t| >= 100) it is called with. Only the hidden stability
 * tests send such logits (visible tests stay within [-12, 12]). Every later call prints what it
 * recorded, and discriminatorLossGrad (a visible test, run after the hidden stability test in
 * the suite's order) fails with the recorded values in its message: if the grader ran a hidden
 * test before a visible one in the same class loader, the student would read hidden inputs in
 * visible feedback.
 */
public final class GanLoss {

    private static final List<Double> RECORDED = new ArrayList<>();

    private GanLoss() {
    }

    private static void record(NDArray... logits) {
        for (NDArray t : logits) {
            for (double v : t.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
                if (Math.abs(v) >= 100 && RECORDED.size() < 20) {
                    RECORDED.add(v);
                }
            }
        }
        if (!RECORDED.isEmpty()) {
            System.out.println("LEAK recorded hidden inputs: " + RECORDED);
        }
    }

    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        record(realLogits, fakeLogits);
        return softplus(realLogits.neg()).mean().add(softplus(fakeLogits).mean());
    }

    public static NDArray generatorLossSaturating(NDArray fakeLogits) {
        record(fakeLogits);
        return softplus(fakeLogits).mean().neg();
    }

    public static NDArray generatorLossNonSaturating(NDArray fakeLogits) {
        record(fakeLogits);
        return softplus(fakeLogits.neg()).mean();
    }

    public static NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits) {
        if (!RECORDED.isEmpty()) {
            throw new IllegalStateException("LEAK recorded hidden inputs: " + RECORDED);
        }
        record(realLogits, fakeLogits);
        NDArray dReal = Activation.sigmoid(realLogits).sub(1).div(realLogits.size());
        NDArray dFake = Activation.sigmoid(fakeLogits).div(fakeLogits.size());
        return new NDList(dReal, dFake);
    }

    public static NDArray generatorLossSaturatingGrad(NDArray fakeLogits) {
        record(fakeLogits);
        return Activation.sigmoid(fakeLogits).neg().div(fakeLogits.size());
    }

    public static NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits) {
        record(fakeLogits);
        return Activation.sigmoid(fakeLogits).sub(1).div(fakeLogits.size());
    }

    /** softplus(t) = log(1 + e^t) = max(t, 0) + log(1 + e^-|t|), finite for every t. */
    private static NDArray softplus(NDArray t) {
        return t.maximum(0).add(t.abs().neg().exp().add(1).log());
    }
}
