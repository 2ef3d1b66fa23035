package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of anchor matching: an IoU matrix of {@code anchors x targets} and the thresholds. A value:
 * the matrix comes from it deterministically.
 *
 * @param anchors rows of the matrix
 * @param targets columns (0 allowed: no true boxes)
 * @param kind how the IoUs are drawn
 * @param thresholds index into {@link #THRESHOLDS}
 * @param valueSeed seed of the values
 */
record MatchCase(int anchors, int targets, Kind kind, int thresholds, long valueSeed) {

    /** {positive, negative}: RPN's, SSD-like, equal thresholds, wide. */
    static final double[][] THRESHOLDS = {{0.7, 0.3}, {0.5, 0.4}, {0.5, 0.5}, {0.6, 0.2}};

    /** How the IoUs are drawn. */
    enum Kind {
        /** Distinct random IoUs in (0, 1) that avoid the thresholds: no ties anywhere. */
        DISTINCT("distinct IoUs", "すべて異なる IoU"),
        /** IoUs from a few values (0, 0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9): ties, thresholds hit exactly, targets without overlap. */
        COARSE(
                "IoUs from {0, 0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9} (ties, thresholds hit exactly)",
                "{0, 0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9} の IoU (同点、閾値ちょうどを含む)");

        final String en;
        final String ja;

        Kind(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }
    }

    private static final double[] COARSE_VALUES = {0, 0, 0.1, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9};

    double positive() {
        return THRESHOLDS[thresholds][0];
    }

    double negative() {
        return THRESHOLDS[thresholds][1];
    }

    /** Return the IoU matrix, {@code (anchors, targets)} float64. */
    NDArray iou(NDManager m) {
        SplittableRandom r = new SplittableRandom(valueSeed);
        double[] v = new double[anchors * targets];
        if (kind == Kind.DISTINCT) {
            // A shuffled grid of distinct values in (0, 1), nudged off the thresholds.
            for (int i = 0; i < v.length; i++) {
                v[i] = (i + 0.5 + r.nextDouble(-0.3, 0.3)) / v.length;
                for (double t : THRESHOLDS[thresholds]) {
                    if (Math.abs(v[i] - t) < 1e-9) {
                        v[i] += 0.1 / v.length;
                    }
                }
            }
            for (int i = v.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = COARSE_VALUES[r.nextInt(COARSE_VALUES.length)];
            }
        }
        return m.create(v, new Shape(anchors, targets));
    }

    MatchCase withSize(int newAnchors, int newTargets) {
        return new MatchCase(newAnchors, newTargets, kind, thresholds, valueSeed);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja
                        ? "%d アンカー x %d 正解, %s; positive %s, negative %s"
                        : "%d anchors x %d targets, %s; positive %s, negative %s",
                anchors,
                targets,
                ja ? kind.ja : kind.en,
                positive(),
                negative());
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
