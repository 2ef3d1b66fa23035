package kadai.grader.suites.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.grader.api.StudentCode;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.SuiteChecks;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;

import java.util.Map;
import java.util.TreeSet;

/** The checks the resnet suite repeats: GlobalAveragePooling and the residual blocks against the reference on one case. */
final class ResNetChecks extends SuiteChecks<StudentCode> {

    static final String GAP = "kadai.assignments.resnet.GlobalAveragePooling";
    private static final Class<?>[] NO_ARGS = {};
    /**
     * Threshold of the gradient checks. Every function here is piecewise linear, so the centred
     * difference is exact up to the rounding of sum(y * dout) (~1e-7 relative at worst, cases keep
     * every nonzero element of dx above 1e-3); a dropped branch or a wrong mask is off by O(1).
     */
    static final double GRADIENT_THRESHOLD = GradientCheck.BLOCK_THRESHOLD;
    /** Largest input whose numerical gradient is computed (two forward calls per element). */
    private static final long NUMERICAL_MAX_ELEMENTS = 48;

    ResNetChecks(StudentCode student, StudentCode reference, GradingContext context) {
        super(student, reference, context);
    }

    // --- GlobalAveragePooling -------------------------------------------------------------------------

    /** Check GlobalAveragePooling.forward; return the student's layer with forward done. */
    Layer gapForwardAgrees(ImageCase c, NDManager m) {
        NDArray x = c.x(m);
        Layer layer = student.newLayer(GAP, NO_ARGS);
        NDArray y = layer.forward(x.duplicate());
        compare.agrees("GlobalAveragePooling.forward(x)", reference.newLayer(GAP, NO_ARGS).forward(x.duplicate()), y,
                Tolerance.FLOAT64, Shown.of("x", x));
        return layer;
    }

    /** Check GlobalAveragePooling.backward (after forward agrees); with {@code numerical}, also against centred differences. */
    void gapBackwardAgrees(ImageCase c, NDManager m, boolean numerical) {
        NDArray x = c.x(m);
        NDArray dout = c.dout(m);
        Layer layer = gapForwardAgrees(c, m);
        Layer ref = reference.newLayer(GAP, NO_ARGS);
        ref.forward(x.duplicate());
        NDArray dx = layer.backward(dout.duplicate());
        String call = "GlobalAveragePooling.backward(dout) after forward(x)";
        compare.agrees(call, ref.backward(dout.duplicate()), dx, Tolerance.FLOAT64, Shown.of("x", x), Shown.of("dout", dout));
        if (numerical && x.size() <= NUMERICAL_MAX_ELEMENTS) {
            Layer fresh = student.newLayer(GAP, NO_ARGS);
            NDArray numeric = GradientCheck.numericalGradient(fresh::forward, x, dout);
            compare.gradient("dx of " + call, dx, numeric, GRADIENT_THRESHOLD, Shown.of("x", x), Shown.of("dout", dout));
        }
    }

    /** Check GlobalAveragePooling on {@code dtype} input: same dtype out, values as the float64 reference. */
    void gapKeepsDtype(ImageCase c, NDManager m, DataType dtype) {
        NDArray x = c.x(m);
        NDArray dout = c.dout(m);
        Tolerance tol = Tolerance.of(dtype);
        Layer layer = student.newLayer(GAP, NO_ARGS);
        Layer ref = reference.newLayer(GAP, NO_ARGS);
        NDArray y = layer.forward(x.toType(dtype, false));
        compare.dtype("GlobalAveragePooling.forward(x)", dtype, y);
        compare.agrees("GlobalAveragePooling.forward(x)", ref.forward(x.duplicate()), y, tol, Shown.of("x", x));
        NDArray dx = layer.backward(dout.toType(dtype, false));
        compare.dtype("GlobalAveragePooling.backward(dout)", dtype, dx);
        compare.agrees("GlobalAveragePooling.backward(dout)", ref.backward(dout.duplicate()), dx, tol, Shown.of("dout", dout));
    }

    /** Check that GlobalAveragePooling leaves x and dout unchanged and agrees with the reference. */
    void gapLeavesInputsUnchanged(ImageCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray dout = c.dout(m);
        Layer layer = student.newLayer(GAP, NO_ARGS);
        Layer ref = reference.newLayer(GAP, NO_ARGS);
        NDArray xIn = x.duplicate();
        NDArray y = layer.forward(xIn);
        compare.unchanged("GlobalAveragePooling.forward(x)", "x", x, xIn);
        compare.agrees("GlobalAveragePooling.forward(x)", ref.forward(x.duplicate()), y, Tolerance.FLOAT64, Shown.of("x", x));
        NDArray doutIn = dout.duplicate();
        NDArray dx = layer.backward(doutIn);
        compare.unchanged("GlobalAveragePooling.backward(dout)", "dout", dout, doutIn);
        compare.agrees("GlobalAveragePooling.backward(dout)", ref.backward(dout.duplicate()), dx, Tolerance.FLOAT64,
                Shown.of("dout", dout));
    }

    // --- residual blocks -----------------------------------------------------------------------------

    /** Check the block's forward pass; return the reference run and the student's layers (forward done). */
    Map<String, Layer> blockForwardAgrees(BlockRun run) {
        Map<String, Layer> layers = run.studentBlock(student, reference, DataType.FLOAT64);
        NDArray y = layers.get("").forward(run.x.duplicate());
        compare.agrees(forwardCall(run.c), run.y, y, Tolerance.FLOAT64, Shown.of("x", run.x));
        return layers;
    }

