package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;

/** Mirror the static methods of the student's {@code kadai.assignments.detection.Boxes}, for {@code StudentCode#statics}. */
public interface BoxesApi {

    /** Fully qualified name of the student class. */
    String CLASS_NAME = "kadai.assignments.detection.Boxes";

    NDArray area(NDArray boxes);

    NDArray iou(NDArray a, NDArray b);

    NDArray encode(NDArray anchors, NDArray targets, double[] weights);

    NDArray decode(NDArray anchors, NDArray deltas, double[] weights);

    int[] nms(NDArray boxes, NDArray scores, double iouThreshold);

    int[] batchedNms(NDArray boxes, NDArray scores, int[] classes, double iouThreshold);
}
