package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reference solution of {@code Boxes} (detection assignment): torchvision's box operations. Areas,
 * IoU and the box coding are whole-array arithmetic in the boxes' dtype, in the order of
 * operations torchvision uses; NMS is the sequential greedy loop over copied-out doubles.
 */
public final class Boxes {

    /** torchvision's {@code BoxCoder.bbox_xform_clip}: no decoded box is more than 62.5 times its anchor. */
    static final double XFORM_CLIP = Math.log(1000.0 / 16);

    private Boxes() {}

    public static NDArray area(NDArray boxes) {
        requireBoxes("boxes", boxes);
        return width(boxes).mul(height(boxes));
    }

    public static NDArray iou(NDArray a, NDArray b) {
        requireBoxes("a", a);
        requireBoxes("b", b);
        NDArray lo = a.get(":, :2").expandDims(1).maximum(b.get(":, :2").expandDims(0));
        NDArray hi = a.get(":, 2:").expandDims(1).minimum(b.get(":, 2:").expandDims(0));
        NDArray wh = hi.sub(lo).maximum(0);
        NDArray inter = wh.get(":, :, 0").mul(wh.get(":, :, 1"));
        NDArray union = area(a).expandDims(1).add(area(b).expandDims(0)).sub(inter);
        return inter.div(union);
    }

    public static NDArray encode(NDArray anchors, NDArray targets, double[] weights) {
        requirePairs(anchors, "targets", targets);
        requireWeights(weights);
        NDArray aw = width(anchors);
        NDArray ah = height(anchors);
        NDArray tw = width(targets);
        NDArray th = height(targets);
        NDArray dx = centre(targets.get(":, 0"), tw)
                .sub(centre(anchors.get(":, 0"), aw))
                .mul(weights[0])
                .div(aw);
        NDArray dy = centre(targets.get(":, 1"), th)
                .sub(centre(anchors.get(":, 1"), ah))
                .mul(weights[1])
                .div(ah);
        NDArray dw = tw.div(aw).log().mul(weights[2]);
        NDArray dh = th.div(ah).log().mul(weights[3]);
        return NDArrays.stack(new NDList(dx, dy, dw, dh), 1).toType(anchors.getDataType(), false);
    }

    public static NDArray decode(NDArray anchors, NDArray deltas, double[] weights) {
        requirePairs(anchors, "deltas", deltas);
        requireWeights(weights);
        NDArray aw = width(anchors);
        NDArray ah = height(anchors);
        NDArray cx = centre(anchors.get(":, 0"), aw);
        NDArray cy = centre(anchors.get(":, 1"), ah);
        NDArray d = deltas.toType(anchors.getDataType(), false);
        NDArray dx = d.get(":, 0").div(weights[0]);
        NDArray dy = d.get(":, 1").div(weights[1]);
        NDArray dw = d.get(":, 2").div(weights[2]).minimum(XFORM_CLIP);
        NDArray dh = d.get(":, 3").div(weights[3]).minimum(XFORM_CLIP);
        NDArray px = dx.mul(aw).add(cx);
        NDArray py = dy.mul(ah).add(cy);
        NDArray halfW = dw.exp().mul(aw).mul(0.5);
        NDArray halfH = dh.exp().mul(ah).mul(0.5);
        return NDArrays.stack(new NDList(px.sub(halfW), py.sub(halfH), px.add(halfW), py.add(halfH)), 1)
                .toType(anchors.getDataType(), false);
    }

    public static int[] nms(NDArray boxes, NDArray scores, double iouThreshold) {
        int k = requireScores(boxes, scores);
        return greedy(
                boxes.toType(DataType.FLOAT64, false).toDoubleArray(),
                scores.toType(DataType.FLOAT64, false).toDoubleArray(),
                new int[k],
                iouThreshold);
    }

    public static int[] batchedNms(NDArray boxes, NDArray scores, int[] classes, double iouThreshold) {
        int k = requireScores(boxes, scores);
        if (classes == null || classes.length != k) {
            throw new IllegalArgumentException("classes must have one entry per box (" + k + ") but has "
                    + (classes == null ? "null" : classes.length));
        }
        return greedy(
                boxes.toType(DataType.FLOAT64, false).toDoubleArray(),
                scores.toType(DataType.FLOAT64, false).toDoubleArray(),
                classes,
                iouThreshold);
    }

    /**
     * Visit the boxes by decreasing score (a stable sort: equal scores by index); keep each box not
     * yet suppressed and suppress the later boxes of its class that overlap it by more than the
     * threshold. Per-class NMS is this loop with the class test, since classes never interact.
     */
    private static int[] greedy(double[] box, double[] score, int[] classes, double threshold) {
        int k = score.length;
        Integer[] order = new Integer[k];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
        boolean[] suppressed = new boolean[k];
        List<Integer> keep = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            int i = order[a];
            if (suppressed[i]) {
                continue;
            }
            keep.add(i);
            for (int b = a + 1; b < k; b++) {
                int j = order[b];
                if (classes[j] == classes[i] && overlap(box, i, j) > threshold) {
                    suppressed[j] = true;
                }
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Return the IoU of boxes i and j of a flat (K * 4) array, as torchvision's NMS kernel computes it. */
    private static double overlap(double[] box, int i, int j) {
        double w = Math.max(0, Math.min(box[4 * i + 2], box[4 * j + 2]) - Math.max(box[4 * i], box[4 * j]));
        double h = Math.max(0, Math.min(box[4 * i + 3], box[4 * j + 3]) - Math.max(box[4 * i + 1], box[4 * j + 1]));
        double inter = w * h;
        return inter / (areaOf(box, i) + areaOf(box, j) - inter);
    }

    private static double areaOf(double[] box, int i) {
        return (box[4 * i + 2] - box[4 * i]) * (box[4 * i + 3] - box[4 * i + 1]);
    }

    private static NDArray width(NDArray boxes) {
        return boxes.get(":, 2").sub(boxes.get(":, 0"));
    }

    private static NDArray height(NDArray boxes) {
        return boxes.get(":, 3").sub(boxes.get(":, 1"));
    }

    private static NDArray centre(NDArray start, NDArray size) {
        return start.add(size.mul(0.5));
    }

    private static void requireBoxes(String name, NDArray boxes) {
        Shape s = boxes.getShape();
        if (s.dimension() != 2 || s.get(1) != 4) {
            throw new IllegalArgumentException(name + " must have shape (K, 4) but has shape " + s);
        }
    }

    private static void requirePairs(NDArray anchors, String name, NDArray other) {
        requireBoxes("anchors", anchors);
        requireBoxes(name, other);
        if (anchors.getShape().get(0) != other.getShape().get(0)) {
            throw new IllegalArgumentException("anchors " + anchors.getShape() + " and " + name + " " + other.getShape()
                    + " must have the same number of rows");
        }
    }

    private static int requireScores(NDArray boxes, NDArray scores) {
        requireBoxes("boxes", boxes);
        long k = boxes.getShape().get(0);
        if (!scores.getShape().equals(new Shape(k))) {
            throw new IllegalArgumentException("scores must have shape (" + k + ") for boxes " + boxes.getShape()
                    + " but has shape " + scores.getShape());
        }
        return Math.toIntExact(k);
    }

    private static void requireWeights(double[] weights) {
        if (weights == null
                || weights.length != 4
                || !(Arrays.stream(weights).min().getAsDouble() > 0)) {
            throw new IllegalArgumentException(
                    "weights must be four positive numbers (wx, wy, ww, wh), got " + Arrays.toString(weights));
        }
    }
}
