package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/**
 * Reference solution: global average pooling, (N, C, H, W) → (N, C), the mean of each
 * channel's map (seed 4.2, the last layer before ResNet's classifier).
 */
public class GlobalAveragePooling implements Layer {

    private Shape xShape;

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("x must have shape (N, C, H, W) but has shape " + s);
        }
        xShape = s;
        // PyTorch's mean over two axes at once throws in DJL; flatten the map first.
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2});
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (xShape == null) {
            throw new IllegalStateException("backward called before forward");
        }
        long area = xShape.get(2) * xShape.get(3);
        return dout.reshape(xShape.get(0), xShape.get(1), 1, 1)
                .div(area)
                .broadcast(xShape)
                .duplicate();
    }
}
