package kadai.assignments.layers;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/**
 * Apply the rectified linear unit {@code max(0, x)} element-wise (provided; do not edit).
 *
 * <pre>{@code
 * Layer relu = new ReLU();
 * relu.forward(x);        // x = [[-1, 2]]  -> [[0, 2]]
 * relu.backward(dout);    // dout = [[5, 5]] -> [[0, 5]]
 * }</pre>
 */
public class ReLU implements Layer {

    private NDArray mask;

    @Override
    public NDArray forward(NDArray x) {
        mask = x.gt(0).toType(x.getDataType(), false);
        return x.maximum(0);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (mask == null) {
            throw new IllegalStateException("ReLU.backward called before forward");
        }
        return dout.mul(mask);
    }
}