    /** Check forward and backward (dx: the residual branch's gradient plus the shortcut's). */
    Map<String, Layer> blockBackwardAgrees(BlockRun run) {
        Map<String, Layer> layers = blockForwardAgrees(run);
        NDArray dx = layers.get("").backward(run.dout.duplicate());
        compare.agrees(backwardCall(run.c), run.dx, dx, Tolerance.FLOAT64, Shown.of("x", run.x), Shown.of("dout", run.dout));
        return layers;
    }

    /**
     * Check forward and backward, then params() and grads(): keys prefixed by the argument names, the
     * inner layers' arrays as values, and the inner layers' own grads() as the reference run's.
     */
    void blockParamsAndGradsAgree(BlockRun run) {
        Map<String, Layer> layers = blockBackwardAgrees(run);
        Layer block = layers.get("");
        String blockName = run.c.kind().simpleName;
        Map<String, NDArray> params = block.params();
        Map<String, NDArray> grads = block.grads();
        keysAre(blockName + ".params()", run, params);
        keysAre(blockName + ".grads()", run, grads);
        for (BlockCase.Conv conv : run.c.convs()) {
            Map<String, NDArray> innerGrads = layers.get(conv.name()).grads();
            for (String p : new String[] {"W", "b"}) {
                String key = conv.name() + "." + p;
                compare.agrees(blockName + ".params().get(\"" + key + "\")", run.weights.get(key), params.get(key), Tolerance.EXACT);
                String inner = conv.name() + ".grads().get(\"" + p + "\")";
                compare.agrees(ja ? blockName + ".backward の後の " + inner + " (内側の層自身の勾配)"
                                : inner + " (the inner layer's own gradient) after " + blockName + ".backward",
                        run.grads.get(key), innerGrads.get(p), Tolerance.FLOAT64, Shown.of("x", run.x), Shown.of("dout", run.dout));
                compare.agrees(blockName + ".grads().get(\"" + key + "\")", run.grads.get(key), grads.get(key), Tolerance.FLOAT64,
                        Shown.of("x", run.x), Shown.of("dout", run.dout));
            }
        }
    }

    private void keysAre(String what, BlockRun run, Map<String, NDArray> map) {
        TreeSet<String> expected = new TreeSet<>(run.weights.keySet());
        TreeSet<String> actual = map == null ? new TreeSet<>() : new TreeSet<>(map.keySet());
        if (!expected.equals(actual)) {
            throw new AssertionError(String.format(ja
                    ? "%s のキーは %s であるべきですが %s でした。内側の層のキーにコンストラクタ引数の名前を付けてください (\"conv1.W\" など; 恒等ショートカットにはパラメータがありません)\n  ケース: %s\n"
                    : "%s should have the keys %s but has %s: prefix each inner layer's keys with its constructor argument's name"
                            + " (\"conv1.W\", ...; an identity shortcut has none)\n  case: %s\n",
                    what, expected, actual, run.c.call()));
        }
    }

    /** Check that the block's forward agrees and its dx matches centred differences of its own forward. */
    void blockMatchesNumericalGradient(BlockRun run) {
        Map<String, Layer> layers = blockForwardAgrees(run);
        Layer block = layers.get("");
        block.forward(run.x.duplicate());
        NDArray dx = block.backward(run.dout.duplicate());
        Layer fresh = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        NDArray numeric = GradientCheck.numericalGradient(fresh::forward, run.x, run.dout);
        compare.gradient("dx of " + backwardCall(run.c), dx, numeric, GRADIENT_THRESHOLD, Shown.of("x", run.x),
                Shown.of("dout", run.dout));
    }

    /** Check the block on {@code dtype} input (inner layers in that dtype too): same dtype out, values as the float64 reference. */
    void blockKeepsDtype(BlockRun run, DataType dtype) {
        Tolerance tol = Tolerance.of(dtype);
        Layer block = run.studentBlock(student, reference, dtype).get("");
        NDArray y = block.forward(run.x.toType(dtype, false));
        compare.dtype(forwardCall(run.c), dtype, y);
        compare.agrees(forwardCall(run.c), run.y, y, tol, Shown.of("x", run.x));
        NDArray dx = block.backward(run.dout.toType(dtype, false));
        compare.dtype(backwardCall(run.c), dtype, dx);
        compare.agrees(backwardCall(run.c), run.dx, dx, tol, Shown.of("x", run.x), Shown.of("dout", run.dout));
    }

    /** Check that the block leaves x and dout unchanged and agrees with the reference. */
    void blockLeavesInputsUnchanged(BlockRun run) {
        Layer block = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        NDArray xIn = run.x.duplicate();
        NDArray y = block.forward(xIn);
        compare.unchanged(forwardCall(run.c), "x", run.x, xIn);
        compare.agrees(forwardCall(run.c), run.y, y, Tolerance.FLOAT64, Shown.of("x", run.x));
        NDArray doutIn = run.dout.duplicate();
        NDArray dx = block.backward(doutIn);
        compare.unchanged(backwardCall(run.c), "dout", run.dout, doutIn);
        compare.unchanged(backwardCall(run.c), "x", run.x, xIn);
        compare.agrees(backwardCall(run.c), run.dx, dx, Tolerance.FLOAT64, Shown.of("x", run.x), Shown.of("dout", run.dout));
    }

    /** Run the reference on a case as drawn. */
    BlockRun run(BlockCase c, NDManager m) {
        return BlockRun.of(c, m, reference);
    }

    /** Run the reference on a case redrawn, if need be, to keep clear of the ReLU kinks. */
    BlockRun runClearOfKinks(BlockCase c, NDManager m) {
        return BlockRun.clearOfKinks(c, m, reference);
    }

    static String forwardCall(BlockCase c) {
        return c.call() + ".forward(x)";
    }

    static String backwardCall(BlockCase c) {
        return c.call() + ".backward(dout) after forward(x)";
    }
}
