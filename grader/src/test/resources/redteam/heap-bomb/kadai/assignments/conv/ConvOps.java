package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/** Red-team fixture: fills the Java heap. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 20]);
        }
    }

}
