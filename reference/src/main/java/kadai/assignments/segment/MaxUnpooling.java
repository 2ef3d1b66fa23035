package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/**
 * Reference solution of SegNet's decoder upsampling (seed 6.4): put each value back where its
 * encoder found the maximum, zeros elsewhere, as PyTorch's {@code max_unpool2d} with the encoder's
 * input size. Backward gathers the upstream gradient at the same positions.
 */
public class MaxUnpooling implements Layer {

    private final IndexedMaxPooling encoder;

    private Shape outShape;
    private NDArray indices;

    /** Create the layer that undoes {@code encoder}'s last forward. */
    public MaxUnpooling(IndexedMaxPooling encoder) {
        if (encoder == null) {
            throw new IllegalArgumentException("the encoder must not be null");
        }
        this.encoder = encoder;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray encoded = encoder.indices();
        if (!x.getShape().equals(encoded.getShape())) {
            throw new IllegalArgumentException("x has shape " + x.getShape() + " but the encoder's indices have shape "
                    + encoded.getShape() + "; unpool the output of the matching pooling");
        }
        indices = encoded;
        outShape = encoder.inputShape();
        return Windows.scatter(x, indices, outShape);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (indices == null) {
            throw new IllegalStateException("backward called before forward");
        }
        if (!dout.getShape().equals(outShape)) {
            throw new IllegalArgumentException(
                    "dout has shape " + dout.getShape() + " but forward returned shape " + outShape);
        }
        return Windows.gather(dout, indices);
    }
}
