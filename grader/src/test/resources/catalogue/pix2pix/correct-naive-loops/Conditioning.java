package kadai.assignments.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "correct-naive-loops" (pix2pix).
 *
 * Right: every output filled element by element in Java arrays copied out with toDoubleArray(), then
 * created once in the first argument's dtype.
 *
 * Full marks.
 */
public final class Conditioning {

    private Conditioning() {
    }

    public static NDArray oneHot(NDArray labels, int classes, DataType type) {
        DataType t = labels.getDataType();
        if (labels.getShape().dimension() != 1 || classes < 1
                || !(t == DataType.INT64 || t == DataType.INT32 || t == DataType.INT8 || t == DataType.UINT8)) {
            throw new IllegalArgumentException("need (N) integer labels and classes >= 1");
        }
        int n = (int) labels.getShape().get(0);
        long[] values = labels.toType(DataType.INT64, false).toLongArray();
        double[] out = new double[n * classes];
        for (int i = 0; i < n; i++) {
            long label = values[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " not in [0, " + classes + ")");
            }
            for (int k = 0; k < classes; k++) {
                out[i * classes + k] = k == label ? 1 : 0;
            }
        }
        return labels.getManager().create(out, new Shape(n, classes)).toType(type, false);
    }

    public static NDArray withLabels(NDArray z, NDArray oneHot) {
        Shape a = z.getShape();
        Shape b = oneHot.getShape();
        if (a.dimension() != 2 || b.dimension() != 2 || a.get(0) != b.get(0)) {
            throw new IllegalArgumentException("shapes " + a + " and " + b + " do not fit");
        }
        int n = (int) a.get(0);
        int zw = (int) a.get(1);
        int k = (int) b.get(1);
        double[] zs = z.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] ys = oneHot.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[n * (zw + k)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < zw + k; j++) {
                out[i * (zw + k) + j] = j < zw ? zs[i * zw + j] : ys[i * k + j - zw];
            }
        }
        return z.getManager().create(out, new Shape(n, zw + k)).toType(z.getDataType(), false);
    }

    public static NDArray labelPlanes(NDArray images, NDArray oneHot) {
        Shape s = images.getShape();
        Shape b = oneHot.getShape();
        if (s.dimension() != 4 || b.dimension() != 2 || s.get(0) != b.get(0)) {
            throw new IllegalArgumentException("shapes " + s + " and " + b + " do not fit");
        }
        int n = (int) s.get(0);
        int c = (int) s.get(1);
        int hw = (int) (s.get(2) * s.get(3));
        int k = (int) b.get(1);
        double[] xs = images.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] ys = oneHot.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[n * (c + k) * hw];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c + k; ch++) {
                for (int p = 0; p < hw; p++) {
                    out[(i * (c + k) + ch) * hw + p] = ch < c ? xs[(i * c + ch) * hw + p] : ys[i * k + ch - c];
                }
            }
        }
        return images.getManager().create(out, new Shape(n, c + k, s.get(2), s.get(3))).toType(images.getDataType(), false);
    }

    public static NDArray pairs(NDArray condition, NDArray image) {
        Shape a = condition.getShape();
        Shape b = image.getShape();
        if (a.dimension() != 4 || b.dimension() != 4 || a.get(0) != b.get(0) || a.get(2) != b.get(2) || a.get(3) != b.get(3)) {
            throw new IllegalArgumentException("shapes " + a + " and " + b + " do not fit");
        }
        int n = (int) a.get(0);
        int c1 = (int) a.get(1);
        int c2 = (int) b.get(1);
        int hw = (int) (a.get(2) * a.get(3));
        double[] xs = condition.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] ys = image.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[n * (c1 + c2) * hw];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c1 + c2; ch++) {
                for (int p = 0; p < hw; p++) {
                    out[(i * (c1 + c2) + ch) * hw + p] = ch < c1 ? xs[(i * c1 + ch) * hw + p] : ys[(i * c2 + ch - c1) * hw + p];
                }
            }
        }
        return condition.getManager().create(out, new Shape(n, c1 + c2, a.get(2), a.get(3)))
                .toType(condition.getDataType(), false);
    }
}
