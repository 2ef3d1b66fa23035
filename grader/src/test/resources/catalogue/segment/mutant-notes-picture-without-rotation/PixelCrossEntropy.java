package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-notes-picture-without-rotation" (segment): this class is right.
 */
public final class PixelCrossEntropy {

    private PixelCrossEntropy() {
    }

    public static NDArray loss(NDArray logits, NDArray labels) {
        double[][] p = logSoftmax(logits, labels);
        long[] lab = labels.toType(DataType.INT64, false).toLongArray();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < lab.length; i++) {
            if (lab[i] >= 0) {
                sum -= p[i][(int) lab[i]];
                count++;
            }
        }
        return logits.getManager().create(sum / count).toType(logits.getDataType(), false);
    }

    public static NDArray grad(NDArray logits, NDArray labels) {
        double[][] p = logSoftmax(logits, labels);
        long[] lab = labels.toType(DataType.INT64, false).toLongArray();
        Shape s = logits.getShape();
        int k = (int) s.get(1);
        int hw = (int) (s.get(2) * s.get(3));
        int count = 0;
        for (long l : lab) {
            count += l >= 0 ? 1 : 0;
        }
        double[] g = new double[(int) s.size()];
        for (int i = 0; i < lab.length; i++) {
            if (lab[i] < 0) {
                continue;
            }
            int n = i / hw;
            int pixel = i % hw;
            for (int c = 0; c < k; c++) {
                g[(n * k + c) * hw + pixel] = (Math.exp(p[i][c]) - (c == lab[i] ? 1 : 0)) / count;
            }
        }
        return logits.getManager().create(g, s).toType(logits.getDataType(), false);
    }

    /** Per pixel (row-major n, h, w): the log-softmax over the K classes, shifted by the maximum. */
    private static double[][] logSoftmax(NDArray logits, NDArray labels) {
        Shape s = logits.getShape();
        if (s.dimension() != 4 || !labels.getShape().equals(new Shape(s.get(0), s.get(2), s.get(3)))) {
            throw new IllegalArgumentException("logits " + s + " and labels " + labels.getShape() + " do not match");
        }
        if (!labels.getDataType().isInteger()) {
            throw new IllegalArgumentException("labels must be integers, not " + labels.getDataType());
        }
        int k = (int) s.get(1);
        for (long l : labels.toType(DataType.INT64, false).toLongArray()) {
            if (l < -1 || l >= k) {
                throw new IllegalArgumentException("label " + l + " is outside -1.." + (k - 1));
            }
        }
        double[] z = logits.toType(DataType.FLOAT64, false).toDoubleArray();
        int n = (int) s.get(0);
        int hw = (int) (s.get(2) * s.get(3));
        double[][] out = new double[n * hw][k];
        for (int i = 0; i < n; i++) {
            for (int pixel = 0; pixel < hw; pixel++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, z[(i * k + c) * hw + pixel]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(z[(i * k + c) * hw + pixel] - max);
                }
                double log = Math.log(sum);
                for (int c = 0; c < k; c++) {
                    out[i * hw + pixel][c] = z[(i * k + c) * hw + pixel] - max - log;
                }
            }
        }
        return out;
    }
}
