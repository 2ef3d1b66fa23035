package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "mutant-accepts-label-equal-to-classes" (pix2pix).
 *
 * Wrong: the range check is off by one (label > classes), so a label equal to classes is not refused
 * with IllegalArgumentException (it fails later with an ArrayIndexOutOfBoundsException).
 *
 * Loses: invalidArgumentsAreRejected
 */
public final class Conditioning {

    private Conditioning() {
    }

    public static NDArray oneHot(NDArray labels, int classes, DataType type) {
        if (labels.getShape().dimension() != 1) {
            throw new IllegalArgumentException("labels must be 1-d: " + labels.getShape());
        }
        if (!labels.getDataType().isInteger()) {
            throw new IllegalArgumentException("labels must be integers: " + labels.getDataType());
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes < 1: " + classes);
        }
        long[] values = labels.toType(DataType.INT64, false).toLongArray();
        double[] out = new double[values.length * classes];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > classes) {
                throw new IllegalArgumentException("label out of range: " + values[i]);
            }
            out[i * classes + (int) values[i]] = 1;
        }
        return labels.getManager().create(out, new Shape(values.length, classes)).toType(type, false);
    }

    public static NDArray withLabels(NDArray z, NDArray oneHot) {
        if (z.getShape().dimension() != 2 || oneHot.getShape().dimension() != 2
                || z.getShape().get(0) != oneHot.getShape().get(0)) {
            throw new IllegalArgumentException("z " + z.getShape() + " and oneHot " + oneHot.getShape() + " do not fit");
        }
        return z.concat(oneHot.toType(z.getDataType(), false), 1);
    }

    public static NDArray labelPlanes(NDArray images, NDArray oneHot) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || oneHot.getShape().dimension() != 2 || s.get(0) != oneHot.getShape().get(0)) {
            throw new IllegalArgumentException("images " + s + " and oneHot " + oneHot.getShape() + " do not fit");
        }
        long n = s.get(0);
        long k = oneHot.getShape().get(1);
        NDArray planes = oneHot.toType(images.getDataType(), false).reshape(n, k, 1, 1)
                .broadcast(new Shape(n, k, s.get(2), s.get(3)));
        return images.concat(planes, 1);
    }

    public static NDArray pairs(NDArray condition, NDArray image) {
        Shape a = condition.getShape();
        Shape b = image.getShape();
        if (a.dimension() != 4 || b.dimension() != 4 || a.get(0) != b.get(0) || a.get(2) != b.get(2) || a.get(3) != b.get(3)) {
            throw new IllegalArgumentException("condition " + a + " and image " + b + " do not fit");
        }
        return condition.concat(image.toType(condition.getDataType(), false), 1);
    }
}
