package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suites.InvalidConfigurations;

/**
 * The checks the transposed-convolution tests repeat: student and reference layers over copies
 * of the same w and b, forward and backward on copies of the same arrays.
 */
final class TransposedChecks {

    static final String CLASS = "kadai.assignments.segment.TransposedConvolution";
    static final String CONVOLUTION = "kadai.assignments.conv.Convolution";
    private static final Class<?>[] CONSTRUCTOR = {NDArray.class, NDArray.class, int.class, int.class};

    private final StudentCode student;
    private final StudentCode reference;
    private final Compare compare;
    private final boolean ja;

    TransposedChecks(StudentCode student, StudentCode reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    Compare compare() {
        return compare;
    }

    boolean ja() {
        return ja;
    }

    /** A student layer and a reference layer over copies of the same parameters. */
    record Pair(Layer student, Layer reference, NDArray w, NDArray b, String call) {}

    Pair pair(TransposedCase k, NDManager m) {
        NDArray w = k.weights(m);
        NDArray b = k.bias(m);
        return new Pair(
                studentLayer(k, w.duplicate(), b.duplicate()),
                reference.newLayer(CLASS, CONSTRUCTOR, w.duplicate(), b.duplicate(), k.stride(), k.pad()),
                w,
                b,
                k.constructor());
    }

    Layer studentLayer(TransposedCase k, NDArray w, NDArray b) {
        return student.newLayer(CLASS, CONSTRUCTOR, w, b, k.stride(), k.pad());
    }

    /** The reference's convolution with the same filters read as (out = C, in = OC): the map this layer transposes. */
    Layer referenceConvolution(TransposedCase k, NDArray w, NDManager m) {
        return reference.newLayer(
                CONVOLUTION, CONSTRUCTOR, w, m.zeros(new Shape(k.c()), w.getDataType()), k.stride(), k.pad());
    }

    /** Run forward on both layers and compare y. */
    NDArray forward(Pair p, NDArray x) {
        NDArray expected = p.reference().forward(x.duplicate());
        NDArray actual = p.student().forward(x.duplicate());
        compare.agrees(
                p.call() + ".forward(x)", expected, actual, Tolerance.FLOAT64, Shown.of("x", x), Shown.of("w", p.w()));
        return actual;
    }

    /** Run forward (unchecked) and backward on both layers and compare dx. */
    void dx(Pair p, NDArray x, NDArray dout) {
        p.reference().forward(x.duplicate());
        p.student().forward(x.duplicate());
        NDArray expected = p.reference().backward(dout.duplicate());
        NDArray actual = p.student().backward(dout.duplicate());
        compare.agrees(
                p.call() + ".backward(dout) (dx)",
                expected,
                actual,
                Tolerance.FLOAT64,
                Shown.of("w", p.w()),
                Shown.of("dout", dout));
    }

    /** Run forward and backward (unchecked) on both layers and compare grads() "W" and "b". */
    void grads(Pair p, NDArray x, NDArray dout) {
        p.reference().forward(x.duplicate());
        p.student().forward(x.duplicate());
        p.reference().backward(dout.duplicate());
        p.student().backward(dout.duplicate());
        Map<String, NDArray> expected = p.reference().grads();
        Map<String, NDArray> actual = p.student().grads();
        compare.agrees(
                p.call() + ": grads().get(\"W\") after backward(dout)",
                expected.get("W"),
                actual == null ? null : actual.get("W"),
                Tolerance.FLOAT64,
                Shown.of("x", x),
                Shown.of("dout", dout));
        compare.agrees(
                p.call() + ": grads().get(\"b\") after backward(dout)",
                expected.get("b"),
                actual.get("b"),
                Tolerance.FLOAT64,
                Shown.of("dout", dout));
    }

    /** Fail unless the student's forward depends on x: two different inputs give different outputs. */
    void forwardResponds(Layer layer, String call, NDArray x, NDManager m) {
        NDArray y1 = layer.forward(x.duplicate());
        NDArray y2 = layer.forward(x.mul(-2).add(1));
        NonDegenerate.responds(call + ".forward(x)", y1, y2, ja);
    }

    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.LAYER, ja, body);
    }

    String text(String en, String jaText) {
        return ja ? jaText : en;
    }
}
