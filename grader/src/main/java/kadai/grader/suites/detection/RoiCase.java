package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of RoI pooling or RoI Align: a feature map {@code (n, c, h, w)}, {@code r} RoIs, the output
 * grid and the operation's settings ({@code sampling} and {@code aligned} matter to RoI Align only). A
 * value: the arrays come from it deterministically.
 */
record RoiCase(
        int n,
        int c,
        int h,
        int w,
        int r,
        int outH,
        int outW,
        double scale,
        int sampling,
        boolean aligned,
        Rois rois,
        Values values,
        long valueSeed) {

    /** How RoIs are drawn (coordinates in image pixels, i.e. cells / scale). */
    enum Rois {
        /** Corners on a half-pixel grid, partly over the border: C's rounding of halves matters. */
        HALF_PIXELS("RoI corners on a half-pixel grid", "RoI の角が 0.5 ピクセルの格子上"),
        /** Random corners inside the map. */
        INSIDE("random RoIs inside the map", "マップ内のランダムな RoI"),
        /** RoIs reaching far outside the map, some entirely outside. */
        OUTSIDE("RoIs reaching outside the map", "マップの外にはみ出す RoI");

        final String en;
        final String ja;

        Rois(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }
    }

    /** How feature values are drawn. */
    enum Values {
        /** Uniform in [-1, 1). */
        RANDOM("random features", "ランダムな特徴"),
        /** All different, at least 0.01 apart: no ties, and a finite difference never changes a maximum. */
        DISTINCT("distinct features (no ties)", "すべて異なる特徴 (同点なし)"),
        /** Integers in [-2, 2]: many ties. */
        SMALL_INTEGERS("integer features in [-2, 2] (ties)", "[-2, 2] の整数の特徴 (同点あり)");

        final String en;
        final String ja;

        Values(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }
    }

    NDArray features(NDManager m) {
        SplittableRandom random = random("features");
        int size = n * c * h * w;
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = switch (values) {
                case RANDOM -> random.nextDouble(-1, 1);
                case DISTINCT -> (i - size / 2.0) * 0.02 + random.nextDouble(0, 0.005);
                case SMALL_INTEGERS -> random.nextInt(5) - 2;
            };
        }
        if (values == Values.DISTINCT) {
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
        }
        return m.create(v, new Shape(n, c, h, w));
    }

    NDArray roiValues(NDManager m) {
        SplittableRandom random = random("rois");
        double imageW = w / scale;
        double imageH = h / scale;
        double[] v = new double[5 * r];
        for (int i = 0; i < r; i++) {
            double x1;
            double y1;
            double x2;
            double y2;
            switch (rois) {
                case HALF_PIXELS -> {
                    x1 = half(random.nextDouble(-1, imageW));
                    y1 = half(random.nextDouble(-1, imageH));
                    x2 = x1 + half(random.nextDouble(0.5, imageW * 0.8 + 0.5));
                    y2 = y1 + half(random.nextDouble(0.5, imageH * 0.8 + 0.5));
                }
                case INSIDE -> {
                    x1 = random.nextDouble(0, imageW * 0.7);
                    y1 = random.nextDouble(0, imageH * 0.7);
                    x2 = random.nextDouble(x1 + 0.3, imageW);
                    y2 = random.nextDouble(y1 + 0.3, imageH);
                }
                default -> {
                    x1 = random.nextDouble(-imageW * 0.6, imageW * 1.1);
                    y1 = random.nextDouble(-imageH * 0.6, imageH * 1.1);
                    x2 = x1 + random.nextDouble(0.3, imageW * 1.2);
                    y2 = y1 + random.nextDouble(0.3, imageH * 1.2);
                }
            }
            v[5 * i] = random.nextInt(n);
            v[5 * i + 1] = x1;
            v[5 * i + 2] = y1;
            v[5 * i + 3] = x2;
            v[5 * i + 4] = y2;
        }
        return m.create(v, new Shape(r, 5));
    }

    /** Return an upstream gradient of the output's shape. */
    NDArray dout(NDManager m) {
        SplittableRandom random = random("dout");
        double[] v = new double[r * c * outH * outW];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return m.create(v, new Shape(r, c, outH, outW));
    }

    private static double half(double v) {
        return Math.floor(v * 2) / 2;
    }

    private SplittableRandom random(String role) {
        return new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
    }

    RoiCase withMap(int newN, int newC, int newH, int newW) {
        return new RoiCase(newN, newC, newH, newW, r, outH, outW, scale, sampling, aligned, rois, values, valueSeed);
    }

    RoiCase withRois(int newR, int newOutH, int newOutW) {
        return new RoiCase(n, c, h, w, newR, newOutH, newOutW, scale, sampling, aligned, rois, values, valueSeed);
    }

    RoiCase withScale(double newScale) {
        return new RoiCase(n, c, h, w, r, outH, outW, newScale, sampling, aligned, rois, values, valueSeed);
    }

    /** Describe the case for RoI pooling ({@code align} false) or RoI Align. */
    String describe(Language language, boolean align) {
        boolean ja = language == Language.JA;
        String settings = align ? String.format(Locale.ROOT, ", samplingRatio %d, aligned %s", sampling, aligned) : "";
        return String.format(
                Locale.ROOT,
                ja
                        ? "features (%d, %d, %d, %d), %d 個の RoI, 出力 %dx%d, spatialScale %s%s; %s; %s"
                        : "features (%d, %d, %d, %d), %d RoIs, output %dx%d, spatialScale %s%s; %s; %s",
                n,
                c,
                h,
                w,
                r,
                outH,
                outW,
                scale,
                settings,
                ja ? rois.ja : rois.en,
                ja ? values.ja : values.en);
    }

    @Override
    public String toString() {
        return describe(Language.EN, true);
    }
}
