package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.suites.augment.OpCase.Values;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code Augment} and {@code RandomAugmentation} (lecture notes §3.2-3.3): every operation
 * against the reference on generated batches and parameters, the handout's worked examples, exact
 * properties (involutions, quarter turns, rotating back, identities, composing shifts), edge cases
 * and refusals; then the random augmentation's draws, replayed through the reference's operations.
 *
 * <p>Every test earns points only together with agreement with the reference on the same case: an
 * operation that returns zeros or its input scores nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class AugmentSuite {

    private static final int TRIES = 30;
    /** Draws of the frequency check: 5 standard deviations of a probability p are 5 sqrt(p (1 - p) / 240) <= 0.16. */
    static final int FREQUENCY_DRAWS = 240;
    /** Generated cases per operation in the tests that check every operation. */
    private static final int PER_OPERATION = 5;

    private static AugmentChecks checks(AugmentApi student, AugmentApi reference, GradingContext context) {
        return new AugmentChecks(student, reference, context.language());
    }

    private static OpCases cases(GradingContext context, Operation... operations) {
        return OpCases.of(context.language(), operations);
    }

    /** A case of an operation with counting values on one (1, 1, h, w) image. */
    static OpCase counting(Operation op, int h, int w, double... params) {
        return new OpCase(
                op,
                1,
                1,
                h,
                w,
                Values.COUNTING,
                0,
                java.util.Arrays.stream(params).boxed().toList());
    }

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"flip"},
            timeLimitSeconds = 30,
            nameJa = "flipHorizontal と flipVertical が参照実装と一致し、2 回で元に戻る")
    @DisplayName("flipHorizontal and flipVertical agree with the reference, and flipping twice gives the batch back")
    void flipsAgreeWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.FLIP_HORIZONTAL, Operation.FLIP_VERTICAL))
                .tries(TRIES)
                .check(
                        context.text(
                                "flipHorizontal: out[v, u] = x[v, W-1-u]; flipVertical: out[v, u] = x[H-1-v, u]; each undoes itself",
                                "flipHorizontal: out[v, u] = x[v, W-1-u], flipVertical: out[v, u] = x[H-1-v, u]; 2 回で元に戻る"),
                        checks::flipIsAnInvolution);
    }

    @Order(2)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"shift"},
            timeLimitSeconds = 30,
            nameJa = "shift が参照実装と一致し (下と右が正、空いた画素は 0)、同じ向きのシフトは足し合わせられる")
    @DisplayName(
            "shift agrees with the reference (down and right are positive, uncovered pixels are 0), and shifts the same way add up")
    void shiftAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.SHIFT))
                .examples(counting(Operation.SHIFT, 3, 3, 1, -1))
                .tries(TRIES)
                .check(
                        context.text(
                                "shift(x, dy, dx): out[v, u] = x[v - dy, u - dx], 0 outside; shifts the same way compose",
                                "shift(x, dy, dx): out[v, u] = x[v - dy, u - dx] (外側は 0); 同じ向きのシフトは合成できる"),
                        checks::shiftsCompose);
    }

    @Order(3)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"crop"},
            timeLimitSeconds = 30,
            nameJa = "crop が参照実装と一致する (画像の内側の窓)")
    @DisplayName("crop agrees with the reference (windows inside the image)")
    void cropAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.CROP))
                .tries(TRIES)
                .check(
                        context.text(
                                "crop(x, top, left, height, width) = x[:, :, top:top+height, left:left+width]",
                                "crop(x, top, left, height, width) = x[:, :, top:top+height, left:left+width]"),
                        checks::agrees);
    }

    @Order(4)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"cutout"},
            timeLimitSeconds = 30,
            nameJa = "cutout が参照実装と一致する (画像からはみ出す長方形は内側の部分だけを 0 にする)")
    @DisplayName("cutout agrees with the reference (a rectangle sticking out of the image erases only its part inside)")
    void cutoutAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.CUTOUT))
                .examples(counting(Operation.CUTOUT, 3, 3, -1, 1, 2, 5))
                .tries(TRIES)
                .check(
                        context.text(
                                "cutout zeroes the rows top..top+height-1 and columns left..left+width-1 that lie inside the image",
                                "cutout は画像の内側にある行 top..top+height-1、列 left..left+width-1 を 0 にする"),
                        checks::agrees);
    }

    @Order(5)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"affine", "bilinear"},
            timeLimitSeconds = 30,
            nameJa = "affine が参照実装と一致する (出力 (u, v) は入力の M·(u, v, 1) を双線形補間、外側は 0)")
    @DisplayName(
            "affine agrees with the reference (output (u, v) is the bilinear value of the input at M (u, v, 1), 0 outside)")
    void affineAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.AFFINE))
                .tries(TRIES)
                .check(
                        context.text(
                                "affine(x, m): output (u, v) = bilinear value of x at (m0 u + m1 v + m2, m3 u + m4 v + m5),"
                                        + " pixels outside the image count as 0",
                                "affine(x, m): 出力 (u, v) = x の (m0 u + m1 v + m2, m3 u + m4 v + m5) での双線形補間値 (画像の外の画素は 0)"),
                        checks::agrees);
    }

    @Order(6)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"rotate", "bilinear"},
            timeLimitSeconds = 30,
            nameJa = "rotate が参照実装と一致する (中心 ((W-1)/2, (H-1)/2) のまわりに画面上で反時計回り)")
    @DisplayName("rotate agrees with the reference (counter-clockwise on screen about the centre ((W-1)/2, (H-1)/2))")
    void rotateAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.ROTATE))
                .examples(counting(Operation.ROTATE, 3, 3, 90))
                .tries(TRIES)
                .check(
                        context.text(
                                "rotate(x, degrees): output (u, v) samples (cx + cos du - sin dv, cy + sin du + cos dv)",
                                "rotate(x, degrees): 出力 (u, v) は (cx + cos du - sin dv, cy + sin du + cos dv) を参照する"),
                        checks::agrees);
    }

    @Order(7)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"scale", "bilinear"},
            timeLimitSeconds = 30,
            nameJa = "scale が参照実装と一致する (1 より大きいと拡大、中心のまわり)")
    @DisplayName("scale agrees with the reference (a factor above 1 zooms in, about the centre)")
    void scaleAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.SCALE))
                .examples(counting(Operation.SCALE, 2, 2, 2))
                .tries(TRIES)
                .check(
                        context.text(
                                "scale(x, factor): output (u, v) samples (cx + (u - cx) / factor, cy + (v - cy) / factor)",
                                "scale(x, factor): 出力 (u, v) は (cx + (u - cx) / factor, cy + (v - cy) / factor) を参照する"),
                        checks::agrees);
    }

    @Order(8)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"shear", "bilinear"},
            timeLimitSeconds = 30,
            nameJa = "shear が参照実装と一致する (出力 (u, v) は (u + shearX (v - cy), v) を参照)")
    @DisplayName("shear agrees with the reference (output (u, v) samples (u + shearX (v - cy), v))")
    void shearAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(cases(context, Operation.SHEAR))
                .tries(TRIES)
                .check(
                        context.text(
                                "shear(x, shearX): output (u, v) samples (u + shearX (v - cy), v)",
                                "shear(x, shearX): 出力 (u, v) は (u + shearX (v - cy), v) を参照する"),
                        checks::agrees);
    }

    @Order(9)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"brightness"},
            timeLimitSeconds = 30,
            nameJa = "brightness が参照実装と一致し、結果が [min, max] に収まる")
    @DisplayName("brightness agrees with the reference and stays within [min, max]")
    void brightnessAgreesWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.forAll(OpCases.withValues(
                        context.language(), new Values[] {Values.RANDOM, Values.WIDE}, Operation.BRIGHTNESS))
                .tries(TRIES)
                .check(
                        context.text(
                                "brightness(x, delta, min, max) = clamp(x + delta, min, max), every pixel",
                                "brightness(x, delta, min, max) = clamp(x + delta, min, max) (すべての画素)"),
                        checks::brightnessStaysInRange);
    }

    @Order(10)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"golden"},
            timeLimitSeconds = 30,
            nameJa = "説明書の計算例 (90 度回転、45 度回転の角、2 倍の拡大、剪断、シフト、cutout) を再現する")
    @DisplayName(
            "The handout's worked examples (a quarter turn, the corners of a 45-degree turn, a 2x zoom, a shear, a shift, a cutout)")
    void handoutExamples(@Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        NDManager m = context.manager();
        double[] nine = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        long[] square = {1, 1, 3, 3};
        double corner = 2 - Math.sqrt(2);
        for (Example e : List.of(
                new Example(
                        "rotate(x, 90)",
                        Operation.ROTATE,
                        List.of(90.0),
                        nine,
                        square,
                        new double[] {3, 6, 9, 2, 5, 8, 1, 4, 7},
                        square),
                new Example(
                        "rotate(ones, 45)",
                        Operation.ROTATE,
                        List.of(45.0),
                        new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1},
                        square,
                        new double[] {corner, 1, corner, 1, 1, 1, corner, 1, corner},
                        square),
                new Example(
                        "scale(x, 2)",
                        Operation.SCALE,
                        List.of(2.0),
                        new double[] {0, 1, 2, 3},
                        new long[] {1, 1, 2, 2},
                        new double[] {0.75, 1.25, 1.75, 2.25},
                        new long[] {1, 1, 2, 2}),
                new Example(
                        "shear(x, 1)",
                        Operation.SHEAR,
                        List.of(1.0),
                        nine,
                        square,
                        new double[] {0, 1, 2, 4, 5, 6, 8, 9, 0},
                        square),
                new Example(
                        "shift(x, 1, -1)",
                        Operation.SHIFT,
                        List.of(1.0, -1.0),
                        nine,
                        square,
                        new double[] {0, 0, 0, 2, 3, 0, 5, 6, 0},
                        square),
                new Example(
                        "cutout(x, -1, 1, 2, 5)",
                        Operation.CUTOUT,
                        List.of(-1.0, 1.0, 2.0, 5.0),
                        nine,
                        square,
                        new double[] {1, 0, 0, 4, 5, 6, 7, 8, 9},
                        square),
                new Example(
                        "affine(x, {0.5, 0, 0, 0, 1, 0})",
                        Operation.AFFINE,
                        List.of(0.5, 0.0, 0.0, 0.0, 1.0, 0.0),
                        new double[] {0, 2, 4},
                        new long[] {1, 1, 1, 3},
                        new double[] {0, 1, 2},
                        new long[] {1, 1, 1, 3}))) {
            context.part(
                    1,
                    e.call(),
                    () -> checks.example(
                            m, e.call(), e.op(), e.params(), e.input(), e.shape(), e.expected(), e.expectedShape()));
        }
    }

    /** A worked example of the handout. */
    private record Example(
            String call,
            Operation op,
            List<Double> params,
            double[] input,
            long[] shape,
            double[] expected,
            long[] expectedShape) {}

    @Order(11)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"rotate", "properties"},
            timeLimitSeconds = 40,
            nameJa = "性質: 正方形の 90 度回転は鏡像の転置、回転して戻すと直線的な画像が円の内側で元に戻る、恒等変換は何も変えない")
    @DisplayName(
            "Properties: a quarter turn of a square is the transpose of its mirror, turning back restores a linear image inside a disc,"
                    + " identities change nothing")
    void geometricPropertiesHold(@Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        context.part(
                1,
                context.text("rotate(x, 90) of a square image", "正方形の画像の rotate(x, 90)"),
                () -> context.forAll(
                                cases(context, Operation.ROTATE).sizes(1, 7).squareOnly())
                        .tries(15)
                        .check(
                                context.text(
                                        "rotate(x, 90) of a square image is the transpose of flipHorizontal(x)",
                                        "正方形の画像の rotate(x, 90) は flipHorizontal(x) の転置"),
                                (c, m) -> {
                                    checks.agrees(c, m);
                                    checks.quarterTurnIsTheTransposeOfTheMirror(c, m);
                                }));
        context.part(
                1,
                context.text("rotating back", "回転して戻す"),
                () -> context.forAll(new RampCases(context.language()))
                        .tries(10)
                        .check(
                                context.text(
                                        "rotate(rotate(x, θ), -θ) = x inside the disc where both samplings stay in the image"
                                                + " (bilinear sampling reproduces a linear image exactly)",
                                        "両方のサンプリングが画像内に収まる円の内側で rotate(rotate(x, θ), -θ) = x (双線形補間は直線的な画像を正確に再現する)"),
                                checks::rotatingBackRestoresALinearImage));
        context.part(
                1,
                context.text("identities", "恒等変換"),
                () -> context.forAll(cases(context, Operation.SCALE))
                        .tries(10)
                        .check(
                                context.text(
                                        "scale(x, 1), shift(x, 0, 0), rotate(x, 0) and affine(x, identity) return x"
                                                + " (and scale agrees with the reference)",
                                        "scale(x, 1), shift(x, 0, 0), rotate(x, 0), affine(x, 恒等行列) は x を返す (scale は参照実装とも一致)"),
                                (c, m) -> {
                                    checks.agrees(c, m);
                                    checks.identitiesReturnTheBatch(c, m);
                                }));
    }

    @Order(12)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"edge-cases"},
            timeLimitSeconds = 40,
            nameJa = "端のケース (1x1 の画像、1 行の画像、画像より大きなシフト、360 度、極端な倍率、画像全体の cutout、min = max、画像全体の crop)")
    @DisplayName(
            "Edge cases (1x1 images, one-row images, shifts beyond the image, 360 degrees, extreme zooms, a cutout over everything,"
                    + " min = max, cropping the whole image)")
    void edgeCasesAgreeWithTheReference(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        NDManager m = context.manager();
        // Where the right answer is all zeros, an ordinary call of the same operation goes with it.
        List<List<OpCase>> edges = List.of(
                List.of(mixed(Operation.ROTATE, 1, 1, 30)),
                List.of(mixed(Operation.SCALE, 1, 1, 2.5)),
                List.of(mixed(Operation.AFFINE, 1, 1, 1, 0, 0.5, 0, 1, 0)),
                List.of(mixed(Operation.ROTATE, 1, 7, 90)),
                List.of(mixed(Operation.SHEAR, 6, 1, 0.7)),
                List.of(mixed(Operation.FLIP_HORIZONTAL, 1, 5)),
                List.of(mixed(Operation.SHIFT, 4, 5, 9, -7), mixed(Operation.SHIFT, 4, 5, 2, -1)),
                List.of(mixed(Operation.ROTATE, 5, 4, 360)),
                List.of(mixed(Operation.ROTATE, 4, 4, -720)),
                List.of(mixed(Operation.SCALE, 7, 7, 0.1)),
                List.of(mixed(Operation.SCALE, 5, 6, 20)),
                List.of(mixed(Operation.CUTOUT, 4, 4, -2, -3, 10, 10), mixed(Operation.CUTOUT, 4, 4, 2, -1, 1, 3)),
                List.of(mixed(Operation.CUTOUT, 4, 4, 1, 1, 0, 3)),
                List.of(mixed(Operation.BRIGHTNESS, 3, 4, 0.2, 0.5, 0.5)),
                List.of(mixed(Operation.CROP, 3, 5, 0, 0, 3, 5)));
        for (List<OpCase> edge : edges) {
            context.part(1, edge.get(0).toString(), () -> {
                for (OpCase c : edge) {
                    checks.agrees(c, m);
                }
            });
        }
    }

    /** Return an ordinary call of {@code op} on a (2, 2, 4, 5) batch of random values. */
    private static OpCase ordinary(Operation op) {
        return new OpCase(
                op,
                2,
                2,
                4,
                5,
                Values.RANDOM,
                op.ordinal(),
                op.draw(new java.util.SplittableRandom(op.ordinal()), 4, 5));
    }

    /** A case of three different images of two channels each, random values. */
    private static OpCase mixed(Operation op, int h, int w, double... params) {
        return new OpCase(
                op,
                3,
                2,
                h,
                w,
                Values.RANDOM,
                h * 31L + w,
                java.util.Arrays.stream(params).boxed().toList());
    }

    @Order(13)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 40,
            nameJa = "どの操作も入力を書き換えない (参照実装との一致も必要)")
    @DisplayName("No operation modifies its input (and each agrees with the reference)")
    void inputsAreNotModified(@Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        // One part per operation, so that a wrong operation loses its own part only.
        for (Operation op : Operation.values()) {
            context.part(
                    1,
                    op.method(),
                    () -> context.forAll(cases(context, op).sizes(2, 6))
                            .examples(ordinary(op))
                            .tries(PER_OPERATION)
                            .check(
                                    context.text(op.method() + " leaves x unchanged", op.method() + " が x を書き換えない"),
                                    checks::leavesTheInputUnchanged));
        }
    }

    @Order(14)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"dtype"},
            timeLimitSeconds = 40,
            nameJa = "どの操作も入力の dtype (float64, float32) を保つ (参照実装との一致も必要)")
    @DisplayName("Every operation keeps the input's dtype, float64 and float32 (and agrees with the reference)")
    void dtypeIsPreserved(@Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        for (Operation op : Operation.values()) {
            context.part(
                    1,
                    op.method(),
                    () -> context.forAll(cases(context, op).sizes(2, 6))
                            .examples(ordinary(op))
                            .tries(PER_OPERATION)
                            .check(
                                    context.text(
                                            "the result of " + op.method() + " has x's dtype",
                                            op.method() + " の出力が x の dtype を保つ"),
                                    (c, m) -> {
                                        checks.keepsTheDtype(c, m, DataType.FLOAT64);
                                        checks.keepsTheDtype(c, m, DataType.FLOAT32);
                                    }));
        }
    }

    @Order(15)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"validation"},
            timeLimitSeconds = 40,
            nameJa =
                    "不正な引数 (画像の外の crop、負の cutout、0 以下の倍率、有限でない角度など、4 次元でない x) を IllegalArgumentException で拒否し、最も近い正しい呼び出しは参照実装と一致する")
    @DisplayName(
            "Invalid arguments (a crop leaving the image, a negative cutout, a factor <= 0, angles that are not finite, ..., x not 4-d)"
                    + " are refused with IllegalArgumentException; the nearest valid call agrees with the reference")
    void invalidArgumentsAreRejected(
            @Student AugmentApi student, @Reference AugmentApi reference, GradingContext context) {
        AugmentChecks checks = checks(student, reference, context);
        NDManager m = context.manager();
        boolean ja = context.language() == Language.JA;
        NDArray x = counting(Operation.ROTATE, 3, 4).x(m);
        List<Refusal> invalid = Refusal.all(student, x);
        // One part per operation: a missing check loses that operation's part only.
        for (Operation op : Operation.values()) {
            List<Refusal> mine =
                    invalid.stream().filter(i -> i.nearest().op() == op).toList();
            if (!mine.isEmpty()) {
                context.part(1, op.method(), () -> {
                    for (Refusal i : mine) {
                        InvalidConfigurations.mustBeRejected(i.call(), InvalidConfigurations.Where.CALL, ja, i.body());
                        checks.agrees(i.nearest(), m);
                    }
                });
            }
        }
    }

    private static RandomChecks random(StudentCode student, StudentCode reference, GradingContext context) {
        return new RandomChecks(
                student,
                reference,
                student.statics(AugmentApi.class, "kadai.assignments.augment.Augment"),
                reference.statics(AugmentApi.class, "kadai.assignments.augment.Augment"),
                context.language());
    }

    @Order(16)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"RandomAugmentation"},
            timeLimitSeconds = 60,
            nameJa = "RandomAugmentation.apply: 各画像が、記録された draw を参照実装の Augment で決められた順に施したものと一致する")
    @DisplayName(
            "RandomAugmentation.apply: every image is its recorded draw replayed through the reference's Augment in the documented order")
    void randomAugmentationReplaysItsDraws(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RandomChecks checks = random(student, reference, context);
        context.forAll(new PolicyCases(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "apply(batch) = each image through its own draw (lastDraws().get(i)): flips, scale, rotate,"
                                        + " shear, shift, brightness, cutout, in that order",
                                "apply(batch) = 各画像にその画像の draw (lastDraws().get(i)) を flip, scale, rotate, shear, shift, brightness,"
                                        + " cutout の順に施したもの"),
                        checks::outputIsTheReplay);
    }

    @Order(17)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"RandomAugmentation", "policy"},
            timeLimitSeconds = 60,
            nameJa = "draw が方針に従う: 範囲内のパラメータ、確率 0 の操作は起きず、各操作が確率どおりの頻度で起きる")
    @DisplayName(
            "Draws follow the policy: parameters in their ranges, operations of probability 0 never happen, each happens as often"
                    + " as its probability says")
    void drawsFollowThePolicy(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RandomChecks checks = random(student, reference, context);
        context.part(
                1,
                context.text("ranges", "範囲"),
                () -> context.forAll(new PolicyCases(context.language()))
                        .tries(15)
                        .check(
                                context.text(
                                        "every draw lies within the policy's probabilities and ranges",
                                        "すべての draw が方針の確率と範囲に収まる"),
                                checks::drawsRespectThePolicy));
        context.part(
                1,
                context.text("frequencies", "頻度"),
                () -> checks.frequenciesFollowTheProbabilities(
                        Policy.none()
                                .withFlipHorizontal(0.3)
                                .withFlipVertical(0.8)
                                .withScale(0.5, 0.9, 1.1)
                                .withRotate(0.2, 10)
                                .withShear(0.6, 0.2)
                                .withBrightness(0.4, 0.1, 0, 1)
                                .withCutout(0.7, 1),
                        context.seed(),
                        FREQUENCY_DRAWS,
                        context.manager()));
    }

    @Order(18)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"RandomAugmentation", "seed"},
            timeLimitSeconds = 60,
            nameJa = "同じシードは同じバッチと draw を、別のシードは別の draw を与え、2 回目の apply は新しく引く")
    @DisplayName(
            "The same seed gives the same batch and draws, another seed other draws, and a second apply call draws anew")
    void seedsMakeRunsReproducible(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RandomChecks checks = random(student, reference, context);
        context.forAll(new PolicyCases(context.language()).maxBatch(6).filter(c -> c.n() >= 3))
                .tries(8)
                .check(
                        context.text(
                                "new RandomAugmentation(policy, seed) is reproducible; its random numbers continue across calls",
                                "new RandomAugmentation(policy, seed) は再現可能で、乱数は呼び出しをまたいで続く"),
                        (c, m) -> {
                            PolicyCase rich = c.with(RandomChecks.RICH);
                            checks.sameSeedSameBatch(rich, m);
                            checks.secondCallDrawsAfresh(rich, m);
                        });
    }

    @Order(19)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"RandomAugmentation", "independence"},
            timeLimitSeconds = 60,
            nameJa = "バッチの各画像が自分の draw を持ち、画像のすべてのチャンネルはその draw を共有する")
    @DisplayName("Every image of a batch gets its own draw, and all channels of an image share it")
    void imagesGetIndependentDraws(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RandomChecks checks = random(student, reference, context);
        Policy flipsAndShifts = Policy.none().withFlipHorizontal(0.5).withShift(1, 2);
        context.part(
                1,
                context.text("one draw per image", "画像ごとに 1 つの draw"),
                () -> checks.imagesGetTheirOwnDraws(
                        new PolicyCase(flipsAndShifts, context.seed(), 16, 1, 5, 5, false, 1), context.manager()));
        context.part(
                1,
                context.text("channels share the draw", "チャンネルは draw を共有する"),
                () -> context.forAll(new PolicyCases(context.language()))
                        .tries(8)
                        .check(
                                context.text(
                                        "a batch whose three channels are equal keeps them equal: one draw per image",
                                        "3 つのチャンネルが等しいバッチは等しいまま (画像ごとに 1 つの draw)"),
                                checks::channelsShareTheirImagesDraw));
    }

    @Order(20)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"RandomAugmentation", "order"},
            timeLimitSeconds = 60,
            nameJa = "draw が決められた乱数の順序に従う (同じ方針とシードで参照実装と同じ draw、確率の判定は r.nextDouble() < p)")
    @DisplayName(
            "Draws follow the documented order of random numbers (the reference's draws for the same policy and seed; r.nextDouble() < p)")
    void drawsFollowTheDocumentedOrder(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RandomChecks checks = random(student, reference, context);
        context.forAll(new PolicyCases(context.language()))
                .examples(boundary(context.seed() & 0xFFFF))
                .tries(12)
                .check(
                        context.text(
                                "per image, in batch order: r.nextDouble() < p for each kind in the documented order, its"
                                        + " parameters drawn right after, only when taken",
                                "画像ごとにバッチの順で: 決められた順に各操作の r.nextDouble() < p を調べ、起こすときだけ直後にパラメータを引く"),
                        checks::drawsFollowTheDocumentedOrder);
    }

    /**
     * A policy whose probabilities equal the first eight numbers the seed's random gives, so that
     * {@code r.nextDouble() < p} is false for each test of the first image, and {@code <=} true.
     */
    static PolicyCase boundary(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] u = new double[8];
        for (int i = 0; i < u.length; i++) {
            u[i] = r.nextDouble();
        }
        Policy p = new Policy(u[0], u[1], u[2], 0.8, 1.2, u[3], 20, u[4], 0.3, u[5], 2, u[6], 0.2, 0, 1, u[7], 3);
        return new PolicyCase(p, seed, 3, 1, 5, 5, false, seed);
    }

    @Order(21)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"RandomAugmentation", "dtype", "immutability"},
            timeLimitSeconds = 60,
            nameJa = "Policy.none() は何も変えず、確率 1 の操作は必ず起き、float32 のバッチは float32 のまま書き換えられない")
    @DisplayName(
            "Policy.none() changes nothing, an operation of probability 1 always happens, and a float32 batch stays float32 and unmodified")
    void certainPoliciesAndDtype(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        RandomChecks checks = random(student, reference, context);
        NDManager m = context.manager();
        context.part(1, "Policy.none()", () -> {
            PolicyCase none = new PolicyCase(Policy.none(), context.seed(), 4, 2, 5, 4, false, 3);
            RandomChecks.Run run = checks.apply(none, m);
            NDArray batch = none.batch(m);
            checks.compare()
                    .agrees(
                            "apply(batch) with Policy.none()",
                            batch,
                            run.out(),
                            AugmentChecks.ROUNDING,
                            kadai.grader.property.Shown.of("batch", batch));
        });
        context.part(1, context.text("probability 1", "確率 1"), () -> {
            PolicyCase always = new PolicyCase(
                    Policy.none().withFlipVertical(1).withShift(1, 1), context.seed(), 6, 1, 4, 4, false, 5);
            RandomChecks.Run run = checks.apply(always, m);
            if (!run.draws().stream().allMatch(d -> d.flipVertical())) {
                throw new AssertionError(context.text(
                                "flipVertical has probability 1 but some draws did not flip: ",
                                "flipVertical の確率は 1 なのに反転しなかった draw があります: ")
                        + run.draws());
            }
        });
        context.part(
                1,
                context.text("float32, batch unchanged", "float32、バッチを書き換えない"),
                () -> context.forAll(new PolicyCases(context.language()))
                        .tries(6)
                        .check(
                                context.text(
                                        "apply keeps a float32 batch's dtype and leaves the batch unchanged",
                                        "apply は float32 のバッチの dtype を保ち、バッチを書き換えない"),
                                checks::keepsTheDtypeAndTheBatch));
    }
}
