package kadai.grader.suites.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.SuiteChecks;
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.property.ConvCase;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;

import java.util.Locale;
import java.util.Map;

/**
 * The checks the conv suite repeats: build the student's and the reference's layer over the same
 * parameters, run forward and backward on copies of the same arrays, and compare y, dx, dW and db.
 */
final class ConvChecks extends SuiteChecks<StudentCode> {

    static final String CLASS = "kadai.assignments.conv.Convolution";
    private static final Class<?>[] CONSTRUCTOR = {NDArray.class, NDArray.class, int.class, int.class};

    ConvChecks(StudentCode student, StudentCode reference, GradingContext context) {
        super(student, reference, context);
    }

    /** The arrays of one case: input, filters, bias and the upstream gradient. */
    record CaseArrays(NDArray x, NDArray w, NDArray b, NDArray dout) {

        static CaseArrays of(ConvCase c, NDManager m) {
            NDArray x = c.x(m);
            NDArray w = c.weights(m);
            NDArray b = c.bias(m);
            return new CaseArrays(x, w, b, c.array(m, "dout", yShape(c)));
        }

        CaseArrays toType(DataType xType, DataType paramType) {
            return new CaseArrays(x.toType(xType, false), w.toType(paramType, false), b.toType(paramType, false),
                    dout.toType(xType, false));
        }

        Shown[] forwardInputs() {
            return new Shown[] {Shown.of("x", x), Shown.of("W", w), Shown.of("b", b)};
        }

        Shown[] backwardInputs() {
            return new Shown[] {Shown.of("x", x), Shown.of("W", w), Shown.of("b", b), Shown.of("dout", dout)};
        }
    }

    /** A student layer and a reference layer built over copies of the same parameters. */
    record Pair(Layer student, Layer reference, String call) {
    }

    Pair pair(NDArray w, NDArray b, int stride, int pad) {
        Layer r = reference.newLayer(CLASS, CONSTRUCTOR, w.duplicate(), b.duplicate(), stride, pad);
        Layer s = student.newLayer(CLASS, CONSTRUCTOR, w.duplicate(), b.duplicate(), stride, pad);
        return new Pair(s, r, constructorCall(w.getShape(), stride, pad));
    }

    Layer studentLayer(NDArray w, NDArray b, int stride, int pad) {
        return student.newLayer(CLASS, CONSTRUCTOR, w, b, stride, pad);
    }

    static String constructorCall(Shape w, int stride, int pad) {
        return String.format(Locale.ROOT, "new Convolution(W %s, b, stride=%d, pad=%d)", TensorText.shape(w), stride, pad);
    }

    /** Check forward, then dx, dW and db of the case against the reference (float64). */
    void agrees(ConvCase c, NDManager m) {
        agrees(c, CaseArrays.of(c, m), Tolerance.FLOAT64);
    }

    /** Check forward and backward on given arrays; return the student's layer after backward. */
    Layer agrees(ConvCase c, CaseArrays a, Tolerance tolerance) {
        Pair p = pair(a.w(), a.b(), c.stride(), c.pad());
        forward(p, a.x(), tolerance, a.forwardInputs());
        backward(p, a.dout(), tolerance, true, true, a.backwardInputs());
        return p.student();
    }

    /** Check forward on the case against the reference; return the student's output. */
    NDArray forwardAgrees(ConvCase c, NDManager m) {
        CaseArrays a = CaseArrays.of(c, m);
        return forward(pair(a.w(), a.b(), c.stride(), c.pad()), a.x(), Tolerance.FLOAT64, a.forwardInputs());
    }

    /** Run forward on both layers (each on its own copy of x) and compare. */
    NDArray forward(Pair p, NDArray x, Tolerance tolerance, Shown... shown) {
        NDArray expected = p.reference().forward(x.duplicate());
        NDArray actual = p.student().forward(x.duplicate());
        compare.agrees(p.call() + ".forward(x)", expected, actual, tolerance, shown);
        return actual;
    }

    /** Run backward on both layers (after forward) and compare dx and/or dW and db. */
    NDArray backward(Pair p, NDArray dout, Tolerance tolerance, boolean dx, boolean params, Shown... shown) {
        NDArray expected = p.reference().backward(dout.duplicate());
        NDArray actual = p.student().backward(dout.duplicate());
        if (dx) {
            compare.agrees(p.call() + ".backward(dout) (dx)", expected, actual, tolerance, shown);
        }
        if (params) {
            gradsAgree(p, tolerance, shown);
        }
        return actual;
    }

    /** Compare grads() of both layers (after backward). */
    void gradsAgree(Pair p, Tolerance tolerance, Shown... shown) {
        Map<String, NDArray> expected = p.reference().grads();
        Map<String, NDArray> actual = p.student().grads();
        for (String key : new String[] {"W", "b"}) {
            NDArray grad = gradient(actual, key, p.call());
            compare.agrees(String.format(Locale.ROOT, "%s: grads().get(\"%s\") after backward(dout) (d%s)", p.call(), key, key),
                    expected.get(key), grad, tolerance, shown);
        }
    }

    /** Return {@code grads().get(key)}, failing with a clear message when the map or the key is missing. */
    NDArray gradient(Map<String, NDArray> grads, String key, String call) {
        if (grads == null || grads.get(key) == null) {
            throw new AssertionError(String.format(Locale.ROOT, ja
                    ? "%s: backward の後の grads() にキー \"%s\" がありません (%s)。grads() は Map.of(\"W\", dW, \"b\", db) を返してください"
                    : "%s: after backward, grads() has no entry \"%s\" (it returned %s); return Map.of(\"W\", dW, \"b\", db)",
                    call, key, grads == null ? "null" : grads.keySet()));
        }
        return grads.get(key);
    }

    /** Check that a call throws IllegalArgumentException (see {@link InvalidConfigurations}). */
    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.LAYER, ja, body);
    }

    static Shape yShape(ConvCase c) {
        return new Shape(c.n(), Math.max(1, c.oc()), c.oh(), c.ow());
    }
}
