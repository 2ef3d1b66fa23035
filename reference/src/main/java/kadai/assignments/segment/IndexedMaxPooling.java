package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/**
 * Reference solution of SegNet's encoder pooling (seed 6.4): max pooling with window = stride =
 * {@code pool} and no padding, which remembers where each maximum was, as PyTorch's
 * {@code max_pool2d(..., return_indices=True)} does.
 *
 * <p>The input is cut down to {@code OH = H / pool} and {@code OW = W / pool} whole windows (the
 * last rows and columns that do not fill a window are ignored). Each window is one row of a
 * {@code (N*C*OH*OW, pool*pool)} matrix; {@code argMax} gives the first maximum in row-major
 * order, which becomes the flat index {@code h * W + w} in the input plane. Backward writes each
 * upstream gradient at that index (windows do not overlap, so nothing accumulates).
 */
public class IndexedMaxPooling implements Layer {

    private final int pool;

    private Shape xShape;
    private NDArray indices;

    /** Create the layer; {@code pool >= 1}. */
    public IndexedMaxPooling(int pool) {
        if (pool < 1) {
            throw new IllegalArgumentException("need pool >= 1, got pool=" + pool);
        }
        this.pool = pool;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("x must have shape (N, C, H, W) but has shape " + s);
        }
        if (s.get(2) < pool || s.get(3) < pool) {
            throw new IllegalArgumentException(
                    "x of shape " + s + " is smaller than one " + pool + "x" + pool + " window");
        }
        long oh = s.get(2) / pool;
        long ow = s.get(3) / pool;
        NDArray windows = Windows.of(x, pool, oh, ow);
        xShape = s;
        NDArray local = windows.argMax(1).toType(DataType.INT64, false);
        indices = Windows.planeIndex(local, s, pool, oh, ow);
        return windows.max(new int[] {1}).reshape(s.get(0), s.get(1), oh, ow);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (indices == null) {
            throw new IllegalStateException("backward called before forward");
        }
        if (!dout.getShape().equals(indices.getShape())) {
            throw new IllegalArgumentException(
                    "dout has shape " + dout.getShape() + " but forward returned shape " + indices.getShape());
        }
        return Windows.scatter(dout, indices, xShape);
    }

    /** Return the flat index {@code h * W + w} of each window's first maximum, (N, C, OH, OW) int64. */
    public NDArray indices() {
        if (indices == null) {
            throw new IllegalStateException("indices() read before forward");
        }
        return indices;
    }

    /** Return the shape of the last forward's input. */
    public Shape inputShape() {
        if (xShape == null) {
            throw new IllegalStateException("inputShape() read before forward");
        }
        return xShape;
    }

    public int pool() {
        return pool;
    }
}
