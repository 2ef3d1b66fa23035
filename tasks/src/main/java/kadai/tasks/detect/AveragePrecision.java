package kadai.tasks.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Score detections against the true objects: average precision per class at an IoU threshold, the
 * way PASCAL VOC (2010 and later) and COCO compute it, on the trusted side only.
 *
 * <p>For one class and one threshold: detections of all images are taken by decreasing score (equal
 * scores in the order given); each is a true positive when some not yet matched true object of its
 * image and class overlaps it with IoU {@code >=} the threshold (it takes the one of highest IoU),
 * else a false positive (a second detection of an already found object is false). Precision and
 * recall after each detection give the precision-recall curve; its precision is made non-increasing
 * from the right (the interpolated envelope) and AP is the area under it at every recall step
 * ("all-point" interpolation). A class without true objects has no AP and is left out of the mean;
 * a class with true objects and no detections has AP 0. mAP@[0.5:0.95] averages mAP over the ten
 * thresholds 0.50, 0.55, ..., 0.95 (COCO).
 */
public final class AveragePrecision {

    /** COCO's IoU thresholds 0.50:0.05:0.95. */
    public static final double[] COCO_THRESHOLDS = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};

    private AveragePrecision() {}

    /** A detection: image, class, score; {@code index} identifies it to the {@link Overlap}. */
    public record Detection(int image, int label, double score, int index) {}

    /** A true object: image and class; {@code index} identifies it to the {@link Overlap}. */
    public record Truth(int image, int label, int index) {}

    /** The IoU of a detection and a true object of the same image (boxes or masks). */
    @FunctionalInterface
    public interface Overlap {
        double iou(Detection detection, Truth truth);
    }

    /** The outcome: AP per class (NaN where the class has no true objects) and their mean. */
    public record Result(double[] perClass, double mean) {}

    /**
     * Return the AP of each class {@code 1..classes} (index {@code c - 1}) at {@code threshold} and
     * their mean over the classes that have true objects (NaN when none has).
     */
    public static Result evaluate(
            List<Detection> detections, List<Truth> truths, int classes, double threshold, Overlap overlap) {
        double[] ap = new double[classes];
        double sum = 0;
        int counted = 0;
        for (int c = 1; c <= classes; c++) {
            int label = c;
            List<Detection> d =
                    detections.stream().filter(x -> x.label() == label).toList();
            List<Truth> t = truths.stream().filter(x -> x.label() == label).toList();
            ap[c - 1] = classAp(d, t, threshold, overlap);
            if (!Double.isNaN(ap[c - 1])) {
                sum += ap[c - 1];
                counted++;
            }
        }
        return new Result(ap, counted == 0 ? Double.NaN : sum / counted);
    }

    /** Return the mean of {@link #evaluate}'s mAP over {@link #COCO_THRESHOLDS}. */
    public static double cocoMean(List<Detection> detections, List<Truth> truths, int classes, Overlap overlap) {
        double sum = 0;
        for (double threshold : COCO_THRESHOLDS) {
            sum += evaluate(detections, truths, classes, threshold, overlap).mean();
        }
        return sum / COCO_THRESHOLDS.length;
    }

    /** Return the all-point interpolated AP of one class's detections; NaN without true objects. */
    static double classAp(List<Detection> detections, List<Truth> truths, double threshold, Overlap overlap) {
        if (truths.isEmpty()) {
            return Double.NaN;
        }
        List<Detection> ranked = new ArrayList<>(detections);
        ranked.sort(Comparator.comparingDouble(Detection::score).reversed());
        boolean[] matched = new boolean[truths.size()];
        double[] precision = new double[ranked.size()];
        double[] recall = new double[ranked.size()];
        int truePositives = 0;
        for (int i = 0; i < ranked.size(); i++) {
            Detection d = ranked.get(i);
            int best = -1;
            double bestIou = threshold;
            for (int j = 0; j < truths.size(); j++) {
                Truth t = truths.get(j);
                if (matched[j] || t.image() != d.image()) {
                    continue;
                }
                double iou = overlap.iou(d, t);
                if (iou >= bestIou && (best < 0 || iou > bestIou)) {
                    best = j;
                    bestIou = iou;
                }
            }
            if (best >= 0) {
                matched[best] = true;
                truePositives++;
            }
            precision[i] = truePositives / (double) (i + 1);
            recall[i] = truePositives / (double) truths.size();
        }
        for (int i = ranked.size() - 2; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0;
        double previousRecall = 0;
        for (int i = 0; i < ranked.size(); i++) {
            ap += (recall[i] - previousRecall) * precision[i];
            previousRecall = recall[i];
        }
        return ap;
    }

    /** Return the IoU of two boxes {@code (x1, y1, x2, y2)} (no "+1": the width is {@code x2 - x1}). */
    public static double boxIou(double[] a, double[] b) {
        double w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = w * h;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Return the IoU of two binary masks of equal length (0 when both are empty). */
    public static double maskIou(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks of " + a.length + " and " + b.length + " pixels");
        }
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 0 : inter / (double) union;
    }

    /** Return {@code values} formatted for messages. */
    static String format(double[] values) {
        return Arrays.toString(values);
    }
}
