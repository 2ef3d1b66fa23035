package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Red-team fixture: recurses without a base case. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        return im2col(x, fh + 1, fw, stride, pad);
    }

}
