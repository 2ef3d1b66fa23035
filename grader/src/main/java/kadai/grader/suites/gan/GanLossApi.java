package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import kadai.grader.suite.StudentClass;

/** Mirror the static methods of {@code kadai.assignments.gan.GanLoss} (the student API contract: the stub's Javadoc and the gan handout). */
@StudentClass("kadai.assignments.gan.GanLoss")
public interface GanLossApi {

    NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits);

    NDArray generatorLossSaturating(NDArray fakeLogits);

    NDArray generatorLossNonSaturating(NDArray fakeLogits);

    NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits);

    NDArray generatorLossSaturatingGrad(NDArray fakeLogits);

    NDArray generatorLossNonSaturatingGrad(NDArray fakeLogits);
}
