package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of the conditioning inputs (lecture notes §5.8-5.10): one-hot labels, the
 * conditional generator's input {@code [z, y]}, the conditional discriminator's label planes, and
 * pix2pix's (condition, image) pairs. Every result is a new array in the first argument's dtype.
 */
public final class Conditioning {

    private Conditioning() {}

    /** Return the (N, K) one-hot matrix of (N) integer labels, in {@code type}. */
    public static NDArray oneHot(NDArray labels, int classes, DataType type) {
        Shape shape = labels.getShape();
        if (shape.dimension() != 1) {
            throw new IllegalArgumentException("labels must be 1-d (N), got shape " + shape);
        }
        if (!labels.getDataType().isInteger()) {
            throw new IllegalArgumentException(
                    "labels must have an integer dtype (int32, int64, int8, uint8), got " + labels.getDataType());
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        NDArray indices = labels.toType(DataType.INT64, false);
        long[] values = indices.toLongArray();
        for (int n = 0; n < values.length; n++) {
            if (values[n] < 0 || values[n] >= classes) {
                throw new IllegalArgumentException(
                        "label " + values[n] + " at index " + n + " is outside [0, " + classes + ")");
            }
        }
        NDArray columns = labels.getManager()
                .arange(0L, (long) classes, 1L, DataType.INT64)
                .reshape(1, classes);
        return indices.reshape(values.length, 1).eq(columns).toType(type, false);
    }

    /** Return the (N, Z + K) generator input: z's columns, then the label columns. */
    public static NDArray withLabels(NDArray z, NDArray oneHot) {
        requireRank("z", z, 2);
        requireRank("oneHot", oneHot, 2);
        requireSameBatch(z, oneHot);
        return z.concat(oneHot.toType(z.getDataType(), false), 1);
    }

    /** Return the (N, C + K, H, W) discriminator input: the images, then one constant plane per class. */
    public static NDArray labelPlanes(NDArray images, NDArray oneHot) {
        requireRank("images", images, 4);
        requireRank("oneHot", oneHot, 2);
        requireSameBatch(images, oneHot);
        Shape s = images.getShape();
        long n = s.get(0);
        long k = oneHot.getShape().get(1);
        NDArray planes = oneHot.toType(images.getDataType(), false)
                .reshape(n, k, 1, 1)
                .broadcast(new Shape(n, k, s.get(2), s.get(3)));
        return images.concat(planes, 1);
    }

    /** Return the (N, C1 + C2, H, W) pix2pix discriminator input: condition channels, then image channels. */
    public static NDArray pairs(NDArray condition, NDArray image) {
        requireRank("condition", condition, 4);
        requireRank("image", image, 4);
        Shape c = condition.getShape();
        Shape i = image.getShape();
        if (c.get(0) != i.get(0) || c.get(2) != i.get(2) || c.get(3) != i.get(3)) {
            throw new IllegalArgumentException("condition " + c + " and image " + i + " must agree in N, H and W");
        }
        return condition.concat(image.toType(condition.getDataType(), false), 1);
    }

    private static void requireRank(String name, NDArray x, int rank) {
        if (x.getShape().dimension() != rank) {
            throw new IllegalArgumentException(name + " must be " + rank + "-d, got shape " + x.getShape());
        }
    }

    private static void requireSameBatch(NDArray a, NDArray b) {
        if (a.getShape().get(0) != b.getShape().get(0)) {
            throw new IllegalArgumentException("batch sizes differ: " + a.getShape() + " and " + b.getShape());
        }
    }
}
