package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-rows-reshaped-without-transpose" (segment): this class is right.
 */
public final class SkipConnection {

    private SkipConnection() {
    }

    public static NDArray concat(NDArray skip, NDArray up) {
        long[] o = offsets(skip.getShape(), up.getShape());
        NDArray crop = skip.get(":, :, {}:{}, {}:{}", o[0], o[0] + up.getShape().get(2), o[1], o[1] + up.getShape().get(3));
        return crop.toType(up.getDataType(), false).concat(up, 1);
    }

    public static NDList backward(NDArray dout, Shape skipShape, Shape upShape) {
        long[] o = offsets(skipShape, upShape);
        long cs = skipShape.get(1);
        if (dout.getShape().get(1) != cs + upShape.get(1) || dout.getShape().get(2) != upShape.get(2)) {
            throw new IllegalArgumentException("dout " + dout.getShape() + " does not match");
        }
        NDArray top = dout.get(":, :{}", cs);
        long bottom = skipShape.get(2) - upShape.get(2) - o[0];
        long right = skipShape.get(3) - upShape.get(3) - o[1];
        NDArray dskip = top.pad(new Shape(o[1], right, o[0], bottom), 0);
        return new NDList(dskip, dout.get(":, {}:", cs));
    }

    private static long[] offsets(Shape skip, Shape up) {
        if (skip.dimension() != 4 || up.dimension() != 4 || skip.get(0) != up.get(0) || skip.get(2) < up.get(2)
                || skip.get(3) < up.get(3)) {
            throw new IllegalArgumentException("skip " + skip + " cannot be cropped to up " + up);
        }
        return new long[] {(skip.get(2) - up.get(2)) / 2, (skip.get(3) - up.get(3)) / 2};
    }
}
