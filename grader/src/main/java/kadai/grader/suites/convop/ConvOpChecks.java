package kadai.grader.suites.convop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import kadai.grader.property.ConvCase;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.suites.SuiteChecks;

/** The checks the conv-op suite repeats: agreement of each operation with the reference on one case. */
final class ConvOpChecks extends SuiteChecks<ConvOpsApi> {

    ConvOpChecks(ConvOpsApi student, ConvOpsApi reference, GradingContext context) {
        super(student, reference, context);
    }

    /** Check im2col on the case's input against the reference; return the student's result. */
    NDArray im2colAgrees(ConvCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray expected = reference.im2col(x.duplicate(), c.fh(), c.fw(), c.stride(), c.pad());
        NDArray actual = student.im2col(x.duplicate(), c.fh(), c.fw(), c.stride(), c.pad());
        compare.agrees(c.call("im2col"), expected, actual, Tolerance.FLOAT64, Shown.of("x", x));
        return actual;
    }

    /** Check col2im of the case's column matrix against the reference; return the student's result. */
    NDArray col2imAgrees(ConvCase c, NDManager m) {
        return col2imAgrees(c, c.col(m), "col");
    }

    /** Check col2im of a given column matrix against the reference; return the student's result. */
    NDArray col2imAgrees(ConvCase c, NDArray col, String colName) {
        NDArray expected = reference.col2im(col.duplicate(), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
        NDArray actual = student.col2im(col.duplicate(), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
        compare.agrees(col2imCall(c, colName), expected, actual, Tolerance.FLOAT64, Shown.of(colName, col));
        return actual;
    }

    /** Check outputSize on one dimension against the reference. */
    void outputSizeAgrees(int in, int filter, int stride, int pad) {
        int expected = reference.outputSize(in, filter, stride, pad);
        int actual = student.outputSize(in, filter, stride, pad);
        if (expected != actual) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    ja
                            ? "outputSize(in=%d, filter=%d, stride=%d, pad=%d) の結果が %d ですが、正しくは %d です (floor((in + 2*pad - filter) / stride) + 1)"
                            : "outputSize(in=%d, filter=%d, stride=%d, pad=%d) returned %d but should return %d (floor((in + 2*pad - filter) / stride) + 1)",
                    in,
                    filter,
                    stride,
                    pad,
                    actual,
                    expected));
        }
    }

    int studentOutputSize(int in, int filter, int stride, int pad) {
        return student.outputSize(in, filter, stride, pad);
    }

    /** Check that a call throws IllegalArgumentException (see {@link InvalidConfigurations}). */
    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.CALL, ja, body);
    }

    /**
     * Return the student's im2col of the case's x, failing unless im2col of another x differs from
     * it (the non-degeneracy condition of the structural tests: zeros or a constant fail it).
     */
    NDArray im2colDependsOnX(ConvCase c, NDManager m) {
        NDArray first = student.im2col(c.x(m), c.fh(), c.fw(), c.stride(), c.pad());
        NDArray second = student.im2col(c.array(m, "x2", c.xShape()), c.fh(), c.fw(), c.stride(), c.pad());
        compare.dependsOn(c.call("im2col"), "x", first, second);
        return first;
    }

    /**
     * Fail unless the student's col2im gives different images for two different column matrices
     * of {@code colShape} (the shape the student's own im2col returned for the case).
     */
    void col2imDependsOnCol(ConvCase c, NDManager m, Shape colShape) {
        NDArray first = student.col2im(c.array(m, "col", colShape), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
        NDArray second = student.col2im(c.array(m, "col2", colShape), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
        compare.dependsOn(col2imCall(c, "col"), "col", first, second);
    }

    static String col2imCall(ConvCase c, String colName) {
        return String.format(
                Locale.ROOT,
                "col2im(%s, xShape=%s, fh=%d, fw=%d, stride=%d, pad=%d)",
                colName,
                TensorText.shape(c.xShape()),
                c.fh(),
                c.fw(),
                c.stride(),
                c.pad());
    }
}
