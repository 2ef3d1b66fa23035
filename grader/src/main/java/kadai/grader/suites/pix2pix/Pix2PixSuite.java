package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.pix2pix.PatchCase.Ties;
import kadai.grader.suites.pix2pix.PatchCase.Values;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code Conditioning} and {@code Pix2PixLoss} (lecture notes §5.8-5.10): the inputs of a
 * conditional GAN and of pix2pix's discriminator, pix2pix's halved PatchGAN discriminator loss and
 * its generator loss (adversarial + λ·L1) with their closed-form gradients, the L1 subgradient at
 * its kink and numerical stability at logits of ±1e4.
 *
 * <p>Value tests compare with the reference on the same case. Structural tests (dtype, inputs
 * unchanged, rejections, the kink) check their own property plus a non-degeneracy condition
 * ({@link NonDegenerate}: the result depends on the input) instead of full agreement, so a single
 * wrong value costs the value tests of its method only; zeros and constants still score nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Pix2PixSuite {

    private static final int TRIES = 30;

    private static ConditioningChecks conditioning(
            ConditioningApi student, ConditioningApi reference, GradingContext context) {
        return new ConditioningChecks(student, reference, context.language());
    }

    private static Pix2PixLossChecks losses(Pix2PixLossApi student, Pix2PixLossApi reference, GradingContext context) {
        return new Pix2PixLossChecks(student, reference, context.language());
    }

    /** Loss cases of ordinary logits; targets tie with the output at about a third of the pixels. */
    private static PatchCases ordinary(GradingContext context, Ties ties) {
        return PatchCases.of(context.language(), ties, Values.SMALL_INTEGERS, Values.RANDOM, Values.WIDE);
    }

    /** Loss cases for gradient checks: |t| <= 4 keeps every gradient element well above rounding noise. */
    private static PatchCases moderate(GradingContext context, Ties ties) {
        return PatchCases.of(context.language(), ties, Values.SMALL_INTEGERS, Values.RANDOM);
    }

    @Order(1)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {
                "golden",
                "oneHot",
                "withLabels",
                "labelPlanes",
                "pairs",
                "discriminatorLoss",
                "generatorLoss",
                "generatorLossGrad"
            },
            timeLimitSeconds = 40,
            nameJa = "Javadoc の計算例 (oneHot, withLabels, labelPlanes, pairs, D = 0.5 での ln 2, 生成器の損失 50.6931 とその勾配)")
    @DisplayName(
            "The worked examples of the Javadoc (oneHot, withLabels, labelPlanes, pairs, ln 2 at D = 0.5, the generator loss 50.6931 and its gradient)")
    void workedExamples(@Student ConditioningApi student, @Student Pix2PixLossApi studentLoss, GradingContext context) {
        NDManager m = context.manager();
        var compare = context.compare();
        NDArray y = m.create(new double[] {0, 0, 1, 1, 0, 0}, new Shape(2, 3));
        context.part(1, "oneHot([2, 0], 3, FLOAT64)", () -> {
            NDArray labels = m.create(new long[] {2, 0});
            compare.agrees(
                    "oneHot([2, 0], 3, FLOAT64)",
                    y,
                    student.oneHot(labels, 3, DataType.FLOAT64),
                    Tolerance.EXACT,
                    Shown.of("labels", labels));
        });
        context.part(1, "withLabels(z, oneHot)", () -> {
            NDArray z = m.create(new double[] {0.5, -1, 2, 0}, new Shape(2, 2));
            compare.agrees(
                    "withLabels(z, oneHot)",
                    m.create(new double[] {0.5, -1, 0, 0, 1, 2, 0, 1, 0, 0}, new Shape(2, 5)),
                    student.withLabels(z.duplicate(), y.duplicate()),
                    Tolerance.EXACT,
                    Shown.of("z", z),
                    Shown.of("oneHot", y));
        });
        context.part(1, "labelPlanes(ones (2, 1, 2, 2), oneHot)", () -> {
            NDArray x = m.ones(new Shape(2, 1, 2, 2), DataType.FLOAT64);
            NDArray expected = m.create(
                    new double[] {
                        1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0
                    },
                    new Shape(2, 4, 2, 2));
            compare.agrees(
                    "labelPlanes(ones (2, 1, 2, 2), oneHot)",
                    expected,
                    student.labelPlanes(x, y.duplicate()),
                    Tolerance.EXACT,
                    Shown.of("oneHot", y));
        });
        context.part(1, "pairs(ones, 3 * ones)", () -> {
            NDArray x = m.ones(new Shape(2, 1, 2, 2), DataType.FLOAT64);
            NDArray expected =
                    m.create(new double[] {1, 1, 1, 1, 3, 3, 3, 3, 1, 1, 1, 1, 3, 3, 3, 3}, new Shape(2, 2, 2, 2));
            compare.agrees(
                    "pairs(ones (2, 1, 2, 2), 3 * ones (2, 1, 2, 2))",
                    expected,
                    student.pairs(x, x.mul(3)),
                    Tolerance.EXACT);
        });
        NDArray zeros = m.zeros(new Shape(2, 1, 2, 2), DataType.FLOAT64);
        NDArray fake = m.create(new double[] {0.5, -0.5, 1, 0}, new Shape(1, 1, 2, 2));
        NDArray target = m.create(new double[] {0, 0, 1, 1}, new Shape(1, 1, 2, 2));
        Shown[] shown = {Shown.of("fakeLogits", zeros), Shown.of("fake", fake), Shown.of("target", target)};
        context.part(
                1,
                context.text("discriminatorLoss at D = 0.5 is ln 2", "D = 0.5 で discriminatorLoss = ln 2"),
                () -> compare.agrees(
                        "discriminatorLoss(zeros (2, 1, 2, 2), zeros (2, 1, 2, 2))",
                        m.create(Math.log(2)),
                        studentLoss.discriminatorLoss(zeros.duplicate(), zeros.duplicate()),
                        Tolerance.FLOAT64));
        context.part(
                1,
                "generatorLoss(zeros, fake, target, 100) = ln 2 + 50",
                () -> compare.agrees(
                        "generatorLoss(zeros, fake, target, lambda=100)",
                        m.create(Math.log(2) + 50),
                        studentLoss.generatorLoss(zeros.duplicate(), fake.duplicate(), target.duplicate(), 100),
                        Tolerance.FLOAT64,
                        shown));
        context.part(1, "generatorLossGrad(zeros, fake, target, 100)", () -> {
            NDList g = studentLoss.generatorLossGrad(zeros.duplicate(), fake.duplicate(), target.duplicate(), 100);
            if (g == null || g.size() != 2) {
                throw new AssertionError("generatorLossGrad must return NDList(dLogits, dFake)");
            }
            compare.agrees(
                    "generatorLossGrad(zeros, fake, target, lambda=100)[0] (dLogits)",
                    m.full(new Shape(2, 1, 2, 2), -0.0625f, DataType.FLOAT64),
                    g.get(0),
                    Tolerance.FLOAT64,
                    shown);
            compare.agrees(
                    "generatorLossGrad(zeros, fake, target, lambda=100)[1] (dFake; sign(0) = 0)",
                    m.create(new double[] {25, -25, 0, -25}, new Shape(1, 1, 2, 2)),
                    g.get(1),
                    Tolerance.FLOAT64,
                    shown);
        });
    }

    @Order(2)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"oneHot"},
            timeLimitSeconds = 20,
            nameJa = "oneHot が生成したラベル (int64, int32, uint8) で参照実装と一致する")
    @DisplayName("oneHot agrees with the reference on generated labels (int64, int32, uint8)")
    void oneHotAgreesWithTheReference(
            @Student ConditioningApi student, @Reference ConditioningApi reference, GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        // One class only (every label 0) is valid: K >= 1.
        context.forAll(ConditioningCases.of(context.language()))
                .examples(new ConditioningCase(3, 1, 2, 1, 1, 2, 2, DataType.INT64, true, 1L))
                .tries(TRIES)
                .check(
                        context.text(
                                "row n of oneHot(labels, K) has 1 in column labels[n] and 0 elsewhere",
                                "oneHot(labels, K) の n 行目は labels[n] 列が 1、他は 0"),
                        (c, m) -> checks.oneHotAgrees(c, m, DataType.FLOAT64));
    }

    @Order(3)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"withLabels"},
            timeLimitSeconds = 20,
            nameJa = "withLabels (生成器の入力 [z, y]) が参照実装と一致する")
    @DisplayName("withLabels (the generator's input [z, y]) agrees with the reference")
    void withLabelsAgreesWithTheReference(
            @Student ConditioningApi student, @Reference ConditioningApi reference, GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        context.forAll(ConditioningCases.of(context.language()))
                .tries(TRIES)
                .check(
                        context.text(
                                "withLabels(z, y) = the columns of z, then the columns of y",
                                "withLabels(z, y) = z の列、続いて y の列"),
                        checks::withLabelsAgrees);
    }

    @Order(4)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"labelPlanes"},
            timeLimitSeconds = 20,
            nameJa = "labelPlanes (識別器の入力: 画像のあとにクラスごとの定数の面) が参照実装と一致する")
    @DisplayName(
            "labelPlanes (the discriminator's input: the image, then one constant plane per class) agrees with the reference")
    void labelPlanesAgreesWithTheReference(
            @Student ConditioningApi student, @Reference ConditioningApi reference, GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        context.forAll(ConditioningCases.of(context.language()))
                .tries(TRIES)
                .check(
                        context.text(
                                "labelPlanes(x, y)[n, C + k] is a plane filled with y[n, k]",
                                "labelPlanes(x, y)[n, C + k] は y[n, k] で埋めた面"),
                        (c, m) -> checks.labelPlanesAgrees(c, m, false));
    }

    @Order(5)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"labelPlanes", "soft-labels"},
            timeLimitSeconds = 20,
            nameJa = "labelPlanes は one-hot でないラベル (ラベル平滑化) の値もそのまま面にする (参照実装と一致)")
    @DisplayName("labelPlanes copies label values that are not one-hot (smoothed labels) into the planes as they are")
    void labelPlanesCopiesSmoothedLabels(
            @Student ConditioningApi student, @Reference ConditioningApi reference, GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        context.forAll(ConditioningCases.of(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "plane C + k of sample n is filled with y[n, k], whatever its value (not only 0 or 1)",
                                "サンプル n の面 C + k は y[n, k] の値 (0 や 1 に限らない) で埋まる"),
                        (c, m) -> checks.labelPlanesAgrees(c, m, true));
    }

    @Order(6)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"pairs"},
            timeLimitSeconds = 20,
            nameJa = "pairs (pix2pix の識別器の入力: 条件画像のあとに画像) が参照実装と一致する")
    @DisplayName("pairs (pix2pix's discriminator input: the condition, then the image) agrees with the reference")
    void pairsAgreesWithTheReference(
            @Student ConditioningApi student, @Reference ConditioningApi reference, GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        context.forAll(ConditioningCases.of(context.language()))
                .tries(TRIES)
                .check(
                        context.text(
                                "pairs(condition, image) = the condition's channels, then the image's",
                                "pairs(condition, image) = 条件画像のチャンネル、続いて画像のチャンネル"),
                        checks::pairsAgrees);
    }

    @Order(7)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"discriminatorLoss"},
            timeLimitSeconds = 20,
            nameJa = "discriminatorLoss (½ (mean softplus(-real) + mean softplus(fake))) が PatchGAN のロジットで参照実装と一致する")
    @DisplayName(
            "discriminatorLoss (½ (mean softplus(-real) + mean softplus(fake))) agrees with the reference on PatchGAN logits")
    void discriminatorLossAgreesWithTheReference(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(ordinary(context, Ties.NONE))
                .tries(TRIES)
                .check(
                        context.text(
                                "discriminatorLoss = ½ (mean softplus(-real) + mean softplus(fake)), a 0-d array (pix2pix halves D's loss)",
                                "discriminatorLoss = ½ (mean softplus(-real) + mean softplus(fake)) (0 次元配列; pix2pix は D の損失を半分にする)"),
                        checks::discriminatorLossAgrees);
    }

    @Order(8)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"discriminatorLossGrad"},
            timeLimitSeconds = 20,
            nameJa = "discriminatorLossGrad が閉形式 (½ (sigmoid(real) - 1) / |real|, ½ sigmoid(fake) / |fake|) の参照実装と一致する")
    @DisplayName(
            "discriminatorLossGrad agrees with the reference's closed form (½ (sigmoid(real) - 1) / |real|, ½ sigmoid(fake) / |fake|)")
    void discriminatorLossGradAgreesWithTheReference(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(ordinary(context, Ties.NONE))
                .tries(TRIES)
                .check(
                        context.text(
                                "dReal = ½ (sigmoid(real) - 1) / |real|, dFake = ½ sigmoid(fake) / |fake|",
                                "dReal = ½ (sigmoid(real) - 1) / |real|, dFake = ½ sigmoid(fake) / |fake|"),
                        checks::discriminatorGradAgrees);
    }

    @Order(9)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"generatorLoss"},
            timeLimitSeconds = 20,
            nameJa = "generatorLoss (mean softplus(-fake) + λ mean |fake - target|) が参照実装と一致する")
    @DisplayName("generatorLoss (mean softplus(-fake) + λ mean |fake - target|) agrees with the reference")
    void generatorLossAgreesWithTheReference(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(ordinary(context, Ties.SOME))
                .tries(TRIES)
                .check(
                        context.text(
                                "generatorLoss = mean softplus(-fakeLogits) + lambda * mean |fake - target|, a 0-d array",
                                "generatorLoss = mean softplus(-fakeLogits) + lambda * mean |fake - target| (0 次元配列)"),
                        checks::generatorLossAgrees);
    }

    @Order(10)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"generatorLossGrad"},
            timeLimitSeconds = 20,
            nameJa = "generatorLossGrad が閉形式 ((sigmoid(f) - 1) / |f|, λ sign(fake - target) / |fake|) の参照実装と一致する")
    @DisplayName(
            "generatorLossGrad agrees with the reference's closed form ((sigmoid(f) - 1) / |f|, λ sign(fake - target) / |fake|)")
    void generatorLossGradAgreesWithTheReference(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(ordinary(context, Ties.NONE))
                .tries(TRIES)
                .check(
                        context.text(
                                "dLogits = (sigmoid(fakeLogits) - 1) / |fakeLogits|, dFake = lambda * sign(fake - target) / |fake|",
                                "dLogits = (sigmoid(fakeLogits) - 1) / |fakeLogits|, dFake = lambda * sign(fake - target) / |fake|"),
                        (c, m) -> checks.generatorGradAgrees(c, m, false));
    }

    @Order(11)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"generatorLossGrad", "subgradient"},
            timeLimitSeconds = 20,
            nameJa = "fake = target の画素で L1 の劣勾配 dFake が 0 になる (sign(0) = 0)")
    @DisplayName("Where fake = target the L1 subgradient dFake is 0 (sign(0) = 0)")
    void l1SubgradientIsZeroWhereFakeEqualsTarget(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(ordinary(context, Ties.SOME).positiveLambda())
                .tries(20)
                .check(
                        context.text(
                                "dFake is exactly 0 at the pixels where fake = target, and not 0 everywhere",
                                "fake = target の画素で dFake がちょうど 0 (すべてが 0 ではない)"),
                        checks::subgradientAtTiesIsZero);
    }

    @Order(12)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"discriminatorLossGrad", "generatorLossGrad", "gradient-check"},
            timeLimitSeconds = 60,
            nameJa = "4 つの勾配が自分の損失関数の数値微分と一致する (ロジット |t| ≤ 4, |fake - target| ≥ 0.05)")
    @DisplayName(
            "The four gradients match numerical gradients of your own losses (logits |t| <= 4, |fake - target| >= 0.05)")
    void gradientsMatchNumericalGradientsOfYourLosses(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(moderate(context, Ties.NONE).positiveLambda().small())
                .tries(10)
                .check(
                        context.text(
                                "each gradient is the derivative of its loss (centred differences, relative error <= 1e-6)",
                                "各勾配が損失の微分に一致 (中心差分, 相対誤差 1e-6 以下)"),
                        checks::gradientsMatchOwnLosses);
    }

    @Order(13)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"discriminatorLoss", "discriminatorLossGrad", "stability"},
            timeLimitSeconds = 20,
            nameJa = "discriminatorLoss とその勾配がロジット ±1e4 でも有限で、参照実装と一致する")
    @DisplayName("discriminatorLoss and its gradient stay finite and agree with the reference for logits of +-1e4")
    void discriminatorIsStableForExtremeLogits(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(PatchCases.of(context.language(), Ties.NONE, Values.EXTREME))
                .tries(20)
                .check(
                        context.text(
                                "finite and exact for logits of +-1e4 (log(sigmoid(t)) is -Infinity and exp(t) overflows there)",
                                "ロジット ±1e4 でも有限で正確 (そこでは log(sigmoid(t)) は -Infinity, exp(t) は溢れる)"),
                        (c, m) -> {
                            checks.discriminatorLossAgrees(c, m);
                            checks.discriminatorGradAgrees(c, m);
                        });
    }

    @Order(14)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"generatorLoss", "generatorLossGrad", "stability"},
            timeLimitSeconds = 20,
            nameJa = "generatorLoss と dLogits がロジット ±1e4 でも有限で、参照実装と一致する")
    @DisplayName("generatorLoss and dLogits stay finite and agree with the reference for logits of +-1e4")
    void generatorIsStableForExtremeLogits(
            @Student Pix2PixLossApi student, @Reference Pix2PixLossApi reference, GradingContext context) {
        Pix2PixLossChecks checks = losses(student, reference, context);
        context.forAll(PatchCases.of(context.language(), Ties.NONE, Values.EXTREME))
                .tries(20)
                .check(context.text("finite and exact for logits of +-1e4", "ロジット ±1e4 でも有限で正確"), (c, m) -> {
                    checks.generatorLossAgrees(c, m);
                    checks.generatorGradAgrees(c, m, true);
                });
    }

    @Order(15)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"dtype"},
            timeLimitSeconds = 20,
            nameJa = "dtype を守る: oneHot は指定の dtype, 他は第 1 引数の dtype (float32), 勾配はその配列の dtype (結果は入力に依存すること)")
    @DisplayName(
            "dtypes are kept: oneHot returns the requested one, the others the first argument's (float32), gradients their array's (results depend on the input)")
    void dtypesAreKept(
            @Student ConditioningApi student,
            @Reference ConditioningApi reference,
            @Student Pix2PixLossApi studentLoss,
            @Reference Pix2PixLossApi referenceLoss,
            GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        Pix2PixLossChecks lossChecks = losses(studentLoss, referenceLoss, context);
        context.part(
                1,
                "Conditioning",
                () -> context.forAll(ConditioningCases.batches(context.language()))
                        .tries(8)
                        .check(
                                context.text(
                                        "float32 in, float32 out; oneHot in the requested dtype",
                                        "float32 の入力に float32 の出力; oneHot は指定の dtype"),
                                checks::keepDtype));
        context.part(
                1,
                "Pix2PixLoss",
                () -> context.forAll(moderate(context, Ties.NONE).positiveLambda())
                        .tries(8)
                        .check(
                                context.text(
                                        "float32 logits and images give float32 losses and gradients",
                                        "float32 のロジットと画像に float32 の損失と勾配"),
                                lossChecks::keepDtype));
    }

    @Order(16)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 20,
            nameJa = "どのメソッドも引数を書き換えない (結果は入力に依存すること)")
    @DisplayName("No method modifies its arguments (and every result depends on its input)")
    void inputsAreNotModified(
            @Student ConditioningApi student,
            @Reference ConditioningApi reference,
            @Student Pix2PixLossApi studentLoss,
            @Reference Pix2PixLossApi referenceLoss,
            GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        Pix2PixLossChecks lossChecks = losses(studentLoss, referenceLoss, context);
        context.part(
                1,
                "Conditioning",
                () -> context.forAll(ConditioningCases.batches(context.language()))
                        .tries(8)
                        .check(
                                context.text("Conditioning leaves its arguments unchanged", "Conditioning が引数を書き換えない"),
                                checks::leaveInputsUnchanged));
        context.part(
                1,
                "Pix2PixLoss",
                () -> context.forAll(ordinary(context, Ties.SOME).positiveLambda())
                        .tries(8)
                        .check(
                                context.text("Pix2PixLoss leaves its arguments unchanged", "Pix2PixLoss が引数を書き換えない"),
                                lossChecks::leaveInputsUnchanged));
    }

    @Order(17)
    @Graded(
            points = 2,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"validation"},
            timeLimitSeconds = 20,
            nameJa = "不正な引数 (範囲外や整数でないラベル, 形の合わない配列, 負の λ) を IllegalArgumentException で拒否する (最も近い正しい呼び出しは入力に依存する結果を返す)")
    @DisplayName(
            "Invalid arguments (labels out of range or not integers, arrays whose shapes do not fit, a negative lambda) are rejected with IllegalArgumentException (the nearest valid call returns a result that depends on its input)")
    void invalidArgumentsAreRejected(
            @Student ConditioningApi student,
            @Reference ConditioningApi reference,
            @Student Pix2PixLossApi studentLoss,
            GradingContext context) {
        ConditioningChecks checks = conditioning(student, reference, context);
        NDManager m = context.manager();
        NDArray labels = m.create(new long[] {0, 2, 1});
        context.part(1, "oneHot", () -> {
            checks.rejects(
                    "oneHot([0, 2, 3], classes=3, FLOAT64)",
                    () -> student.oneHot(m.create(new long[] {0, 2, 3}), 3, DataType.FLOAT64));
            checks.rejects(
                    "oneHot([0, -1, 1], classes=3, FLOAT64)",
                    () -> student.oneHot(m.create(new long[] {0, -1, 1}), 3, DataType.FLOAT64));
            checks.rejects(
                    "oneHot(float64 labels [0, 2, 1], classes=3, FLOAT64)",
                    () -> student.oneHot(labels.toType(DataType.FLOAT64, false), 3, DataType.FLOAT64));
            checks.rejects(
                    "oneHot(labels of shape (3, 1), classes=3, FLOAT64)",
                    () -> student.oneHot(labels.reshape(3, 1), 3, DataType.FLOAT64));
            checks.rejects(
                    "oneHot([0, 0], classes=0, FLOAT64)",
                    () -> student.oneHot(m.create(new long[] {0, 0}), 0, DataType.FLOAT64));
            checks.nearestValidDependsOnInput(
                    "oneHot(labels, classes=3, FLOAT64)",
                    student.oneHot(labels.duplicate(), 3, DataType.FLOAT64),
                    student.oneHot(m.create(new long[] {1, 2, 0}), 3, DataType.FLOAT64));
        });
        NDArray y = m.create(new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, new Shape(3, 3));
        context.part(1, "withLabels, labelPlanes", () -> {
            NDArray z = m.create(new double[] {0.5, -1, 2, 0, 1.5, -0.5}, new Shape(3, 2));
            checks.rejects(
                    "withLabels(z (2, 2), oneHot (3, 3))", () -> student.withLabels(z.get("0:2"), y.duplicate()));
            checks.rejects("withLabels(z (3), oneHot (3, 3))", () -> student.withLabels(z.get(":, 0"), y.duplicate()));
            checks.rejects("withLabels(z (3, 2), oneHot (3))", () -> student.withLabels(z.duplicate(), y.get(":, 0")));
            NDArray images = m.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new Shape(3, 1, 2, 2));
            checks.rejects(
                    "labelPlanes(images (2, 1, 2, 2), oneHot (3, 3))",
                    () -> student.labelPlanes(images.get("0:2"), y.duplicate()));
            checks.rejects(
                    "labelPlanes(images (3, 4), oneHot (3, 3))",
                    () -> student.labelPlanes(images.reshape(3, 4), y.duplicate()));
            checks.rejects(
                    "labelPlanes(images (3, 1, 2, 2), oneHot (3))",
                    () -> student.labelPlanes(images.duplicate(), y.get(":, 0")));
            checks.nearestValidDependsOnInput(
                    "withLabels(z (3, 2), oneHot (3, 3))",
                    student.withLabels(z.duplicate(), y.duplicate()),
                    student.withLabels(z.add(1), y.duplicate()));
            checks.nearestValidDependsOnInput(
                    "labelPlanes(images (3, 1, 2, 2), oneHot (3, 3))",
                    student.labelPlanes(images.duplicate(), y.duplicate()),
                    student.labelPlanes(images.add(1), y.duplicate()));
        });
        context.part(1, "pairs", () -> {
            NDArray a = m.create(new double[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
            NDArray b = m.create(new double[] {6, 5, 4, 3, 2, 1}, new Shape(1, 1, 2, 3));
            checks.rejects(
                    "pairs(condition (1, 1, 2, 3), image (1, 1, 3, 2))",
                    () -> student.pairs(a.duplicate(), b.reshape(1, 1, 3, 2)));
            checks.rejects(
                    "pairs(condition (1, 1, 2, 3), image (2, 1, 2, 3))",
                    () -> student.pairs(a.duplicate(), b.concat(b, 0)));
            // 3-d arrays whose first axes match the other's N, C, H: only a rank check tells them apart.
            checks.rejects(
                    "pairs(condition (1, 1, 2), image (1, 1, 2, 3))",
                    () -> student.pairs(a.get(":, :, :, 0"), b.duplicate()));
            checks.rejects(
                    "pairs(condition (1, 1, 2, 3), image (1, 1, 2))",
                    () -> student.pairs(a.duplicate(), b.get(":, :, :, 0")));
            checks.nearestValidDependsOnInput(
                    "pairs(condition (1, 1, 2, 3), image (1, 1, 2, 3))",
                    student.pairs(a.duplicate(), b.duplicate()),
                    student.pairs(a.add(1), b.duplicate()));
        });
        context.part(1, "generatorLoss, generatorLossGrad", () -> {
            NDArray logits = m.create(new double[] {0.5, -1, 2, 0}, new Shape(1, 1, 2, 2));
            NDArray fake = m.create(new double[] {0.25, -0.5, 0.75, 0.5, -0.25, 0}, new Shape(1, 1, 2, 3));
            NDArray target = fake.neg();
            checks.rejects(
                    "generatorLoss(fakeLogits, fake (1, 1, 2, 3), target (1, 1, 3, 2), lambda=1)",
                    () -> studentLoss.generatorLoss(
                            logits.duplicate(), fake.duplicate(), target.reshape(1, 1, 3, 2), 1));
            checks.rejects(
                    "generatorLossGrad(fakeLogits, fake (1, 1, 2, 3), target (1, 1, 3, 2), lambda=1)",
                    () -> studentLoss.generatorLossGrad(
                            logits.duplicate(), fake.duplicate(), target.reshape(1, 1, 3, 2), 1));
            for (double lambda : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
                checks.rejects(
                        "generatorLoss(..., lambda=" + lambda + ")",
                        () -> studentLoss.generatorLoss(
                                logits.duplicate(), fake.duplicate(), target.duplicate(), lambda));
                checks.rejects(
                        "generatorLossGrad(..., lambda=" + lambda + ")",
                        () -> studentLoss.generatorLossGrad(
                                logits.duplicate(), fake.duplicate(), target.duplicate(), lambda));
            }
            checks.nearestValidDependsOnInput(
                    "generatorLoss(fakeLogits, fake, target, lambda=1)",
                    studentLoss.generatorLoss(logits.duplicate(), fake.duplicate(), target.duplicate(), 1),
                    studentLoss.generatorLoss(logits.add(1), fake.duplicate(), target.duplicate(), 1));
        });
    }
}
