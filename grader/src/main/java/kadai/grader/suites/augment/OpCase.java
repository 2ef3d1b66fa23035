package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One call of an {@code Augment} operation: the operation, the batch (N, C, H, W) and how its
 * values are drawn, and the parameters. A value: the arrays come from it deterministically.
 */
record OpCase(Operation op, int n, int c, int h, int w, Values values, long valueSeed, List<Double> params) {

    /** How pixel values are drawn; shrinking prefers the readable ones. */
    enum Values {
        /** 1, 2, 3, ... in row-major order. */
        COUNTING("counting 1, 2, 3, ...", "1, 2, 3, ... と数え上げ"),
        /** Integers in [0, 9]. */
        SMALL_INTEGERS("integers in [0, 9]", "[0, 9] の整数"),
        /** Doubles in [0, 1), like pixels. */
        RANDOM("random doubles in [0, 1)", "[0, 1) のランダムな実数"),
        /** Doubles in [-0.5, 1.5): some outside the usual pixel range (brightness must clamp them too). */
        WIDE("random doubles in [-0.5, 1.5)", "[-0.5, 1.5) のランダムな実数");

        private final String en;
        private final String ja;

        Values(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }

        String describe(boolean japanese) {
            return japanese ? ja : en;
        }
    }

    Shape shape() {
        return new Shape(n, c, h, w);
    }

    /** Return the batch in float64. */
    NDArray x(NDManager m) {
        int size = n * c * h * w;
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed);
        for (int i = 0; i < size; i++) {
            data[i] = switch (values) {
                case COUNTING -> i + 1;
                case SMALL_INTEGERS -> random.nextInt(10);
                case RANDOM -> random.nextDouble();
                case WIDE -> random.nextDouble(-0.5, 1.5);
            };
        }
        return m.create(data, shape());
    }

    /** Return the call as written in feedback, e.g. {@code rotate(x, degrees=30.5)}. */
    String call() {
        return op.render(params);
    }

    /** Call the operation on {@code api} with {@code x}. */
    NDArray apply(AugmentApi api, NDArray x) {
        return op.call(api, x, params);
    }

    OpCase withDims(int newN, int newC, int newH, int newW) {
        return new OpCase(op, newN, newC, newH, newW, values, valueSeed, params);
    }

    OpCase withValues(Values v) {
        return new OpCase(op, n, c, h, w, v, valueSeed, params);
    }

    OpCase withParams(List<Double> p) {
        return new OpCase(op, n, c, h, w, values, valueSeed, List.copyOf(p));
    }

    boolean valid() {
        return n >= 1 && c >= 1 && h >= 1 && w >= 1 && op.valid(params, h, w);
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja ? "%s; x の形状 (%d, %d, %d, %d), 値: %s" : "%s; x (%d, %d, %d, %d), values: %s",
                call(),
                n,
                c,
                h,
                w,
                values.describe(ja));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
