package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;

/** Mirror the static methods of the student's {@code kadai.assignments.detection.Anchors}, for {@code StudentCode#statics}. */
public interface AnchorsApi {

    /** Fully qualified name of the student class. */
    String CLASS_NAME = "kadai.assignments.detection.Anchors";

    NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios);

    int[] match(NDArray iou, double positive, double negative);
}
