package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/*
 * Part of catalogue entry "mutant-returns-zeros" (segment): zeros of the right shape.
 */
public class MaxUnpooling implements Layer {

    private final IndexedMaxPooling encoder;
    private NDArray x;

    public MaxUnpooling(IndexedMaxPooling encoder) {
        this.encoder = encoder;
    }

    @Override
    public NDArray forward(NDArray x) {
        if (!x.getShape().equals(encoder.indices().getShape())) {
            throw new IllegalArgumentException("shape");
        }
        this.x = x;
        return x.getManager().zeros(encoder.inputShape(), x.getDataType());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.getManager().zeros(x.getShape(), dout.getDataType());
    }
}
