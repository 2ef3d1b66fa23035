package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import kadai.grader.suite.StudentClass;

/** The static methods of {@code PixelCrossEntropy}. */
@StudentClass("kadai.assignments.segment.PixelCrossEntropy")
public interface PixelCrossEntropyApi {

    NDArray loss(NDArray logits, NDArray labels);

    NDArray grad(NDArray logits, NDArray labels);
}
