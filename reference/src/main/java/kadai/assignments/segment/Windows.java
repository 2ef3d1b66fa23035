package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Non-overlapping pooling windows and flat plane indices, for {@link IndexedMaxPooling} and
 * {@link MaxUnpooling}. Window {@code (n, c, i, j)} is row {@code ((n*C + c)*OH + i)*OW + j} of
 * {@link #of}, its cell {@code (a, b)} column {@code a*pool + b}. Indices stay int64 throughout
 * (DJL's {@code div} of integers is a true division into floats).
 */
final class Windows {

    private Windows() {}

    /** Return the windows of {@code x} (cut to whole windows) as a (N*C*OH*OW, pool*pool) matrix. */
    static NDArray of(NDArray x, int pool, long oh, long ow) {
        Shape s = x.getShape();
        NDArray cut = x.get(":, :, :{}, :{}", oh * pool, ow * pool);
        return cut.reshape(s.get(0), s.get(1), oh, pool, ow, pool)
                .transpose(0, 1, 2, 4, 3, 5)
                .reshape(-1, (long) pool * pool);
    }

    /**
     * Turn window-local positions {@code a*pool + b} (one per window, N*C*OH*OW of them) into flat
     * plane indices {@code h*W + w}, (N, C, OH, OW): read them off the windows of a plane that
     * holds its own flat indices.
     */
    static NDArray planeIndex(NDArray local, Shape xShape, int pool, long oh, long ow) {
        long h = xShape.get(2);
        long w = xShape.get(3);
        long planes = xShape.get(0) * xShape.get(1);
        NDArray positions = local.getManager()
                .arange(0, Math.toIntExact(h * w), 1, DataType.INT64)
                .reshape(1, 1, h, w);
        NDArray windows = of(positions, pool, oh, ow)
                .reshape(1, oh * ow, (long) pool * pool)
                .broadcast(new Shape(planes, oh * ow, (long) pool * pool));
        return windows.gather(local.reshape(planes, oh * ow, 1), 2).reshape(xShape.get(0), xShape.get(1), oh, ow);
    }

    /** Write each value of {@code values} (N, C, OH, OW) at its flat plane index into zeros of {@code xShape}. */
    static NDArray scatter(NDArray values, NDArray indices, Shape xShape) {
        long planes = xShape.get(0) * xShape.get(1);
        NDArray zeros =
                values.getManager().zeros(new Shape(planes, xShape.get(2) * xShape.get(3)), values.getDataType());
        return zeros.scatter(indices.reshape(planes, -1), values.reshape(planes, -1), 1)
                .reshape(xShape);
    }

    /** Read {@code x} (N, C, H, W) at each flat plane index of {@code indices} (N, C, OH, OW). */
    static NDArray gather(NDArray x, NDArray indices) {
        Shape s = x.getShape();
        long planes = s.get(0) * s.get(1);
        return x.reshape(planes, -1).gather(indices.reshape(planes, -1), 1).reshape(indices.getShape());
    }
}
