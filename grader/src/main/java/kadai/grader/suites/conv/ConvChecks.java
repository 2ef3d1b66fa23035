package kadai.grader.suites.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.property.ConvCase;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.suites.SuiteChecks;

/**
 * The checks the conv suite repeats: build the student's and the reference's layer over the same
 * parameters, run forward and backward on copies of the same arrays, and compare y, dx, dW and db.
 */
final class ConvChecks extends SuiteChecks<StudentCode> {

    static final String CLASS = "kadai.assignments.conv.Convolution";
    private static final Class<?>[] CONSTRUCTOR = {NDArray.class, NDArray.class, int.class, int.class};
    /** The contract's keys of params() and grads(). */
    static final List<String> KEYS = List.of("W", "b");

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

        Shown[] forwardInputs() {
            return new Shown[] {Shown.of("x", x), Shown.of("W", w), Shown.of("b", b)};
        }

        Shown[] backwardInputs() {
            return new Shown[] {Shown.of("x", x), Shown.of("W", w), Shown.of("b", b), Shown.of("dout", dout)};
        }
    }

    /** A student layer and a reference layer built over copies of the same parameters. */
    record Pair(Layer student, Layer reference, String call) {}

    Pair pair(NDArray w, NDArray b, int stride, int pad) {
        Layer r = reference.newLayer(CLASS, CONSTRUCTOR, w.duplicate(), b.duplicate(), stride, pad);
        Layer s = student.newLayer(CLASS, CONSTRUCTOR, w.duplicate(), b.duplicate(), stride, pad);
        return new Pair(s, r, constructorCall(w.getShape(), stride, pad));
    }

    Layer studentLayer(NDArray w, NDArray b, int stride, int pad) {
        return student.newLayer(CLASS, CONSTRUCTOR, w, b, stride, pad);
    }

    static String constructorCall(Shape w, int stride, int pad) {
        return String.format(
                Locale.ROOT, "new Convolution(W %s, b, stride=%d, pad=%d)", TensorText.shape(w), stride, pad);
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
        for (String key : KEYS) {
            NDArray grad = gradient(actual, key, expected.get(key).getShape(), p.call());
            compare.agrees(
                    String.format(
                            Locale.ROOT, "%s: grads().get(\"%s\") after backward(dout) (d%s)", p.call(), key, key),
                    expected.get(key),
                    grad,
                    tolerance,
                    shown);
        }
    }

    /**
     * Return the gradient of parameter {@code key} ({@code "W"} or {@code "b"}) from grads(). When
     * the contract's key is missing but exactly one entry under another key has the parameter's
     * shape, return that one and say so in the test's feedback: a key-name mistake costs the key
     * test ({@code paramsAreTheConstructorArrays}) only, not every test that reads a gradient.
     * Fail with a clear message when neither is there.
     */
    NDArray gradient(Map<String, NDArray> grads, String key, Shape shape, String call) {
        if (grads != null && grads.get(key) != null) {
            return grads.get(key);
        }
        if (grads != null) {
            List<String> sameShape = grads.entrySet().stream()
                    .filter(e -> !KEYS.contains(e.getKey())
                            && e.getValue() != null
                            && e.getValue().getShape().equals(shape))
                    .map(Map.Entry::getKey)
                    .toList();
            if (sameShape.size() == 1) {
                String found = sameShape.get(0);
                // No shapes in the text: the note is added once per test, not once per case.
                context.note(
                        ja
                                ? String.format(
                                        Locale.ROOT,
                                        "注記: grads() にキー \"%s\" がないため、%s と同じ形の唯一の配列"
                                                + " grads().get(\"%s\") をその勾配として採点しました。キーは契約どおり \"W\", \"b\" にしてください"
                                                + " (点を失うのはキーのテストだけです)。",
                                        key,
                                        key,
                                        found)
                                : String.format(
                                        Locale.ROOT,
                                        "Note: grads() has no key \"%s\", so the tests used grads().get(\"%s\"),"
                                                + " the only array of %s's shape, as its gradient. Name the keys as the contract says"
                                                + " (\"W\", \"b\"); only the key test loses points for it.",
                                        key,
                                        found,
                                        key));
                return grads.get(sameShape.get(0));
            }
        }
        throw new AssertionError(String.format(
                Locale.ROOT,
                ja
                        ? "%s: backward の後の grads() にキー \"%s\" がありません (%s)。grads() は Map.of(\"W\", dW, \"b\", db) を返してください"
                        : "%s: after backward, grads() has no entry \"%s\" (it returned %s); return Map.of(\"W\", dW, \"b\", db)",
                call,
                key,
                grads == null ? "null" : grads.keySet()));
    }

    /** Run forward on both layers without comparing: a backward test is about backward only. */
    void forwardUncompared(Pair p, NDArray x) {
        p.reference().forward(x.duplicate());
        p.student().forward(x.duplicate());
    }

    /**
     * Return the student's forward of {@code x} on a fresh layer, failing unless a fresh layer's
     * forward of another input {@code x2} differs from it (non-degeneracy: zeros or a constant fail).
     */
    NDArray forwardDependsOnX(NDArray w, NDArray b, int stride, int pad, NDArray x, NDArray x2) {
        NDArray y = studentLayer(w.duplicate(), b.duplicate(), stride, pad).forward(x.duplicate());
        NDArray y2 = studentLayer(w.duplicate(), b.duplicate(), stride, pad).forward(x2.duplicate());
        compare.dependsOn(constructorCall(w.getShape(), stride, pad) + ".forward(x)", "x", y, y2);
        return y;
    }

    /** Non-degeneracy on a case with random values: forward of two different inputs differs. */
    NDArray forwardDependsOnX(ConvCase c, NDManager m) {
        return forwardDependsOnX(c.weights(m), c.bias(m), c.stride(), c.pad(), c.x(m), c.array(m, "x2", c.xShape()));
    }

    /**
     * Fail unless backward of two different upstream gradients (each after forward(x) on a fresh
     * layer) differs (non-degeneracy of backward).
     */
    void backwardDependsOnDout(NDArray w, NDArray b, int stride, int pad, NDArray x, NDArray dout, NDArray dout2) {
        Layer first = studentLayer(w.duplicate(), b.duplicate(), stride, pad);
        first.forward(x.duplicate());
        NDArray dx = first.backward(dout.duplicate());
        Layer second = studentLayer(w.duplicate(), b.duplicate(), stride, pad);
        second.forward(x.duplicate());
        NDArray dx2 = second.backward(dout2.duplicate());
        compare.dependsOn(constructorCall(w.getShape(), stride, pad) + ".backward(dout) (dx)", "dout", dx, dx2);
    }

    /** Return a result's shape, failing with a clear message when the call returned null. */
    Shape shapeOf(String call, NDArray result) {
        if (result == null) {
            throw new AssertionError(call + text(" returned null", " が null を返しました"));
        }
        return result.getShape();
    }

    /** Check that a call throws IllegalArgumentException (see {@link InvalidConfigurations}). */
    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.LAYER, ja, body);
    }

    static Shape yShape(ConvCase c) {
        return new Shape(c.n(), Math.max(1, c.oc()), c.oh(), c.ow());
    }
}
