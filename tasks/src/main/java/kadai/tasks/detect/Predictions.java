package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turn the network's outputs for one canvas into detections with the submission's post-processing:
 * the most probable garment class of each anchor, the {@link #CANDIDATES} best anchors above
 * {@link #MIN_SCORE}, their boxes from the submission's {@code Boxes.decode}, clipped to the canvas,
 * and the submission's {@code Boxes.batchedNms} at {@link #NMS_IOU}; at most {@link #MAX_DETECTIONS}
 * remain. The trusted side checks what comes back (shape, finiteness, indices in range, no repeats).
 */
final class Predictions {

    static final double MIN_SCORE = 0.05;
    static final int CANDIDATES = 100;
    static final double NMS_IOU = 0.5;
    static final int MAX_DETECTIONS = 20;

    /** One detection on a canvas: box corners in pixels, garment class 1..10, score. */
    record Detection(double x1, double y1, double x2, double y2, int label, double score) {
        double[] box() {
            return new double[] {x1, y1, x2, y2};
        }
    }

    private Predictions() {}

    /**
     * Return the detections of one canvas.
     *
     * @param probabilities the softmax of its class logits, {@code anchors * (K + 1)} row-major, background first
     * @param deltas its predicted box deltas, {@code anchors * 4}
     * @param anchors every anchor, {@code anchors * 4}
     * @param side the canvas side (boxes are clipped to {@code [0, side]})
     */
    static List<Detection> of(
            float[] probabilities,
            float[] deltas,
            float[] anchors,
            int classes,
            int side,
            BoxesApi boxes,
            NDManager manager) {
        int count = anchors.length / 4;
        List<int[]> candidates = new ArrayList<>(); // {anchor, class}
        List<Float> scores = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            int best = 1;
            for (int k = 2; k <= classes; k++) {
                if (probabilities[a * (classes + 1) + k] > probabilities[a * (classes + 1) + best]) {
                    best = k;
                }
            }
            float p = probabilities[a * (classes + 1) + best];
            if (p > MIN_SCORE) {
                candidates.add(new int[] {a, best});
                scores.add(p);
            }
        }
        Integer[] order = new Integer[candidates.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Float.compare(scores.get(j), scores.get(i)));
        int n = Math.min(CANDIDATES, order.length);
        if (n == 0) {
            return List.of();
        }
        float[] pickedAnchors = new float[n * 4];
        float[] pickedDeltas = new float[n * 4];
        float[] pickedScores = new float[n];
        int[] pickedClasses = new int[n];
        for (int i = 0; i < n; i++) {
            int[] c = candidates.get(order[i]);
            System.arraycopy(anchors, c[0] * 4, pickedAnchors, i * 4, 4);
            System.arraycopy(deltas, c[0] * 4, pickedDeltas, i * 4, 4);
            pickedScores[i] = scores.get(order[i]);
            pickedClasses[i] = c[1];
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray decoded = boxes.decode(
                    scope.create(pickedAnchors, new Shape(n, 4)),
                    scope.create(pickedDeltas, new Shape(n, 4)),
                    Targets.WEIGHTS.clone());
            if (decoded == null || !decoded.getShape().equals(new Shape(n, 4))) {
                throw new IllegalStateException(
                        "Boxes.decode(anchors (" + n + ", 4), deltas (" + n + ", 4), weights) must return shape (" + n
                                + ", 4), got " + (decoded == null ? "null" : decoded.getShape()));
            }
            float[] box = decoded.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < box.length; i++) {
                if (Float.isNaN(box[i])) {
                    throw new IllegalStateException("Boxes.decode returned NaN");
                }
                box[i] = Math.max(0, Math.min(side, box[i]));
            }
            int[] keep = boxes.batchedNms(
                    scope.create(box, new Shape(n, 4)), scope.create(pickedScores), pickedClasses.clone(), NMS_IOU);
            checkKept(keep, n);
            List<Detection> out = new ArrayList<>();
            for (int i = 0; i < keep.length && out.size() < MAX_DETECTIONS; i++) {
                int k = keep[i];
                if (box[4 * k + 2] - box[4 * k] < 1 || box[4 * k + 3] - box[4 * k + 1] < 1) {
                    continue; // clipped away
                }
                out.add(new Detection(
                        box[4 * k], box[4 * k + 1], box[4 * k + 2], box[4 * k + 3], pickedClasses[k], pickedScores[k]));
            }
            return out;
        }
    }

    private static void checkKept(int[] keep, int n) {
        if (keep == null) {
            throw new IllegalStateException("Boxes.batchedNms returned null");
        }
        Set<Integer> seen = new HashSet<>();
        for (int k : keep) {
            if (k < 0 || k >= n || !seen.add(k)) {
                throw new IllegalStateException("Boxes.batchedNms returned " + Arrays.toString(keep) + " for " + n
                        + " boxes; indices must lie in [0, " + n + ") without repeats");
            }
        }
    }
}
