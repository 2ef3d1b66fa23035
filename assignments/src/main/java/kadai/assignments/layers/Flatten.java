package kadai.assignments.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/**
 * Reshape {@code (N, C, H, W)} to {@code (N, C*H*W)} and back (provided; do not edit).
 *
 * <pre>{@code
 * new Flatten().forward(x);   // x: (64, 16, 7, 7) -> (64, 784)
 * }</pre>
 */
public class Flatten implements Layer {

    private Shape inputShape;

    @Override
    public NDArray forward(NDArray x) {
        inputShape = x.getShape();
        return x.reshape(inputShape.get(0), -1);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (inputShape == null) {
            throw new IllegalStateException("Flatten.backward called before forward");
        }
        return dout.reshape(inputShape);
    }
}
