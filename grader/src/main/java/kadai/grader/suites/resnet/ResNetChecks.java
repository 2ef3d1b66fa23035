package kadai.grader.suites.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.TreeSet;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.SuiteChecks;

/**
 * The checks the resnet suite repeats: GlobalAveragePooling and the residual blocks, against the
 * reference (value tests) or for their own property plus non-degeneracy (structural tests).
 */
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
    /** How many witness blocks the non-degeneracy check may try before failing. */
    private static final int WITNESSES = 3;

    ResNetChecks(StudentCode student, StudentCode reference, GradingContext context) {
        super(student, reference, context);
    }

    // --- GlobalAveragePooling -------------------------------------------------------------------------

    /** Check GlobalAveragePooling.forward; return the student's layer with forward done. */
    Layer gapForwardAgrees(ImageCase c, NDManager m) {
        NDArray x = c.x(m);
        Layer layer = student.newLayer(GAP, NO_ARGS);
        NDArray y = layer.forward(x.duplicate());
        compare.agrees(
                "GlobalAveragePooling.forward(x)",
                reference.newLayer(GAP, NO_ARGS).forward(x.duplicate()),
                y,
                Tolerance.FLOAT64,
                Shown.of("x", x));
        return layer;
    }

    /**
     * Check GlobalAveragePooling.backward after forward(x) (forward itself is not compared: this is
     * a test of backward); with {@code numerical}, also against centred differences.
     */
    void gapBackwardAgrees(ImageCase c, NDManager m, boolean numerical) {
        NDArray x = c.x(m);
        NDArray dout = c.dout(m);
        Layer layer = student.newLayer(GAP, NO_ARGS);
        layer.forward(x.duplicate());
        Layer ref = reference.newLayer(GAP, NO_ARGS);
        ref.forward(x.duplicate());
        NDArray dx = layer.backward(dout.duplicate());
        String call = "GlobalAveragePooling.backward(dout) after forward(x)";
        compare.agrees(
                call, ref.backward(dout.duplicate()), dx, Tolerance.FLOAT64, Shown.of("x", x), Shown.of("dout", dout));
        if (numerical && x.size() <= NUMERICAL_MAX_ELEMENTS) {
            Layer fresh = student.newLayer(GAP, NO_ARGS);
            NDArray numeric = GradientCheck.numericalGradient(fresh::forward, x, dout);
            compare.gradient(
                    "dx of " + call, dx, numeric, GRADIENT_THRESHOLD, Shown.of("x", x), Shown.of("dout", dout));
        }
    }

    /**
     * Non-degeneracy of GlobalAveragePooling on a plain case (random values): forward of two
     * inputs differs, and backward of two upstream gradients (of the shape of the student's y).
     */
    void gapDependsOnInputs(ImageCase c, NDManager m) {
        Layer first = student.newLayer(GAP, NO_ARGS);
        NDArray y = first.forward(c.x(m));
        NDArray y2 = student.newLayer(GAP, NO_ARGS).forward(c.array(m, "x2", c.xShape()));
        compare.dependsOn("GlobalAveragePooling.forward(x)", "x", y, y2);
        Shape yShape = gapYShape(c);
        NDArray dx = first.backward(c.array(m, "dout", yShape));
        Layer second = student.newLayer(GAP, NO_ARGS);
        second.forward(c.x(m));
        NDArray dx2 = second.backward(c.array(m, "dout2", yShape));
        compare.dependsOn("GlobalAveragePooling.backward(dout)", "dout", dx, dx2);
    }

    /** Return the contract's output shape of GlobalAveragePooling, (N, C): the shape of every dout it is given. */
    private static Shape gapYShape(ImageCase c) {
        return new Shape(c.n(), c.c());
    }

    /** Check that GlobalAveragePooling keeps {@code dtype} in forward and backward. */
    void gapKeepsDtype(ImageCase c, NDManager m, DataType dtype) {
        Layer layer = student.newLayer(GAP, NO_ARGS);
        compare.dtype("GlobalAveragePooling.forward(x)", dtype, layer.forward(c.x(m).toType(dtype, false)));
        NDArray dx = layer.backward(c.array(m, "dout", gapYShape(c)).toType(dtype, false));
        compare.dtype("GlobalAveragePooling.backward(dout)", dtype, dx);
    }

    /** Check that GlobalAveragePooling leaves x and dout unchanged (and depends on them). */
    void gapLeavesInputsUnchanged(ImageCase c, NDManager m) {
        NDArray x = c.x(m);
        Layer layer = student.newLayer(GAP, NO_ARGS);
        NDArray xIn = x.duplicate();
        layer.forward(xIn);
        compare.unchanged("GlobalAveragePooling.forward(x)", "x", x, xIn);
        NDArray dout = c.array(m, "dout", gapYShape(c));
        NDArray doutIn = dout.duplicate();
        layer.backward(doutIn);
        compare.unchanged("GlobalAveragePooling.backward(dout)", "dout", dout, doutIn);
        gapDependsOnInputs(c, m);
    }

    // --- residual blocks -----------------------------------------------------------------------------

    /** Check the block's forward pass; return the student's layers (forward done). */
    Map<String, Layer> blockForwardAgrees(BlockRun run) {
        Map<String, Layer> layers = run.studentBlock(student, reference, DataType.FLOAT64);
        NDArray y = layers.get("").forward(run.x.duplicate());
        compare.agrees(forwardCall(run.c), run.y, y, Tolerance.FLOAT64, Shown.of("x", run.x));
        return layers;
    }

    /**
     * Check backward after forward(x) (forward itself is not compared: this is a test of backward):
     * dx (the residual branch's gradient plus the shortcut's) and the gradients every inner layer
     * holds afterwards, against the reference's run.
     */
    void blockBackwardAgrees(BlockRun run) {
        Map<String, Layer> layers = run.studentBlock(student, reference, DataType.FLOAT64);
        layers.get("").forward(run.x.duplicate());
        NDArray dx = layers.get("").backward(run.dout.duplicate());
        Shown[] shown = {Shown.of("x", run.x), Shown.of("dout", run.dout)};
        compare.agrees(backwardCall(run.c), run.dx, dx, Tolerance.FLOAT64, shown);
        String blockName = run.c.kind().simpleName;
        for (BlockCase.Conv conv : run.c.convs()) {
            Map<String, NDArray> innerGrads = innerGrads(layers, conv, blockName);
            for (String p : new String[] {"W", "b"}) {
                String inner = conv.name() + ".grads().get(\"" + p + "\")";
                compare.agrees(
                        ja
                                ? blockName + ".backward の後の " + inner + " (内側の層自身の勾配)"
                                : inner + " (the inner layer's own gradient) after " + blockName + ".backward",
                        run.grads.get(conv.name() + "." + p),
                        innerGrads.get(p),
                        Tolerance.FLOAT64,
                        shown);
            }
        }
    }

    /** Return an inner layer's grads() after the block's backward, failing clearly when it has none. */
    private Map<String, NDArray> innerGrads(Map<String, Layer> layers, BlockCase.Conv conv, String blockName) {
        Map<String, NDArray> grads;
        try {
            grads = layers.get(conv.name()).grads();
        } catch (StudentCodeException e) {
            grads = null; // the grader's own Convolution before any backward
        }
        if (grads == null || grads.get("W") == null || grads.get("b") == null) {
            throw new AssertionError(String.format(
                    ja
                            ? "%s.backward の後、内側の層 %s に勾配がありません。backward で %s.backward を呼んでください\n"
                            : "after %s.backward, the inner layer %s holds no gradients: backward must call %s.backward\n",
                    blockName,
                    conv.name(),
                    conv.name()));
        }
        return grads;
    }

    /**
     * Check params() and grads(): keys prefixed by the argument names, each value the inner layer's
     * own array (params: the layer's W and b; grads, after forward and backward: the layer's own
     * gradients, whatever they are). The gradients' values are the backward tests' business, so a
     * backward bug costs nothing here; the test adds the block's non-degeneracy ({@link
     * #blockDependsOnInputs}).
     */
    void blockParamsAndGradsAreRouted(BlockRun run) {
        Map<String, Layer> layers = run.studentBlock(student, reference, DataType.FLOAT64);
        Layer block = layers.get("");
        String blockName = run.c.kind().simpleName;
        Map<String, NDArray> params = block.params();
        keysAre(blockName + ".params()", run, params);
        for (BlockCase.Conv conv : run.c.convs()) {
            for (String p : new String[] {"W", "b"}) {
                String key = conv.name() + "." + p;
                compare.same(
                        blockName + ".params().get(\"" + key + "\")",
                        ownArray(conv.name() + ".params().get(\"" + p + "\")"),
                        run.weights.get(key),
                        params.get(key),
                        Tolerance.EXACT);
            }
        }
        block.forward(run.x.duplicate());
        block.backward(run.dout.duplicate());
        Map<String, NDArray> grads = block.grads();
        keysAre(blockName + ".grads()", run, grads);
        for (BlockCase.Conv conv : run.c.convs()) {
            Map<String, NDArray> innerGrads = innerGrads(layers, conv, blockName);
            for (String p : new String[] {"W", "b"}) {
                String key = conv.name() + "." + p;
                compare.same(
                        blockName + ".grads().get(\"" + key + "\")",
                        ownArray(conv.name() + ".grads().get(\"" + p + "\")"),
                        innerGrads.get(p),
                        grads.get(key),
                        Tolerance.FLOAT64);
            }
        }
    }

    private String ownArray(String call) {
        return call + text(" (the inner layer's own array)", " (内側の層自身の配列)");
    }

    private void keysAre(String what, BlockRun run, Map<String, NDArray> map) {
        TreeSet<String> expected = new TreeSet<>(run.weights.keySet());
        TreeSet<String> actual = map == null ? new TreeSet<>() : new TreeSet<>(map.keySet());
        if (!expected.equals(actual)) {
            throw new AssertionError(String.format(
                    ja
                            ? "%s のキーは %s であるべきですが %s でした。内側の層のキーにコンストラクタ引数の名前を付けてください (\"conv1.W\" など; 恒等ショートカットにはパラメータがありません)\n  ケース: %s\n"
                            : "%s should have the keys %s but has %s: prefix each inner layer's keys with its constructor argument's name"
                                    + " (\"conv1.W\", ...; an identity shortcut has none)\n  case: %s\n",
                    what,
                    expected,
                    actual,
                    run.c.call()));
        }
    }

    /**
     * Non-degeneracy of a block, checked once per test on witnesses: one image of 2 channels, 3 x 3,
     * identity shortcut, values from {@code seed}. Forward of two inputs must differ, and backward
     * of two upstream gradients, where the reference's differ. Witnesses of 18 outputs, not each
     * generated case: on a 1 x 1 case a ReLU can zero the whole result for both inputs, for a right
     * block too. Up to {@link #WITNESSES} witnesses are tried and one that shows both is enough: a
     * block whose only bug is a wrong mask can zero a whole witness's dx (it happened on one
     * witness when the catalogue was graded with other seeds); zeros and constants fail every one.
     */
    void blockDependsOnInputs(BlockCase.Kind kind, NDManager m, long seed) {
        AssertionError first = null;
        for (int attempt = 0; attempt < WITNESSES; attempt++) {
            BlockRun run = BlockRun.of(new BlockCase(kind, 1, 2, 3, 3, 2, 2, 1, false, seed + attempt), m, reference);
            try {
                dependsOnInputs(run, m);
                return;
            } catch (AssertionError e) {
                if (first == null) {
                    first = new AssertionError(
                            text("On the block ", "ブロック ")
                                    + run.c.describe(ja ? Language.JA : Language.EN)
                                    + text(
                                            " (and " + (WITNESSES - 1) + " more drawn like it):\n",
                                            " (と同様に作った他の " + (WITNESSES - 1) + " 個) で:\n")
                                    + e.getMessage(),
                            e);
                }
            }
        }
        throw first;
    }

    private void dependsOnInputs(BlockRun run, NDManager m) {
        NDArray x2 = run.c.other(m, "x2", run.c.xShape());
        Layer first = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        NDArray y = first.forward(run.x.duplicate());
        NDArray y2 =
                run.studentBlock(student, reference, DataType.FLOAT64).get("").forward(x2.duplicate());
        NDArray referenceY2 =
                run.studentBlock(reference, reference, DataType.FLOAT64).get("").forward(x2.duplicate());
        compare.dependsOn(forwardCall(run.c), "x", y, y2, run.y, referenceY2);
        NDArray dout2 = run.c.other(m, "dout2", run.c.yShape());
        NDArray dx = first.backward(run.dout.duplicate());
        Layer third = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        third.forward(run.x.duplicate());
        NDArray dx2 = third.backward(dout2.duplicate());
        Layer referenceThird =
                run.studentBlock(reference, reference, DataType.FLOAT64).get("");
        referenceThird.forward(run.x.duplicate());
        compare.dependsOn(backwardCall(run.c), "dout", dx, dx2, run.dx, referenceThird.backward(dout2.duplicate()));
    }

    /**
     * Return the case's dout when the student's y has the reference's shape, else a dout of y's
     * shape: the gradient check is about the student's own forward and backward, as a pair.
     */
    private NDArray doutFor(BlockRun run, NDManager m, NDArray y) {
        Shape shape = shapeOf(forwardCall(run.c), y);
        return shape.equals(run.y.getShape()) ? run.dout.duplicate() : run.c.other(m, "dout", shape);
    }

    /**
     * Check that the block's dx matches centred differences of its own forward (the case is clear of
     * the ReLU kinks); forward itself is not compared (the test adds the block's non-degeneracy).
     */
    void blockMatchesNumericalGradient(BlockRun run, NDManager m) {
        Layer block = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        NDArray dout = doutFor(run, m, block.forward(run.x.duplicate()));
        NDArray dx = block.backward(dout.duplicate());
        Layer fresh = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        NDArray numeric = GradientCheck.numericalGradient(fresh::forward, run.x, dout);
        compare.gradient(
                "dx of " + backwardCall(run.c),
                dx,
                numeric,
                GRADIENT_THRESHOLD,
                Shown.of("x", run.x),
                Shown.of("dout", dout));
    }

    /** Check that the block (its inner layers in that dtype too) keeps {@code dtype} in forward and backward. */
    void blockKeepsDtype(BlockRun run, DataType dtype) {
        Layer block = run.studentBlock(student, reference, dtype).get("");
        compare.dtype(forwardCall(run.c), dtype, block.forward(run.x.toType(dtype, false)));
        NDArray dx = block.backward(run.dout.toType(dtype, false));
        compare.dtype(backwardCall(run.c), dtype, dx);
    }

    /** Check that the block leaves x and dout unchanged (the test adds the block's non-degeneracy). */
    void blockLeavesInputsUnchanged(BlockRun run) {
        Layer block = run.studentBlock(student, reference, DataType.FLOAT64).get("");
        NDArray xIn = run.x.duplicate();
        block.forward(xIn);
        compare.unchanged(forwardCall(run.c), "x", run.x, xIn);
        NDArray doutIn = run.dout.duplicate();
        block.backward(doutIn);
        compare.unchanged(backwardCall(run.c), "dout", run.dout, doutIn);
        compare.unchanged(backwardCall(run.c), "x", run.x, xIn);
    }

    /** Return a result's shape, failing with a clear message when the call returned null. */
    private Shape shapeOf(String call, NDArray result) {
        if (result == null) {
            throw new AssertionError(call + text(" returned null", " が null を返しました"));
        }
        return result.getShape();
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
