package kadai.tasks.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Mirror the static methods of the student's {@code kadai.assignments.gan.GanLoss}, for
 * {@link kadai.grader.api.StudentCode#statics}.
 */
public interface GanLossApi {

    /** Fully qualified name of the student class. */
    String CLASS_NAME = "kadai.assignments.gan.GanLoss";

    NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits);

    NDArray generatorLossSaturating(NDArray fakeLogits);

    NDArray generatorLossNonSaturating(NDArray fakeLogits);

    NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits);

    NDArray generatorLossSaturatingGrad(NDArray fakeLogits);

    NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits);
}
