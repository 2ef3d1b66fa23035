package kadai.tasks.unet;

import java.util.Locale;
import java.util.Map;
import kadai.tasks.data.Canvases;

/**
 * Score predicted label masks against the true ones on the trusted side: the confusion matrix,
 * per-class IoU = TP / (TP + FP + FN), their mean over the classes that occur (in truth or
 * prediction), and the pixel accuracy.
 */
public final class Segmentation {

    private final long[][] confusion;

    private Segmentation(long[][] confusion) {
        this.confusion = confusion;
    }

    /** Count {@code predicted} against {@code truth} (same length, labels 0..classes-1). */
    public static Segmentation score(byte[] predicted, byte[] truth, int classes) {
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException(predicted.length + " predicted pixels for " + truth.length);
        }
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        return new Segmentation(confusion);
    }

    /** Return the IoU of class {@code c}, or NaN when it occurs neither in truth nor in prediction. */
    public double iou(int c) {
        long tp = confusion[c][c];
        long fn = 0;
        long fp = 0;
        for (int k = 0; k < confusion.length; k++) {
            if (k != c) {
                fn += confusion[c][k];
                fp += confusion[k][c];
            }
        }
        long union = tp + fp + fn;
        return union == 0 ? Double.NaN : (double) tp / union;
    }

    /** Return the mean IoU over the classes that occur. */
    public double meanIou() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < confusion.length; c++) {
            double v = iou(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                total += confusion[t][p];
                if (t == p) {
                    correct += confusion[t][p];
                }
            }
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Put {@code miou}, {@code pixel_accuracy} and {@code iou_<class>} for every canvas class into {@code metrics}. */
    public void report(Map<String, Object> metrics) {
        metrics.put("miou", meanIou());
        metrics.put("pixel_accuracy", pixelAccuracy());
        for (int c = 0; c < confusion.length; c++) {
            metrics.put("iou_" + slug(Canvases.CLASSES.get(c)), iou(c));
        }
    }

    /** Turn a class name into a metric key: "T-shirt/top" -> "t_shirt_top". */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
