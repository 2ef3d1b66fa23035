package kadai.grader.sandbox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The static methods of the student's ConvOps, as the suites see them through the seam. */
public interface ConvOpsApi {

    String CLASS = "kadai.assignments.conv.ConvOps";

    int outputSize(int in, int filter, int stride, int pad);

    NDArray im2col(NDArray x, int fh, int fw, int stride, int pad);

    NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad);
}
