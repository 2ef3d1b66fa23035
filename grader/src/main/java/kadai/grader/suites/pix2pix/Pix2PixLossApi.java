package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import kadai.grader.suite.StudentClass;

/**
 * Mirror the static methods of the student's {@code kadai.assignments.pix2pix.Pix2PixLoss}: the one
 * facade of that class, used by the pix2pix suite and by the {@code pix2pix} task.
 */
@StudentClass(Pix2PixLossApi.CLASS_NAME)
public interface Pix2PixLossApi {

    /** Fully qualified name of the student class. */
    String CLASS_NAME = "kadai.assignments.pix2pix.Pix2PixLoss";

    NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits);

    NDList discriminatorLossGrad(NDArray realLogits, NDArray fakeLogits);

    NDArray generatorLoss(NDArray fakeLogits, NDArray fake, NDArray target, double lambda);

    NDList generatorLossGrad(NDArray fakeLogits, NDArray fake, NDArray target, double lambda);
}
