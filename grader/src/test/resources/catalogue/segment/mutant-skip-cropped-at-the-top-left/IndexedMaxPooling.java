package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Part of catalogue entry "mutant-skip-cropped-at-the-top-left" (segment): this class is right.
 */
public class IndexedMaxPooling implements Layer {

    private final int pool;

    private Shape inputShape;
    private long[] flat;
    private NDArray indices;

    public IndexedMaxPooling(int pool) {
        if (pool < 1) {
            throw new IllegalArgumentException("pool must be >= 1, got " + pool);
        }
        this.pool = pool;
    }

    @Override
    public NDArray forward(NDArray x) {
        long[] s = x.getShape().getShape();
        if (s.length != 4 || s[2] < pool || s[3] < pool) {
            throw new IllegalArgumentException("x " + x.getShape() + " is smaller than one window of " + pool);
        }
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], w = (int) s[3];
        int oh = h / pool, ow = w / pool;
        double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = new double[n * c * oh * ow];
        flat = new long[y.length];
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = -1;
                    for (int a = 0; a < pool; a++) {
                        for (int e = 0; e < pool; e++) {
                            int at = (i * pool + a) * w + j * pool + e;
                            if (best < 0 || v[plane * h * w + at] > v[plane * h * w + best]) {
                                best = at;
                            }
                        }
                    }
                    int k = (plane * oh + i) * ow + j;
                    y[k] = v[plane * h * w + best];
                    flat[k] = best;
                }
            }
        }
        inputShape = x.getShape();
        indices = x.getManager().create(flat, new Shape(n, c, oh, ow));
        return x.getManager().create(y, new Shape(n, c, oh, ow)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        int plane = (int) (inputShape.get(2) * inputShape.get(3));
        int perPlane = d.length / (int) (inputShape.get(0) * inputShape.get(1));
        double[] dx = new double[(int) inputShape.size()];
        for (int k = 0; k < d.length; k++) {
            dx[k / perPlane * plane + (int) flat[k]] += d[k];
        }
        return dout.getManager().create(dx, inputShape).toType(dout.getDataType(), false);
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
