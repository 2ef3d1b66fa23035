package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import kadai.grader.api.Language;
import kadai.grader.property.Shown;

/** The checks of {@code Boxes.nms} and {@code Boxes.batchedNms} on one {@link NmsCase}. */
final class NmsChecks {

    private final BoxesApi student;
    private final BoxesApi reference;
    private final Indices indices;
    private final boolean ja;

    NmsChecks(BoxesApi student, BoxesApi reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.indices = new Indices(language);
        this.ja = language == Language.JA;
    }

    private static String threshold(NmsCase c) {
        return c.threshold() == 1 / 3.0 ? "1/3" : String.valueOf(c.threshold());
    }

    void nmsAgrees(NmsCase c, NDManager m) {
        NDArray boxes = c.boxes(m);
        NDArray scores = c.scoreValues(m);
        indices.agree(
                "nms(boxes, scores, " + threshold(c) + ")",
                reference.nms(boxes.duplicate(), scores.duplicate(), c.threshold()),
                student.nms(boxes.duplicate(), scores.duplicate(), c.threshold()),
                Shown.of("boxes", boxes),
                Shown.of("scores", scores));
    }

    void batchedNmsAgrees(NmsCase c, NDManager m) {
        NDArray boxes = c.boxes(m);
        NDArray scores = c.scoreValues(m);
        int[] classes = c.classValues();
        indices.agree(
                "batchedNms(boxes, scores, classes, " + threshold(c) + ")",
                reference.batchedNms(boxes.duplicate(), scores.duplicate(), classes.clone(), c.threshold()),
                student.batchedNms(boxes.duplicate(), scores.duplicate(), classes.clone(), c.threshold()),
                Shown.of("boxes", boxes),
                Shown.of("scores", scores),
                Shown.value("classes", Arrays.toString(classes)));
    }

    /**
     * Check what defines greedy NMS on the student's result, with IoUs computed here: distinct indices
     * in range, by decreasing score (ties by index), kept boxes overlapping each other by at most the
     * threshold, and every dropped box overlapping a kept box ranked above it by more (so an empty
     * result, or any constant, fails as soon as there is a box).
     */
    void nmsHasItsProperties(NmsCase c, NDManager m) {
        NDArray boxArray = c.boxes(m);
        NDArray scoreArray = c.scoreValues(m);
        double[] box = boxArray.toDoubleArray();
        double[] score = scoreArray.toDoubleArray();
        int[] keep = student.nms(boxArray.duplicate(), scoreArray.duplicate(), c.threshold());
        String call = "nms(boxes, scores, " + threshold(c) + ") = " + (keep == null ? "null" : Arrays.toString(keep));
        Shown[] shown = {Shown.of("boxes", boxArray), Shown.of("scores", scoreArray)};
        if (keep == null) {
            fail(call, ja ? "null が返されました" : "it returned null", shown);
        }
        Set<Integer> kept = new HashSet<>();
        for (int n = 0; n < keep.length; n++) {
            int i = keep[n];
            if (i < 0 || i >= c.k() || !kept.add(i)) {
                fail(
                        call,
                        String.format(
                                Locale.ROOT, ja ? "インデックス %d が範囲外か重複しています" : "index %d is out of range or repeated", i),
                        shown);
            }
            if (n > 0 && !above(score, keep[n - 1], i)) {
                fail(
                        call,
                        String.format(
                                Locale.ROOT,
                                ja
                                        ? "%d (スコア %s) が %d (スコア %s) の後にあります: スコアの高い順 (同点はインデックス順) のはず"
                                        : "%d (score %s) comes after %d (score %s): the order must be by decreasing score, ties by index",
                                i,
                                score[i],
                                keep[n - 1],
                                score[keep[n - 1]]),
                        shown);
            }
            for (int p = 0; p < n; p++) {
                double iou = iou(box, keep[p], i);
                if (iou > c.threshold()) {
                    fail(
                            call,
                            String.format(
                                    Locale.ROOT,
                                    ja
                                            ? "残したボックス %d と %d の IoU %s が閾値を超えています"
                                            : "kept boxes %d and %d overlap by IoU %s, more than the threshold",
                                    keep[p],
                                    i,
                                    iou),
                            shown);
                }
            }
        }
        for (int j = 0; j < c.k(); j++) {
            if (kept.contains(j)) {
                continue;
            }
            boolean suppressed = false;
            for (int i : keep) {
                suppressed |= above(score, i, j) && iou(box, i, j) > c.threshold();
            }
            if (!suppressed) {
                fail(
                        call,
                        String.format(
                                Locale.ROOT,
                                ja
                                        ? "捨てたボックス %d は、それより上の残したボックスのどれとも閾値を超えて重なっていません"
                                        : "dropped box %d overlaps no kept box ranked above it by more than the threshold",
                                j),
                        shown);
            }
        }
    }

    private static boolean above(double[] score, int i, int j) {
        return score[i] > score[j] || (score[i] == score[j] && i < j);
    }

    /** Return the IoU of boxes i and j of a flat (K * 4) array. */
    static double iou(double[] box, int i, int j) {
        double w = Math.max(0, Math.min(box[4 * i + 2], box[4 * j + 2]) - Math.max(box[4 * i], box[4 * j]));
        double h = Math.max(0, Math.min(box[4 * i + 3], box[4 * j + 3]) - Math.max(box[4 * i + 1], box[4 * j + 1]));
        double inter = w * h;
        double union = (box[4 * i + 2] - box[4 * i]) * (box[4 * i + 3] - box[4 * i + 1])
                + (box[4 * j + 2] - box[4 * j]) * (box[4 * j + 3] - box[4 * j + 1])
                - inter;
        return inter / union;
    }

    private void fail(String call, String why, Shown... shown) {
        StringBuilder out = new StringBuilder(call).append(":\n  ").append(why).append('\n');
        for (Shown s : shown) {
            out.append("  ").append(s.name()).append(":\n").append(s.text());
        }
        throw new AssertionError(out.toString());
    }
}
