package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-rows-reshaped-without-transpose" (segment): this class is right.
 */
final class Scatter {

    private Scatter() {
    }

    /** Put each value (N, C, OH, OW) at its flat plane index into zeros of {@code shape}, by one-hot rows over the plane. */
    static NDArray to(NDArray values, NDArray indices, Shape shape) {
        long planes = shape.get(0) * shape.get(1);
        int plane = (int) (shape.get(2) * shape.get(3));
        NDArray hot = indices.reshape(planes, -1).oneHot(plane, values.getDataType());      // (planes, OH*OW, H*W)
        return hot.mul(values.reshape(planes, -1, 1)).sum(new int[] {1}).reshape(shape);
    }

    /** Read {@code x} (N, C, H, W) at each flat plane index: the transpose of {@link #to}. */
    static NDArray from(NDArray x, NDArray indices) {
        Shape s = x.getShape();
        long planes = s.get(0) * s.get(1);
        int plane = (int) (s.get(2) * s.get(3));
        NDArray hot = indices.reshape(planes, -1).oneHot(plane, x.getDataType());
        return hot.mul(x.reshape(planes, 1, -1)).sum(new int[] {2}).reshape(indices.getShape());
    }
}
