package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import kadai.grader.suite.StudentClass;

/** Mirror the static methods of {@code kadai.assignments.detection.Boxes}. */
@StudentClass("kadai.assignments.detection.Boxes")
public interface BoxesApi {

    NDArray area(NDArray boxes);

    NDArray iou(NDArray a, NDArray b);

    NDArray encode(NDArray anchors, NDArray targets, double[] weights);

    NDArray decode(NDArray anchors, NDArray deltas, double[] weights);

    int[] nms(NDArray boxes, NDArray scores, double iouThreshold);

    int[] batchedNms(NDArray boxes, NDArray scores, int[] classes, double iouThreshold);
}
