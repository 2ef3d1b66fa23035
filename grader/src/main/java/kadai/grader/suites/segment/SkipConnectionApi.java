package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import kadai.grader.suite.StudentClass;

/** The static methods of {@code SkipConnection}. */
@StudentClass("kadai.assignments.segment.SkipConnection")
public interface SkipConnectionApi {

    NDArray concat(NDArray skip, NDArray up);

    NDList backward(NDArray dout, Shape skipShape, Shape upShape);
}
