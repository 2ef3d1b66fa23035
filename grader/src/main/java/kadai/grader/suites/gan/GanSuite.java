package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Gen;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.result.Visibility;
import kadai.grader.suite.Graded;
import kadai.grader.suite.GradingContext;
import kadai.grader.suite.Reference;
import kadai.grader.suite.Student;
import kadai.grader.suites.gan.LogitsCase.Values;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Grade {@code GanLoss} and {@code LeakyRelu} (lecture notes §5.6-5.8): the three losses from logits, their
 * closed-form gradients, numerical stability at logits of +-1e4, and the discriminator's leaky ReLU.
 *
 * <p>Value tests compare each method with the reference; a loss that returns the value at D = 0.5
 * (2 ln 2) for every input, zeros, or any other constant scores nothing there. The structural
 * tests (immutability, dtype) check their own property plus non-degeneracy instead of agreement:
 * every result must depend on its inputs (docs/grading.md, "Partial credit follows the bug").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class GanSuite {

    private static final int TRIES = 30;

    private static GanChecks checks(GanLossApi student, GanLossApi reference, GradingContext context) {
        return new GanChecks(student, reference, context);
    }

    /** Logits of ordinary size: the losses are smooth, any values will do. */
    private static LogitsCases ordinary(GradingContext context) {
        return LogitsCases.of(context.language(), Values.SMALL_INTEGERS, Values.RANDOM, Values.WIDE);
    }

    /** Logits for gradient checks: |t| <= 4 keeps every gradient element well above rounding noise. */
    private static LogitsCases moderate(GradingContext context) {
        return LogitsCases.of(context.language(), Values.SMALL_INTEGERS, Values.RANDOM);
    }

    /** Return a case of small integer logits with batches of the given sizes. */
    private static LogitsCase integers(long real, long fake) {
        return new LogitsCase(new Shape(real), new Shape(fake), Values.SMALL_INTEGERS, 0);
    }

    @Order(1)
    @Graded(
            points = 3,
            visibility = Visibility.VISIBLE,
            tags = {"discriminatorLoss"},
            timeLimitSeconds = 20,
            nameJa = "discriminatorLoss が生成したロジットで参照実装と一致する (real と fake の大きさは異なりうる)")
    @DisplayName("discriminatorLoss agrees with the reference on generated logits (real and fake sizes may differ)")
    void discriminatorLossAgreesWithTheReference(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(ordinary(context))
                .tries(TRIES)
                .check(
                        context.text(
                                "discriminatorLoss = mean softplus(-real) + mean softplus(fake), a 0-d array",
                                "discriminatorLoss = mean softplus(-real) + mean softplus(fake) (0 次元配列)"),
                        checks::discriminatorAgrees);
    }

    @Order(2)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"generatorLossSaturating"},
            timeLimitSeconds = 20,
            nameJa = "generatorLossSaturating (mean log(1 - D(G(z)))) が参照実装と一致する")
    @DisplayName("generatorLossSaturating (mean log(1 - D(G(z)))) agrees with the reference")
    void generatorLossSaturatingAgreesWithTheReference(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(ordinary(context))
                .tries(TRIES)
                .check(
                        context.text(
                                "generatorLossSaturating = mean log(1 - sigmoid(fake)) = -mean softplus(fake)",
                                "generatorLossSaturating = mean log(1 - sigmoid(fake)) = -mean softplus(fake)"),
                        checks::saturatingAgrees);
    }

    @Order(3)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"generatorLossNonSaturating"},
            timeLimitSeconds = 20,
            nameJa = "generatorLossNonSaturating (-mean log D(G(z))) が参照実装と一致する")
    @DisplayName("generatorLossNonSaturating (-mean log D(G(z))) agrees with the reference")
    void generatorLossNonSaturatingAgreesWithTheReference(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(ordinary(context))
                .tries(TRIES)
                .check(
                        context.text(
                                "generatorLossNonSaturating = -mean log sigmoid(fake) = mean softplus(-fake)",
                                "generatorLossNonSaturating = -mean log sigmoid(fake) = mean softplus(-fake)"),
                        checks::nonSaturatingAgrees);
    }

    @Order(4)
    @Graded(
            points = 1,
            visibility = Visibility.VISIBLE,
            tags = {"discriminatorLoss", "generatorLoss", "golden"},
            timeLimitSeconds = 20,
            nameJa = "D = 0.5 (ロジット 0) で識別器の損失が 2 ln 2、生成器の損失が -ln 2 と ln 2 になる (参照実装との一致も必要)")
    @DisplayName(
            "At D = 0.5 (zero logits) the discriminator loss is 2 ln 2 and the generator losses -ln 2 and ln 2 (and all agree with the reference)")
    void lossesAtHalfAreTwoLnTwoAndLnTwo(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        NDManager m = context.manager();
        double ln2 = Math.log(2);
        for (long[] sizes : new long[][] {{4, 4}, {3, 5}, {1, 2}}) {
            NDArray real = m.zeros(new Shape(sizes[0]), DataType.FLOAT64);
            NDArray fake = m.zeros(new Shape(sizes[1]), DataType.FLOAT64);
            Shown[] shown = {Shown.of("real", real), Shown.of("fake", fake)};
            context.compare()
                    .agrees(
                            GanChecks.D_LOSS,
                            m.create(2 * ln2),
                            student.discriminatorLoss(real.duplicate(), fake.duplicate()),
                            Tolerance.FLOAT64,
                            shown);
            context.compare()
                    .agrees(
                            GanChecks.G_SAT,
                            m.create(-ln2),
                            student.generatorLossSaturating(fake.duplicate()),
                            Tolerance.FLOAT64,
                            shown);
            context.compare()
                    .agrees(
                            GanChecks.G_NONSAT,
                            m.create(ln2),
                            student.generatorLossNonSaturating(fake.duplicate()),
                            Tolerance.FLOAT64,
                            shown);
        }
        context.forAll(ordinary(context))
                .examples(integers(2, 3))
                .tries(10)
                .check(
                        context.text("the three losses agree with the reference", "3 つの損失が参照実装と一致する"),
                        checks::lossesAgree);
    }

    @Order(5)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"discriminatorLoss", "generatorLoss", "stability"},
            timeLimitSeconds = 20,
            nameJa = "3 つの損失がロジット ±1e4 でも有限で、参照実装と一致する (数値的安定性)")
    @DisplayName("The three losses stay finite and agree with the reference for logits of +-1e4 (numerical stability)")
    void lossesAreStableForExtremeLogits(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(LogitsCases.of(context.language(), Values.EXTREME))
                .tries(TRIES)
                .check(
                        context.text(
                                "the losses are finite and exact for logits of +-1e4 (log(sigmoid(t)) is -Infinity there;"
                                        + " use softplus(t) = max(t, 0) + log(1 + exp(-|t|)))",
                                "ロジット ±1e4 でも損失が有限で正確 (log(sigmoid(t)) はそこで -Infinity; softplus(t) = max(t, 0) + log(1 + exp(-|t|)) を使う)"),
                        checks::lossesAgree);
    }

    @Order(6)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"discriminatorLossGrad", "gradient-check"},
            timeLimitSeconds = 30,
            nameJa = "discriminatorLossGrad が閉形式 ((sigmoid(real) - 1) / |real|, sigmoid(fake) / |fake|) および数値微分と一致する")
    @DisplayName(
            "discriminatorLossGrad agrees with the closed form ((sigmoid(real) - 1) / |real|, sigmoid(fake) / |fake|) and the numerical gradient")
    void discriminatorLossGradIsTheGradient(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(moderate(context))
                .tries(15)
                .check(
                        context.text(
                                "discriminatorLossGrad is the gradient of discriminatorLoss (the mean: divide by each batch's size)",
                                "discriminatorLossGrad が discriminatorLoss の勾配 (平均なので各バッチの大きさで割る)"),
                        (c, m) -> checks.discriminatorGradAgrees(c, m, true));
    }

    @Order(7)
    @Graded(
            points = 2,
            visibility = Visibility.HIDDEN,
            tags = {"generatorLossGrad", "gradient-check"},
            timeLimitSeconds = 30,
            nameJa = "生成器の損失の勾配 (Saturating / NonSaturating) が閉形式および数値微分と一致する")
    @DisplayName(
            "The generator losses' gradients (saturating and non-saturating) agree with the closed form and the numerical gradient")
    void generatorLossGradsAreTheGradients(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(moderate(context))
                .tries(15)
                .check(
                        context.text(
                                "-sigmoid(fake) / |fake| and (sigmoid(fake) - 1) / |fake| are the gradients of the generator losses",
                                "-sigmoid(fake) / |fake| と (sigmoid(fake) - 1) / |fake| が生成器の損失の勾配"),
                        (c, m) -> {
                            checks.saturatingGradAgrees(c, m, true);
                            checks.nonSaturatingGradAgrees(c, m, true);
                        });
    }

    @Order(8)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"generatorLoss", "saturation"},
            timeLimitSeconds = 20,
            nameJa = "D(G(z)) が 0 に近いとき、Saturating の勾配は消え NonSaturating の勾配は残る (両者の区別)")
    @DisplayName(
            "When D(G(z)) is close to 0 the saturating gradient vanishes and the non-saturating one does not (the two are told apart)")
    void saturatingAndNonSaturatingAreToldApart(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(LogitsCases.of(context.language(), Values.CONFIDENT_FAKE))
                .tries(15)
                .check(
                        context.text(
                                "for fake logits in [-12, -4): saturating loss ~ -D(G(z)) with gradient ~ -D/|fake| (vanishes),"
                                        + " non-saturating loss ~ -log D(G(z)) with gradient ~ -1/|fake|",
                                "fake ロジットが [-12, -4) のとき: Saturating の損失 ~ -D(G(z)), 勾配 ~ -D/|fake| (消える);"
                                        + " NonSaturating の損失 ~ -log D(G(z)), 勾配 ~ -1/|fake|"),
                        (c, m) -> {
                            checks.saturatingAgrees(c, m);
                            checks.nonSaturatingAgrees(c, m);
                            checks.saturatingGradAgrees(c, m, false);
                            checks.nonSaturatingGradAgrees(c, m, false);
                        });
    }

    @Order(9)
    @Graded(
            points = 1,
            visibility = Visibility.HIDDEN,
            tags = {"discriminatorLossGrad", "generatorLossGrad", "stability"},
            timeLimitSeconds = 20,
            nameJa = "すべての勾配がロジット ±1e4 でも有限で、参照実装と一致する")
    @DisplayName("Every gradient stays finite and agrees with the reference for logits of +-1e4")
    void gradientsAreStableForExtremeLogits(
            @Student GanLossApi student, @Reference GanLossApi reference, GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        context.forAll(LogitsCases.of(context.language(), Values.EXTREME))
                .tries(20)
                .check(
                        context.text(
                                "the gradients are finite and exact for logits of +-1e4 (exp(1e4) overflows to Infinity)",
                                "ロジット ±1e4 でも勾配が有限で正確 (exp(1e4) は Infinity に溢れる)"),
                        (c, m) -> {
                            checks.discriminatorGradAgrees(c, m, false);
                            checks.saturatingGradAgrees(c, m, false);
                            checks.nonSaturatingGradAgrees(c, m, false);
                        });
    }

    @Order(10)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"LeakyRelu", "forward"},
            timeLimitSeconds = 20,
            nameJa = "LeakyRelu.forward が参照実装と 1e-12 の精度で一致する (alpha は double のまま)")
    @DisplayName("LeakyRelu.forward agrees with the reference to 1e-12 (alpha kept as a double)")
    void leakyReluForwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        LeakyReluChecks checks = new LeakyReluChecks(student, reference, context);
        context.forAll(new ActivationCases(context.language()))
                .tries(TRIES)
                .check(
                        context.text(
                                "LeakyRelu.forward = x where x > 0, alpha * x elsewhere, to 1e-12 (Activation.leakyRelu"
                                        + " takes a float alpha: 0.01f = 0.0099999998, off by ~2e-8)",
                                "LeakyRelu.forward = x (x > 0), alpha * x (それ以外) を 1e-12 の精度で (Activation.leakyRelu は float の"
                                        + " alpha を取るので 0.01f = 0.0099999998 となり ~2e-8 ずれる)"),
                        checks::forwardAgrees);
    }

    @Order(11)
    @Graded(
            points = 2,
            visibility = Visibility.VISIBLE,
            tags = {"LeakyRelu", "backward", "gradient-check"},
            timeLimitSeconds = 30,
            nameJa = "LeakyRelu.backward が参照実装および数値微分と一致する")
    @DisplayName("LeakyRelu.backward agrees with the reference and with the numerical gradient")
    void leakyReluBackwardAgreesWithTheReference(
            @Student StudentCode student, @Reference StudentCode reference, GradingContext context) {
        LeakyReluChecks checks = new LeakyReluChecks(student, reference, context);
        context.forAll(new ActivationCases(context.language()))
                .tries(20)
                .check(
                        context.text(
                                "LeakyRelu.backward = dout where the input x was > 0, alpha * dout elsewhere",
                                "LeakyRelu.backward = dout (入力 x > 0 の位置), alpha * dout (それ以外)"),
                        (c, m) -> checks.backwardAgrees(c, m, true));
    }

    @Order(12)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"immutability"},
            timeLimitSeconds = 20,
            nameJa = "GanLoss と LeakyRelu が入力を書き換えない (結果は入力に依存すること)")
    @DisplayName("GanLoss and LeakyRelu leave their inputs unchanged (and their results depend on their inputs)")
    void inputsAreNotModified(
            @Student GanLossApi student,
            @Reference GanLossApi reference,
            @Student StudentCode studentCode,
            @Reference StudentCode referenceCode,
            GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        LeakyReluChecks leaky = new LeakyReluChecks(studentCode, referenceCode, context);
        context.forAll(plainLogits(context))
                .tries(10)
                .check(context.text("GanLoss does not modify the logits", "GanLoss がロジットを書き換えない"), (c, m) -> {
                    checks.leaveInputsUnchanged(c, m);
                    checks.dependsOnLogits(c, m);
                });
        context.forAll(plainActivations(context))
                .tries(10)
                .check(
                        context.text("LeakyRelu does not modify x or dout", "LeakyRelu が x と dout を書き換えない"),
                        leaky::leaveInputsUnchanged);
    }

    @Order(13)
    @Graded(
            points = 1,
            visibility = Visibility.AFTER_DUE_DATE,
            tags = {"dtype"},
            timeLimitSeconds = 20,
            nameJa = "GanLoss と LeakyRelu が入力の dtype (float64, float32) を保つ (結果は入力に依存すること)")
    @DisplayName(
            "GanLoss and LeakyRelu keep the input's dtype (float64 and float32; and their results depend on their inputs)")
    void dtypeIsPreserved(
            @Student GanLossApi student,
            @Reference GanLossApi reference,
            @Student StudentCode studentCode,
            @Reference StudentCode referenceCode,
            GradingContext context) {
        GanChecks checks = checks(student, reference, context);
        LeakyReluChecks leaky = new LeakyReluChecks(studentCode, referenceCode, context);
        context.forAll(plainLogits(context))
                .tries(8)
                .check(context.text("results keep the logits' dtype", "出力がロジットの dtype を保つ"), (c, m) -> {
                    checks.dependsOnLogits(c, m);
                    checks.keepDtype(c, m, DataType.FLOAT64);
                    checks.keepDtype(c, m, DataType.FLOAT32);
                });
        context.forAll(plainActivations(context))
                .tries(8)
                .check(context.text("LeakyRelu keeps the input's dtype", "LeakyRelu が入力の dtype を保つ"), (c, m) -> {
                    leaky.dependsOnInputs(c, m);
                    leaky.keepDtype(c, m, DataType.FLOAT64);
                    leaky.keepDtype(c, m, DataType.FLOAT32);
                });
    }

    /**
     * Logits for the structural tests: random doubles in [-4, 4) (no extremes: stability is another
     * test's business; no small integers: two draws of a small integer batch may coincide).
     */
    private static LogitsCases plainLogits(GradingContext context) {
        return LogitsCases.of(context.language(), Values.RANDOM);
    }

    /** Activations for the structural tests: random doubles (two draws never coincide). */
    private static Gen<ActivationCase> plainActivations(GradingContext context) {
        return new ActivationCases(context.language()).filter(c -> c.values() == ActivationCase.Values.RANDOM);
    }
}
