package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import kadai.grader.api.Language;

/**
 * One anchor grid: the feature map's shape (only H, W and the dtype matter), the stride, sizes and
 * ratios.
 */
record GridCase(int n, int c, int h, int w, int stride, double[] sizes, double[] ratios) {

    /** Return zeros of the feature map's shape in {@code dtype} (the grid reads only the shape and dtype). */
    NDArray features(NDManager m, DataType dtype) {
        return m.zeros(new Shape(n, c, h, w), dtype);
    }

    GridCase with(int newH, int newW, double[] newSizes, double[] newRatios) {
        return new GridCase(1, 1, newH, newW, stride, newSizes, newRatios);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja
                        ? "features (%d, %d, %d, %d), stride %d, sizes %s, ratios %s"
                        : "features (%d, %d, %d, %d), stride %d, sizes %s, ratios %s",
                n,
                c,
                h,
                w,
                stride,
                Arrays.toString(sizes),
                Arrays.toString(ratios));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GridCase g
                && g.n == n
                && g.c == c
                && g.h == h
                && g.w == w
                && g.stride == stride
                && Arrays.equals(g.sizes, sizes)
                && Arrays.equals(g.ratios, ratios);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {n, c, h, w, stride}) * 31
                + Arrays.hashCode(sizes) * 17
                + Arrays.hashCode(ratios);
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
