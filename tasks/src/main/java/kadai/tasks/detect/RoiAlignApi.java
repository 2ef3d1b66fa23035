package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;

/** The methods of the student's {@code kadai.assignments.detection.RoiAlign} object, as a typed view of its handle. */
public interface RoiAlignApi {

    /** Fully qualified name of the student class. */
    String CLASS_NAME = "kadai.assignments.detection.RoiAlign";

    NDArray forward(NDArray features, NDArray rois);

    NDArray backward(NDArray dout);
}
