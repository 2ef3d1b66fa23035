package kadai.grader.suites.convop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import kadai.grader.api.Language;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code ConvOps}: the output size, im2col and col2im (lecture notes §1.3, §2.1-2.2).
 *
 * <p>Value tests compare one operation with the reference. Structural tests (rejection, dtype,
 * immutability) and the adjointness property check their own property on plain cases
 * ({@link StructuralCases}) plus a non-degeneracy condition instead of agreement: the result must
 * depend on the input, so zeros or a constant score nothing there, while a bug in the values
 * costs only the value tests (docs/grading.md, "Partial credit follows the bug").
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
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"outputSize"},
            timeLimitSeconds = 10,
            nameJa = "outputSize が公式 floor((in + 2*pad - filter) / stride) + 1 に従う")
    @DisplayName("outputSize follows floor((in + 2*pad - filter) / stride) + 1")
    void outputSizeFollowsTheFormula(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
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
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"outputSize", "validation"},
            timeLimitSeconds = 10,
            nameJa = "outputSize が不正な設定を IllegalArgumentException で拒否する")
    @DisplayName("outputSize rejects invalid configurations with IllegalArgumentException")
    void outputSizeRejectsInvalidConfigurations(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(ConvCases.invalid().language(context.language()))
                .tries(TRIES)
                .check(
                        context.text(
                                "outputSize rejects what breaks the contract and returns a size for what does not",
                                "outputSize が契約に反する設定を拒否し、正しい設定では大きさを返す"),
                        (c, m) -> {
                            checkOutputSizeOrRejects(checks, c.h(), c.fh(), c.stride(), c.pad());
                            checkOutputSizeOrRejects(checks, c.w(), c.fw(), c.stride(), c.pad());
                            checks.rejects(
                                    String.format(Locale.ROOT, "outputSize(in=0, filter=1, stride=1, pad=0)"),
                                    () -> student.outputSize(0, 1, 1, 0));
                            outputSizeDependsOnIn(context, student, c.h() + 2);
                        });
    }

    /** Non-degeneracy: a constant outputSize cannot pass the rejection test (its values are test 1's business). */
    private static void outputSizeDependsOnIn(GradingContext context, ConvOpsApi student, int in) {
        int first = student.outputSize(in, 3, 1, 0);
        int second = student.outputSize(in + 1, 3, 1, 0);
        if (first == second) {
            throw new AssertionError(String.format(
                    Locale.ROOT,
                    context.text(
                            "outputSize(in=%d, filter=3, stride=1, pad=0) and outputSize(in=%d, ...) both returned %d: the size"
                                    + " must depend on the input, or rejecting invalid configurations earns nothing",
                            "outputSize(in=%d, filter=3, stride=1, pad=0) と outputSize(in=%d, ...) がどちらも %d を返しました:"
                                    + " 出力の大きさが入力によらないと、不正な設定の拒否も得点になりません"),
                    in,
                    in + 1,
                    first));
        }
    }

    private static void checkOutputSizeOrRejects(ConvOpChecks checks, int in, int filter, int stride, int pad) {
        boolean valid = in >= 1 && filter >= 1 && stride >= 1 && pad >= 0 && in + 2 * pad >= filter;
        if (valid) {
            checks.studentOutputSize(in, filter, stride, pad); // must return normally; its value is test 1's business
        } else {
            checks.rejects(
                    String.format(
                            Locale.ROOT, "outputSize(in=%d, filter=%d, stride=%d, pad=%d)", in, filter, stride, pad),
                    () -> checks.studentOutputSize(in, filter, stride, pad));
        }
    }

    @Order(3)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"im2col", "golden"},
            timeLimitSeconds = 10,
            nameJa = "im2col が講義ノート 1.3 節の例 (X = 1..16, 3x3 フィルタ) を再現する")
    @DisplayName("im2col reproduces the example of lecture notes §1.3 (X = 1..16, 3x3 filter)")
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
        context.compare()
                .agrees(
                        "im2col(x, fh=3, fw=3, stride=1, pad=0)",
                        m.create(expected, new Shape(4, 9)),
                        actual,
                        Tolerance.FLOAT64,
                        Shown.of("x", x));
    }

    @Order(4)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"im2col"},
            timeLimitSeconds = 20,
            nameJa = "im2col が生成したケースで参照実装と一致する")
    @DisplayName("im2col agrees with the reference on generated cases")
    void im2colAgreesWithTheReference(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context))
                .tries(TRIES)
                .check(context.text("im2col agrees with the reference", "im2col が参照実装と一致する"), checks::im2colAgrees);
    }

    @Order(5)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"im2col", "col2im", "edge-cases"},
            timeLimitSeconds = 20,
            nameJa = "im2col と col2im が境界的なケースで参照実装と一致する")
    @DisplayName("im2col and col2im agree with the reference on edge cases")
    void edgeCasesAgreeWithTheReference(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        long s = context.seed();
        edge(
                context,
                checks,
                context.text("1x1 filter", "1x1 フィルタ"),
                new ConvCase(2, 3, 4, 5, 1, 1, 1, 0, 0, Values.COUNTING, s));
        edge(
                context,
                checks,
                context.text("filter as large as the input", "入力と同じ大きさのフィルタ"),
                new ConvCase(2, 2, 4, 3, 4, 3, 1, 0, 0, Values.COUNTING, s));
        edge(
                context,
                checks,
                context.text("stride larger than the filter", "フィルタより大きいストライド"),
                new ConvCase(1, 2, 7, 7, 2, 2, 3, 0, 0, Values.COUNTING, s));
        edge(
                context,
                checks,
                context.text("large padding", "大きなパディング"),
                new ConvCase(1, 1, 3, 3, 2, 2, 1, 3, 0, Values.COUNTING, s));
        edge(context, checks, "N=1, C=1", new ConvCase(1, 1, 5, 5, 3, 3, 1, 1, 0, Values.COUNTING, s));
        edge(
                context,
                checks,
                context.text("non-square input and filter", "正方形でない入力とフィルタ"),
                new ConvCase(2, 2, 3, 6, 2, 3, 1, 0, 0, Values.COUNTING, s));
        edge(
                context,
                checks,
                context.text("padding with stride 2", "パディングとストライド 2"),
                new ConvCase(2, 1, 6, 5, 3, 3, 2, 1, 0, Values.COUNTING, s));
    }

    private static void edge(GradingContext context, ConvOpChecks checks, String what, ConvCase c) {
        context.part(1, what + ": " + c.describe(context.language()), () -> {
            checks.im2colAgrees(c, context.manager());
            checks.col2imAgrees(c, context.manager());
        });
    }

    @Order(6)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"col2im"},
            timeLimitSeconds = 20,
            nameJa = "col2im が生成したケースで参照実装と一致する")
    @DisplayName("col2im agrees with the reference on generated cases")
    void col2imAgreesWithTheReference(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context))
                .tries(TRIES)
                .check(context.text("col2im agrees with the reference", "col2im が参照実装と一致する"), checks::col2imAgrees);
    }

    @Order(7)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"col2im", "accumulate"},
            timeLimitSeconds = 10,
            nameJa = "col2im が重なる窓の値を足し合わせる (ones を渡すと各画素を覆う窓の数になる)")
    @DisplayName("col2im adds up overlapping windows (col2im of ones counts the windows covering each pixel)")
    void col2imAccumulatesOverlappingWindows(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        // No padding: padding is the other tests' business (one bug, one family of tests).
        ConvCases overlapping = valid(context).maxFilter(3).maxStridePad(1, 0);
        context.forAll(overlapping)
                .examples(new ConvCase(1, 1, 4, 4, 3, 3, 1, 0, 0, Values.COUNTING, 0))
                .tries(20)
                .check(
                        context.text(
                                "col2im of ones counts the windows that cover each pixel",
                                "ones の col2im が各画素を覆う窓の数になる"),
                        (c, m) -> checks.col2imAgrees(c, m.ones(c.colShape(), DataType.FLOAT64), "ones"));
    }

    @Order(8)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"im2col", "col2im", "adjoint"},
            timeLimitSeconds = 20,
            nameJa = "im2col と col2im が随伴: <im2col(x), c> = <x, col2im(c)> (結果は入力に依存すること)")
    @DisplayName(
            "im2col and col2im are adjoint: <im2col(x), c> = <x, col2im(c)> (and their results depend on their inputs)")
    void im2colAndCol2imAreAdjoint(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(valid(context)).tries(25).check("<im2col(x), c> = <x, col2im(c)>", (c, m) -> {
            NDArray x = c.x(m);
            NDArray im2col = student.im2col(x.duplicate(), c.fh(), c.fw(), c.stride(), c.pad());
            if (im2col == null) {
                throw new AssertionError(c.call("im2col") + context.text(" returned null", " が null を返しました"));
            }
            // c has the shape of the student's own im2col: this test is about the pair, not the sizes.
            NDArray col = c.array(m, "col", im2col.getShape());
            NDArray col2im = student.col2im(col.duplicate(), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
            if (col2im == null || !col2im.getShape().equals(c.xShape())) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        context.text(
                                "%s returned %s; it must have xShape %s", "%s が %s を返しました。形は xShape %s でなければなりません"),
                        ConvOpChecks.col2imCall(c, "col"),
                        col2im == null ? "null" : TensorText.shape(col2im.getShape()),
                        TensorText.shape(c.xShape())));
            }
            double left = dot(im2col, col);
            double right = dot(x, col2im);
            double scale = Math.max(absDot(im2col, col), absDot(x, col2im));
            if (Math.abs(left - right) > ADJOINT_RTOL * Math.max(1, scale)) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        context.text(
                                "<im2col(x), c> = %.10g but <x, col2im(c)> = %.10g (difference %.2g > %.0e * %.3g, the sum of |terms|);"
                                        + " col2im must be the exact adjoint of im2col: add each column entry back where im2col copied it from",
                                "<im2col(x), c> = %.10g ですが <x, col2im(c)> = %.10g です (差 %.2g > %.0e * %.3g); col2im は im2col"
                                        + " の随伴でなければなりません: 各列の値を im2col がコピーした元の位置に足し戻してください"),
                        left,
                        right,
                        Math.abs(left - right),
                        ADJOINT_RTOL,
                        scale));
            }
            ConvCase plain = StructuralCases.plainNear(c);
            NDArray plainCol = checks.im2colDependsOnX(plain, m);
            checks.col2imDependsOnCol(plain, m, plainCol.getShape());
        });
    }

    @Order(9)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"im2col", "col2im", "immutability"},
            timeLimitSeconds = 10,
            nameJa = "im2col と col2im が入力を書き換えない (結果は入力に依存すること)")
    @DisplayName("im2col and col2im leave their inputs unchanged (and their results depend on their inputs)")
    void inputsAreNotModified(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(plain(context))
                .tries(20)
                .check(context.text("inputs are not modified", "入力が書き換えられない"), (c, m) -> {
                    NDArray x = c.x(m);
                    NDArray xBefore = x.duplicate();
                    NDArray im2col = student.im2col(x, c.fh(), c.fw(), c.stride(), c.pad());
                    context.compare().unchanged(c.call("im2col"), "x", xBefore, x);
                    NDArray other = student.im2col(c.array(m, "x2", c.xShape()), c.fh(), c.fw(), c.stride(), c.pad());
                    context.compare().dependsOn(c.call("im2col"), "x", im2col, other);
                    NDArray col = c.array(m, "col", im2col.getShape());
                    NDArray colBefore = col.duplicate();
                    NDArray image = student.col2im(col, c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
                    String call = ConvOpChecks.col2imCall(c, "col");
                    context.compare().unchanged(call, "col", colBefore, col);
                    NDArray otherImage = student.col2im(
                            c.array(m, "col2", im2col.getShape()), c.xShape(), c.fh(), c.fw(), c.stride(), c.pad());
                    context.compare().dependsOn(call, "col", image, otherImage);
                });
    }

    @Order(10)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"im2col", "col2im", "dtype"},
            timeLimitSeconds = 10,
            nameJa = "im2col と col2im が入力の dtype (float64, float32) を保つ (結果は入力に依存すること)")
    @DisplayName(
            "im2col and col2im keep the input's dtype (float64 and float32; and their results depend on their inputs)")
    void dtypeIsPreserved(@Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(plain(context))
                .tries(15)
                .check(context.text("results keep the input's dtype", "出力が入力の dtype を保つ"), (c, m) -> {
                    Shape colShape = checks.im2colDependsOnX(c, m).getShape();
                    checks.col2imDependsOnCol(c, m, colShape);
                    for (DataType dtype : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                        NDArray x = c.x(m).toType(dtype, false);
                        context.compare()
                                .dtype(c.call("im2col"), dtype, student.im2col(x, c.fh(), c.fw(), c.stride(), c.pad()));
                        NDArray col = c.array(m, "col", colShape).toType(dtype, false);
                        context.compare()
                                .dtype(
                                        ConvOpChecks.col2imCall(c, "col"),
                                        dtype,
                                        student.col2im(col, c.xShape(), c.fh(), c.fw(), c.stride(), c.pad()));
                    }
                });
    }

    @Order(11)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"im2col", "col2im", "validation"},
            timeLimitSeconds = 10,
            nameJa = "im2col と col2im が不正な設定を IllegalArgumentException で拒否する")
    @DisplayName("im2col and col2im reject invalid configurations with IllegalArgumentException")
    void invalidConfigurationsAreRejected(
            @Student ConvOpsApi student, @Reference ConvOpsApi reference, GradingContext context) {
        ConvOpChecks checks = checks(student, reference, context);
        context.forAll(ConvCases.invalid().language(context.language()))
                .tries(TRIES)
                .check(
                        context.text(
                                "invalid configurations are rejected; a valid one of about the same size is computed",
                                "不正な設定は拒否され、同じくらいの大きさの正しい設定は計算される"),
                        (c, m) -> {
                            NDArray x = c.x(m);
                            checks.rejects(
                                    c.call("im2col"), () -> student.im2col(x, c.fh(), c.fw(), c.stride(), c.pad()));
                            NDArray col = m.zeros(
                                    new Shape(1, Math.max(1, (long) c.c() * Math.max(1, c.fh()) * Math.max(1, c.fw()))),
                                    DataType.FLOAT64);
                            checks.rejects(
                                    ConvOpChecks.col2imCall(c, "col"),
                                    () -> student.col2im(col, c.xShape(), c.fh(), c.fw(), c.stride(), c.pad()));
                            ConvCase valid = StructuralCases.plainNear(c);
                            InvalidConfigurations.validStillWorks(
                                    valid.describe(context.language()), context.language() == Language.JA, () -> {
                                        NDArray im2col = checks.im2colDependsOnX(valid, m);
                                        checks.col2imDependsOnCol(valid, m, im2col.getShape());
                                    });
                        });
    }

    /** Plain valid cases for the structural tests (stride 1, no padding, random values). */
    private static kadai.grader.property.Gen<ConvCase> plain(GradingContext context) {
        return StructuralCases.plain(valid(context));
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

    private static ConvCase seedCase(int size, int filter, int stride, int pad) {
        return new ConvCase(1, 1, size, size, filter, filter, stride, pad, 0, Values.COUNTING, 0);
    }
}
