package kadai.grader.suites.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/** One input (N, C, H, W) for global average pooling, with values counting up or random. */
record ImageCase(int n, int c, int h, int w, boolean counting, long valueSeed) {

    Shape xShape() {
        return new Shape(n, c, h, w);
    }

    NDArray x(NDManager m) {
        return array(m, "x", xShape());
    }

    /** Return an upstream gradient (N, C) with 0.5 <= |dout| < 2, so that no element of dx is lost in rounding noise. */
    NDArray dout(NDManager m) {
        double[] data = new double[n * c];
        SplittableRandom random = new SplittableRandom(valueSeed ^ ("dout".hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < data.length; i++) {
            data[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 2);
        }
        return m.create(data, new Shape(n, c));
    }

    NDArray array(NDManager m, String role, Shape shape) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            data[i] = counting ? i + 1 : random.nextDouble(-2, 2);
        }
        return m.create(data, shape);
    }

    ImageCase with(int newN, int newC, int newH, int newW) {
        return new ImageCase(newN, newC, newH, newW, counting, valueSeed);
    }

    ImageCase withCounting() {
        return new ImageCase(n, c, h, w, true, valueSeed);
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                "N=%d, C=%d, H=%d, W=%d; %s%s",
                n,
                c,
                h,
                w,
                ja ? "値: " : "values: ",
                counting
                        ? (ja ? "1, 2, 3, ... と数え上げ" : "counting 1, 2, 3, ...")
                        : (ja ? "[-2, 2) のランダムな実数" : "random doubles in [-2, 2)"));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
