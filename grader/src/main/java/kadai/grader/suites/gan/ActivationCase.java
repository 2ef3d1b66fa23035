package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of an element-wise activation: the input shape, the slope {@code alpha} and how the
 * values are drawn (never 0, the kink).
 */
record ActivationCase(Shape shape, double alpha, Values values, long valueSeed) {

    /** Slopes used by the course (0.01) and DCGAN (0.2); none is exact in float, all are in double. */
    static final double[] ALPHAS = {0.01, 0.1, 0.2, 0.3};

    enum Values {
        /** Non-zero integers in [-3, 3]. */
        SMALL_INTEGERS("non-zero integers in [-3, 3]", "0 以外の [-3, 3] の整数"),
        /** Doubles with 0.05 <= |v| < 2. */
        RANDOM("random doubles with 0.05 <= |v| < 2", "0.05 <= |v| < 2 のランダムな実数");

        private final String en;
        private final String ja;

        Values(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }
    }

    NDArray x(NDManager m) {
        return array(m, "x");
    }

    /** Return an upstream gradient with 0.5 <= |dout| < 2, so that no element of dx is lost in rounding noise. */
    NDArray dout(NDManager m) {
        return dout(m, "dout");
    }

    /** Return another upstream gradient like {@link #dout(NDManager)}; {@code role} keeps it independent. */
    NDArray dout(NDManager m, String role) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            data[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 2);
        }
        return m.create(data, shape);
    }

    /** Return an input like {@link #x(NDManager)}; {@code role} keeps it independent. */
    NDArray array(NDManager m, String role) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            double sign = random.nextBoolean() ? 1 : -1;
            data[i] = sign * (values == Values.SMALL_INTEGERS ? 1 + random.nextInt(3) : random.nextDouble(0.05, 2));
        }
        return m.create(data, shape);
    }

    ActivationCase withShape(Shape s) {
        return new ActivationCase(s, alpha, values, valueSeed);
    }

    ActivationCase withValues(Values v) {
        return new ActivationCase(shape, alpha, v, valueSeed);
    }

    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja ? "x の形状 %s, alpha=%s; 値: %s" : "x %s, alpha=%s; values: %s",
                LogitsCase.shape(shape),
                alpha,
                ja ? values.ja : values.en);
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
