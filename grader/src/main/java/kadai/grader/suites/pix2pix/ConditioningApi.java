package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.grader.suite.StudentClass;

/**
 * Mirror the static methods of the student's {@code kadai.assignments.pix2pix.Conditioning}: the one
 * facade of that class, used by the pix2pix suite and by the {@code cgan} and {@code pix2pix} tasks
 * (through {@link kadai.grader.api.StudentCode#statics}).
 */
@StudentClass(ConditioningApi.CLASS_NAME)
public interface ConditioningApi {

    /** Fully qualified name of the student class. */
    String CLASS_NAME = "kadai.assignments.pix2pix.Conditioning";

    NDArray oneHot(NDArray labels, int classes, DataType type);

    NDArray withLabels(NDArray z, NDArray oneHot);

    NDArray labelPlanes(NDArray images, NDArray oneHot);

    NDArray pairs(NDArray condition, NDArray image);
}
