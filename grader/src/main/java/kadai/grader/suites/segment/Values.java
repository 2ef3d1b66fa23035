package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/** How a case's arrays are drawn; shrinking prefers the readable kinds (earlier constants). */
enum Values {
    /** 1, 2, 3, ... in row-major order. */
    COUNTING("counting 1, 2, 3, ...", "1, 2, 3, ... と数え上げ"),
    /** Random integers in [-3, 3]: ties in pooling windows. */
    SMALL_INTEGERS("small random integers in [-3, 3]", "[-3, 3] のランダムな整数"),
    /** Random doubles in [-2, 2): no ties. */
    RANDOM("random doubles in [-2, 2)", "[-2, 2) のランダムな実数");

    private final String en;
    private final String ja;

    Values(String en, String ja) {
        this.en = en;
        this.ja = ja;
    }

    String describe(Language language) {
        return language == Language.JA ? ja : en;
    }

    /** Return a float64 array of {@code shape}; {@code role} keeps the arrays of one case independent. */
    NDArray array(NDManager manager, long seed, String role, Shape shape) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(seed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            data[i] = switch (this) {
                case COUNTING -> i + 1;
                case SMALL_INTEGERS -> random.nextInt(7) - 3;
                case RANDOM -> random.nextDouble(-2, 2);
            };
        }
        return manager.create(data, shape);
    }

    /** Return the values of {@code x} mapped to [0.5, 1.5): no cancellation in gradient checks. */
    static NDArray positive(NDArray x) {
        return x.abs().div(4).add(0.5);
    }
}
