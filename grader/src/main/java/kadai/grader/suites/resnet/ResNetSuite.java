package kadai.grader.suites.resnet;

import ai.djl.ndarray.types.DataType;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Gen;
import kadai.grader.property.PropertyCheck;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.resnet.BlockCase.Kind;
import kadai.grader.suites.resnet.BlockCases.Shortcuts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code GlobalAveragePooling}, {@code BasicBlock} and {@code Bottleneck} (lecture notes §4.2-4.3).
 *
 * <p>The blocks get their convolutions from the grader: the reference's {@code Convolution}s,
 * grader-side objects (proxies inside a sandboxed runner), so a block is graded apart from the
 * student's own convolution. Value tests compare one method with the reference (a backward test
 * runs forward first but compares dx and the inner layers' gradients only). Structural tests
 * (keys and routing, immutability, dtype) and the gradient checks check their own property plus
 * non-degeneracy instead of agreement: results must depend on their inputs where the reference's
 * do, so zeros or a constant score nothing there (docs/grading.md, "Partial credit follows the bug").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ResNetSuite {

    private static ResNetChecks checks(StudentCode student, StudentCode reference, GradingContext context) {
        return new ResNetChecks(student, reference, context);
    }

    private static BlockCases blocks(Kind kind, GradingContext context) {
        return new BlockCases(kind, Shortcuts.BOTH, context.language());
    }

    /** Return the property over generated blocks of {@code kind}, starting with the hand-picked examples. */
    private static PropertyCheck<BlockCase> blockProperty(Kind kind, GradingContext context, int tries) {
        return context.forAll(blocks(kind, context)).examples(examples(kind)).tries(tries);
    }

    /** Return the property for gradient checks: small blocks, starting with the small examples. */
    private static PropertyCheck<BlockCase> smallBlockProperty(Kind kind, GradingContext context, int tries) {
        return context.forAll(blocks(kind, context).small())
                .examples(smallExamples(kind))
                .tries(tries);
    }

    /** Hand-picked first cases: an identity and a projection with stride 2. */
    private static BlockCase[] examples(Kind kind) {
        return new BlockCase[] {
            new BlockCase(kind, 2, 2, 3, 3, 2, 2, 1, false, 11), new BlockCase(kind, 2, 2, 4, 3, 2, 3, 2, true, 12),
        };
    }

    /** Hand-picked first cases for gradient checks: small, one identity and one projection with stride 2. */
    private static BlockCase[] smallExamples(Kind kind) {
        return new BlockCase[] {
            new BlockCase(kind, 1, 2, 3, 2, 2, 2, 1, false, 13), new BlockCase(kind, 2, 1, 3, 3, 1, 2, 2, true, 14),
        };
    }

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"GlobalAveragePooling", "forward"},
            timeLimitSeconds = 20,
            nameJa = "GlobalAveragePooling.forward が生成した (N, C, H, W) で参照実装と一致する")
    @DisplayName("GlobalAveragePooling.forward agrees with the reference on generated (N, C, H, W)")
    void globalAveragePoolingForwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        context.forAll(new ImageCases(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "GlobalAveragePooling.forward averages each channel over H and W: (N, C, H, W) -> (N, C)",
                                "GlobalAveragePooling.forward が各チャネルを H, W で平均する: (N, C, H, W) -> (N, C)"),
                        checks::gapForwardAgrees);
    }

    @Order(2)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"GlobalAveragePooling", "backward", "gradient-check"},
            timeLimitSeconds = 30,
            nameJa = "GlobalAveragePooling.backward が参照実装および数値微分と一致する")
    @DisplayName("GlobalAveragePooling.backward agrees with the reference and with the numerical gradient")
    void globalAveragePoolingBackwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        context.forAll(new ImageCases(context.language()))
                .tries(12)
                .check(
                        context.text(
                                "GlobalAveragePooling.backward spreads dout[n, c] / (H * W) over every pixel of channel c",
                                "GlobalAveragePooling.backward が dout[n, c] / (H * W) をチャネル c の全画素に配る"),
                        (c, m) -> checks.gapBackwardAgrees(c, m, true));
    }

    @Order(3)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"BasicBlock", "forward"},
            timeLimitSeconds = 30,
            nameJa = "BasicBlock.forward が参照実装と一致する (恒等ショートカットと射影ショートカット)")
    @DisplayName("BasicBlock.forward agrees with the reference (identity and projection shortcut)")
    void basicBlockForwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        blockProperty(Kind.BASIC, context, 6)
                .check(
                        context.text(
                                "BasicBlock.forward = relu(conv2(relu(conv1(x))) + shortcut(x)), shortcut(x) = x when null",
                                "BasicBlock.forward = relu(conv2(relu(conv1(x))) + shortcut(x)) (null なら shortcut(x) = x)"),
                        (c, m) -> checks.blockForwardAgrees(checks.run(c, m)));
    }

    @Order(4)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"BasicBlock", "backward"},
            timeLimitSeconds = 30,
            nameJa = "BasicBlock.backward の dx (2 つの枝の勾配の和) と内側の層の勾配が参照実装と一致する")
    @DisplayName(
            "BasicBlock.backward's dx (the sum of both branches' gradients) and the inner layers' gradients agree with the reference")
    void basicBlockBackwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        blockProperty(Kind.BASIC, context, 6)
                .check(
                        context.text(
                                "dx = conv1.backward(relu'(h) * conv2.backward(dz)) + shortcut.backward(dz) (+ dz for the identity),"
                                        + " dz = dout * (z > 0) with z the sum before the last ReLU",
                                "dx = conv1.backward(relu'(h) * conv2.backward(dz)) + shortcut.backward(dz) (恒等なら + dz),"
                                        + " dz = dout * (z > 0), z は最後の ReLU の前の和"),
                        (c, m) -> checks.blockBackwardAgrees(checks.run(c, m)));
    }

    @Order(5)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"BasicBlock", "params", "grads"},
            timeLimitSeconds = 30,
            nameJa = "BasicBlock の params()/grads() のキーに引数名が付き (conv1.W など)、値が内側の層自身の配列 (ブロックの結果は入力に依存すること)")
    @DisplayName(
            "BasicBlock's params()/grads() are keyed conv1.W, ..., each the inner layer's own array (and the block depends on its inputs)")
    void basicBlockParamsAndGradsAreRouted(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        checks.blockDependsOnInputs(Kind.BASIC, context.manager(), context.seed());
        blockProperty(Kind.BASIC, context, 5)
                .check(
                        context.text(
                                "params() and, after backward, grads() report each inner layer's own arrays as conv1.W,"
                                        + " conv1.b, conv2.W, conv2.b (shortcut.W, shortcut.b)",
                                "params() と backward の後の grads() が内側の層自身の配列を conv1.W, conv1.b, conv2.W, conv2.b"
                                        + " (shortcut.W, shortcut.b) として返す"),
                        (c, m) -> checks.blockParamsAndGradsAreRouted(checks.run(c, m)));
    }

    @Order(6)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"BasicBlock", "gradient-check"},
            timeLimitSeconds = 40,
            nameJa = "BasicBlock の dx が自身の forward の数値微分と一致する (結果は入力に依存すること)")
    @DisplayName(
            "BasicBlock's dx matches the numerical gradient of its own forward (and its results depend on its inputs)")
    void basicBlockMatchesTheNumericalGradient(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        checks.blockDependsOnInputs(Kind.BASIC, context.manager(), context.seed());
        smallBlockProperty(Kind.BASIC, context, 2)
                .check(
                        context.text(
                                "BasicBlock.backward is the gradient of BasicBlock.forward",
                                "BasicBlock.backward が BasicBlock.forward の勾配"),
                        (c, m) -> checks.blockMatchesNumericalGradient(checks.runClearOfKinks(c, m), m));
    }

    @Order(7)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"Bottleneck", "forward"},
            timeLimitSeconds = 30,
            nameJa = "Bottleneck.forward が参照実装と一致する (恒等ショートカットと射影ショートカット)")
    @DisplayName("Bottleneck.forward agrees with the reference (identity and projection shortcut)")
    void bottleneckForwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        blockProperty(Kind.BOTTLENECK, context, 6)
                .check(
                        context.text(
                                "Bottleneck.forward = relu(conv1x1b(relu(conv3x3(relu(conv1x1a(x))))) + shortcut(x))",
                                "Bottleneck.forward = relu(conv1x1b(relu(conv3x3(relu(conv1x1a(x))))) + shortcut(x))"),
                        (c, m) -> checks.blockForwardAgrees(checks.run(c, m)));
    }

    @Order(8)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"Bottleneck", "backward"},
            timeLimitSeconds = 30,
            nameJa = "Bottleneck.backward の dx (2 つの枝の勾配の和) と内側の層の勾配が参照実装と一致する")
    @DisplayName(
            "Bottleneck.backward's dx (the sum of both branches' gradients) and the inner layers' gradients agree with the reference")
    void bottleneckBackwardAgrees(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        blockProperty(Kind.BOTTLENECK, context, 6)
                .check(
                        context.text(
                                "dx = (the residual branch's gradient, through three convolutions and two ReLUs) + shortcut.backward(dz)",
                                "dx = (3 つの畳み込みと 2 つの ReLU を通った残差の枝の勾配) + shortcut.backward(dz)"),
                        (c, m) -> checks.blockBackwardAgrees(checks.run(c, m)));
    }

    @Order(9)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"Bottleneck", "params", "grads"},
            timeLimitSeconds = 30,
            nameJa = "Bottleneck の params()/grads() のキーに引数名が付き (conv1x1a.W など)、値が内側の層自身の配列 (ブロックの結果は入力に依存すること)")
    @DisplayName(
            "Bottleneck's params()/grads() are keyed conv1x1a.W, ..., each the inner layer's own array (and the block depends on its inputs)")
    void bottleneckParamsAndGradsAreRouted(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        checks.blockDependsOnInputs(Kind.BOTTLENECK, context.manager(), context.seed());
        blockProperty(Kind.BOTTLENECK, context, 5)
                .check(
                        context.text(
                                "params() and, after backward, grads() report each inner layer's own arrays as conv1x1a.W,"
                                        + " ..., conv1x1b.b (shortcut.W, shortcut.b)",
                                "params() と backward の後の grads() が内側の層自身の配列を conv1x1a.W, ..., conv1x1b.b"
                                        + " (shortcut.W, shortcut.b) として返す"),
                        (c, m) -> checks.blockParamsAndGradsAreRouted(checks.run(c, m)));
    }

    @Order(10)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"Bottleneck", "gradient-check"},
            timeLimitSeconds = 40,
            nameJa = "Bottleneck の dx が自身の forward の数値微分と一致する (結果は入力に依存すること)")
    @DisplayName(
            "Bottleneck's dx matches the numerical gradient of its own forward (and its results depend on its inputs)")
    void bottleneckMatchesTheNumericalGradient(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        checks.blockDependsOnInputs(Kind.BOTTLENECK, context.manager(), context.seed());
        smallBlockProperty(Kind.BOTTLENECK, context, 2)
                .check(
                        context.text(
                                "Bottleneck.backward is the gradient of Bottleneck.forward",
                                "Bottleneck.backward が Bottleneck.forward の勾配"),
                        (c, m) -> checks.blockMatchesNumericalGradient(checks.runClearOfKinks(c, m), m));
    }

    @Order(11)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"GlobalAveragePooling", "BasicBlock", "Bottleneck", "edge-cases"},
            timeLimitSeconds = 30,
            nameJa = "境界的なケース (N = 1, C = 1, 1x1 の画像) で参照実装と一致する")
    @DisplayName("Edge cases (N = 1, C = 1, 1x1 images) agree with the reference")
    void edgeCasesAgreeWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        long s = context.seed();
        for (ImageCase c : new ImageCase[] {new ImageCase(1, 1, 3, 4, true, s), new ImageCase(2, 3, 1, 1, false, s)}) {
            context.part(
                    1,
                    "GlobalAveragePooling: " + c.describe(context.language()),
                    () -> checks.gapBackwardAgrees(c, context.manager(), false));
        }
        for (Kind kind : Kind.values()) {
            BlockCase[] cases = {
                new BlockCase(kind, 1, 1, 3, 3, 1, 1, 1, false, s),
                new BlockCase(kind, 2, 2, 1, 1, 2, 3, 2, true, s),
                new BlockCase(kind, 1, 3, 2, 2, 1, 1, 1, true, s),
            };
            for (BlockCase c : cases) {
                context.part(
                        1,
                        c.describe(context.language()),
                        () -> checks.blockBackwardAgrees(checks.run(c, context.manager())));
            }
        }
    }

    @Order(12)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 30,
            nameJa = "GlobalAveragePooling, BasicBlock, Bottleneck が x と dout を書き換えない (結果は入力に依存すること)")
    @DisplayName(
            "GlobalAveragePooling, BasicBlock and Bottleneck leave x and dout unchanged (and their results depend on their inputs)")
    void inputsAreNotModified(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        context.forAll(plainImages(context))
                .tries(8)
                .check(
                        context.text(
                                "GlobalAveragePooling does not modify x or dout",
                                "GlobalAveragePooling が x と dout を書き換えない"),
                        checks::gapLeavesInputsUnchanged);
        for (Kind kind : Kind.values()) {
            checks.blockDependsOnInputs(kind, context.manager(), context.seed());
            context.forAll(plainBlocks(kind, context))
                    .tries(2)
                    .check(
                            context.text(
                                    kind.simpleName + " does not modify x or dout",
                                    kind.simpleName + " が x と dout を書き換えない"),
                            (c, m) -> checks.blockLeavesInputsUnchanged(checks.run(c, m)));
        }
    }

    @Order(13)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"dtype"},
            timeLimitSeconds = 30,
            nameJa = "GlobalAveragePooling, BasicBlock, Bottleneck が入力の dtype (float64, float32) を保つ (結果は入力に依存すること)")
    @DisplayName(
            "GlobalAveragePooling, BasicBlock and Bottleneck keep the input's dtype (float64 and float32; and their results"
                    + " depend on their inputs)")
    void dtypeIsPreserved(@Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        ResNetChecks checks = checks(student, reference, context);
        context.forAll(plainImages(context))
                .tries(8)
                .check(
                        context.text(
                                "GlobalAveragePooling keeps the input's dtype", "GlobalAveragePooling が入力の dtype を保つ"),
                        (c, m) -> {
                            checks.gapDependsOnInputs(c, m);
                            checks.gapKeepsDtype(c, m, DataType.FLOAT64);
                            checks.gapKeepsDtype(c, m, DataType.FLOAT32);
                        });
        for (Kind kind : Kind.values()) {
            checks.blockDependsOnInputs(kind, context.manager(), context.seed());
            context.forAll(plainBlocks(kind, context))
                    .tries(1)
                    .check(
                            context.text(
                                    kind.simpleName + " keeps the input's dtype", kind.simpleName + " が入力の dtype を保つ"),
                            (c, m) -> {
                                BlockRun run = checks.run(c, m);
                                checks.blockKeepsDtype(run, DataType.FLOAT64);
                                checks.blockKeepsDtype(run, DataType.FLOAT32);
                            });
        }
    }

    /**
     * Plain inputs for the structural tests: one image (a bug that shows only with N > 1 is the value
     * tests' business), random values.
     */
    private static Gen<ImageCase> plainImages(GradingContext context) {
        return new ImageCases(context.language()).filter(c -> c.n() == 1 && !c.counting());
    }

    /** Plain blocks for the structural tests: one image, identity shortcut (projections are the value tests' business). */
    private static Gen<BlockCase> plainBlocks(Kind kind, GradingContext context) {
        return new BlockCases(kind, Shortcuts.IDENTITY, context.language()).filter(c -> c.n() == 1);
    }
}
