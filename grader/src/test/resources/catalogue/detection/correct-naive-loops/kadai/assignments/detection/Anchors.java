package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Correct alternative (loops): see Boxes.java. */
public final class Anchors {

    private Anchors() {
    }

    public static NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios) {
        Shape s = features.getShape();
        if (s.dimension() != 4 || stride < 1 || sizes == null || sizes.length == 0 || aspectRatios == null
                || aspectRatios.length == 0) {
            throw new IllegalArgumentException("bad grid arguments");
        }
        for (double v : sizes) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("sizes must be positive");
            }
        }
        for (double v : aspectRatios) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("ratios must be positive");
            }
        }
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int per = aspectRatios.length * sizes.length;
        double[] out = new double[h * w * per * 4];
        for (int row = 0; row < h * w * per; row++) {
            int cell = row / per;
            double ratio = aspectRatios[(row % per) / sizes.length];
            double size = sizes[row % sizes.length];
            double cx = stride * (cell % w + 0.5);
            double cy = stride * (cell / w + 0.5);
            double bw = size / Math.sqrt(ratio);
            double bh = size * Math.sqrt(ratio);
            out[4 * row] = cx - bw / 2;
            out[4 * row + 1] = cy - bh / 2;
            out[4 * row + 2] = cx + bw / 2;
            out[4 * row + 3] = cy + bh / 2;
        }
        return features.getManager().create(out, new Shape(h * w * per, 4)).toType(features.getDataType(), false);
    }

    public static int[] match(NDArray iou, double positive, double negative) {
        Shape s = iou.getShape();
        if (s.dimension() != 2 || negative > positive) {
            throw new IllegalArgumentException("bad match arguments");
        }
        int a = (int) s.get(0);
        int t = (int) s.get(1);
        double[] q = iou.toType(DataType.FLOAT64, false).toDoubleArray();
        int[] best = new int[a];
        int[] out = new int[a];
        for (int i = 0; i < a; i++) {
            if (t == 0) {
                out[i] = -1;
                continue;
            }
            for (int j = 1; j < t; j++) {
                if (q[i * t + j] > q[i * t + best[i]]) {
                    best[i] = j;
                }
            }
            double v = q[i * t + best[i]];
            out[i] = v < negative ? -1 : v < positive ? -2 : best[i];
        }
        for (int j = 0; j < t; j++) {
            double top = q[j];
            for (int i = 1; i < a; i++) {
                top = Math.max(top, q[i * t + j]);
            }
            for (int i = 0; i < a; i++) {
                if (q[i * t + j] == top) {
                    out[i] = best[i];
                }
            }
        }
        return out;
    }
}
