package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import kadai.grader.suite.StudentClass;

/** Mirror the static methods of {@code kadai.assignments.detection.Anchors}. */
@StudentClass("kadai.assignments.detection.Anchors")
public interface AnchorsApi {

    NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios);

    int[] match(NDArray iou, double positive, double negative);
}
