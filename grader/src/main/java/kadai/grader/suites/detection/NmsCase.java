package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of non-maximum suppression: {@code k} boxes in clusters, their scores, classes for
 * {@code batchedNms}, and the IoU threshold. A value: the arrays come from it deterministically.
 *
 * @param k the number of boxes
 * @param scores how the scores are drawn
 * @param exactPairs whether pairs of boxes with IoU exactly equal to the threshold are included
 * @param threshold the IoU threshold (exact fractions 1/3 and 1/2 where {@code exactPairs})
 * @param classes the number of classes of {@code batchedNms}
 * @param valueSeed seed of the values
 */
record NmsCase(int k, Scores scores, boolean exactPairs, double threshold, int classes, long valueSeed) {

    /** How scores are drawn. */
    enum Scores {
        /** Random doubles in [0, 1): never equal. */
        DISTINCT("distinct scores", "すべて異なるスコア"),
        /** 0.25, 0.5 or 0.75: many ties. */
        TIED("scores 0.25, 0.5 or 0.75 (ties)", "0.25, 0.5, 0.75 のスコア (同点あり)");

        final String en;
        final String ja;

        Scores(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }
    }

    /** Return the boxes, {@code (k, 4)} float64: jittered copies of a few cluster boxes, exact pairs first. */
    NDArray boxes(NDManager m) {
        SplittableRandom r = random("boxes");
        double[] v = new double[4 * k];
        int from = 0;
        if (exactPairs) {
            // (x, y, x + 2, y + 1) and (x, y, x + 1, y + 1) overlap by exactly 1/2; (x + 1, y, x + 3, y + 1) by 1/3.
            for (; from + 1 < k && from < 4; from += 2) {
                double x = 20 + 4 * from;
                double y = 20;
                double[] pair = threshold == 0.5
                        ? new double[] {x, y, x + 2, y + 1, x, y, x + 1, y + 1}
                        : new double[] {x, y, x + 2, y + 1, x + 1, y, x + 3, y + 1};
                System.arraycopy(pair, 0, v, 4 * from, 8);
            }
        }
        double[][] clusters = new double[3][];
        for (int c = 0; c < 3; c++) {
            double x = r.nextDouble(0, 12);
            double y = r.nextDouble(0, 12);
            clusters[c] = new double[] {x, y, x + r.nextDouble(2, 6), y + r.nextDouble(2, 6)};
        }
        for (int i = from; i < k; i++) {
            double[] c = clusters[r.nextInt(3)];
            double x1 = c[0] + r.nextDouble(-1.2, 1.2);
            double y1 = c[1] + r.nextDouble(-1.2, 1.2);
            v[4 * i] = x1;
            v[4 * i + 1] = y1;
            v[4 * i + 2] = Math.max(x1 + 0.5, c[2] + r.nextDouble(-1.2, 1.2));
            v[4 * i + 3] = Math.max(y1 + 0.5, c[3] + r.nextDouble(-1.2, 1.2));
        }
        return m.create(v, new Shape(k, 4));
    }

    /** Return the scores, {@code (k)} float64. */
    NDArray scoreValues(NDManager m) {
        SplittableRandom r = random("scores");
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = scores == Scores.DISTINCT ? r.nextDouble() : 0.25 * (1 + r.nextInt(3));
        }
        return m.create(s);
    }

    /** Return the classes of the boxes, each in {@code [0, classes)}. */
    int[] classValues() {
        SplittableRandom r = random("classes");
        int[] c = new int[k];
        for (int i = 0; i < k; i++) {
            c[i] = r.nextInt(classes);
        }
        return c;
    }

    private SplittableRandom random(String role) {
        return new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
    }

    NmsCase withK(int newK) {
        return new NmsCase(newK, scores, exactPairs, threshold, classes, valueSeed);
    }

    NmsCase withClasses(int newClasses) {
        return new NmsCase(k, scores, exactPairs, threshold, newClasses, valueSeed);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja ? "%d 個のボックス, %s, IoU 閾値 %s, %d クラス%s" : "%d boxes, %s, IoU threshold %s, %d classes%s",
                k,
                ja ? scores.ja : scores.en,
                threshold == 1 / 3.0 ? "1/3" : String.valueOf(threshold),
                classes,
                exactPairs
                        ? (ja ? "; IoU がちょうど閾値に等しい組を含む" : "; includes pairs whose IoU equals the threshold exactly")
                        : "");
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
