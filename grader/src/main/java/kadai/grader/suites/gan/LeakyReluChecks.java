package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.SuiteChecks;

/** The checks of {@code LeakyRelu}: forward and backward against the reference on one case. */
final class LeakyReluChecks extends SuiteChecks<StudentCode> {

    static final String CLASS = "kadai.assignments.gan.LeakyRelu";
    private static final Class<?>[] CTOR = {double.class};
    /**
     * One multiplication per element in float64 is exact to rounding, so the result must match to
     * 1e-12. Activation.leakyRelu's float alpha (0.01f = 0.0099999998) is off by 1.5e-8 to 3e-8.
     */
    static final Tolerance PRODUCT = new Tolerance(1e-12, 0);
    /**
     * Threshold of the gradient check: the function is piecewise linear, so the centred difference
     * is exact up to the rounding of sum(y * dout) (~1e-9 here); a wrong slope is off by O(1).
     */
    static final double GRADIENT_THRESHOLD = 1e-5;

    LeakyReluChecks(StudentCode student, StudentCode reference, GradingContext context) {
        super(student, reference, context);
    }

    Layer studentLayer(double alpha) {
        return student.newLayer(CLASS, CTOR, alpha);
    }

    Layer referenceLayer(double alpha) {
        return reference.newLayer(CLASS, CTOR, alpha);
    }

    static String forwardCall(ActivationCase c) {
        return String.format(Locale.ROOT, "new LeakyRelu(%s).forward(x)", c.alpha());
    }

    static String backwardCall(ActivationCase c) {
        return String.format(Locale.ROOT, "new LeakyRelu(%s).backward(dout) after forward(x)", c.alpha());
    }

    /** Check the forward pass against the reference; return the student's layer, forward done. */
    Layer forwardAgrees(ActivationCase c, NDManager m) {
        NDArray x = c.x(m);
        Layer layer = studentLayer(c.alpha());
        NDArray actual = layer.forward(x.duplicate());
        agreesToTheLastDigit(
                forwardCall(c), referenceLayer(c.alpha()).forward(x.duplicate()), actual, Shown.of("x", x));
        return layer;
    }

    /**
     * Compare to {@link #PRODUCT}; a failure also states the worst element with all its digits,
     * since a float alpha's error (~1e-8) hides behind the four digits of the printed grids.
     */
    private void agreesToTheLastDigit(String call, NDArray expected, NDArray actual, Shown... inputs) {
        try {
            compare.agrees(call, expected, actual, PRODUCT, inputs);
        } catch (AssertionError e) {
            Tensors.Mismatch m =
                    actual == null ? null : Tensors.compare(expected, actual, PRODUCT.rtol(), PRODUCT.atol());
            if (m == null || m.shapeMismatch()) {
                throw e;
            }
            throw new AssertionError(
                    e.getMessage()
                            + String.format(
                                    Locale.ROOT,
                                    ja
                                            ? "  最も大きな差の要素を全桁で: 期待値 %.17g, 実際 %.17g (alpha は double のまま掛けてください)%n"
                                            : "  the worst element with all its digits: expected %.17g, got %.17g (multiply by alpha as a double)%n",
                                    m.expected(),
                                    m.actual()),
                    e);
        }
    }

    /**
     * Check forward and backward against the reference; with {@code numerical}, also dx against
     * centred differences of the student's own forward.
     */
    void backwardAgrees(ActivationCase c, NDManager m, boolean numerical) {
        NDArray x = c.x(m);
        NDArray dout = c.dout(m);
        Layer layer = forwardAgrees(c, m);
        Layer ref = referenceLayer(c.alpha());
        ref.forward(x.duplicate());
        NDArray dx = layer.backward(dout.duplicate());
        agreesToTheLastDigit(
                backwardCall(c), ref.backward(dout.duplicate()), dx, Shown.of("x", x), Shown.of("dout", dout));
        if (numerical) {
            Layer fresh = studentLayer(c.alpha());
            NDArray numeric = GradientCheck.numericalGradient(fresh::forward, x, dout);
            compare.gradient(
                    "dx of " + backwardCall(c),
                    dx,
                    numeric,
                    GRADIENT_THRESHOLD,
                    Shown.of("x", x),
                    Shown.of("dout", dout));
        }
    }

    /** Check that forward and backward keep the input's dtype {@code dtype}. */
    void keepDtype(ActivationCase c, NDManager m, DataType dtype) {
        Layer layer = studentLayer(c.alpha());
        compare.dtype(forwardCall(c), dtype, layer.forward(c.x(m).toType(dtype, false)));
        compare.dtype(backwardCall(c), dtype, layer.backward(c.dout(m).toType(dtype, false)));
    }

    /** Check that forward leaves x and backward leaves dout unchanged, and that both depend on their inputs. */
    void leaveInputsUnchanged(ActivationCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray dout = c.dout(m);
        Layer layer = studentLayer(c.alpha());
        NDArray xIn = x.duplicate();
        layer.forward(xIn);
        compare.unchanged(forwardCall(c), "x", x, xIn);
        NDArray doutIn = dout.duplicate();
        layer.backward(doutIn);
        compare.unchanged(backwardCall(c), "dout", dout, doutIn);
        dependsOnInputs(c, m);
    }

    /**
     * Non-degeneracy on a case of random values: forward of two inputs differs, and backward of two
     * upstream gradients (each after forward(x) on a fresh layer).
     */
    void dependsOnInputs(ActivationCase c, NDManager m) {
        Layer first = studentLayer(c.alpha());
        NDArray y = first.forward(c.x(m));
        compare.dependsOn(forwardCall(c), "x", y, studentLayer(c.alpha()).forward(c.array(m, "x2")));
        NDArray dx = first.backward(c.dout(m));
        Layer second = studentLayer(c.alpha());
        second.forward(c.x(m));
        compare.dependsOn(backwardCall(c), "dout", dx, second.backward(c.dout(m, "dout2")));
    }
}
