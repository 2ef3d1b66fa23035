package kadai.grader.suites.pool;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kadai.assignments.Layer;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.ConvCase;
import kadai.grader.property.ConvCase.Values;
import kadai.grader.property.ConvCases;
import kadai.grader.property.Gen;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.InvalidConfigurations;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code MaxPooling}: forward and backward of max pooling (lecture notes §1.5, §2.3).
 *
 * <p>Value tests compare forward and backward with the reference, each on its own kind of case
 * (ties, overlap and padding are kept apart, so one bug fails one family of tests). Structural
 * tests (immutability, dtype, rejection) and the properties (argmax routing, gradient check) check
 * their own property plus a non-degeneracy condition instead of agreement: results must depend
 * on their inputs, so zeros or a constant score nothing there (docs/grading.md, "Partial credit
 * follows the bug").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class PoolSuite {

    private static final int TRIES = 30;
    private static final double[] SEED_X = {1, 2, 3, 4, 5, 6, 7, 8, 16, 15, 14, 13, 12, 11, 10, 9};

    private static PoolChecks checks(StudentCode student, StudentCode reference, GradingContext context) {
        return new PoolChecks(student, reference, context);
    }

    /** Values without ties (random doubles, or counting 1, 2, 3, ...). */
    private static PoolCases distinctValues(GradingContext context) {
        return PoolCases.valid(context.language(), Values.RANDOM, Values.COUNTING);
    }

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"forward", "backward", "golden"},
            timeLimitSeconds = 15,
            nameJa = "講義ノート 1.5 節の例 (2x2 窓, ストライド 2) の forward と backward を再現する")
    @DisplayName("forward and backward reproduce the example of lecture notes §1.5 (2x2 windows, stride 2)")
    void courseExampleIsReproduced(@Student StudentCode student, GradingContext context) {
        NDManager m = context.manager();
        PoolChecks checks = checks(student, student, context);
        ConvCase c = new ConvCase(1, 1, 4, 4, 2, 2, 2, 0, 0, Values.COUNTING, 0);
        NDArray x = m.create(SEED_X, new Shape(1, 1, 4, 4));
        NDArray dout = m.create(new double[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        String call = PoolChecks.constructorCall(c);
        Layer layer = checks.studentLayer(c);
        context.part(
                1,
                context.text("forward: [[6, 8], [16, 14]]", "forward: [[6, 8], [16, 14]]"),
                () -> checks.compare()
                        .agrees(
                                call + ".forward(x)",
                                m.create(new double[] {6, 8, 16, 14}, new Shape(1, 1, 2, 2)),
                                layer.forward(x.duplicate()),
                                Tolerance.FLOAT64,
                                Shown.of("x", x)));
        context.part(
                1,
                context.text(
                        "backward: dout [[1, 2], [3, 4]] goes to the positions of 6, 8, 16, 14",
                        "backward: dout [[1, 2], [3, 4]] が 6, 8, 16, 14 の位置に入る"),
                () -> {
                    Layer fresh = checks.studentLayer(c);
                    fresh.forward(x.duplicate());
                    double[] expected = {0, 0, 0, 0, 0, 1, 0, 2, 3, 0, 4, 0, 0, 0, 0, 0};
                    checks.compare()
                            .agrees(
                                    call + ".backward(dout) (dx)",
                                    m.create(expected, new Shape(1, 1, 4, 4)),
                                    fresh.backward(dout.duplicate()),
                                    Tolerance.FLOAT64,
                                    Shown.of("x", x),
                                    Shown.of("dout", dout));
                });
    }

    @Order(2)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"forward"},
            timeLimitSeconds = 30,
            nameJa = "forward が生成したケース (重なる窓, 窓と異なるストライド, パディング) で参照実装と一致する")
    @DisplayName(
            "forward agrees with the reference on generated cases (overlapping windows, stride != window, padding)")
    void forwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        context.forAll(PoolCases.valid(context.language(), Values.RANDOM, Values.SMALL_INTEGERS, Values.COUNTING))
                .tries(TRIES)
                .check(
                        context.text("forward agrees with the reference", "forward が参照実装と一致する"),
                        (c, m) -> checks.forward(checks.pair(c), c.x(m), Tolerance.FLOAT64));
    }

    @Order(3)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"forward", "backward", "padding"},
            timeLimitSeconds = 30,
            nameJa = "パディングは -∞ として扱われる: 負の値だけの入力で forward と backward が参照実装と一致する")
    @DisplayName("padding counts as -infinity: forward and backward agree with the reference on all-negative inputs")
    void paddingCountsAsMinusInfinity(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        // Windows that do not overlap: overlap is another test's business.
        context.forAll(distinctValues(context)
                        .minPad(1)
                        .note(", then made negative: x = -|v| - 0.5", "。そのうえで負に: x = -|v| - 0.5")
                        .filter(PoolCases::tiles))
                .tries(20)
                .check(
                        context.text(
                                "with all-negative x (-|v| - 0.5), padding never wins a window",
                                "負の値だけの x (-|v| - 0.5) ではパディングが窓の最大値にならない"),
                        (c, m) -> checks.agrees(c, PoolChecks.negative(c, m), PoolChecks.dout(c, m)));
    }

    @Order(4)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"backward"},
            timeLimitSeconds = 30,
            nameJa = "backward が生成したケース (同値なし) で参照実装と一致する")
    @DisplayName("backward agrees with the reference on generated cases (no ties)")
    void backwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        context.forAll(distinctValues(context))
                .tries(TRIES)
                .check(
                        context.text("forward and backward agree with the reference", "forward と backward が参照実装と一致する"),
                        checks::agrees);
    }

    @Order(5)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"backward", "ties"},
            timeLimitSeconds = 30,
            nameJa = "同値の最大値があるとき、勾配は窓の (行優先で) 最初の最大値だけに入る (参照実装との一致)")
    @DisplayName("with tied maxima, the gradient goes to the first maximum of the window in row-major order"
            + " (agreement with the reference)")
    void tiesGoToTheFirstMaximum(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        // No padding and no overlap: those are other tests' business.
        context.forAll(PoolCases.valid(context.language(), Values.SMALL_INTEGERS)
                        .filter(c -> c.pad() == 0 && PoolCases.tiles(c)))
                .tries(TRIES)
                .check(
                        context.text(
                                "with integer inputs (many ties) backward agrees with the reference",
                                "整数の入力 (同値が多い) で backward が参照実装と一致する"),
                        (c, m) -> withHint(
                                context.text(
                                        "Hint: when several cells of a window hold its maximum, only the first in row-major order"
                                                + " (what argMax returns; a strict > while scanning) receives the gradient.",
                                        "ヒント: 窓の最大値が複数のセルにあるときは、行優先で最初のもの (argMax が返すもの; 走査中は厳密な >)"
                                                + " だけが勾配を受け取ります。"),
                                () -> checks.agrees(c, c.x(m), PoolChecks.dout(c, m))));
    }

    /** Run a check and add a hint to its failure message. */
    private static void withHint(String hint, Runnable body) {
        try {
            body.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "  " + hint + "\n", e);
        }
    }

    @Order(6)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"backward", "overlap"},
            timeLimitSeconds = 30,
            nameJa = "重なる窓 (ストライド < 窓) では勾配が足し合わされる (参照実装との一致)")
    @DisplayName("where windows overlap (stride < window), gradients add up (agreement with the reference)")
    void overlappingWindowsAccumulate(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        ConvCase fourWindows = new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 0, Values.COUNTING, 0);
        // No padding: padding is another test's business.
        context.forAll(distinctValues(context).overlapping().filter(c -> c.pad() == 0))
                .examples(fourWindows)
                .tries(20)
                .check(
                        context.text(
                                "backward of overlapping windows agrees with the reference",
                                "重なる窓の backward が参照実装と一致する"),
                        (c, m) -> {
                            NDArray x = c.x(m);
                            if (c.equals(fourWindows)) {
                                // One large value is the maximum of all four windows: it gets 1 + 2 + 3 + 4.
                                x = m.create(
                                        new double[] {1, 2, 3, 4, 5, 90, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
                                        c.xShape());
                            }
                            NDArray input = x;
                            withHint(
                                    context.text(
                                            "Hint: a cell that is the maximum of several overlapping windows receives"
                                                    + " the sum of their gradients (add, do not assign).",
                                            "ヒント: 重なる複数の窓の最大値になっているセルは、それらの勾配の合計を受け取ります (代入ではなく加算)。"),
                                    () -> checks.agrees(c, input, PoolChecks.dout(c, m)));
                        });
    }

    @Order(7)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"backward", "argmax"},
            timeLimitSeconds = 30,
            nameJa = "dx は argmax の位置以外で 0 で、合計が dout の合計に等しい (dx は dout に依存すること)")
    @DisplayName("dx is 0 away from argmax positions and sums to sum(dout) (and depends on dout)")
    void gradientsGoOnlyToArgmaxPositions(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        // No padding and no overlap: this test is about which cell of a window gets its gradient.
        context.forAll(PoolCases.valid(context.language(), Values.RANDOM, Values.SMALL_INTEGERS, Values.COUNTING)
                        .filter(c -> c.pad() == 0 && PoolCases.tiles(c)))
                .tries(20)
                .check(
                        context.text("gradient only at the first maximum of each window", "勾配は各窓の最初の最大値の位置だけ"),
                        (c, m) -> {
                            NDArray x = c.x(m);
                            Layer layer = checks.studentLayer(c);
                            String call = PoolChecks.constructorCall(c);
                            layer.forward(x.duplicate());
                            NDArray dout = PoolChecks.dout(c, m);
                            NDArray dx = layer.backward(dout.duplicate());
                            if (!x.getShape().equals(checks.shapeOf(call + ".backward(dout)", dx))) {
                                throw new AssertionError(String.format(
                                        Locale.ROOT,
                                        context.text(
                                                "%s.backward(dout) returned shape %s; dx has x's shape %s",
                                                "%s.backward(dout) の形が %s です。dx は x と同じ形 %s になります"),
                                        call,
                                        TensorText.shape(dx.getShape()),
                                        TensorText.shape(x.getShape())));
                            }
                            argmaxOnly(context, c, call, x, dout, Tensors.toDoubles(dx));
                            checks.dependsOnInputs(PoolCases.plainNear(c), m);
                        });
    }

    private static void argmaxOnly(
            GradingContext context, ConvCase c, String call, NDArray x, NDArray dout, double[] dx) {
        double[] xv = x.toDoubleArray();
        boolean[] allowed = PoolChecks.argmaxPositions(c, xv);
        for (int i = 0; i < dx.length; i++) {
            if (!allowed[i] && dx[i] != 0) {
                throw new AssertionError(String.format(
                                Locale.ROOT,
                                context.text(
                                        "%s.backward(dout) put %s at %s, where x = %s is not the first maximum of any window;"
                                                + " only argmax positions may receive gradient\n",
                                        "%s.backward(dout) が %s を %s に入れましたが、そこ (x = %s) はどの窓の最初の最大値でもありません。"
                                                + "勾配を受け取れるのは argmax の位置だけです\n"),
                                call,
                                TensorText.number(dx[i]),
                                Arrays.toString(index(c, i)),
                                TensorText.number(xv[i]))
                        + "  x:\n" + TensorText.grid(x, 4) + "  dout:\n" + TensorText.grid(dout, 4));
            }
        }
        double total = Arrays.stream(dx).sum();
        double expected = Arrays.stream(dout.toDoubleArray()).sum();
        if (Math.abs(total - expected)
                > 1e-9
                        + 1e-7
                                * Arrays.stream(dout.toDoubleArray())
                                        .map(Math::abs)
                                        .sum()) {
            throw new AssertionError(String.format(
                            Locale.ROOT,
                            context.text(
                                    "%s.backward(dout): dx sums to %s but dout sums to %s; each dout entry must go to exactly one position\n",
                                    "%s.backward(dout): dx の合計 %s が dout の合計 %s と異なります。dout の各要素はちょうど 1 か所に入ります\n"),
                            call,
                            TensorText.number(total),
                            TensorText.number(expected))
                    + "  x:\n" + TensorText.grid(x, 4) + "  dout:\n" + TensorText.grid(dout, 4));
        }
    }

    private static int[] index(ConvCase c, int flat) {
        int w = flat % c.w();
        int h = flat / c.w() % c.h();
        int ch = flat / (c.w() * c.h()) % c.c();
        int n = flat / (c.w() * c.h() * c.c());
        return new int[] {n, ch, h, w};
    }

    @Order(8)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"backward", "gradient-check"},
            timeLimitSeconds = 40,
            nameJa = "同値のない入力で dx が自分の forward の数値微分と一致する (float64, 相対誤差 <= 1e-7; 結果は入力に依存すること)")
    @DisplayName("away from ties, dx matches numerical gradients of your own forward (float64, relative error <= 1e-7;"
            + " and results depend on their inputs)")
    void gradientMatchesNumericalGradientsAwayFromTies(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        context.forAll(distinctValues(context)
                        .maxSize(4)
                        .note(
                                ", replaced by their ranks x 0.25 (all distinct); dout = |v| / 2 + 0.5",
                                "。値はその順位 x 0.25 に置き換え (すべて異なる); dout = |v| / 2 + 0.5"))
                .tries(6)
                .check(
                        context.text(
                                "backward matches centred differences of forward (values at least 0.25 apart, dout > 0)",
                                "backward が forward の中心差分と一致する (値は 0.25 以上離れ, dout > 0)"),
                        (c, m) -> {
                            NDArray x = PoolChecks.distinct(c, m);
                            Layer layer = checks.studentLayer(c);
                            String call = PoolChecks.constructorCall(c);
                            // dout has the shape of the student's own y: this test is about backward vs forward.
                            Shape yShape = checks.shapeOf(call + ".forward(x)", layer.forward(x.duplicate()));
                            NDArray dout =
                                    c.array(m, "dout", yShape).abs().mul(0.5).add(0.5);
                            NDArray dx = layer.backward(dout.duplicate());
                            Layer own = checks.studentLayer(c);
                            NDArray numerical = GradientCheck.numericalGradient(own::forward, x, dout);
                            checks.compare()
                                    .gradient(
                                            call + ".backward(dout) (dx)",
                                            dx,
                                            numerical,
                                            GradientCheck.CONV_THRESHOLD,
                                            Shown.of("x", x),
                                            Shown.of("dout", dout));
                            checks.dependsOnInputs(PoolCases.plainNear(c), m);
                        });
    }

    @Order(9)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"forward", "backward", "edge-cases"},
            timeLimitSeconds = 30,
            nameJa = "forward と backward が境界的なケースで参照実装と一致する")
    @DisplayName("forward and backward agree with the reference on edge cases")
    void edgeCasesAgreeWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        long s = context.seed();
        edge(
                context,
                checks,
                context.text("1x1 window (identity)", "1x1 の窓 (恒等写像)"),
                new ConvCase(2, 2, 3, 4, 1, 1, 1, 0, 0, Values.RANDOM, s),
                false);
        edge(
                context,
                checks,
                context.text("window as large as the input (global max)", "入力と同じ大きさの窓 (全体の最大値)"),
                new ConvCase(2, 3, 4, 5, 4, 5, 1, 0, 0, Values.RANDOM, s),
                false);
        edge(
                context,
                checks,
                context.text("stride larger than the window", "窓より大きいストライド"),
                new ConvCase(1, 2, 7, 7, 2, 2, 3, 0, 0, Values.RANDOM, s),
                false);
        edge(
                context,
                checks,
                context.text("pad = window / 2 on negative values", "負の値でパディング = 窓 / 2"),
                new ConvCase(1, 1, 3, 3, 3, 3, 1, 1, 0, Values.RANDOM, s),
                true);
        edge(context, checks, "N=1, C=1", new ConvCase(1, 1, 5, 5, 2, 2, 2, 0, 0, Values.RANDOM, s), false);
        edge(
                context,
                checks,
                context.text("non-square window 2x3, stride 1", "正方形でない 2x3 の窓, ストライド 1"),
                new ConvCase(2, 2, 4, 6, 2, 3, 1, 0, 0, Values.RANDOM, s),
                false);
        edge(
                context,
                checks,
                context.text("N=3, C=2, windows not tiling the input", "N=3, C=2, 窓が入力を覆いきらない"),
                new ConvCase(3, 2, 5, 5, 2, 2, 2, 0, 0, Values.RANDOM, s),
                false);
    }

    private static void edge(GradingContext context, PoolChecks checks, String what, ConvCase c, boolean negative) {
        PoolCases describe = PoolCases.valid(context.language(), c.values());
        if (negative) {
            describe = describe.note(", then made negative: x = -|v| - 0.5", "。そのうえで負に: x = -|v| - 0.5");
        }
        context.part(1, what + ": " + describe.describe(c), () -> {
            NDManager m = context.manager();
            checks.agrees(c, negative ? PoolChecks.negative(c, m) : c.x(m), PoolChecks.dout(c, m));
        });
    }

    @Order(10)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 30,
            nameJa = "forward と backward が x と dout を書き換えない (結果は入力に依存すること)")
    @DisplayName("forward and backward leave x and dout unchanged (and their results depend on their inputs)")
    void inputsAreNotModified(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        context.forAll(PoolCases.plain(context.language()))
                .tries(15)
                .check(context.text("inputs are not modified", "入力が書き換えられない"), (c, m) -> {
                    NDArray x = c.x(m);
                    NDArray xIn = x.duplicate();
                    Layer layer = checks.studentLayer(c);
                    String call = PoolChecks.constructorCall(c);
                    layer.forward(xIn);
                    checks.compare().unchanged(call + ".forward(x)", "x", x, xIn);
                    NDArray dout = PoolChecks.dout(c, m);
                    NDArray doutIn = dout.duplicate();
                    layer.backward(doutIn);
                    checks.compare().unchanged(call + ".backward(dout)", "dout", dout, doutIn);
                    checks.dependsOnInputs(c, m);
                });
    }

    @Order(11)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"dtype"},
            timeLimitSeconds = 30,
            nameJa = "forward と backward が入力の dtype (float64, float32) を保つ (結果は入力に依存すること)")
    @DisplayName(
            "forward and backward keep the input's dtype (float64 and float32; and their results depend on their inputs)")
    void dtypeIsPreserved(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        context.forAll(PoolCases.plain(context.language()))
                .tries(12)
                .check(context.text("results keep the input's dtype", "出力が入力の dtype を保つ"), (c, m) -> {
                    checks.dependsOnInputs(c, m);
                    for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                        Layer layer = checks.studentLayer(c);
                        String call = PoolChecks.constructorCall(c) + " (x, dout "
                                + type.name().toLowerCase(Locale.ROOT) + ")";
                        NDArray y = layer.forward(c.x(m).toType(type, false));
                        checks.compare().dtype(call + ".forward(x)", type, y);
                        NDArray dx = layer.backward(PoolChecks.dout(c, m).toType(type, false));
                        checks.compare().dtype(call + ".backward(dout)", type, dx);
                    }
                });
    }

    @Order(12)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"validation"},
            timeLimitSeconds = 30,
            nameJa = "不正な設定 (窓 < 1, stride < 1, pad < 0, pad > 窓 / 2, パディング後の入力より大きい窓) を"
                    + " IllegalArgumentException で拒否する")
    @DisplayName(
            "invalid configurations (window < 1, stride < 1, pad < 0, pad > window / 2, window larger than the padded"
                    + " input) are rejected with IllegalArgumentException")
    void invalidConfigurationsAreRejected(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        PoolChecks checks = checks(student, reference, context);
        ConvCases invalid = ConvCases.invalid().language(context.language());
        List<ConvCase> tooMuchPadding = List.of(
                new ConvCase(1, 1, 6, 6, 2, 2, 2, 2, 0, Values.RANDOM, context.seed()),
                new ConvCase(1, 2, 5, 5, 3, 2, 1, 2, 0, Values.RANDOM, context.seed()),
                new ConvCase(2, 1, 4, 4, 1, 1, 1, 1, 0, Values.RANDOM, context.seed()),
                // Too much padding in one direction only: a check of poolH alone (or poolW alone) fails.
                new ConvCase(1, 1, 6, 6, 2, 4, 1, 2, 0, Values.RANDOM, context.seed()),
                new ConvCase(1, 1, 6, 6, 4, 2, 1, 2, 0, Values.RANDOM, context.seed()));
        context.forAll(invalidForPooling(invalid))
                .examples(tooMuchPadding.toArray(new ConvCase[0]))
                .tries(20)
                .check(
                        context.text(
                                "invalid configurations are rejected; a valid one of about the same size is computed",
                                "不正な設定は拒否され、同じくらいの大きさの正しい設定は計算される"),
                        (c, m) -> {
                            NDArray x = c.x(m);
                            checks.rejects(
                                    PoolChecks.constructorCall(c) + " and forward(x " + TensorText.shape(x.getShape())
                                            + ")",
                                    () -> checks.studentLayer(c).forward(x));
                            ConvCase valid = PoolCases.plainNear(c);
                            InvalidConfigurations.validStillWorks(
                                    PoolCases.valid(context.language(), valid.values())
                                            .describe(valid),
                                    context.language() == Language.JA,
                                    () -> checks.dependsOnInputs(valid, m));
                        });
    }

    /** Keep shrunk cases invalid for pooling (a smaller pad may make a "too much padding" case valid). */
    private static Gen<ConvCase> invalidForPooling(ConvCases invalid) {
        return invalid.filter(c -> !(c.valid() && c.pad() <= Math.min(c.fh(), c.fw()) / 2));
    }
}
