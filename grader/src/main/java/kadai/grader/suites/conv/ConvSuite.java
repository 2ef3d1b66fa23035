package kadai.grader.suites.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
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
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.suites.StructuralCases;
import kadai.grader.suites.conv.ConvChecks.CaseArrays;
import kadai.grader.suites.conv.ConvChecks.Pair;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code Convolution}: forward and backward of a convolution layer (lecture notes §1.1-1.2, §2.1-2.2).
 *
 * <p>Value tests compare one method with the reference (a backward test runs forward first but
 * compares only backward). Structural tests (keys, immutability, dtype, rejection) and the
 * properties (linearity, gradient check, a second backward) check their own property plus a
 * non-degeneracy condition instead of agreement: results must depend on their inputs, so zeros or
 * a constant score nothing there, while a bug in the values costs only the tests about those
 * values (docs/grading.md, "Partial credit follows the bug"). Value tests find a gradient under
 * another key when the contract's is missing ({@link ConvChecks#gradient}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ConvSuite {

    private static final int TRIES = 20;
    /** The filter F of the lecture notes' examples §1.1 and §1.2. */
    private static final double[] SEED_F = {1, 1, 1, 2, 0, 1, -1, -1, 0};

    private static ConvChecks checks(StudentCode student, StudentCode reference, GradingContext context) {
        return new ConvChecks(student, reference, context);
    }

    private static ConvCases valid(GradingContext context) {
        return ConvCases.valid().withOc().language(context.language());
    }

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"forward", "golden"},
            timeLimitSeconds = 15,
            nameJa = "forward が講義ノート 1.1 節, 1.2 節の例 (バイアス, パディング, ストライド) を再現する")
    @DisplayName("forward reproduces the examples of lecture notes §1.1 and §1.2 (bias, padding, stride)")
    void forwardReproducesTheCourseExamples(@Student StudentCode student, GradingContext context) {
        NDManager m = context.manager();
        ConvChecks checks = checks(student, student, context);
        NDArray x = new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 1, Values.COUNTING, 0).x(m);
        NDArray f = m.create(SEED_F, new Shape(1, 1, 3, 3));
        golden(
                context,
                checks,
                context.text("lecture notes §1.1: X = 1..16, filter F", "講義ノート 1.1 節: X = 1..16, フィルタ F"),
                x,
                f,
                0,
                1,
                0,
                new double[] {4, 8, 20, 24});
        golden(
                context,
                checks,
                context.text("lecture notes §1.2: bias 3", "講義ノート 1.2 節: バイアス 3"),
                x,
                f,
                3,
                1,
                0,
                new double[] {7, 11, 23, 27});
        golden(
                context,
                checks,
                context.text("lecture notes §1.2: pad 1", "講義ノート 1.2 節: パディング 1"),
                x,
                f,
                0,
                1,
                1,
                new double[] {-3, -6, -5, -9, 0, 4, 8, -2, 8, 20, 24, 6, 33, 71, 77, 53});
        // The lecture notes' 7x7 input: X padded by a ring of zeros, plus a last row and column of ones.
        double[] seven = new double[49];
        for (int h = 0; h < 7; h++) {
            for (int w = 0; w < 7; w++) {
                boolean inside = h >= 1 && h <= 4 && w >= 1 && w <= 4;
                seven[h * 7 + w] = h == 6 || w == 6 ? 1 : inside ? (h - 1) * 4 + w : 0;
            }
        }
        golden(
                context,
                checks,
                context.text("lecture notes §1.2: the 7x7 input, stride 2", "講義ノート 1.2 節: 7x7 の入力, ストライド 2"),
                m.create(seven, new Shape(1, 1, 7, 7)),
                f,
                0,
                2,
                0,
                new double[] {-3, -5, 2, 8, 24, 18, 25, 43, 16});
    }

    private static void golden(
            GradingContext context,
            ConvChecks checks,
            String what,
            NDArray x,
            NDArray f,
            double bias,
            int stride,
            int pad,
            double[] expected) {
        context.part(1, what, () -> {
            NDManager m = context.manager();
            NDArray b = m.create(new double[] {bias});
            Layer layer = checks.studentLayer(f.duplicate(), b, stride, pad);
            NDArray actual = layer.forward(x.duplicate());
            long side = Math.round(Math.sqrt(expected.length));
            try {
                checks.compare()
                        .agrees(
                                ConvChecks.constructorCall(f.getShape(), stride, pad) + ".forward(x) with b = ["
                                        + TensorText.number(bias) + "]",
                                m.create(expected, new Shape(1, 1, side, side)),
                                actual,
                                Tolerance.FLOAT64,
                                Shown.of("x", x),
                                Shown.of("W", f));
            } catch (AssertionError e) {
                if (actual == null || !actual.getShape().equals(new Shape(1, 1, side, side))) {
                    throw e;
                }
                throw new AssertionError(
                        e.getMessage()
                                + context.text(
                                        "  Hint: the course's convolution does not flip the filter (a cross-correlation, like PyTorch's"
                                                + " conv2d): y[i, j] = b + sum over (p, q) of x_padded[i*stride + p, j*stride + q] * W[p, q].\n",
                                        "  ヒント: 講義ノートの畳み込みはフィルタを反転しません (PyTorch の conv2d と同じ相互相関):"
                                                + " y[i, j] = b + Σ_(p, q) x_padded[i*stride + p, j*stride + q] * W[p, q]。\n"),
                        e);
            }
        });
    }

    @Order(2)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"forward"},
            timeLimitSeconds = 30,
            nameJa = "forward が生成したケースで参照実装と一致する")
    @DisplayName("forward agrees with the reference on generated cases")
    void forwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context))
                .tries(TRIES)
                .check(context.text("forward agrees with the reference", "forward が参照実装と一致する"), checks::forwardAgrees);
    }

    @Order(3)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"backward", "dx"},
            timeLimitSeconds = 30,
            nameJa = "backward の dx が生成したケースで参照実装と一致する")
    @DisplayName("backward's dx agrees with the reference on generated cases")
    void backwardDxAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context))
                .tries(TRIES)
                .check(
                        context.text(
                                "after forward(x), backward's dx agrees with the reference",
                                "forward(x) の後の backward の dx が参照実装と一致する"),
                        (c, m) -> {
                            CaseArrays a = CaseArrays.of(c, m);
                            Pair p = checks.pair(a.w(), a.b(), c.stride(), c.pad());
                            checks.forwardUncompared(p, a.x());
                            checks.backward(p, a.dout(), Tolerance.FLOAT64, true, false, a.backwardInputs());
                        });
    }

    @Order(4)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"backward", "dW", "db"},
            timeLimitSeconds = 30,
            nameJa = "backward の dW と db が生成したケースで参照実装と一致する")
    @DisplayName("backward's dW and db agree with the reference on generated cases")
    void parameterGradientsAgreeWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context))
                .tries(TRIES)
                .check(
                        context.text(
                                "after forward(x) and backward(dout), the gradients dW, db agree with the reference",
                                "forward(x), backward(dout) の後の勾配 dW, db が参照実装と一致する"),
                        (c, m) -> {
                            CaseArrays a = CaseArrays.of(c, m);
                            Pair p = checks.pair(a.w(), a.b(), c.stride(), c.pad());
                            checks.forwardUncompared(p, a.x());
                            checks.backward(p, a.dout(), Tolerance.FLOAT64, false, true, a.backwardInputs());
                        });
    }

    @Order(5)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"backward", "gradient-check"},
            timeLimitSeconds = 40,
            nameJa = "dx, dW, db が自分の forward の数値微分と一致する (float64, 相対誤差 <= 1e-7; forward は x に依存すること)")
    @DisplayName("dx, dW and db match numerical gradients of your own forward (float64, relative error <= 1e-7;"
            + " forward must depend on x)")
    void gradientsMatchNumericalGradientsOfYourForward(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        ConvCases small = valid(context).maxBatch(2, 2).maxSize(5).maxFilter(3).maxStridePad(2, 1);
        // Filters that fit the unpadded input: a configuration valid only thanks to padding is the value tests'
        // business.
        context.forAll(ConvCaseGens.withValues(small, Values.RANDOM, context.language(), true)
                        .filter(ConvSuite::fitsUnpadded))
                .tries(4)
                .check(
                        context.text(
                                "backward matches centred differences of forward", "backward が forward の中心差分と一致する"),
                        (c, m) -> {
                            NDArray x = ConvCaseGens.positive(c, m, "x", c.xShape());
                            NDArray w = ConvCaseGens.positive(c, m, "W", new Shape(c.oc(), c.c(), c.fh(), c.fw()));
                            NDArray b = ConvCaseGens.positive(c, m, "b", new Shape(c.oc()));
                            // Non-degeneracy on a plain case (a padded case may have windows of padding only).
                            checks.forwardDependsOnX(StructuralCases.plainNear(c), m);
                            Layer layer = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
                            String call = ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad());
                            // dout has the shape of the student's own y: this test is about backward vs forward.
                            NDArray dout = ConvCaseGens.positive(
                                    c, m, "dout", checks.shapeOf(call + ".forward(x)", layer.forward(x.duplicate())));
                            Shown[] shown = {
                                Shown.of("x", x), Shown.of("W", w), Shown.of("b", b), Shown.of("dout", dout)
                            };
                            NDArray dx = layer.backward(dout.duplicate());
                            Map<String, NDArray> grads = layer.grads();
                            NDArray dw = checks.gradient(grads, "W", w.getShape(), call);
                            NDArray db = checks.gradient(grads, "b", b.getShape(), call);

                            Layer own = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
                            NDArray nx = GradientCheck.numericalGradient(own::forward, x, dout);
                            NDArray nw = GradientCheck.numericalGradient(
                                    wp -> checks.studentLayer(wp, b.duplicate(), c.stride(), c.pad())
                                            .forward(x.duplicate()),
                                    w,
                                    dout);
                            NDArray nb = GradientCheck.numericalGradient(
                                    bp -> checks.studentLayer(w.duplicate(), bp, c.stride(), c.pad())
                                            .forward(x.duplicate()),
                                    b,
                                    dout);
                            checks.compare()
                                    .gradient(
                                            call + ".backward(dout) (dx)", dx, nx, GradientCheck.CONV_THRESHOLD, shown);
                            checks.compare()
                                    .gradient(
                                            call + ": grads().get(\"W\") (dW)",
                                            dw,
                                            nw,
                                            GradientCheck.CONV_THRESHOLD,
                                            shown);
                            checks.compare()
                                    .gradient(
                                            call + ": grads().get(\"b\") (db)",
                                            db,
                                            nb,
                                            GradientCheck.CONV_THRESHOLD,
                                            shown);
                        });
    }

    @Order(6)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"forward", "linearity"},
            timeLimitSeconds = 30,
            nameJa = "b = 0 の forward が x についても W についても線形 (forward は x に依存すること)")
    @DisplayName("with b = 0, forward is linear in x and in W (and forward depends on x)")
    void forwardIsLinearInXAndInW(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(valid(context).filter(ConvSuite::fitsUnpadded))
                .tries(20)
                .check(
                        context.text(
                                "conv(2 x1 - x2) = 2 conv(x1) - conv(x2) and conv with W1 + W2 = conv with W1 + conv with W2",
                                "conv(2 x1 - x2) = 2 conv(x1) - conv(x2), W1 + W2 の conv = W1 の conv + W2 の conv"),
                        (c, m) -> {
                            NDArray x1 = c.x(m);
                            NDArray x2 = c.array(m, "x2", c.xShape());
                            NDArray w1 = c.weights(m);
                            NDArray w2 = c.array(m, "W2", w1.getShape());
                            NDArray b0 = m.zeros(new Shape(c.oc()), DataType.FLOAT64);
                            Layer layer = checks.studentLayer(w1.duplicate(), b0.duplicate(), c.stride(), c.pad());
                            String call = ConvChecks.constructorCall(w1.getShape(), c.stride(), c.pad());
                            NDArray y1 = layer.forward(x1.duplicate());
                            NDArray y2 = layer.forward(x2.duplicate());
                            NDArray y12 = layer.forward(x1.mul(2).sub(x2));
                            linear(
                                    context,
                                    call + ".forward(2 x1 - x2)",
                                    "2 forward(x1) - forward(x2)",
                                    y1.mul(2).sub(y2),
                                    y12,
                                    Shown.of("x1", x1),
                                    Shown.of("x2", x2),
                                    Shown.of("W", w1));
                            NDArray yw2 = checks.studentLayer(w2.duplicate(), b0.duplicate(), c.stride(), c.pad())
                                    .forward(x1.duplicate());
                            NDArray yw12 = checks.studentLayer(w1.add(w2), b0.duplicate(), c.stride(), c.pad())
                                    .forward(x1.duplicate());
                            linear(
                                    context,
                                    "forward(x) with W1 + W2",
                                    "forward(x) with W1 + forward(x) with W2",
                                    y1.add(yw2),
                                    yw12,
                                    Shown.of("x", x1),
                                    Shown.of("W1", w1),
                                    Shown.of("W2", w2));
                            checks.forwardDependsOnX(StructuralCases.plainNear(c), m);
                        });
    }

    private static void linear(
            GradingContext context, String left, String right, NDArray expected, NDArray actual, Shown... shown) {
        // Within the rounding of the result's own dtype: precision is the dtype test's business.
        Tolerance tolerance = actual == null ? Tolerance.FLOAT64 : Tolerance.of(actual.getDataType());
        Tensors.Mismatch mismatch = Tensors.compare(expected, actual, tolerance.rtol(), tolerance.atol());
        if (mismatch == null) {
            return;
        }
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                context.text("Convolution is not linear: %s differs from %s", "Convolution が線形ではありません: %s が %s と異なります"),
                left,
                right));
        out.append(
                mismatch.shapeMismatch()
                        ? String.format(
                                Locale.ROOT,
                                " (shapes %s and %s)%n",
                                TensorText.shape(expected.getShape()),
                                TensorText.shape(actual.getShape()))
                        : String.format(
                                Locale.ROOT,
                                context.text(
                                        " at %s: %.10g vs %.10g (difference %.2g; tolerance %s)%n",
                                        " (%s: %.10g と %.10g, 差 %.2g; 許容誤差 %s)%n"),
                                Arrays.toString(mismatch.index()),
                                mismatch.actual(),
                                mismatch.expected(),
                                Math.abs(mismatch.actual() - mismatch.expected()),
                                tolerance));
        for (Shown s : shown) {
            out.append("  ").append(s.name()).append(":\n").append(s.text());
        }
        throw new AssertionError(out.toString());
    }

    @Order(7)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"forward", "backward", "edge-cases"},
            timeLimitSeconds = 30,
            nameJa = "forward と backward が境界的なケースで参照実装と一致する")
    @DisplayName("forward and backward agree with the reference on edge cases")
    void edgeCasesAgreeWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        long s = context.seed();
        edge(
                context,
                checks,
                context.text("1x1 filter", "1x1 フィルタ"),
                new ConvCase(2, 3, 4, 5, 1, 1, 1, 0, 2, Values.RANDOM, s));
        edge(
                context,
                checks,
                context.text("filter as large as the input", "入力と同じ大きさのフィルタ"),
                new ConvCase(2, 2, 4, 3, 4, 3, 1, 0, 3, Values.RANDOM, s));
        edge(
                context,
                checks,
                context.text("stride larger than the filter", "フィルタより大きいストライド"),
                new ConvCase(1, 2, 7, 7, 2, 2, 3, 0, 2, Values.RANDOM, s));
        edge(
                context,
                checks,
                context.text("large padding", "大きなパディング"),
                new ConvCase(1, 1, 3, 3, 2, 2, 1, 3, 2, Values.RANDOM, s));
        edge(context, checks, "N=1, C=1, OC=1", new ConvCase(1, 1, 5, 5, 3, 3, 1, 1, 1, Values.RANDOM, s));
        edge(
                context,
                checks,
                context.text("non-square input and filter", "正方形でない入力とフィルタ"),
                new ConvCase(2, 2, 3, 6, 2, 3, 1, 0, 2, Values.RANDOM, s));
        edge(
                context,
                checks,
                context.text("padding with stride 2, windows not tiling the input", "パディングとストライド 2 (窓が入力を覆いきらない)"),
                new ConvCase(2, 1, 6, 5, 3, 3, 2, 1, 2, Values.RANDOM, s));
    }

    private static void edge(GradingContext context, ConvChecks checks, String what, ConvCase c) {
        context.part(1, what + ": " + c.describe(context.language()), () -> checks.agrees(c, context.manager()));
    }

    @Order(8)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"backward", "state"},
            timeLimitSeconds = 30,
            nameJa = "2 回目の forward/backward (別のバッチサイズ) が新しい層の 1 回目と同じ dx と勾配を返す (1 回目の勾配に足されない)")
    @DisplayName("a second forward and backward (another batch size) give the dx and gradients of a fresh layer"
            + " (the first's gradients are replaced, not added to)")
    void secondBackwardReplacesTheGradients(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(StructuralCases.plain(valid(context)))
                .tries(15)
                .check(
                        context.text(
                                "forward(x), backward(dout), forward(x2), backward(dout2) gives what a fresh layer gives for x2, dout2",
                                "forward(x), backward(dout), forward(x2), backward(dout2) の結果が新しい層の x2, dout2 の結果と同じ"),
                        (c, m) -> {
                            NDArray w = c.weights(m);
                            NDArray b = c.bias(m);
                            NDArray x = c.x(m);
                            String call = ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad());
                            Layer layer = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
                            NDArray dout = c.array(
                                    m, "dout", checks.shapeOf(call + ".forward(x)", layer.forward(x.duplicate())));
                            layer.backward(dout.duplicate());
                            NDArray firstDw = checks.gradient(layer.grads(), "W", w.getShape(), call)
                                    .duplicate();
                            NDArray x2 = c.array(m, "x2", new Shape(c.n() + 1, c.c(), c.h(), c.w()));
                            NDArray d2 = c.array(
                                    m, "dout2", checks.shapeOf(call + ".forward(x2)", layer.forward(x2.duplicate())));
                            NDArray dx2 = layer.backward(d2.duplicate());
                            Map<String, NDArray> grads = layer.grads();
                            Layer fresh = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
                            fresh.forward(x2.duplicate());
                            NDArray freshDx = fresh.backward(d2.duplicate());
                            Map<String, NDArray> freshGrads = fresh.grads();
                            Shown[] shown = {
                                Shown.of("x2 (the second batch)", x2), Shown.of("W", w), Shown.of("dout2", d2)
                            };
                            String after = call
                                    + context.text(
                                            " after a first forward/backward on x", " (x で forward/backward を 1 回した後)");
                            String fromFresh = context.text(
                                    " of a fresh layer after forward(x2), backward(dout2)",
                                    " (新しい層で forward(x2), backward(dout2) をした結果)");
                            checks.compare()
                                    .same(
                                            after + ".backward(dout2) (dx)",
                                            "dx" + fromFresh,
                                            freshDx,
                                            dx2,
                                            Tolerance.FLOAT64,
                                            shown);
                            for (String key : ConvChecks.KEYS) {
                                Shape shape = key.equals("W") ? w.getShape() : b.getShape();
                                String get = "grads().get(\"" + key + "\")";
                                checks.compare()
                                        .same(
                                                after + ": " + get,
                                                get + fromFresh,
                                                checks.gradient(freshGrads, key, shape, call),
                                                checks.gradient(grads, key, shape, call),
                                                Tolerance.FLOAT64,
                                                shown);
                            }
                            checks.compare()
                                    .dependsOn(
                                            call + ": grads().get(\"W\")",
                                            "(x, dout)",
                                            firstDw,
                                            checks.gradient(freshGrads, "W", w.getShape(), call));
                        });
    }

    @Order(9)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"params"},
            timeLimitSeconds = 15,
            nameJa = "params() がコンストラクタの配列をキー \"W\", \"b\" で返し、grads() も同じキーを持つ (forward は x に依存すること)")
    @DisplayName("params() returns the constructor's arrays under \"W\" and \"b\", grads() has the same keys"
            + " (and forward depends on x)")
    void paramsAreTheConstructorArrays(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(plain(context))
                .tries(10)
                .check(context.text("params() holds W and b", "params() が W と b を持つ"), (c, m) -> {
                    NDArray w = c.weights(m);
                    NDArray b = c.bias(m);
                    NDArray x = c.x(m);
                    Layer layer = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
                    String call = ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad());
                    Map<String, NDArray> params = layer.params();
                    keys(context, call + ".params()", params);
                    checks.compare()
                            .agrees(
                                    call + ".params().get(\"W\") (the W given to the constructor)",
                                    w,
                                    params.get("W"),
                                    Tolerance.EXACT);
                    checks.compare()
                            .agrees(
                                    call + ".params().get(\"b\") (the b given to the constructor)",
                                    b,
                                    params.get("b"),
                                    Tolerance.EXACT);
                    checks.forwardDependsOnX(w, b, c.stride(), c.pad(), x, c.array(m, "x2", c.xShape()));
                    layer.forward(x.duplicate());
                    layer.backward(c.array(m, "dout", ConvChecks.yShape(c)));
                    Map<String, NDArray> grads = layer.grads();
                    keys(context, call + ".grads() after backward", grads);
                    for (String key : ConvChecks.KEYS) {
                        if (!grads.get(key).getShape().equals(params.get(key).getShape())) {
                            throw new AssertionError(String.format(
                                    Locale.ROOT,
                                    context.text(
                                            "%s: grads().get(\"%s\") has shape %s but its parameter has shape %s",
                                            "%s: grads().get(\"%s\") の形状 %s がパラメータの形状 %s と異なります"),
                                    call,
                                    key,
                                    TensorText.shape(grads.get(key).getShape()),
                                    TensorText.shape(params.get(key).getShape())));
                        }
                    }
                });
    }

    /** Tell whether the filter fits the input without padding. */
    private static boolean fitsUnpadded(ConvCase c) {
        return c.fh() <= c.h() && c.fw() <= c.w();
    }

    /** Plain valid cases for the structural tests (stride 1, no padding, random values). */
    private static kadai.grader.property.Gen<ConvCase> plain(GradingContext context) {
        return StructuralCases.plain(valid(context));
    }

    private static void keys(GradingContext context, String call, Map<String, NDArray> map) {
        Set<String> keys = map == null ? Set.of() : new TreeSet<>(map.keySet());
        if (map == null
                || !keys.equals(Set.of("W", "b"))
                || map.values().stream().anyMatch(v -> v == null)) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    context.text(
                            "%s returned %s; it must map exactly the keys \"W\" and \"b\" to arrays",
                            "%s が %s を返しました。キー \"W\" と \"b\" (だけ) を配列に対応させてください"),
                    call,
                    map == null ? "null" : "keys " + keys));
        }
    }

    @Order(10)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 30,
            nameJa = "forward と backward が x, dout, W, b を書き換えない (結果は入力に依存すること)")
    @DisplayName("forward and backward leave x, dout, W and b unchanged (and their results depend on their inputs)")
    void inputsAreNotModified(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(plain(context))
                .tries(15)
                .check(context.text("inputs and parameters are not modified", "入力とパラメータが書き換えられない"), (c, m) -> {
                    NDArray x0 = c.x(m);
                    NDArray w0 = c.weights(m);
                    NDArray b0 = c.bias(m);
                    NDArray x = x0.duplicate();
                    NDArray w = w0.duplicate();
                    NDArray b = b0.duplicate();
                    Layer layer = checks.studentLayer(w, b, c.stride(), c.pad());
                    String call = ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad());
                    layer.forward(x);
                    Shape yShape = ConvChecks.yShape(c);
                    checks.compare().unchanged(call + ".forward(x)", "x", x0, x);
                    checks.compare().unchanged(call + ".forward(x)", "W", w0, w);
                    checks.compare().unchanged(call + ".forward(x)", "b", b0, b);
                    NDArray dout0 = c.array(m, "dout", yShape);
                    NDArray dout = dout0.duplicate();
                    layer.backward(dout);
                    checks.compare().unchanged(call + ".backward(dout)", "dout", dout0, dout);
                    checks.compare().unchanged(call + ".backward(dout)", "W", w0, w);
                    checks.compare().unchanged(call + ".backward(dout)", "b", b0, b);
                    checks.forwardDependsOnX(w0, b0, c.stride(), c.pad(), x0, c.array(m, "x2", c.xShape()));
                    checks.backwardDependsOnDout(w0, b0, c.stride(), c.pad(), x0, dout0, c.array(m, "dout2", yShape));
                });
    }

    @Order(11)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"dtype"},
            timeLimitSeconds = 30,
            nameJa = "出力と dx は x の dtype, dW と db はパラメータの dtype になる (float64, float32; 結果は入力に依存すること)")
    @DisplayName(
            "y and dx keep x's dtype, dW and db their parameter's dtype (float64, float32; and results depend on their inputs)")
    void dtypeIsPreserved(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        kadai.grader.property.Gen<ConvCase> small =
                StructuralCases.plain(valid(context).maxSize(5).maxFilter(3));
        context.part(
                1,
                context.text("x, W, b all float64", "x, W, b がすべて float64"),
                () -> context.forAll(small)
                        .tries(5)
                        .check(
                                context.text("float64 in, float64 out", "float64 の入力に float64 の出力"),
                                (c, m) -> dtypes(context, checks, c, m, DataType.FLOAT64, DataType.FLOAT64)));
        context.part(
                2,
                context.text("x, W, b all float32", "x, W, b がすべて float32"),
                () -> context.forAll(small)
                        .tries(8)
                        .check(
                                context.text("float32 in, float32 out", "float32 の入力に float32 の出力"),
                                (c, m) -> dtypes(context, checks, c, m, DataType.FLOAT32, DataType.FLOAT32)));
        context.part(
                1,
                context.text("x float32, W and b float64", "x が float32, W と b が float64"),
                () -> context.forAll(small)
                        .tries(8)
                        .check(
                                context.text("y, dx float32; dW, db float64", "y, dx は float32, dW, db は float64"),
                                (c, m) -> dtypes(context, checks, c, m, DataType.FLOAT32, DataType.FLOAT64)));
    }

    private static void dtypes(
            GradingContext context, ConvChecks checks, ConvCase c, NDManager m, DataType xType, DataType paramType) {
        NDArray x = c.x(m).toType(xType, false);
        NDArray w = c.weights(m).toType(paramType, false);
        NDArray b = c.bias(m).toType(paramType, false);
        Layer layer = checks.studentLayer(w.duplicate(), b.duplicate(), c.stride(), c.pad());
        String call = ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad())
                + String.format(Locale.ROOT, " (W, b %s; x, dout %s)", name(paramType), name(xType));
        NDArray y = checks.forwardDependsOnX(
                w, b, c.stride(), c.pad(), x, c.array(m, "x2", c.xShape()).toType(xType, false));
        checks.compare().dtype(call + ".forward(x)", xType, y);
        layer.forward(x.duplicate());
        NDArray dx = layer.backward(c.array(m, "dout", ConvChecks.yShape(c)).toType(xType, false));
        checks.compare().dtype(call + ".backward(dout)", xType, dx);
        Map<String, NDArray> grads = layer.grads();
        for (String key : ConvChecks.KEYS) {
            NDArray grad = checks.gradient(grads, key, key.equals("W") ? w.getShape() : b.getShape(), call);
            if (grad.getDataType() != paramType) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        context.text(
                                "%s: grads().get(\"%s\") is %s but its parameter is %s; a gradient has its parameter's dtype"
                                        + " (convert with toType(w.getDataType(), false))",
                                "%s: grads().get(\"%s\") が %s ですが、パラメータは %s です。勾配はパラメータと同じ dtype にしてください"
                                        + " (toType(w.getDataType(), false) など)"),
                        call,
                        key,
                        name(grad.getDataType()),
                        name(paramType)));
            }
        }
    }

    private static String name(DataType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Order(12)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"validation"},
            timeLimitSeconds = 30,
            nameJa = "不正な設定 (stride < 1, pad < 0, パディング後の入力より大きいフィルタ) を IllegalArgumentException で拒否する")
    @DisplayName("invalid configurations (stride < 1, pad < 0, filter larger than the padded input) are rejected"
            + " with IllegalArgumentException")
    void invalidConfigurationsAreRejected(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ConvChecks checks = checks(student, reference, context);
        context.forAll(ConvCases.invalid().withOc().language(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "invalid configurations are rejected; a valid one of about the same size is computed",
                                "不正な設定は拒否され、同じくらいの大きさの正しい設定は計算される"),
                        (c, m) -> {
                            NDArray x = c.x(m);
                            NDArray w = c.weights(m);
                            NDArray b = c.bias(m);
                            checks.rejects(
                                    ConvChecks.constructorCall(w.getShape(), c.stride(), c.pad()) + " and forward(x "
                                            + TensorText.shape(x.getShape()) + ")",
                                    () -> checks.studentLayer(w, b, c.stride(), c.pad())
                                            .forward(x));
                            ConvCase valid = StructuralCases.plainNear(c);
                            InvalidConfigurations.validStillWorks(
                                    valid.describe(context.language()), context.language() == Language.JA, () -> {
                                        checks.forwardDependsOnX(valid, m);
                                        Layer layer = checks.studentLayer(valid.weights(m), valid.bias(m), 1, 0);
                                        layer.forward(valid.x(m));
                                        layer.backward(valid.array(m, "dout", ConvChecks.yShape(valid)));
                                    });
                        });
    }
}
