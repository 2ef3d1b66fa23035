package kadai.assignments.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * Compare tensors one way everywhere (provided; used by the visible tests and the grader).
 *
 * <p>Shapes first, then every element: {@code |actual - expected| <= atol + rtol * |expected|}.
 * On failure the message names the worst element, its index, both values and the tolerance.
 */
public final class Tensors {

    /** Tolerances for float64 kernels that only reorder sums. */
    public static final double RTOL = 1e-7;
    public static final double ATOL = 1e-9;

    private Tensors() {
    }

    /** Throw an {@link AssertionError} unless {@code actual} has {@code expected}'s shape and values. */
    public static void assertClose(String what, NDArray expected, NDArray actual) {
        assertClose(what, expected, actual, RTOL, ATOL);
    }

    /** Like {@link #assertClose(String, NDArray, NDArray)} with explicit tolerances. */
    public static void assertClose(String what, NDArray expected, NDArray actual, double rtol, double atol) {
        Mismatch m = compare(expected, actual, rtol, atol);
        if (m != null) {
            throw new AssertionError(what + ": " + m.describe());
        }
    }

    /**
     * Return the worst disagreement between two tensors, or null when they agree within
     * tolerance. A shape difference is a mismatch of its own ({@link Mismatch#shapeMismatch()}).
     */
    public static Mismatch compare(NDArray expected, NDArray actual, double rtol, double atol) {
        if (actual == null) {
            return new Mismatch(expected.getShape(), null, -1, Double.NaN, Double.NaN, rtol, atol);
        }
        if (!expected.getShape().equals(actual.getShape())) {
            return new Mismatch(expected.getShape(), actual.getShape(), -1, Double.NaN, Double.NaN, rtol, atol);
        }
        double[] e = toDoubles(expected);
        double[] a = toDoubles(actual);
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(a[i] - e[i]);
            double allowed = atol + rtol * Math.abs(e[i]);
            // NaN never passes: !(diff <= allowed) is true for NaN.
            if (!(diff <= allowed)) {
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        return worst < 0 ? null : new Mismatch(expected.getShape(), actual.getShape(), worst, e[worst], a[worst], rtol, atol);
    }

    /** Copy any numeric array out as doubles (one JNI call, not one per element). */
    public static double[] toDoubles(NDArray x) {
        return switch (x.getDataType()) {
            case FLOAT64 -> x.toDoubleArray();
            default -> x.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        };
    }

    /** Describe where and by how much two tensors differ. */
    public record Mismatch(Shape expectedShape, Shape actualShape, long flatIndex,
                           double expected, double actual, double rtol, double atol) {

        public boolean shapeMismatch() {
            return flatIndex < 0;
        }

        /** Return the multi-index of the worst element, e.g. {@code [0, 1, 2, 3]}. */
        public long[] index() {
            long[] dims = expectedShape.getShape();
            long[] idx = new long[dims.length];
            long rest = flatIndex;
            for (int d = dims.length - 1; d >= 0; d--) {
                idx[d] = dims[d] == 0 ? 0 : rest % dims[d];
                rest = dims[d] == 0 ? 0 : rest / dims[d];
            }
            return idx;
        }

        public String describe() {
            if (actualShape == null) {
                return "expected an array of shape " + expectedShape + " but got null";
            }
            if (shapeMismatch()) {
                return "expected shape " + expectedShape + " but got " + actualShape;
            }
            return String.format(java.util.Locale.ROOT,
                    "at index %s expected %.10g but got %.10g (|diff| %.3g > atol %.1g + rtol %.1g * |expected|)",
                    Arrays.toString(index()), expected, actual, Math.abs(actual - expected), atol, rtol);
        }
    }
}
