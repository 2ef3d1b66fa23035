package kadai.tasks.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.IntConsumer;
import kadai.tasks.data.Box;
import kadai.tasks.data.CanvasSet;

/**
 * The training targets of every anchor of every training canvas, made by the submission: its
 * {@code Boxes.iou} of anchors and true boxes, its {@code Anchors.match} (positive from
 * {@link #POSITIVE}, background below {@link #NEGATIVE}) and its {@code Boxes.encode} of the matched
 * boxes with {@link #WEIGHTS}. Only training boxes reach the submission; the results are checked
 * (shapes, ranges, finiteness) before they are used.
 *
 * <p>{@code labels[c * A + a]}: 0 background, 1..10 the matched garment's class, -1 ignored;
 * {@code deltas[(c * A + a) * 4 + k]}: the encoded box of a positive anchor (0 elsewhere).
 */
final class Targets {

    /** SSD's matching thresholds. */
    static final double POSITIVE = 0.5;

    static final double NEGATIVE = 0.4;
    /** The box coder's weights (SSD's variances 0.1 and 0.2; Faster R-CNN's box head). */
    static final double[] WEIGHTS = {10, 10, 5, 5};

    final int[] labels;
    final float[] deltas;
    final int positives;

    private Targets(int[] labels, float[] deltas, int positives) {
        this.labels = labels;
        this.deltas = deltas;
        this.positives = positives;
    }

    /** Compute the targets of every canvas of {@code canvases}; {@code done} hears each finished canvas. */
    static Targets of(
            CanvasSet canvases,
            float[] anchorValues,
            BoxesApi boxes,
            AnchorsApi anchors,
            NDManager manager,
            IntConsumer done) {
        int a = anchorValues.length / 4;
        int[] labels = new int[canvases.size() * a];
        float[] deltas = new float[canvases.size() * a * 4];
        int positives = 0;
        for (int c = 0; c < canvases.size(); c++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray anchorArray = scope.create(anchorValues, new Shape(a, 4));
                List<Box> truth = canvases.boxes(c);
                NDArray truthArray = scope.create(corners(truth), new Shape(truth.size(), 4));
                NDArray iou = boxes.iou(anchorArray, truthArray);
                if (iou == null || !iou.getShape().equals(new Shape(a, truth.size()))) {
                    throw new IllegalStateException(
                            "Boxes.iou(anchors (" + a + ", 4), boxes (" + truth.size() + ", 4)) must return shape (" + a
                                    + ", " + truth.size() + "), got " + (iou == null ? "null" : iou.getShape()));
                }
                int[] match = anchors.match(iou, POSITIVE, NEGATIVE);
                checkMatches(match, a, truth.size());
                int count = 0;
                for (int m : match) {
                    count += m >= 0 ? 1 : 0;
                }
                int[] positive = new int[count];
                int[] matched = new int[count];
                for (int i = 0, p = 0; i < a; i++) {
                    labels[c * a + i] = match[i] >= 0 ? truth.get(match[i]).label() : match[i] == -1 ? 0 : -1;
                    if (match[i] >= 0) {
                        positive[p] = i;
                        matched[p++] = match[i];
                    }
                }
                positives += count;
                if (count > 0) {
                    NDArray encoded = boxes.encode(
                            anchorArray.get(scope.create(positive)),
                            truthArray.get(scope.create(matched)),
                            WEIGHTS.clone());
                    if (encoded == null || !encoded.getShape().equals(new Shape(count, 4))) {
                        throw new IllegalStateException("Boxes.encode(anchors (" + count + ", 4), targets (" + count
                                + ", 4), weights) must return shape (" + count + ", 4), got "
                                + (encoded == null ? "null" : encoded.getShape()));
                    }
                    float[] e = encoded.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int p = 0; p < count; p++) {
                        for (int k = 0; k < 4; k++) {
                            float v = e[p * 4 + k];
                            if (!Float.isFinite(v)) {
                                throw new IllegalStateException(
                                        "Boxes.encode returned " + v + " for a positive anchor");
                            }
                            deltas[(c * a + positive[p]) * 4 + k] = v;
                        }
                    }
                }
            }
            done.accept(c);
        }
        return new Targets(labels, deltas, positives);
    }

    private static void checkMatches(int[] match, int anchors, int truths) {
        if (match == null || match.length != anchors) {
            throw new IllegalStateException("Anchors.match must return one entry per anchor (" + anchors + "), got "
                    + (match == null ? "null" : match.length));
        }
        for (int m : match) {
            if (m < -2 || m >= truths) {
                throw new IllegalStateException("Anchors.match returned " + m + " for " + truths
                        + " boxes; entries must be a box index, -1 or -2");
            }
        }
    }

    /** Return the boxes as a flat {@code (x1, y1, x2, y2)} float array. */
    static float[] corners(List<Box> boxes) {
        float[] out = new float[boxes.size() * 4];
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            out[4 * i] = b.x1();
            out[4 * i + 1] = b.y1();
            out[4 * i + 2] = b.x2();
            out[4 * i + 3] = b.y2();
        }
        return out;
    }
}
