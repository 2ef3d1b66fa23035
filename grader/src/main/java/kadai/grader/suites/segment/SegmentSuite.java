package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.segment.PoolingChecks.Pair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade assignment {@code segment} (lecture notes §5.3, §5.4–5.5, §6.4): {@code TransposedConvolution},
 * {@code IndexedMaxPooling}, {@code MaxUnpooling}, {@code SkipConnection} and {@code PixelCrossEntropy}.
 *
 * <p>Value tests compare with the reference on generated cases. Structural tests (the output-size
 * rule, immutability, dtypes, parameter keys, rejected configurations, adjointness, gradient checks
 * of the student's own forward) check their own property plus a non-degeneracy condition (the
 * result depends on the input, a gradient responds to its upstream), not agreement: zeros or a
 * constant still fail them, and one wrong value path costs only the tests about it.
 * {@link StructureTests} holds the structural tests of the pooling, skip and loss classes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SegmentSuite {

    private static final int TRIES = 30;
    /** The scale of the logits of the stability test (the handout quotes it). */
    public static final double HUGE_LOGITS = 1e4;

    private static TransposedCase.Cases transposed(GradingContext context, int maxSize, Values... values) {
        return new TransposedCase.Cases(context.language(), maxSize, values);
    }

    private static TransposedCase.Cases ordinary(GradingContext context) {
        return transposed(context, 4, Values.RANDOM, Values.SMALL_INTEGERS, Values.COUNTING);
    }

    // ---- TransposedConvolution ---------------------------------------------------------------

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"transposed", "forward", "golden"},
            timeLimitSeconds = 20,
            nameJa = "講義ノート 5.3 節の例 (ストライド 2 と 1, フィルタは F を 180° 回転) を再現する")
    @DisplayName(
            "TransposedConvolution reproduces the notes' §5.3 examples (stride 2 and 1, the filter F rotated by 180°)")
    void notesExamplesAreReproduced(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        NDManager m = context.manager();
        NDArray x = m.create(new double[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        NDArray w = m.create(new double[] {1, 2, -1, 1}, new Shape(1, 1, 2, 2));
        double[][] expected = {{1, 2, 2, 4, -1, 1, -2, 2, 3, 6, 4, 8, -3, 3, -4, 4}, {1, 4, 4, 2, 9, 10, -3, -1, 4}};
        for (int stride = 2; stride >= 1; stride--) {
            int s = stride;
            int size = s == 2 ? 4 : 3;
            String what = s == 2
                    ? context.text(
                            "stride 2: [[1, 2, 2, 4], [-1, 1, -2, 2], [3, 6, 4, 8], [-3, 3, -4, 4]]",
                            "ストライド 2: [[1, 2, 2, 4], [-1, 1, -2, 2], [3, 6, 4, 8], [-3, 3, -4, 4]]")
                    : context.text(
                            "stride 1: [[1, 4, 4], [2, 9, 10], [-3, -1, 4]] (the notes print 1 at the centre; 9 is right)",
                            "ストライド 1: [[1, 4, 4], [2, 9, 10], [-3, -1, 4]] (講義ノートは中央を 1 としていますが 9 が正しい)");
            context.part(1, what, () -> {
                Layer layer = student.newLayer(
                        TransposedChecks.CLASS,
                        new Class<?>[] {NDArray.class, NDArray.class, int.class, int.class},
                        w.duplicate(),
                        m.zeros(new Shape(1), DataType.FLOAT64),
                        s,
                        0);
                checks.compare()
                        .agrees(
                                String.format(
                                        Locale.ROOT,
                                        "new TransposedConvolution(w = rot180(F) = [[1, 2], [-1, 1]], b = 0, stride=%d, pad=0).forward(X)",
                                        s),
                                m.create(expected[2 - s], new Shape(1, 1, size, size)),
                                layer.forward(x.duplicate()),
                                Tolerance.FLOAT64,
                                Shown.of("X", x));
            });
        }
    }

    @Order(2)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"transposed", "forward"},
            timeLimitSeconds = 30,
            nameJa = "TransposedConvolution.forward が生成したケース (ストライド 1-3, パディング 0-2) で参照実装と一致する")
    @DisplayName("TransposedConvolution.forward agrees with the reference on generated cases (stride 1-3, pad 0-2)")
    void transposedForwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(ordinary(context))
                .tries(TRIES)
                .check(
                        context.text("forward agrees with the reference", "forward が参照実装と一致する"),
                        (k, m) -> checks.forward(checks.pair(k, m), k.x(m)));
    }

    @Order(3)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"transposed", "backward"},
            timeLimitSeconds = 30,
            nameJa = "TransposedConvolution.backward の dx が参照実装と一致する")
    @DisplayName("TransposedConvolution.backward's dx agrees with the reference")
    void transposedDxAgrees(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(ordinary(context))
                .tries(TRIES)
                .check(
                        context.text("dx agrees with the reference", "dx が参照実装と一致する"),
                        (k, m) -> checks.dx(checks.pair(k, m), k.x(m), k.dout(m)));
    }

    @Order(4)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"transposed", "backward", "grads"},
            timeLimitSeconds = 30,
            nameJa = "TransposedConvolution の dW と db (grads()) が参照実装と一致する")
    @DisplayName("TransposedConvolution's dW and db (grads()) agree with the reference")
    void transposedGradsAgree(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(ordinary(context))
                .tries(TRIES)
                .check(
                        context.text("grads() agree with the reference", "grads() が参照実装と一致する"),
                        (k, m) -> checks.grads(checks.pair(k, m), k.x(m), k.dout(m)));
    }

    @Order(5)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"transposed", "forward", "adjoint"},
            timeLimitSeconds = 30,
            nameJa = "転置畳み込みは畳み込みの随伴: <conv(z), x> = <z, convT(x)> (同じフィルタ, バイアスなし)")
    @DisplayName(
            "the transposed convolution is the convolution's adjoint: <conv(z), x> = <z, convT(x)> (same filters, no bias)")
    void transposedIsTheAdjointOfTheConvolution(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(transposed(context, 4, Values.RANDOM))
                .tries(20)
                .check(
                        context.text(
                                "<conv(z), x> = <z, convT(x)> with the reference's Convolution",
                                "参照実装の Convolution で <conv(z), x> = <z, convT(x)>"),
                        (k, m) -> {
                            NDArray x = k.x(m);
                            NDArray z = k.dout(m);
                            NDArray w = k.weights(m);
                            NDArray y = checks.studentLayer(
                                            k, w.duplicate(), m.zeros(new Shape(k.oc()), DataType.FLOAT64))
                                    .forward(x.duplicate());
                            if (y == null || !y.getShape().equals(k.yShape())) {
                                throw new AssertionError(k.constructor() + ".forward(x) "
                                        + checks.text("returned shape ", "の形状が ") + (y == null ? "null" : y.getShape())
                                        + checks.text(", expected ", " ですが、期待される形状は ") + k.yShape());
                            }
                            double left = checks.referenceConvolution(k, w, m)
                                    .forward(z)
                                    .mul(x)
                                    .sum()
                                    .getDouble();
                            double right = z.mul(y).sum().getDouble();
                            if (Math.abs(left - right) > 1e-9 * (1 + Math.abs(left))) {
                                throw new AssertionError(String.format(
                                                Locale.ROOT,
                                                checks.text(
                                                        "%s with b = 0 is not the adjoint of the convolution with the same filters:"
                                                                + " <conv(z), x> = %.10g but <z, convT(x)> = %.10g\n",
                                                        "b = 0 の %s が同じフィルタの畳み込みの随伴になっていません:"
                                                                + " <conv(z), x> = %.10g ですが <z, convT(x)> = %.10g\n"),
                                                k.constructor(),
                                                left,
                                                right)
                                        + "  x:\n" + Shown.of("x", x).text() + "  z:\n"
                                        + Shown.of("z", z).text());
                            }
                        });
    }

    @Order(6)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"transposed", "backward", "gradient-check"},
            timeLimitSeconds = 50,
            nameJa = "TransposedConvolution の dx, dW, db が自分の forward の数値微分と一致する" + " (float64, 相対誤差 <= 1e-7)")
    @DisplayName("TransposedConvolution's dx, dW and db match numerical gradients of your own forward (float64,"
            + " relative error <= 1e-7)")
    void transposedGradientsMatchNumericalGradients(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(transposed(context, 3, Values.RANDOM))
                .tries(5)
                .check(
                        context.text(
                                "backward matches centred differences of forward (values mapped to [0.5, 1.5))",
                                "backward が forward の中心差分と一致する (値は [0.5, 1.5) に変換)"),
                        (k, m) -> {
                            NDArray x = Values.positive(k.x(m));
                            NDArray w = Values.positive(k.weights(m));
                            NDArray b = k.bias(m);
                            NDArray dout = Values.positive(k.dout(m));
                            Layer layer = checks.studentLayer(k, w.duplicate(), b.duplicate());
                            checks.forwardResponds(layer, k.constructor(), x, m);
                            layer.forward(x.duplicate());
                            NDArray dx = layer.backward(dout.duplicate());
                            NonDegenerate.nonZero(k.constructor() + ".backward(dout) (dx)", dx, checks.ja());
                            java.util.Map<String, NDArray> grads = layer.grads();
                            NDArray numericX = GradientCheck.numericalGradient(
                                    xp -> checks.studentLayer(k, w.duplicate(), b.duplicate())
                                            .forward(xp),
                                    x,
                                    dout);
                            checks.compare()
                                    .gradient(
                                            k.constructor() + ".backward(dout) (dx)",
                                            dx,
                                            numericX,
                                            GradientCheck.CONV_THRESHOLD,
                                            Shown.of("x", x),
                                            Shown.of("dout", dout));
                            NDArray numericW = GradientCheck.numericalGradient(
                                    wp -> checks.studentLayer(k, wp, b.duplicate())
                                            .forward(x.duplicate()),
                                    w,
                                    dout);
                            checks.compare()
                                    .gradient(
                                            k.constructor() + ": grads().get(\"W\")",
                                            grads == null ? null : grads.get("W"),
                                            numericW,
                                            GradientCheck.CONV_THRESHOLD,
                                            Shown.of("x", x),
                                            Shown.of("dout", dout));
                            NDArray numericB = GradientCheck.numericalGradient(
                                    bp -> checks.studentLayer(k, w.duplicate(), bp)
                                            .forward(x.duplicate()),
                                    b,
                                    dout);
                            checks.compare()
                                    .gradient(
                                            k.constructor() + ": grads().get(\"b\")",
                                            grads == null ? null : grads.get("b"),
                                            numericB,
                                            GradientCheck.CONV_THRESHOLD,
                                            Shown.of("dout", dout));
                        });
    }

    @Order(7)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"transposed", "output-size", "validation"},
            timeLimitSeconds = 40,
            nameJa = "出力の形状は (N, OC, (H-1)·stride - 2·pad + FH, ...) で、不正な設定 (stride < 1,"
                    + " pad < 0, OH < 1, チャンネル数の不一致) は IllegalArgumentException で拒否される")
    @DisplayName("the output has shape (N, OC, (H-1)*stride - 2*pad + FH, ...) and invalid configurations (stride < 1,"
            + " pad < 0, OH < 1, channels that do not match) are rejected with IllegalArgumentException")
    void transposedOutputSizeAndInvalidConfigurations(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.part(
                1,
                context.text("output shape on generated cases", "生成したケースでの出力の形状"),
                () -> context.forAll(ordinary(context))
                        .tries(TRIES)
                        .check(context.text("y has shape (N, OC, OH, OW)", "y の形状が (N, OC, OH, OW)"), (k, m) -> {
                            Layer layer = checks.studentLayer(k, k.weights(m), k.bias(m));
                            NDArray y = layer.forward(k.x(m));
                            if (y == null || !y.getShape().equals(k.yShape())) {
                                throw new AssertionError(k.constructor() + ".forward(x " + k.xShape() + ") "
                                        + checks.text("returned shape ", "の形状が ") + (y == null ? "null" : y.getShape())
                                        + checks.text(", expected ", " ですが、期待される形状は ") + k.yShape()
                                        + " = (N, OC, (H-1)*stride - 2*pad + FH, (W-1)*stride - 2*pad + FW)");
                            }
                            checks.forwardResponds(layer, k.constructor(), k.x(m), m);
                        }));
        TransposedCase[] invalid = {
            new TransposedCase(1, 1, 1, 3, 3, 2, 2, 0, 0, Values.RANDOM, context.seed()),
            new TransposedCase(1, 2, 1, 3, 3, 3, 3, 1, -1, Values.RANDOM, context.seed()),
            new TransposedCase(1, 1, 2, 1, 1, 3, 3, 1, 2, Values.RANDOM, context.seed()),
            new TransposedCase(2, 1, 1, 2, 1, 2, 1, 2, 2, Values.RANDOM, context.seed())
        };
        // Each part also needs the nearest valid configuration (stride 1, pad 0) to compute something that
        // depends on x: a layer that rejects everything, or returns zeros, earns nothing here.
        for (TransposedCase k : invalid) {
            context.part(1, k.describe(context.language()) + " (" + k.violation() + ")", () -> {
                NDManager m = context.manager();
                checks.rejects(
                        k.constructor() + " and forward(x " + k.xShape() + ")",
                        () -> checks.studentLayer(k, k.weights(m), k.bias(m)).forward(k.x(m)));
                nearestValidResponds(
                        checks, k.with(k.n(), k.c(), k.oc(), k.h(), k.w(), k.fh(), k.fw(), 1, 0, k.values()), m);
            });
        }
        context.part(1, context.text("x whose channels are not w's C", "チャンネル数が w の C と異なる x"), () -> {
            NDManager m = context.manager();
            TransposedCase k = new TransposedCase(1, 2, 1, 2, 2, 2, 2, 1, 0, Values.RANDOM, context.seed());
            checks.rejects(
                    k.constructor() + " and forward(x (1, 3, 2, 2))",
                    () -> checks.studentLayer(k, k.weights(m), k.bias(m))
                            .forward(m.ones(new Shape(1, 3, 2, 2), DataType.FLOAT64)));
            nearestValidResponds(checks, k, m);
        });
    }

    private static void nearestValidResponds(TransposedChecks checks, TransposedCase valid, NDManager m) {
        try {
            checks.forwardResponds(
                    checks.studentLayer(valid, valid.weights(m), valid.bias(m)), valid.constructor(), valid.x(m), m);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(
                    checks.text(
                                    "The invalid configuration was rejected, but the nearest valid one, ",
                                    "不正な設定は拒否されましたが、最も近い正しい設定 ")
                            + valid.describe(checks.ja() ? Language.JA : Language.EN)
                            + checks.text(", must compute a result that depends on x: ", " は x に依存する結果を計算しなければなりません: ")
                            + e.getMessage(),
                    e);
        }
    }

    @Order(8)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"transposed", "immutability"},
            timeLimitSeconds = 30,
            nameJa = "TransposedConvolution が x, dout, W, b を書き換えない")
    @DisplayName("TransposedConvolution leaves x, dout, W and b unchanged")
    void transposedInputsAreNotModified(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(transposed(context, 4, Values.RANDOM))
                .tries(15)
                .check(context.text("inputs are not modified", "入力が書き換えられない"), (k, m) -> {
                    NDArray x = k.x(m);
                    NDArray dout = k.dout(m);
                    NDArray w = k.weights(m);
                    NDArray b = k.bias(m);
                    NDArray xs = x.duplicate();
                    NDArray ds = dout.duplicate();
                    NDArray ws = w.duplicate();
                    NDArray bs = b.duplicate();
                    Layer layer = checks.studentLayer(k, ws, bs);
                    NDArray y = layer.forward(xs);
                    checks.compare().unchanged(k.constructor() + ".forward(x)", "x", x, xs);
                    layer.backward(ds);
                    layer.grads();
                    checks.compare().unchanged(k.constructor() + ".backward(dout)", "dout", dout, ds);
                    checks.compare().unchanged(k.constructor() + ".forward/backward", "W", w, ws);
                    checks.compare().unchanged(k.constructor() + ".forward/backward", "b", b, bs);
                    NonDegenerate.responds(
                            k.constructor() + ".forward(x)",
                            y,
                            layer.forward(x.mul(-2).add(1)),
                            checks.ja());
                });
    }

    @Order(9)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"transposed", "dtype"},
            timeLimitSeconds = 30,
            nameJa = "TransposedConvolution の y と dx は x の dtype、dW と db はパラメータの dtype")
    @DisplayName("TransposedConvolution's y and dx have x's dtype, dW and db the parameters' dtype")
    void transposedKeepsDtypes(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        // Stride 1-2 and no padding: the dtype test is not about the stride and padding corner cases.
        context.forAll(transposed(context, 4, Values.SMALL_INTEGERS).filter(k -> k.pad() == 0 && k.stride() <= 2))
                .tries(10)
                .check(context.text("dtypes are kept", "dtype が保たれる"), (k, m) -> {
                    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                        String call = k.constructor() + " (x, dout "
                                + type.name().toLowerCase(Locale.ROOT) + "; W, b float64)";
                        Layer layer = checks.studentLayer(k, k.weights(m), k.bias(m));
                        NDArray x = k.x(m).toType(type, false);
                        NDArray y = layer.forward(x.duplicate());
                        checks.compare().dtype(call + ".forward(x)", type, y);
                        NDArray dx = layer.backward(k.dout(m).toType(type, false));
                        checks.compare().dtype(call + ".backward(dout)", type, dx);
                        checks.compare()
                                .dtype(
                                        call + ": grads().get(\"W\")",
                                        DataType.FLOAT64,
                                        layer.grads().get("W"));
                        checks.compare()
                                .dtype(
                                        call + ": grads().get(\"b\")",
                                        DataType.FLOAT64,
                                        layer.grads().get("b"));
                        NonDegenerate.responds(
                                call + ".forward(x)", y, layer.forward(x.mul(-2).add(1)), checks.ja());
                    }
                });
    }

    @Order(10)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"transposed", "params"},
            timeLimitSeconds = 30,
            nameJa = "params() は \"W\", \"b\" にコンストラクタの配列を、grads() は同じキーと形状の 0 でない勾配を返す")
    @DisplayName("params() holds the constructor's arrays under \"W\" and \"b\"; grads() has the same keys and shapes,"
            + " and responds to dout")
    void transposedParamsAndGrads(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        TransposedChecks checks = new TransposedChecks(student, reference, context.language());
        context.forAll(transposed(context, 3, Values.RANDOM))
                .tries(10)
                .check(
                        context.text(
                                "params() and grads() are keyed \"W\" and \"b\"",
                                "params() と grads() のキーが \"W\" と \"b\""),
                        (k, m) -> {
                            NDArray w = k.weights(m);
                            NDArray b = k.bias(m);
                            Layer layer = checks.studentLayer(k, w.duplicate(), b.duplicate());
                            java.util.Map<String, NDArray> params = layer.params();
                            keys(checks, k.constructor() + ".params()", params);
                            checks.compare()
                                    .agrees(
                                            k.constructor() + ".params().get(\"W\")",
                                            w,
                                            params.get("W"),
                                            Tolerance.EXACT);
                            checks.compare()
                                    .agrees(
                                            k.constructor() + ".params().get(\"b\")",
                                            b,
                                            params.get("b"),
                                            Tolerance.EXACT);
                            layer.forward(k.x(m));
                            layer.backward(k.dout(m));
                            java.util.Map<String, NDArray> grads = layer.grads();
                            keys(checks, k.constructor() + ".grads()", grads);
                            for (String key : new String[] {"W", "b"}) {
                                NDArray g = grads.get(key);
                                if (g == null
                                        || !g.getShape().equals(params.get(key).getShape())) {
                                    throw new AssertionError(k.constructor() + ".grads().get(\"" + key + "\") "
                                            + checks.text("must have the shape of its parameter ", "はパラメータと同じ形状 ")
                                            + params.get(key).getShape() + checks.text(" but has ", " であるべきですが ")
                                            + (g == null ? "null" : g.getShape()));
                                }
                                NonDegenerate.nonZero(
                                        k.constructor() + ".grads().get(\"" + key + "\")", g, checks.ja());
                            }
                        });
    }

    private static void keys(TransposedChecks checks, String call, java.util.Map<String, NDArray> map) {
        if (map == null || !map.keySet().equals(java.util.Set.of("W", "b"))) {
            throw new AssertionError(call
                    + checks.text(
                            " must have exactly the keys \"W\" and \"b\" but has ", " のキーはちょうど \"W\" と \"b\" であるべきですが ")
                    + (map == null ? "null" : map.keySet()));
        }
    }

    // ---- IndexedMaxPooling and MaxUnpooling --------------------------------------------------

    @Order(11)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"pooling", "forward"},
            timeLimitSeconds = 30,
            nameJa = "IndexedMaxPooling.forward の値が参照実装と一致する (窓を満たさない行と列は切り捨て)")
    @DisplayName(
            "IndexedMaxPooling.forward's values agree with the reference (rows and columns that fill no window are cut off)")
    void poolingValuesAgree(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolingChecks checks = new PoolingChecks(student, reference, context.language());
        context.forAll(new PoolCase.Cases(context.language(), 1, Values.RANDOM, Values.COUNTING))
                .tries(TRIES)
                .check(
                        context.text("forward agrees with the reference", "forward が参照実装と一致する"),
                        (k, m) -> checks.values(checks.pair(k), k.x(m)));
    }

    @Order(12)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"pooling", "indices"},
            timeLimitSeconds = 30,
            nameJa = "IndexedMaxPooling.indices() (int64, 入力平面での平坦なインデックス h*W + w) が参照実装と一致し,"
                    + " inputShape() と pool() が正しい")
    @DisplayName("IndexedMaxPooling.indices() (int64, flat index h*W + w in the input plane) agrees with the reference;"
            + " inputShape() and pool() are right")
    void poolingIndicesAgree(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolingChecks checks = new PoolingChecks(student, reference, context.language());
        context.forAll(new PoolCase.Cases(context.language(), 1, Values.RANDOM))
                .tries(TRIES)
                .check(
                        context.text(
                                "indices() agree with the reference; inputShape() and pool() are right",
                                "indices() が参照実装と一致し, inputShape() と pool() が正しい"),
                        (k, m) -> {
                            checks.indices(checks.pair(k), k.x(m));
                            checks.accessors(checks.pair(k), k.x(m));
                        });
    }

    @Order(13)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"pooling", "ties"},
            timeLimitSeconds = 30,
            nameJa = "同値の最大値があるとき、インデックスと勾配は窓の (行優先で) 最初の最大値")
    @DisplayName("with tied maxima, the index and the gradient go to the window's first maximum in row-major order")
    void poolingTiesGoToTheFirstMaximum(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolingChecks checks = new PoolingChecks(student, reference, context.language());
        context.forAll(new PoolCase.Cases(context.language(), 2, Values.SMALL_INTEGERS))
                .tries(TRIES)
                .check(
                        context.text(
                                "with integer inputs (many ties) indices() and backward agree with the reference",
                                "整数の入力 (同値が多い) で indices() と backward が参照実装と一致する"),
                        (k, m) -> {
                            try {
                                checks.indices(checks.pair(k), k.x(m));
                                checks.backward(checks.pair(k), k.x(m), k.doutPooled(m));
                            } catch (AssertionError e) {
                                throw new AssertionError(
                                        e.getMessage() + "  "
                                                + checks.text(
                                                        "Hint: when several cells of a window hold its maximum, the first in row-major order"
                                                                + " (what argMax returns) wins, as in PyTorch.\n",
                                                        "ヒント: 窓の最大値が複数のセルにあるときは、行優先で最初のもの (argMax が返すもの) を選びます"
                                                                + " (PyTorch と同じ)。\n"),
                                        e);
                            }
                        });
    }

    @Order(14)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"pooling", "backward"},
            timeLimitSeconds = 30,
            nameJa = "IndexedMaxPooling.backward が参照実装と一致する (同値なし)")
    @DisplayName("IndexedMaxPooling.backward agrees with the reference (no ties)")
    void poolingBackwardAgrees(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolingChecks checks = new PoolingChecks(student, reference, context.language());
        context.forAll(new PoolCase.Cases(context.language(), 1, Values.RANDOM))
                .tries(TRIES)
                .check(
                        context.text("dx agrees with the reference", "dx が参照実装と一致する"),
                        (k, m) -> checks.backward(checks.pair(k), k.distinctX(m), k.doutPooled(m)));
    }

    @Order(15)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"unpooling", "forward"},
            timeLimitSeconds = 30,
            nameJa = "MaxUnpooling.forward がエンコーダの入力の形状の 0 の中の、エンコーダのインデックスの位置に値を置く")
    @DisplayName("MaxUnpooling.forward puts each value at its encoder's index, in zeros of the encoder's input shape")
    void unpoolingScattersAtTheIndices(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolingChecks checks = new PoolingChecks(student, reference, context.language());
        context.forAll(new PoolCase.Cases(context.language(), 1, Values.RANDOM))
                .tries(TRIES)
                .check(
                        context.text("unpooling scatters the values at the indices", "アンプーリングが値をインデックスの位置に置く"),
                        (k, m) -> {
                            Pair p = checks.pair(k);
                            NDArray x = k.distinctX(m);
                            p.reference().forward(x.duplicate());
                            p.student().forward(x.duplicate());
                            StringBuilder note = new StringBuilder();
                            long[] indices = checks.usableIndices(p, k, note);
                            NDArray v = k.pooledValues(m);
                            NDArray expected = PoolingChecks.scatter(m, v, indices, k.xShape());
                            NDArray actual =
                                    checks.studentDecoder(p.studentLayer()).forward(v.duplicate());
                            checks.compare()
                                    .agrees(
                                            "new MaxUnpooling(" + k.constructor() + ").forward(v) " + note,
                                            expected,
                                            actual,
                                            Tolerance.EXACT,
                                            Shown.of("x", x),
                                            Shown.of("v", v));
                        });
    }

    @Order(16)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"unpooling", "backward"},
            timeLimitSeconds = 30,
            nameJa = "MaxUnpooling.backward がエンコーダのインデックスの位置の dout を集める")
    @DisplayName("MaxUnpooling.backward gathers dout at its encoder's indices")
    void unpoolingBackwardGathers(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolingChecks checks = new PoolingChecks(student, reference, context.language());
        context.forAll(new PoolCase.Cases(context.language(), 1, Values.RANDOM))
                .tries(TRIES)
                .check(
                        context.text("unpooling's backward gathers at the indices", "アンプーリングの backward がインデックスの位置を集める"),
                        (k, m) -> {
                            Pair p = checks.pair(k);
                            NDArray x = k.distinctX(m);
                            p.reference().forward(x.duplicate());
                            p.student().forward(x.duplicate());
                            StringBuilder note = new StringBuilder();
                            long[] indices = checks.usableIndices(p, k, note);
                            Layer decoder = checks.studentDecoder(p.studentLayer());
                            decoder.forward(k.pooledValues(m));
                            NDArray dout = k.doutInput(m);
                            NDArray expected = PoolingChecks.gather(m, dout, indices, k.yShape());
                            checks.compare()
                                    .agrees(
                                            "new MaxUnpooling(" + k.constructor() + ").backward(dout) " + note,
                                            expected,
                                            decoder.backward(dout.duplicate()),
                                            Tolerance.EXACT,
                                            Shown.of("x", x),
                                            Shown.of("dout", dout));
                        });
    }

    // ---- SkipConnection and PixelCrossEntropy ------------------------------------------------

    @Order(17)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"skip", "forward"},
            timeLimitSeconds = 30,
            nameJa = "SkipConnection.concat (中央の切り出し, [skip, up] の順) が参照実装と一致する")
    @DisplayName("SkipConnection.concat (centre crop, [skip, up]) agrees with the reference")
    void skipConcatAgrees(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        context.forAll(new SkipCase.Cases(context.language(), 0))
                .tries(TRIES)
                .check(
                        context.text("concat agrees with the reference", "concat が参照実装と一致する"),
                        (k, m) -> checks.concatAgrees(k, k.skip(m), k.up(m)));
    }

    @Order(18)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"skip", "backward"},
            timeLimitSeconds = 30,
            nameJa = "SkipConnection.backward (dskip は切り出し窓の外で 0, dup) が参照実装と一致する")
    @DisplayName("SkipConnection.backward (dskip zero outside the crop window, dup) agrees with the reference")
    void skipBackwardAgrees(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        context.forAll(new SkipCase.Cases(context.language(), 0))
                .tries(TRIES)
                .check(
                        context.text("backward agrees with the reference", "backward が参照実装と一致する"),
                        (k, m) -> checks.backwardAgrees(k, k.dout(m)));
    }

    @Order(19)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"loss"},
            timeLimitSeconds = 30,
            nameJa = "PixelCrossEntropy.loss がラベルのある画素の平均として参照実装と一致する (-1 の画素は無視)")
    @DisplayName(
            "PixelCrossEntropy.loss, the mean over labelled pixels, agrees with the reference (pixels labelled -1 ignored)")
    void lossAgrees(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        context.forAll(new LossCase.Cases(context.language(), 2, true))
                .tries(TRIES)
                .check(
                        context.text("loss agrees with the reference", "loss が参照実装と一致する"),
                        (k, m) -> checks.lossAgrees(k.logits(m), k.labels(m)));
    }

    @Order(20)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"loss", "gradient"},
            timeLimitSeconds = 30,
            nameJa = "PixelCrossEntropy.grad ((softmax - one-hot) / M, 無視する画素で 0) が参照実装と一致する")
    @DisplayName("PixelCrossEntropy.grad ((softmax - one-hot) / M, 0 at ignored pixels) agrees with the reference")
    void lossGradientAgrees(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        context.forAll(new LossCase.Cases(context.language(), 2, true))
                .tries(TRIES)
                .check(
                        context.text("grad agrees with the reference", "grad が参照実装と一致する"),
                        (k, m) -> checks.gradAgrees(k.logits(m), k.labels(m)));
    }

    @Order(21)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"loss", "gradient-check"},
            timeLimitSeconds = 40,
            nameJa = "PixelCrossEntropy.grad が自分の loss の数値微分と一致する (相対誤差 <= 1e-7)")
    @DisplayName("PixelCrossEntropy.grad matches the numerical gradient of your own loss (relative error <= 1e-7)")
    void lossGradientMatchesNumericalGradient(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        context.forAll(new LossCase.Cases(context.language(), 1, true))
                .tries(8)
                .check(context.text("grad matches centred differences of loss", "grad が loss の中心差分と一致する"), (k, m) -> {
                    NDArray logits = k.logits(m);
                    NDArray labels = k.labels(m);
                    NonDegenerate.responds(
                            "PixelCrossEntropy.loss(logits, labels)",
                            checks.loss()
                                    .loss(logits.duplicate(), labels.duplicate())
                                    .reshape(1),
                            checks.loss()
                                    .loss(logits.mul(-2).add(1), labels.duplicate())
                                    .reshape(1),
                            checks.ja());
                    NDArray grad = checks.loss().grad(logits.duplicate(), labels.duplicate());
                    NDArray numeric = GradientCheck.numericalGradient(
                            z -> checks.loss().loss(z, labels.duplicate()), logits, null);
                    checks.compare()
                            .gradient(
                                    "PixelCrossEntropy.grad(logits, labels)",
                                    grad,
                                    numeric,
                                    GradientCheck.CONV_THRESHOLD,
                                    Shown.of("logits", logits),
                                    Shown.of("labels", labels));
                });
    }

    @Order(22)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"loss", "stability"},
            timeLimitSeconds = 30,
            nameJa = "ロジットが ±1e4 の大きさでも loss と grad は有限で参照実装と一致する")
    @DisplayName("with logits of size 1e4, loss and grad are finite and agree with the reference")
    void lossIsStableForHugeLogits(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        context.forAll(new LossCase.Cases(context.language(), HUGE_LOGITS, true))
                .tries(15)
                .check(
                        context.text(
                                "loss and grad are exact for logits of +-1e4 (subtract each pixel's maximum before exp)",
                                "±1e4 のロジットで loss と grad が正確 (exp の前に各画素の最大値を引く)"),
                        (k, m) -> {
                            checks.lossAgrees(k.logits(m), k.labels(m));
                            checks.gradAgrees(k.logits(m), k.labels(m));
                        });
    }

    @Order(23)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"loss", "ignored"},
            timeLimitSeconds = 20,
            nameJa = "ラベルのある画素がないとき loss は NaN (0/0) で grad はすべて 0")
    @DisplayName("with no labelled pixel the loss is NaN (0/0) and the gradient all zeros")
    void noLabelledPixelGivesNanAndZeroGradient(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        SkipAndLossChecks checks = new SkipAndLossChecks(student, reference, context.language());
        NDManager m = context.manager();
        LossCase k = new LossCase(2, 3, 2, 2, 2, 0, context.seed());
        NDArray logits = k.logits(m);
        NDArray none = m.full(new Shape(2, 2, 2), -1f, DataType.INT64);
        NDArray loss = checks.loss().loss(logits.duplicate(), none.duplicate());
        if (loss == null
                || loss.size() != 1
                || !Double.isNaN(loss.toType(DataType.FLOAT64, false).getDouble())) {
            throw new AssertionError(checks.text(
                            "PixelCrossEntropy.loss(logits, labels all -1) must be NaN (0 labelled"
                                    + " pixels: 0 / 0, as PyTorch's cross_entropy) but returned ",
                            "PixelCrossEntropy.loss(logits, すべて -1 の"
                                    + " labels) は NaN (ラベルのある画素 0 個: 0 / 0, PyTorch と同じ) であるべきですが、返したのは ")
                    + (loss == null ? "null" : loss.toDebugString()));
        }
        NDArray grad = checks.loss().grad(logits.duplicate(), none.duplicate());
        checks.compare()
                .agrees(
                        "PixelCrossEntropy.grad(logits, labels all -1)",
                        logits.zerosLike(),
                        grad,
                        Tolerance.EXACT,
                        Shown.of("logits", logits));
        NDArray labels = k.labels(m);
        NonDegenerate.responds(
                "PixelCrossEntropy.grad(logits, labels)",
                checks.loss().grad(logits.duplicate(), labels),
                checks.loss().grad(logits.mul(-2).add(1), labels),
                checks.ja());
    }

    // ---- structure of the pooling, skip and loss classes -------------------------------------

    @Order(24)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 40,
            nameJa = "IndexedMaxPooling, MaxUnpooling, SkipConnection, PixelCrossEntropy が入力を書き換えない")
    @DisplayName("IndexedMaxPooling, MaxUnpooling, SkipConnection and PixelCrossEntropy leave their inputs unchanged")
    void inputsAreNotModified(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        new StructureTests(student, reference, context).inputsAreNotModified();
    }

    @Order(25)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"dtype"},
            timeLimitSeconds = 40,
            nameJa = "IndexedMaxPooling, MaxUnpooling, SkipConnection, PixelCrossEntropy が float32 と float64 を保つ")
    @DisplayName("IndexedMaxPooling, MaxUnpooling, SkipConnection and PixelCrossEntropy keep float32 and float64")
    void dtypesAreKept(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        new StructureTests(student, reference, context).dtypesAreKept();
    }

    @Order(26)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"validation"},
            timeLimitSeconds = 40,
            nameJa = "不正な入力 (pool < 1, 窓より小さい入力, 形状の合わないアンプーリングと skip, 範囲外のラベル) を" + " IllegalArgumentException で拒否する")
    @DisplayName("invalid inputs (pool < 1, input smaller than a window, unpooling and skip shapes that do not fit,"
            + " labels out of range) are rejected with IllegalArgumentException")
    void invalidInputsAreRejected(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        new StructureTests(student, reference, context).invalidInputsAreRejected();
    }
}
