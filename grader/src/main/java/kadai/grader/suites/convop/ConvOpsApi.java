package kadai.grader.suites.convop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.grader.suite.StudentClass;

/** Mirror the static methods of {@code kadai.assignments.conv.ConvOps} (the student API contract: the stub's Javadoc and the conv-op handout). */
@StudentClass("kadai.assignments.conv.ConvOps")
public interface ConvOpsApi {

    int outputSize(int in, int filter, int stride, int pad);

    NDArray im2col(NDArray x, int fh, int fw, int stride, int pad);

    NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad);
}
