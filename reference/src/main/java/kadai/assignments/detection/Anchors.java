package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Reference solution of {@code Anchors} (detection assignment): the anchor grid of the contract and
 * torchvision's {@code Matcher} with low-quality matches allowed.
 */
public final class Anchors {

    private Anchors() {}

    public static NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios) {
        Shape s = features.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("features must have shape (N, C, H, W) but has shape " + s);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
        requirePositive("sizes", sizes);
        requirePositive("aspectRatios", aspectRatios);
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        double[] boxes = new double[h * w * aspectRatios.length * sizes.length * 4];
        int row = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double cx = (x + 0.5) * stride;
                double cy = (y + 0.5) * stride;
                for (double ratio : aspectRatios) {
                    double root = Math.sqrt(ratio);
                    for (double size : sizes) {
                        double halfW = size / root / 2;
                        double halfH = size * root / 2;
                        boxes[row++] = cx - halfW;
                        boxes[row++] = cy - halfH;
                        boxes[row++] = cx + halfW;
                        boxes[row++] = cy + halfH;
                    }
                }
            }
        }
        return features.getManager()
                .create(boxes, new Shape(boxes.length / 4, 4))
                .toType(features.getDataType(), false);
    }

    public static int[] match(NDArray iou, double positive, double negative) {
        Shape s = iou.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("iou must have shape (anchors, targets) but has shape " + s);
        }
        if (negative > positive) {
            throw new IllegalArgumentException(
                    "negative (" + negative + ") must not exceed positive (" + positive + ")");
        }
        int anchors = Math.toIntExact(s.get(0));
        int targets = Math.toIntExact(s.get(1));
        int[] matches = new int[anchors];
        if (targets == 0) {
            Arrays.fill(matches, -1);
            return matches;
        }
        double[] q = iou.toType(DataType.FLOAT64, false).toDoubleArray();
        int[] best = new int[anchors];
        for (int a = 0; a < anchors; a++) {
            int t = 0;
            for (int j = 1; j < targets; j++) {
                if (q[a * targets + j] > q[a * targets + t]) {
                    t = j;
                }
            }
            best[a] = t;
            double value = q[a * targets + t];
            matches[a] = value >= positive ? t : value < negative ? -1 : -2;
        }
        for (int t = 0; t < targets; t++) {
            double highest = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < anchors; a++) {
                highest = Math.max(highest, q[a * targets + t]);
            }
            for (int a = 0; a < anchors; a++) {
                if (q[a * targets + t] == highest) {
                    matches[a] = best[a];
                }
            }
        }
        return matches;
    }

    private static void requirePositive(String name, double[] values) {
        if (values == null
                || values.length == 0
                || !(Arrays.stream(values).min().getAsDouble() > 0)) {
            throw new IllegalArgumentException(
                    name + " must hold at least one positive number, got " + Arrays.toString(values));
        }
    }
}
