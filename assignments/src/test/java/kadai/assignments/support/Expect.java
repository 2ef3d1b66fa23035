package kadai.assignments.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.testing.Tensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Assertions the visible tests share. */
public final class Expect {

    private Expect() {
    }

    /** A call that may throw any unchecked exception. */
    @FunctionalInterface
    public interface Call {
        void run();
    }

    /**
     * Pass when {@code call} throws {@link IllegalArgumentException}. An unfinished stub's
     * {@link UnsupportedOperationException} ("TODO: ...") is rethrown unchanged, so the test
     * reports what is still to be written.
     */
    public static void illegalArgument(String what, Call call) {
        try {
            call.run();
        } catch (IllegalArgumentException expected) {
            return;
        } catch (UnsupportedOperationException todo) {
            throw todo;
        } catch (RuntimeException other) {
            fail(what + ": expected IllegalArgumentException but got " + other, other);
        }
        fail(what + ": expected IllegalArgumentException but nothing was thrown");
    }

    /** Fail unless {@code after} still equals the snapshot {@code before} exactly. */
    public static void unchanged(String what, NDArray before, NDArray after) {
        Tensors.assertClose(what + " was modified (NDArray.get returns a view: do not write into a slice of an input)",
                before, after, 0, 0);
    }

    /** Fail unless {@code actual} has the dtype {@code expected}. */
    public static void dtype(String what, DataType expected, NDArray actual) {
        assertEquals(expected, actual.getDataType(), what + " must keep the input's dtype");
    }

    /** Fail unless a gradient agrees with its numerical estimate within {@code threshold}. */
    public static void gradient(String what, NDArray numeric, NDArray analytic, double threshold) {
        if (analytic == null) {
            fail(what + ": the analytic gradient is null");
        }
        if (!numeric.getShape().equals(analytic.getShape())) {
            fail(what + ": expected a gradient of shape " + numeric.getShape() + " but got " + analytic.getShape());
        }
        double err = kadai.assignments.testing.GradientCheck.relativeError(analytic, numeric);
        if (!(err <= threshold)) {
            Tensors.Mismatch worst = Tensors.compare(numeric, analytic, 0, 0);
            String where = worst == null || worst.shapeMismatch() ? "" : String.format(java.util.Locale.ROOT,
                    "; largest difference at index %s: numerical %.10g, your backward %.10g",
                    java.util.Arrays.toString(worst.index()), worst.expected(), worst.actual());
            fail(String.format(java.util.Locale.ROOT,
                    "%s: relative error %.3g exceeds %.1g (max |a-b| / max(1e-8, |a|+|b|))%s",
                    what, err, threshold, where));
        }
    }
}
