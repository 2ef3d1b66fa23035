package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/*
 * Part of catalogue entry "mutant-logits-shifted-in-place" (segment): this class is right.
 */
public class MaxUnpooling implements Layer {

    private final IndexedMaxPooling encoder;
    private NDArray indices;

    public MaxUnpooling(IndexedMaxPooling encoder) {
        this.encoder = encoder;
    }

    @Override
    public NDArray forward(NDArray x) {
        if (!x.getShape().equals(encoder.indices().getShape())) {
            throw new IllegalArgumentException("x " + x.getShape() + " is not the shape of the encoder's output");
        }
        indices = encoder.indices();
        return Scatter.to(x, indices, encoder.inputShape());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return Scatter.from(dout, indices);
    }
}
