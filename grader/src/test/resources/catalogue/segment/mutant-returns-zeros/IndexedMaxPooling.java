package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Part of catalogue entry "mutant-returns-zeros" (segment): zeros of the right shape.
 */
public class IndexedMaxPooling implements Layer {

    private final int pool;
    private Shape inputShape;
    private NDArray indices;

    public IndexedMaxPooling(int pool) {
        if (pool < 1) {
            throw new IllegalArgumentException("pool < 1");
        }
        this.pool = pool;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.get(2) < pool || s.get(3) < pool) {
            throw new IllegalArgumentException("smaller than a window");
        }
        inputShape = s;
        Shape out = new Shape(s.get(0), s.get(1), s.get(2) / pool, s.get(3) / pool);
        indices = x.getManager().zeros(out, DataType.INT64);
        return x.getManager().zeros(out, x.getDataType());
    }

    @Override
    public NDArray backward(NDArray dout) {
        return dout.getManager().zeros(inputShape, dout.getDataType());
    }

    public NDArray indices() {
        return indices;
    }

    public Shape inputShape() {
        return inputShape;
    }

    public int pool() {
        return pool;
    }
}
