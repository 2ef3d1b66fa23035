package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Part of catalogue entry "mutant-logits-shifted-in-place" (segment): this class is right.
 */
public class IndexedMaxPooling implements Layer {

    private final int pool;
    private Shape inputShape;
    private NDArray indices;

    public IndexedMaxPooling(int pool) {
        if (pool < 1) {
            throw new IllegalArgumentException("pool must be >= 1, got " + pool);
        }
        this.pool = pool;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(2) < pool || s.get(3) < pool) {
            throw new IllegalArgumentException("x " + s + " is smaller than one window of " + pool);
        }
        long n = s.get(0), c = s.get(1), oh = s.get(2) / pool, ow = s.get(3) / pool;
        NDArray windows = x.get(":, :, :{}, :{}", oh * pool, ow * pool).reshape(n, c, oh, pool, ow, pool)
                .transpose(0, 1, 2, 4, 3, 5).reshape(n, c, oh, ow, (long) pool * pool);
        NDArray local = windows.argMax(4).toType(DataType.INT64, false);            // a * pool + b
        NDArray b = local.mod(pool);
        NDArray a = local.sub(b).div(pool).toType(DataType.INT64, false);
        NDArray i = x.getManager().arange(0, (int) oh, 1, DataType.INT64).reshape(1, 1, oh, 1);
        NDArray j = x.getManager().arange(0, (int) ow, 1, DataType.INT64).reshape(1, 1, 1, ow);
        indices = i.mul(pool).add(a).mul(s.get(3)).add(j.mul(pool).add(b));
        inputShape = s;
        return windows.max(new int[] {4});
    }

    @Override
    public NDArray backward(NDArray dout) {
        return Scatter.to(dout, indices, inputShape);
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
