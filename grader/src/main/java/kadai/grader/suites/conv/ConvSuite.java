package kadai.grader.suites.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentCodeException;
import kadai.grader.property.ConvCase;
import kadai.grader.property.ConvCase.Values;
import kadai.grader.property.ConvCases;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.conv.ConvChecks.CaseArrays;
import kadai.grader.suites.conv.ConvChecks.Pair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grade {@code Convolution}: forward and backward of a convolution layer (seed 1.1-1.2, 2.1-2.2).
 *
 * <p>Every test earns points only when the student's results agree with the reference on the
 * same cases, so an implementation that returns zeros (or any constant) of the right shape
 * scores nothing, however well it does on shapes, dtypes, linearity or immutability.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ConvSuite {

    private static final int TRIES = 30;
    /** The seed's filter F of examples 1.1 and 1.2. */
    private static final double[] SEED_F = {1, 1, 1, 2, 0, 1, -1, -1, 0};

    private static ConvChecks checks(StudentCode student, StudentCode reference, GradingContext context) {
        return new ConvChecks(student, reference, context);
    }

    private static ConvCases valid(GradingContext context) {
        return ConvCases.valid().withOc().language(context.language());
    }

    @Order(1)
    @Graded(points = 2, visibility = Visibility.VISIBLE, tags = {"forward", "golden"}, timeLimitSeconds = 15,
            nameJa = "forward が教材 1.1, 1.2 の例 (バイアス, パディング, ストライド) を再現する")
    @DisplayName("forward reproduces the course's examples (seed 1.1, 1.2: bias, padding, stride)")
    void forwardReproducesTheCourseExamples(@Student StudentCode student, GradingContext context) {
        NDManager m = context.manager();
        ConvChecks checks = checks(student, student, context);
        NDArray x = new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 1, Values.COUNTING, 0).x(m);
        NDArray f = m.create(SEED_F, new Shape(1, 1, 3, 3));
        golden(context, checks, context.text("seed 1.1: X = 1..16, filter F", "教材 1.1: X = 1..16, フィルタ F"),
                x, f, 0, 1, 0, new double[] {4, 8, 20, 24});
        golden(context, checks, context.text("seed 1.2: bias 3", "教材 1.2: バイアス 3"),
                x, f, 3, 1, 0, new double[] {7, 11, 23, 27});
        golden(context, checks, context.text("seed 1.2: pad 1", "教材 1.2: パディング 1"), x, f, 0, 1, 1, new double[] {
            -3, -6, -5, -9, 0, 4, 8, -2, 8, 20, 24, 6, 33, 71, 77, 53});
        // The seed's 7x7 input: X padded by a ring of zeros, plus a last row and column of ones.
        double[] seven = new double[49];
        for (int h = 0; h < 7; h++) {
            for (int w = 0; w < 7; w++) {
                boolean inside = h >= 1 && h <= 4 && w >= 1 && w <= 4;
                seven[h * 7 + w] = h == 6 || w == 6 ? 1 : inside ? (h - 1) * 4 + w : 0;
            }
        }
        golden(context, checks, context.text("seed 1.2: the 7x7 input, stride 2", "教材 1.2: 7x7 の入力, ストライド 2"),
                m.create(seven, new Shape(1, 1, 7, 7)), f, 0, 2, 0, new double[] {-3, -5, 2, 8, 24, 18, 25, 43, 16});
    }

    private static void golden(GradingContext context, ConvChecks checks, String what, NDArray x, NDArray f, double bias,
                               int stride, int pad, double[] expected) {
        context.part(1, what, () -> {
            NDManager m = context.manager();
            NDArray b = m.create(new double[] {bias});
            Layer layer = checks.studentLayer(f.duplicate(), b, stride, pad);
            NDArray actual = layer.forward(x.duplicate());
            long side = Math.round(Math.sqrt(expected.length));
            try {
                checks.compare().agrees(ConvChecks.constructorCall(f.getShape(), stride, pad) + ".forward(x) with b = ["
                                + TensorText.number(bias) + "]",
                        m.create(expected, new Shape(1, 1, side, side)), actual, Tolerance.FLOAT64,
                        Shown.of("x", x), Shown.of("W", f));
            } catch (AssertionError e) {
                if (actual == null || !actual.getShape().equals(new Shape(1, 1, side, side))) {
                    throw e;
                }
                throw new AssertionError(e.getMessage() + context.text(
                        "  Hint: the course's convolution does not flip the filter (a cross-correlation, like PyTorch's"
                                + " conv2d): y[i, j] = b + sum over (p, q) of x_padded[i*stride + p, j*stride + q] * W[p, q].\n",
                        "  ヒント: 教材の畳み込みはフィルタを反転しません (PyTorch の conv2d と同じ相互相関):"
                                + " y[i, j] = b + Σ_(p, q) x_padded[i*stride + p, j*stride + q] * W[p, q]。\n"), e);
            }
        });
    }

    @Order(2)
    @Graded(points = 3, visibility = Visibility.VISIBLE, tags = {"forward"}, timeLimitSeconds = 30,
            nameJa = "forward が生成したケースで参照実装と一致する")
    @DisplayName("forward agrees with the reference on generated cases")
    void forwardAgreesWithTheReference(@Student StudentCode student, @Reference StudentCode reference,
                                       GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(TRIES)
                .check(context.text("forward agrees with the reference", "forward が参照実装と一致する"),
                        checks::forwardAgrees);
    }

    @Order(3)
    @Graded(points = 2, visibility = Visibility.VISIBLE, tags = {"backward", "dx"}, timeLimitSeconds = 30,
            nameJa = "backward の dx が生成したケースで参照実装と一致する")
    @DisplayName("backward's dx agrees with the reference on generated cases")
    void backwardDxAgreesWithTheReference(@Student StudentCode student, @Reference StudentCode reference,
                                          GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(TRIES)
                .check(context.text("forward and backward's dx agree with the reference",
                        "forward と backward の dx が参照実装と一致する"), (c, m) -> {
                            CaseArrays a = CaseArrays.of(c, m);
                            Pair p = checks.pair(a.w(), a.b(), c.stride(), c.pad());
                            checks.forward(p, a.x(), Tolerance.FLOAT64, a.forwardInputs());
                            checks.backward(p, a.dout(), Tolerance.FLOAT64, true, false, a.backwardInputs());
                        });
    }

    @Order(4)
    @Graded(points = 2, visibility = Visibility.VISIBLE, tags = {"backward", "dW", "db"}, timeLimitSeconds = 30,
            nameJa = "backward の dW と db が生成したケースで参照実装と一致する")
    @DisplayName("backward's dW and db agree with the reference on generated cases")
    void parameterGradientsAgreeWithTheReference(@Student StudentCode student, @Reference StudentCode reference,
                                                 GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(TRIES)
                .check(context.text("forward and the gradients dW, db agree with the reference",
                        "forward と勾配 dW, db が参照実装と一致する"), (c, m) -> {
                            CaseArrays a = CaseArrays.of(c, m);
                            Pair p = checks.pair(a.w(), a.b(), c.stride(), c.pad());
                            checks.forward(p, a.x(), Tolerance.FLOAT64, a.forwardInputs());
                            checks.backward(p, a.dout(), Tolerance.FLOAT64, false, true, a.backwardInputs());
                        });
    }

    @Order(5)
    @Graded(points = 2, visibility = Visibility.HIDDEN, tags = {"backward", "gradient-check"}, timeLimitSeconds = 40,
            nameJa = "dx, dW, db が自分の forward の数値微分と一致する (float64, 相対誤差 <= 1e-7; forward の一致も必要)")
    @DisplayName("dx, dW and db match numerical gradients of your own forward (float64, relative error <= 1e-7;"
            + " forward must agree too)")
    void gradientsMatchNumericalGradientsOfYourForward(@Student StudentCode student, @Reference StudentCode reference,
                                                      GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        ConvCases small = valid(context).maxBatch(2, 2).maxSize(5).maxFilter(3).maxStridePad(2, 1);
        context.forAll(ConvCaseGens.withValues(small, Values.RANDOM, context.language(), true)).tries(6)
                .check(context.text("backward matches centred differences of forward",
                        "backward が forward の中心差分と一致する"), (c, m) -> {
                            NDArray x = ConvCaseGens.positive(c, m, "x", c.xShape());
                            NDArray w = ConvCaseGens.positive(c, m, "W", new Shape(c.oc(), c.c(), c.fh(), c.fw()));
                            NDArray b = ConvCaseGens.positive(c, m, "b", new Shape(c.oc()));
                            NDArray dout = ConvCaseGens.positive(c, m, "dout", ConvChecks.yShape(c));
                            Shown[] shown = {Shown.of("x", x), Shown.of("W", w), Shown.of("b", b), Shown.of("dout", dout)};
                            Pair p = checks.pair(w, b, c.stride(), c.pad());
                            checks.forward(p, x, Tolerance.FLOAT64, shown);
                            NDArray dx = p.student().backward(dout.duplicate());
                            Map<String, NDArray> grads = p.student().grads();
                            NDArray dw = checks.gradient(grads, "W", p.call());
                            NDArray db = checks.gradient(grads, "b", p.call());

                            Layer own = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
                            NDArray nx = GradientCheck.numericalGradient(own::forward, x, dout);
                            NDArray nw = GradientCheck.numericalGradient(wp -> checks.studentLayer(wp, b.duplicate(),
                                    c.stride(), c.pad()).forward(x.duplicate()), w, dout);
                            NDArray nb = GradientCheck.numericalGradient(bp -> checks.studentLayer(w.duplicate(), bp,
                                    c.stride(), c.pad()).forward(x.duplicate()), b, dout);
                            String call = p.call();
                            checks.compare().gradient(call + ".backward(dout) (dx)", dx, nx, GradientCheck.CONV_THRESHOLD, shown);
                            checks.compare().gradient(call + ": grads().get(\"W\") (dW)", dw, nw, GradientCheck.CONV_THRESHOLD, shown);
                            checks.compare().gradient(call + ": grads().get(\"b\") (db)", db, nb, GradientCheck.CONV_THRESHOLD, shown);
                        });
    }

    @Order(6)
    @Graded(points = 1, visibility = Visibility.HIDDEN, tags = {"forward", "linearity"}, timeLimitSeconds = 30,
            nameJa = "b = 0 の forward が x についても W についても線形 (参照実装との一致も必要)")
    @DisplayName("with b = 0, forward is linear in x and in W (and agrees with the reference)")
    void forwardIsLinearInXAndInW(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(20)
                .check(context.text("conv(2 x1 - x2) = 2 conv(x1) - conv(x2) and conv with W1 + W2 = conv with W1 + conv with W2",
                        "conv(2 x1 - x2) = 2 conv(x1) - conv(x2), W1 + W2 の conv = W1 の conv + W2 の conv"), (c, m) -> {
                            NDArray x1 = c.x(m);
                            NDArray x2 = c.array(m, "x2", c.xShape());
                            NDArray w1 = c.weights(m);
                            NDArray w2 = c.array(m, "W2", w1.getShape());
                            NDArray b0 = m.zeros(new Shape(c.oc()), DataType.FLOAT64);
                            Pair p = checks.pair(w1, b0, c.stride(), c.pad());
                            NDArray y1 = checks.forward(p, x1, Tolerance.FLOAT64, Shown.of("x", x1), Shown.of("W", w1),
                                    Shown.of("b", b0));
                            NDArray y2 = p.student().forward(x2.duplicate());
                            NDArray y12 = p.student().forward(x1.mul(2).sub(x2));
                            linear(context, p.call() + ".forward(2 x1 - x2)", "2 forward(x1) - forward(x2)",
                                    y1.mul(2).sub(y2), y12, Shown.of("x1", x1), Shown.of("x2", x2), Shown.of("W", w1));
                            NDArray yw2 = checks.studentLayer(w2.duplicate(), b0.duplicate(), c.stride(), c.pad())
                                    .forward(x1.duplicate());
                            NDArray yw12 = checks.studentLayer(w1.add(w2), b0.duplicate(), c.stride(), c.pad())
                                    .forward(x1.duplicate());
                            linear(context, "forward(x) with W1 + W2", "forward(x) with W1 + forward(x) with W2",
                                    y1.add(yw2), yw12, Shown.of("x", x1), Shown.of("W1", w1), Shown.of("W2", w2));
                        });
    }

    private static void linear(GradingContext context, String left, String right, NDArray expected, NDArray actual,
                               Shown... shown) {
        Tensors.Mismatch mismatch = Tensors.compare(expected, actual, Tolerance.FLOAT64.rtol(), Tolerance.FLOAT64.atol());
        if (mismatch == null) {
            return;
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, context.text(
                "Convolution is not linear: %s differs from %s", "Convolution が線形ではありません: %s が %s と異なります"),
                left, right));
        out.append(mismatch.shapeMismatch()
                ? String.format(Locale.ROOT, " (shapes %s and %s)%n", TensorText.shape(expected.getShape()),
                        TensorText.shape(actual.getShape()))
                : String.format(Locale.ROOT, context.text(" at %s: %.10g vs %.10g (difference %.2g; tolerance %s)%n",
                        " (%s: %.10g と %.10g, 差 %.2g; 許容誤差 %s)%n"),
                        Arrays.toString(mismatch.index()), mismatch.actual(), mismatch.expected(),
                        Math.abs(mismatch.actual() - mismatch.expected()), Tolerance.FLOAT64));
        if (actual.getDataType() != DataType.FLOAT64) {
            out.append(String.format(Locale.ROOT, context.text(
                    "  (forward returned %s for float64 input: its rounding alone breaks the identity; keep x's dtype)%n",
                    "  (float64 の入力に forward が %s を返しました: その丸め誤差だけで等式が崩れます。x の dtype を保ってください)%n"),
                    actual.getDataType().name().toLowerCase(Locale.ROOT)));
        }
        for (Shown s : shown) {
            out.append("  ").append(s.name()).append(":\n").append(s.text());
        }
        throw new AssertionError(out.toString());
    }

    @Order(7)
    @Graded(points = 2, visibility = Visibility.HIDDEN, tags = {"forward", "backward", "edge-cases"}, timeLimitSeconds = 30,
            nameJa = "forward と backward が境界的なケースで参照実装と一致する")
    @DisplayName("forward and backward agree with the reference on edge cases")
    void edgeCasesAgreeWithTheReference(@Student StudentCode student, @Reference StudentCode reference,
                                        GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        long s = context.seed();
        edge(context, checks, context.text("1x1 filter", "1x1 フィルタ"), new ConvCase(2, 3, 4, 5, 1, 1, 1, 0, 2, Values.RANDOM, s));
        edge(context, checks, context.text("filter as large as the input", "入力と同じ大きさのフィルタ"),
                new ConvCase(2, 2, 4, 3, 4, 3, 1, 0, 3, Values.RANDOM, s));
        edge(context, checks, context.text("stride larger than the filter", "フィルタより大きいストライド"),
                new ConvCase(1, 2, 7, 7, 2, 2, 3, 0, 2, Values.RANDOM, s));
        edge(context, checks, context.text("large padding", "大きなパディング"), new ConvCase(1, 1, 3, 3, 2, 2, 1, 3, 2, Values.RANDOM, s));
        edge(context, checks, "N=1, C=1, OC=1", new ConvCase(1, 1, 5, 5, 3, 3, 1, 1, 1, Values.RANDOM, s));
        edge(context, checks, context.text("non-square input and filter", "正方形でない入力とフィルタ"),
                new ConvCase(2, 2, 3, 6, 2, 3, 1, 0, 2, Values.RANDOM, s));
        edge(context, checks, context.text("padding with stride 2, windows not tiling the input", "パディングとストライド 2 (窓が入力を覆いきらない)"),
                new ConvCase(2, 1, 6, 5, 3, 3, 2, 1, 2, Values.RANDOM, s));
    }

    private static void edge(GradingContext context, ConvChecks checks, String what, ConvCase c) {
        context.part(1, what + ": " + c.describe(context.language()), () -> checks.agrees(c, context.manager()));
    }

    @Order(8)
    @Graded(points = 1, visibility = Visibility.HIDDEN, tags = {"backward", "state"}, timeLimitSeconds = 30,
            nameJa = "2 回目の forward/backward の勾配が 1 回目に足されず置き換わる (参照実装との一致も必要)")
    @DisplayName("a second forward and backward (another batch size) replace the first's gradients (and agree with the reference)")
    void secondBackwardReplacesTheGradients(@Student StudentCode student, @Reference StudentCode reference,
                                            GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context).maxBatch(2, 3)).tries(15)
                .check(context.text("forward(x1), backward(d1), forward(x2), backward(d2) gives x2's gradients",
                        "forward(x1), backward(d1), forward(x2), backward(d2) の勾配が x2 のものになる"), (c, m) -> {
                            CaseArrays a = CaseArrays.of(c, m);
                            Pair p = checks.pair(a.w(), a.b(), c.stride(), c.pad());
                            checks.forward(p, a.x(), Tolerance.FLOAT64, a.forwardInputs());
                            checks.backward(p, a.dout(), Tolerance.FLOAT64, true, true, a.backwardInputs());
                            Shape x2Shape = new Shape(c.n() + 1, c.c(), c.h(), c.w());
                            NDArray x2 = c.array(m, "x2", x2Shape);
                            NDArray d2 = c.array(m, "dout2", new Shape(c.n() + 1, c.oc(), c.oh(), c.ow()));
                            Shown[] shown = {Shown.of("x2 (the second batch)", x2), Shown.of("W", a.w()),
                                Shown.of("dout2", d2)};
                            Pair second = new Pair(p.student(), p.reference(), p.call() + context.text(
                                    " after a first forward/backward on x", " (x で forward/backward を 1 回した後)"));
                            checks.forward(second, x2, Tolerance.FLOAT64, shown);
                            checks.backward(second, d2, Tolerance.FLOAT64, true, true, shown);
                        });
    }

    @Order(9)
    @Graded(points = 1, visibility = Visibility.VISIBLE, tags = {"params"}, timeLimitSeconds = 15,
            nameJa = "params() がコンストラクタの配列をキー \"W\", \"b\" で返し、grads() も同じキーを持つ (forward の一致も必要)")
    @DisplayName("params() returns the constructor's arrays under \"W\" and \"b\", grads() has the same keys"
            + " (and forward agrees with the reference)")
    void paramsAreTheConstructorArrays(@Student StudentCode student, @Reference StudentCode reference,
                                       GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(10)
                .check(context.text("params() holds W and b", "params() が W と b を持つ"), (c, m) -> {
                    CaseArrays a = CaseArrays.of(c, m);
                    Layer layer = checks.studentLayer(a.w().duplicate(), a.b().duplicate(), c.stride(), c.pad());
                    String call = ConvChecks.constructorCall(a.w().getShape(), c.stride(), c.pad());
                    Map<String, NDArray> params = layer.params();
                    keys(context, call + ".params()", params);
                    checks.compare().agrees(call + ".params().get(\"W\") (the W given to the constructor)", a.w(),
                            params.get("W"), Tolerance.EXACT);
                    checks.compare().agrees(call + ".params().get(\"b\") (the b given to the constructor)", a.b(),
                            params.get("b"), Tolerance.EXACT);
                    checks.forwardAgrees(c, m);
                    layer.forward(a.x().duplicate());
                    layer.backward(a.dout().duplicate());
                    Map<String, NDArray> grads = layer.grads();
                    keys(context, call + ".grads() after backward", grads);
                    for (String key : new String[] {"W", "b"}) {
                        if (!grads.get(key).getShape().equals(params.get(key).getShape())) {
                            throw new AssertionError(String.format(Locale.ROOT, context.text(
                                    "%s: grads().get(\"%s\") has shape %s but its parameter has shape %s",
                                    "%s: grads().get(\"%s\") の形状 %s がパラメータの形状 %s と異なります"),
                                    call, key, TensorText.shape(grads.get(key).getShape()),
                                    TensorText.shape(params.get(key).getShape())));
                        }
                    }
                });
    }

    private static void keys(GradingContext context, String call, Map<String, NDArray> map) {
        Set<String> keys = map == null ? Set.of() : new TreeSet<>(map.keySet());
        if (map == null || !keys.equals(Set.of("W", "b")) || map.values().stream().anyMatch(v -> v == null)) {
            throw new AssertionError(String.format(Locale.ROOT, context.text(
                    "%s returned %s; it must map exactly the keys \"W\" and \"b\" to arrays",
                    "%s が %s を返しました。キー \"W\" と \"b\" (だけ) を配列に対応させてください"),
                    call, map == null ? "null" : "keys " + keys));
        }
    }

    @Order(10)
    @Graded(points = 1, visibility = Visibility.AFTER_DUE_DATE, tags = {"immutability"}, timeLimitSeconds = 30,
            nameJa = "forward と backward が x, dout, W, b を書き換えない (参照実装との一致も必要)")
    @DisplayName("forward and backward leave x, dout, W and b unchanged (and agree with the reference)")
    void inputsAreNotModified(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(15)
                .check(context.text("inputs and parameters are not modified", "入力とパラメータが書き換えられない"), (c, m) -> {
                    CaseArrays a = CaseArrays.of(c, m);
                    NDArray x = a.x().duplicate();
                    NDArray w = a.w().duplicate();
                    NDArray b = a.b().duplicate();
                    NDArray dout = a.dout().duplicate();
                    Layer ref = checks.pair(a.w(), a.b(), c.stride(), c.pad()).reference();
                    Layer layer = checks.studentLayer(w, b, c.stride(), c.pad());
                    String call = ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad());
                    NDArray y = layer.forward(x);
                    checks.compare().unchanged(call + ".forward(x)", "x", a.x(), x);
                    checks.compare().unchanged(call + ".forward(x)", "W", a.w(), w);
                    checks.compare().unchanged(call + ".forward(x)", "b", a.b(), b);
                    checks.compare().agrees(call + ".forward(x)", ref.forward(a.x().duplicate()), y, Tolerance.FLOAT64,
                            a.forwardInputs());
                    NDArray dx = layer.backward(dout);
                    checks.compare().unchanged(call + ".backward(dout)", "dout", a.dout(), dout);
                    checks.compare().unchanged(call + ".backward(dout)", "W", a.w(), w);
                    checks.compare().unchanged(call + ".backward(dout)", "b", a.b(), b);
                    checks.compare().agrees(call + ".backward(dout) (dx)", ref.backward(a.dout().duplicate()), dx,
                            Tolerance.FLOAT64, a.backwardInputs());
                });
    }

    @Order(11)
    @Graded(points = 1, visibility = Visibility.HIDDEN, tags = {"dtype"}, timeLimitSeconds = 30,
            nameJa = "出力と dx は x の dtype, dW と db はパラメータの dtype になる (float64, float32; 参照実装との一致も必要)")
    @DisplayName("y and dx keep x's dtype, dW and db their parameter's dtype (float64, float32; and agree with the reference)")
    void dtypeIsPreserved(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        // Small integers: float32 sums of them are exact, so any difference is a real one.
        ConvCases small = valid(context).maxSize(5).maxFilter(3);
        context.part(1, context.text("x, W, b all float64", "x, W, b がすべて float64"), () ->
                context.forAll(ConvCaseGens.withValues(small, Values.SMALL_INTEGERS, context.language(), false)).tries(5)
                        .check(context.text("float64 in, float64 out", "float64 の入力に float64 の出力"),
                                (c, m) -> dtypes(context, checks, c, m, DataType.FLOAT64, DataType.FLOAT64)));
        context.part(2, context.text("x, W, b all float32", "x, W, b がすべて float32"), () ->
                context.forAll(ConvCaseGens.withValues(small, Values.SMALL_INTEGERS, context.language(), false)).tries(8)
                        .check(context.text("float32 in, float32 out", "float32 の入力に float32 の出力"),
                                (c, m) -> dtypes(context, checks, c, m, DataType.FLOAT32, DataType.FLOAT32)));
        context.part(1, context.text("x float32, W and b float64", "x が float32, W と b が float64"), () ->
                context.forAll(ConvCaseGens.withValues(small, Values.SMALL_INTEGERS, context.language(), false)).tries(8)
                        .check(context.text("y, dx float32; dW, db float64", "y, dx は float32, dW, db は float64"),
                                (c, m) -> dtypes(context, checks, c, m, DataType.FLOAT32, DataType.FLOAT64)));
    }

    private static void dtypes(GradingContext context, ConvChecks checks, ConvCase c, NDManager m, DataType xType,
                               DataType paramType) {
        CaseArrays a = CaseArrays.of(c, m);
        CaseArrays typed = a.toType(xType, paramType);
        Pair p = checks.pair(a.w(), a.b(), c.stride(), c.pad());
        Layer layer = checks.studentLayer(typed.w(), typed.b(), c.stride(), c.pad());
        String call = ConvChecks.constructorCall(a.w().getShape(), c.stride(), c.pad()) + String.format(Locale.ROOT,
                " (W, b %s; x, dout %s)", name(paramType), name(xType));
        NDArray y = layer.forward(typed.x().duplicate());
        checks.compare().dtype(call + ".forward(x)", xType, y);
        checks.compare().agrees(call + ".forward(x)", p.reference().forward(a.x().duplicate()), y, Tolerance.FLOAT32,
                typed.forwardInputs());
        NDArray dx = layer.backward(typed.dout().duplicate());
        checks.compare().dtype(call + ".backward(dout)", xType, dx);
        checks.compare().agrees(call + ".backward(dout) (dx)", p.reference().backward(a.dout().duplicate()), dx,
                Tolerance.FLOAT32, typed.backwardInputs());
        Map<String, NDArray> expected = p.reference().grads();
        Map<String, NDArray> grads = layer.grads();
        for (String key : new String[] {"W", "b"}) {
            NDArray grad = checks.gradient(grads, key, call);
            if (grad.getDataType() != paramType) {
                throw new AssertionError(String.format(Locale.ROOT, context.text(
                        "%s: grads().get(\"%s\") is %s but its parameter is %s; a gradient has its parameter's dtype"
                                + " (convert with toType(w.getDataType(), false))",
                        "%s: grads().get(\"%s\") が %s ですが、パラメータは %s です。勾配はパラメータと同じ dtype にしてください"
                                + " (toType(w.getDataType(), false) など)"),
                        call, key, name(grad.getDataType()), name(paramType)));
            }
            checks.compare().agrees(call + ": grads().get(\"" + key + "\")", expected.get(key), grad, Tolerance.FLOAT32,
                    typed.backwardInputs());
        }
    }

    private static String name(DataType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Order(12)
    @Graded(points = 1, visibility = Visibility.AFTER_DUE_DATE, tags = {"validation"}, timeLimitSeconds = 30,
            nameJa = "不正な設定 (stride < 1, pad < 0, パディング後の入力より大きいフィルタ) を IllegalArgumentException で拒否する")
    @DisplayName("invalid configurations (stride < 1, pad < 0, filter larger than the padded input) are rejected"
            + " with IllegalArgumentException")
    void invalidConfigurationsAreRejected(@Student StudentCode student, @Reference StudentCode reference,
                                          GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(ConvCases.invalid().withOc().language(context.language())).tries(20)
                .check(context.text("invalid configurations are rejected; the nearest valid one is computed",
                        "不正な設定は拒否され、最も近い正しい設定は計算される"), (c, m) -> {
                            NDArray x = c.x(m);
                            NDArray w = c.weights(m);
                            NDArray b = c.bias(m);
                            checks.rejects(ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad())
                                            + " and forward(x " + TensorText.shape(x.getShape()) + ")",
                                    () -> checks.studentLayer(w, b, c.stride(), c.pad()).forward(x));
                            nearestValidAgrees(context, repair(c), () -> checks.agrees(repair(c), m));
                        });
    }

    /** Check the nearest valid configuration, saying so in the failure (the case shown is the invalid one). */
    private static void nearestValidAgrees(GradingContext context, ConvCase repaired, Runnable check) {
        try {
            check.run();
        } catch (AssertionError | StudentCodeException e) {
            if (e instanceof StudentCodeException sce && sce.kind() != StudentCodeException.Kind.THREW) {
                throw sce;
            }
            String trace = e instanceof StudentCodeException sce && !sce.studentStackTrace().isEmpty()
                    ? "\n" + sce.studentStackTrace() : "";
            throw new AssertionError(context.text(
                    "The invalid configuration was rejected, but the nearest valid one must work too and agree with the reference: ",
                    "不正な設定は拒否されましたが、最も近い正しい設定も動作し参照実装と一致しなければなりません: ")
                    + repaired.describe(context.language()) + "\n" + e.getMessage() + trace, e);
        }
    }

    /** Return the valid configuration nearest to an invalid one (stride >= 1, pad >= 0, filter fits). */
    private static ConvCase repair(ConvCase c) {
        int stride = Math.max(1, c.stride());
        int pad = Math.max(0, c.pad());
        int fh = Math.max(1, Math.min(c.fh(), c.h() + 2 * pad));
        int fw = Math.max(1, Math.min(c.fw(), c.w() + 2 * pad));
        return new ConvCase(c.n(), c.c(), c.h(), c.w(), fh, fw, stride, pad, c.oc(), c.values(), c.valueSeed());
    }
}
