package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import kadai.grader.suite.StudentClass;

/**
 * Mirror the static methods of {@code kadai.assignments.gan.GanLoss} (the student API contract: the
 * stub's Javadoc and the gan handout): the one facade of that class, used by the gan suite and by the
 * {@code dcgan} and {@code cgan} tasks (through {@link kadai.grader.api.StudentCode#statics}).
 */
@StudentClass(GanLossApi.CLASS_NAME)
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
