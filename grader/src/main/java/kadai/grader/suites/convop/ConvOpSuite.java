package kadai.grader.suites.convop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Locale;

/**
 * Grade {@code ConvOps}: the output size, im2col and col2im (seed 1.3, 2.1-2.2).
 *
 * <p>Every test earns points only when the student's results agree with the reference on the
 * same cases, so an implementation that returns zeros (or any constant) of the right shape
 * scores nothing, however well it does on shapes, dtypes, adjointness or immutability.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ConvOpSuite {

    private static final int TRIES = 40;
    /** Inner products of float32 results carry ~1e-7 relative rounding; a wrong placement is off by O(1). */
    private static final double ADJOINT_RTOL = 1e-6;

    private static ConvOpChecks checks(ConvOpsApi student, ConvOpsApi reference, GradingContext context) {
        return new ConvOpChecks(student, reference, context);
    }

    private static ConvCases valid(GradingContext context) {
        return ConvCases.valid().language(context.language());
    }

    @Order(1)
    @Graded(points = 1, visibility = Visibility.VISIBLE, tags = {"outputSize"}, timeLimitSeconds = 10,
            nameJa = "outputSize が公式 floor((in + 2*pad - filter) / stride) + 1 に従う")
    @DisplayName("outputSize follows floor((in + 2*pad - filter) / stride) + 1")
    void outputSizeFollowsTheFormula(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context).maxSize(12).maxStridePad(4, 3))
                .examples(seedCase(4, 3, 1, 0), seedCase(4, 3, 1, 1), seedCase(7, 3, 2, 0))
                .tries(60)
                .check(context.text("outputSize agrees with the reference", "outputSize が参照実装と一致する"), (c, m) -> {
                    checks.outputSizeAgrees(c.h(), c.fh(), c.stride(), c.pad());
                    checks.outputSizeAgrees(c.w(), c.fw(), c.stride(), c.pad());
                });
    }

    @Order(2)
    @Graded(points = 1, visibility = Visibility.HIDDEN, tags = {"outputSize", "validation"}, timeLimitSeconds = 10,
            nameJa = "outputSize が不正な設定を IllegalArgumentException で拒否する")
    @DisplayName("outputSize rejects invalid configurations with IllegalArgumentException")
    void outputSizeRejectsInvalidConfigurations(@Student ConvOpsApi student, @Reference ConvOpsApi reference,
                                                GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(ConvCases.invalid().language(context.language())).tries(TRIES)
                .check(context.text("outputSize rejects what breaks the contract and computes what does not",
                        "outputSize が契約に反する設定を拒否し、正しい設定では計算する"), (c, m) -> {
                    checkOutputSizeOrRejects(checks, c.h(), c.fh(), c.stride(), c.pad());
                    checkOutputSizeOrRejects(checks, c.w(), c.fw(), c.stride(), c.pad());
                    checks.rejects(String.format(Locale.ROOT, "outputSize(in=0, filter=1, stride=1, pad=0)"),
                            () -> student.outputSize(0, 1, 1, 0));
                    checks.outputSizeAgrees(c.h() + 2, 3, 1, 0);
                });
    }

    private static void checkOutputSizeOrRejects(ConvOpChecks checks, int in, int filter, int stride, int pad) {
        boolean valid = in >= 1 && filter >= 1 && stride >= 1 && pad >= 0 && in + 2 * pad >= filter;
        if (valid) {
            checks.outputSizeAgrees(in, filter, stride, pad);
        } else {
            checks.rejects(String.format(Locale.ROOT, "outputSize(in=%d, filter=%d, stride=%d, pad=%d)", in, filter, stride, pad),
                    () -> checks.studentOutputSize(in, filter, stride, pad));
        }
    }

    @Order(3)
    @Graded(points = 1, visibility = Visibility.VISIBLE, tags = {"im2col", "golden"}, timeLimitSeconds = 10,
            nameJa = "im2col が教材 1.3 の例 (X = 1..16, 3x3 フィルタ) を再現する")
    @DisplayName("im2col reproduces the course's example (seed 1.3: X = 1..16, 3x3 filter)")
    void im2colReproducesTheCourseExample(@Student ConvOpsApi student, GradingContext context) {
        NDManager m = context.manager();
        NDArray x = new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 0, Values.COUNTING, 0).x(m);
        // Rows are the windows X~[0,0], X~[0,1], X~[1,0], X~[1,1], each flattened row-major.
        double[] expected = {
            1, 2, 3, 5, 6, 7, 9, 10, 11,
            2, 3, 4, 6, 7, 8, 10, 11, 12,
            5, 6, 7, 9, 10, 11, 13, 14, 15,
            6, 7, 8, 10, 11, 12, 14, 15, 16,
        };
        NDArray actual = student.im2col(x.duplicate(), 3, 3, 1, 0);
        context.compare().agrees("im2col(x, fh=3, fw=3, stride=1, pad=0)", m.create(expected, new Shape(4, 9)), actual,
                Tolerance.FLOAT64, Shown.of("x", x));
    }

    @Order(4)
    @Graded(points = 3, visibility = Visibility.VISIBLE, tags = {"im2col"}, timeLimitSeconds = 20,
            nameJa = "im2col が生成したケースで参照実装と一致する")
    @DisplayName("im2col agrees with the reference on generated cases")
    void im2colAgreesWithTheReference(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(TRIES)
                .check(context.text("im2col agrees with the reference", "im2col が参照実装と一致する"), checks::im2colAgrees);
    }

    @Order(5)
    @Graded(points = 2, visibility = Visibility.HIDDEN, tags = {"im2col", "col2im", "edge-cases"}, timeLimitSeconds = 20,
            nameJa = "im2col と col2im が境界的なケースで参照実装と一致する")
    @DisplayName("im2col and col2im agree with the reference on edge cases")
    void edgeCasesAgreeWithTheReference(@Student ConvOpsApi student, @Reference ConvOpsApi reference,
                                        GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        long s = context.seed();
        edge(context, checks, context.text("1x1 filter", "1x1 フィルタ"), new ConvCase(2, 3, 4, 5, 1, 1, 1, 0, 0, Values.COUNTING, s));
        edge(context, checks, context.text("filter as large as the input", "入力と同じ大きさのフィルタ"), new ConvCase(2, 2, 4, 3, 4, 3, 1, 0, 0, Values.COUNTING, s));
        edge(context, checks, context.text("stride larger than the filter", "フィルタより大きいストライド"), new ConvCase(1, 2, 7, 7, 2, 2, 3, 0, 0, Values.COUNTING, s));
        edge(context, checks, context.text("large padding", "大きなパディング"), new ConvCase(1, 1, 3, 3, 2, 2, 1, 3, 0, Values.COUNTING, s));
        edge(context, checks, "N=1, C=1", new ConvCase(1, 1, 5, 5, 3, 3, 1, 1, 0, Values.COUNTING, s));
        edge(context, checks, context.text("non-square input and filter", "正方形でない入力とフィルタ"), new ConvCase(2, 2, 3, 6, 2, 3, 1, 0, 0, Values.COUNTING, s));
        edge(context, checks, context.text("padding with stride 2", "パディングとストライド 2"), new ConvCase(2, 1, 6, 5, 3, 3, 2, 1, 0, Values.COUNTING, s));
    }

    private static void edge(GradingContext context, ConvOpChecks checks, String what, ConvCase c) {
        context.part(1, what + ": " + c.describe(context.language()), () -> {
            checks.im2colAgrees(c, context.manager());
            checks.col2imAgrees(c, context.manager());
        });
    }

    @Order(6)
    @Graded(points = 3, visibility = Visibility.VISIBLE, tags = {"col2im"}, timeLimitSeconds = 20,
            nameJa = "col2im が生成したケースで参照実装と一致する")
    @DisplayName("col2im agrees with the reference on generated cases")
    void col2imAgreesWithTheReference(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(TRIES)
                .check(context.text("col2im agrees with the reference", "col2im が参照実装と一致する"), checks::col2imAgrees);
    }

    @Order(7)
    @Graded(points = 1, visibility = Visibility.VISIBLE, tags = {"col2im", "accumulate"}, timeLimitSeconds = 10,
            nameJa = "col2im が重なる窓の値を足し合わせる (ones を渡すと各画素を覆う窓の数になる)")
    @DisplayName("col2im adds up overlapping windows (col2im of ones counts the windows covering each pixel)")
    void col2imAccumulatesOverlappingWindows(@Student ConvOpsApi student, @Reference ConvOpsApi reference,
                                             GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        ConvCases overlapping = valid(context).maxFilter(3).maxStridePad(1, 1);
        context.forAll(overlapping)
                .examples(new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 0, Values.COUNTING, 0))
                .tries(20)
                .check(context.text("col2im of ones counts the windows that cover each pixel",
                        "ones の col2im が各画素を覆う窓の数になる"),
                        (c, m) -> checks.col2imAgrees(c, m.ones(c.colShape(), DataType.FLOAT64), "ones"));
    }

    @Order(8)
    @Graded(points = 2, visibility = Visibility.HIDDEN, tags = {"im2col", "col2im", "adjoint"}, timeLimitSeconds = 20,
            nameJa = "im2col と col2im が随伴: <im2col(x), c> = <x, col2im(c)> (参照実装との一致も必要)")
    @DisplayName("im2col and col2im are adjoint: <im2col(x), c> = <x, col2im(c)> (and both agree with the reference)")
    void im2colAndCol2imAreAdjoint(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(25)
                .check("<im2col(x), c> = <x, col2im(c)>", (c, m) -> {
                    NDArray x = c.x(m);
                    NDArray col = c.col(m);
                    NDArray im2col = checks.im2colAgrees(c, m);
                    NDArray col2im = checks.col2imAgrees(c, m);
                    double left = dot(im2col, col);
                    double right = dot(x, col2im);
                    double scale = Math.max(absDot(im2col, col), absDot(x, col2im));
                    if (Math.abs(left - right) > ADJOINT_RTOL * Math.max(1, scale)) {
                        throw new AssertionError(String.format(Locale.ROOT, context.text(
                                "<im2col(x), c> = %.10g but <x, col2im(c)> = %.10g (difference %.2g > %.0e * %.3g, the sum of |terms|);"
                                        + " col2im must be the exact adjoint of im2col: add each column entry back where im2col copied it from",
                                "<im2col(x), c> = %.10g ですが <x, col2im(c)> = %.10g です (差 %.2g > %.0e * %.3g); col2im は im2col"
                                        + " の随伴でなければなりません: 各列の値を im2col がコピーした元の位置に足し戻してください"),
                                left, right, Math.abs(left - right), ADJOINT_RTOL, scale));
                    }
                });
    }

    @Order(9)
    @Graded(points = 1, visibility = Visibility.AFTER_DUE_DATE, tags = {"im2col", "col2im", "immutability"},
            timeLimitSeconds = 10, nameJa = "im2col と col2im が入力を書き換えない (参照実装との一致も必要)")
    @DisplayName("im2col and col2im leave their inputs unchanged (and agree with the reference)")
    void inputsAreNotModified(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(20)
                .check(context.text("inputs are not modified", "入力が書き換えられない"), (c, m) -> {
                    NDArray x = c.x(m);
                    NDArray xBefore = x.duplicate();
                    NDArray expected = reference.im2col(x.duplicate(), c.fh(), c.fw(), c.stride(), c.pad());
                    NDArray actual = student.im2col(x, c.fh(), c.fw(), c.stride(), c.pad());
                    context.compare().unchanged(c.call("im2col"), "x", xBefore, x);
                    context.compare().agrees(c.call("im2col"), expected, actual, Tolerance.FLOAT64, Shown.of("x", xBefore));
                    NDArray col = c.col(m);
                    NDArray colBefore = col.duplicate();
                    NDArray expectedImage = reference.col2im(col.duplicate(), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
                    NDArray image = student.col2im(col, c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
                    String call = ConvOpChecks.col2imCall(c, "col");
                    context.compare().unchanged(call, "col", colBefore, col);
                    context.compare().agrees(call, expectedImage, image, Tolerance.FLOAT64, Shown.of("col", colBefore));
                });
    }

    @Order(10)
    @Graded(points = 1, visibility = Visibility.HIDDEN, tags = {"im2col", "col2im", "dtype"}, timeLimitSeconds = 10,
            nameJa = "im2col と col2im が入力の dtype (float64, float32) を保つ (参照実装との一致も必要)")
    @DisplayName("im2col and col2im keep the input's dtype (float64 and float32) and agree with the reference")
    void dtypeIsPreserved(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(15)
                .check(context.text("results keep the input's dtype", "出力が入力の dtype を保つ"), (c, m) -> {
                    for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                        checks.im2colKeepsDtype(c, m, dtype);
                        checks.col2imKeepsDtype(c, m, dtype);
                    }
                });
    }

    @Order(11)
    @Graded(points = 1, visibility = Visibility.AFTER_DUE_DATE, tags = {"im2col", "col2im", "validation"},
            timeLimitSeconds = 10, nameJa = "im2col と col2im が不正な設定を IllegalArgumentException で拒否する")
    @DisplayName("im2col and col2im reject invalid configurations with IllegalArgumentException")
    void invalidConfigurationsAreRejected(@Student ConvOpsApi student, @Reference ConvOpsApi reference,
                                          GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(ConvCases.invalid().language(context.language())).tries(TRIES)
                .check(context.text("invalid configurations are rejected; the nearest valid one is computed",
                        "不正な設定は拒否され、最も近い正しい設定は計算される"), (c, m) -> {
                    NDArray x = c.x(m);
                    checks.rejects(c.call("im2col"), () -> student.im2col(x, c.fh(), c.fw(), c.stride(), c.pad()));
                    NDArray col = m.zeros(new Shape(1, Math.max(1, (long) c.c() * Math.max(1, c.fh()) * Math.max(1, c.fw()))),
                            DataType.FLOAT64);
                    checks.rejects(ConvOpChecks.col2imCall(c, "col"),
                            () -> student.col2im(col, c.xShape(), c.fh(), c.fw(), c.stride(), c.pad()));
                    ConvCase repaired = repair(c);
                    checks.im2colAgrees(repaired, m);
                    checks.col2imAgrees(repaired, m);
                });
    }

    private static double absDot(NDArray a, NDArray b) {
        double[] x = kadai.assignments.testing.Tensors.toDoubles(a);
        double[] y = kadai.assignments.testing.Tensors.toDoubles(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(x[i] * y[i]);
        }
        return sum;
    }

    private static double dot(NDArray a, NDArray b) {
        double[] x = kadai.assignments.testing.Tensors.toDoubles(a);
        double[] y = kadai.assignments.testing.Tensors.toDoubles(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** Return the valid configuration nearest to an invalid one (stride >= 1, pad >= 0, filter fits). */
    private static ConvCase repair(ConvCase c) {
        int stride = Math.max(1, c.stride());
        int pad = Math.max(0, c.pad());
        int fh = Math.max(1, Math.min(c.fh(), c.h() + 2 * pad));
        int fw = Math.max(1, Math.min(c.fw(), c.w() + 2 * pad));
        return new ConvCase(c.n(), c.c(), c.h(), c.w(), fh, fw, stride, pad, c.oc(), c.values(), c.valueSeed());
    }

    private static ConvCase seedCase(int size, int filter, int stride, int pad) {
        return new ConvCase(1, 1, size, size, filter, filter, stride, pad, 0, Values.COUNTING, 0);
    }
}
