package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of boxes: {@code a} boxes and {@code b} boxes (for IoU), the first {@code a} of the second
 * set as targets of the first (for the box coding), the coder's weights and deltas to decode. A value:
 * the arrays come from it deterministically.
 *
 * @param a boxes in the first set (anchors)
 * @param b boxes in the second set (at least {@code a}, so each anchor has a target)
 * @param layout how the boxes are drawn
 * @param weights index into {@link #WEIGHTS}
 * @param deltas how the deltas to decode are drawn
 * @param valueSeed seed of the values
 */
record BoxCase(int a, int b, Layout layout, int weights, Deltas deltas, long valueSeed) {

    /** The coder weights the cases use: unit, Faster R-CNN's box head, uneven. */
    static final double[][] WEIGHTS = {{1, 1, 1, 1}, {10, 10, 5, 5}, {2, 3, 0.5, 1.5}};

    /** How boxes are drawn; shrinking prefers the first. */
    enum Layout {
        /** Corners on a half-pixel grid in [0, 16): boxes that touch, nest or coincide exactly are common. */
        HALF_PIXELS("corners on a half-pixel grid", "角が 0.5 ピクセルの格子上"),
        /** Random corners in [0, 16), sides in [0.5, 8). */
        RANDOM("random corners", "ランダムな角"),
        /** Three clusters of jittered boxes: many overlaps. */
        CLUSTERED("three clusters of overlapping boxes", "重なり合う 3 つの集団");

        final String en;
        final String ja;

        Layout(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }
    }

    /** How the deltas to decode are drawn. */
    enum Deltas {
        /** Uniform in [-2, 2): below the clamp before and after dividing by any of the weights (the smallest is 0.5). */
        MODERATE,
        /** Some tw, th far beyond log(1000/16) after dividing by the weights, some beyond it only before. */
        BEYOND_CLAMP
    }

    double[] weightValues() {
        return WEIGHTS[weights].clone();
    }

    /** Return the first set, {@code (a, 4)} float64. */
    NDArray first(NDManager m) {
        return m.create(boxes("a", a), new Shape(a, 4));
    }

    /** Return the second set, {@code (b, 4)} float64. */
    NDArray second(NDManager m) {
        return m.create(boxes("b", b), new Shape(b, 4));
    }

    /** Return the targets of the first set: the first {@code a} boxes of the second, {@code (a, 4)}. */
    NDArray targets(NDManager m) {
        return m.create(Arrays.copyOf(boxes("b", b), 4 * a), new Shape(a, 4));
    }

    /** Return deltas to decode against the first set, {@code (a, 4)}. */
    NDArray deltaValues(NDManager m) {
        SplittableRandom r = random("deltas");
        double[] w = WEIGHTS[weights];
        double clamp = Math.log(1000.0 / 16);
        double[] d = new double[4 * a];
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < 4; k++) {
                d[4 * i + k] = r.nextDouble(-2, 2);
            }
            if (deltas == Deltas.BEYOND_CLAMP) {
                int k = 2 + r.nextInt(2);
                d[4 * i + k] = switch (i % 3) {
                    case 0 -> w[k] * r.nextDouble(clamp + 0.2, 12); // clamped
                    case 1 -> Math.max(w[k], 1.2) * r.nextDouble(clamp + 0.2, 6); // beyond before dividing (ww > 1)
                    default -> -w[k] * r.nextDouble(6, 12); // very negative: never clamped
                };
                if (i % 3 == 1 && w[k] > 1) {
                    d[4 * i + k] = Math.min(d[4 * i + k], w[k] * (clamp - 0.2));
                }
            }
        }
        return m.create(d, new Shape(a, 4));
    }

    private double[] boxes(String role, int count) {
        SplittableRandom r = random(role);
        double[] v = new double[4 * count];
        double[][] centres = {{4, 4}, {11, 6}, {6, 12}};
        for (int i = 0; i < count; i++) {
            double x;
            double y;
            double w;
            double h;
            switch (layout) {
                case HALF_PIXELS -> {
                    x = 0.5 * r.nextInt(28);
                    y = 0.5 * r.nextInt(28);
                    w = 0.5 * (1 + r.nextInt(12));
                    h = 0.5 * (1 + r.nextInt(12));
                }
                case RANDOM -> {
                    x = r.nextDouble(0, 16);
                    y = r.nextDouble(0, 16);
                    w = r.nextDouble(0.5, 8);
                    h = r.nextDouble(0.5, 8);
                }
                default -> {
                    double[] c = centres[r.nextInt(3)];
                    w = r.nextDouble(2, 6);
                    h = r.nextDouble(2, 6);
                    x = c[0] - w / 2 + r.nextDouble(-1.5, 1.5);
                    y = c[1] - h / 2 + r.nextDouble(-1.5, 1.5);
                }
            }
            v[4 * i] = x;
            v[4 * i + 1] = y;
            v[4 * i + 2] = x + w;
            v[4 * i + 3] = y + h;
        }
        return v;
    }

    private SplittableRandom random(String role) {
        return new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
    }

    BoxCase with(int newA, int newB, Layout newLayout) {
        return new BoxCase(newA, newB, newLayout, weights, deltas, valueSeed);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                        Locale.ROOT,
                        ja ? "A = %d 個, B = %d 個のボックス (%s); weights %s" : "A = %d boxes, B = %d boxes (%s); weights %s",
                        a,
                        b,
                        ja ? layout.ja : layout.en,
                        Arrays.toString(WEIGHTS[weights]))
                + (deltas == Deltas.BEYOND_CLAMP
                        ? (ja ? "; 打ち切りを超える tw, th を含む deltas" : "; deltas with tw, th beyond the clamp")
                        : "");
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
