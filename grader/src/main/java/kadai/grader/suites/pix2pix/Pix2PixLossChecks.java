package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.suites.InvalidConfigurations;

/** The checks the pix2pix suite repeats on {@code Pix2PixLoss}: each loss and gradient against the reference on one case. */
final class Pix2PixLossChecks {

    /**
     * Threshold of the gradient checks: smooth functions of logits in [-4, 4] and an L1 term away
     * from its kink, so a right gradient is within ~1e-8 of the centred difference; a wrong one is
     * off by O(1).
     */
    static final double GRADIENT_THRESHOLD = 1e-6;

    static final String D_LOSS = "discriminatorLoss(real, fake)";
    static final String D_GRAD = "discriminatorLossGrad(real, fake)";

    private final Pix2PixLossApi student;
    private final Pix2PixLossApi reference;
    private final Compare compare;
    private final boolean ja;

    Pix2PixLossChecks(Pix2PixLossApi student, Pix2PixLossApi reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    static String gLossCall(PatchCase c) {
        return "generatorLoss(fakeLogits, fake, target, lambda=" + TensorText.number(c.lambda()) + ")";
    }

    static String gGradCall(PatchCase c) {
        return "generatorLossGrad(fakeLogits, fake, target, lambda=" + TensorText.number(c.lambda()) + ")";
    }

    private Shown[] discriminatorInputs(NDArray real, NDArray fake) {
        return new Shown[] {Shown.of("real", real), Shown.of("fake", fake)};
    }

    private Shown[] generatorInputs(NDArray logits, NDArray fake, NDArray target) {
        return new Shown[] {Shown.of("fakeLogits", logits), Shown.of("fake", fake), Shown.of("target", target)};
    }

    /** Check discriminatorLoss against the reference. */
    void discriminatorLossAgrees(PatchCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        agrees(
                D_LOSS,
                reference.discriminatorLoss(real.duplicate(), fake.duplicate()),
                student.discriminatorLoss(real.duplicate(), fake.duplicate()),
                discriminatorInputs(real, fake));
    }

    /** Check discriminatorLossGrad against the reference (the closed form ½ (sigmoid(r) - 1) / |r|, ½ sigmoid(f) / |f|). */
    void discriminatorGradAgrees(PatchCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        NDList expected = reference.discriminatorLossGrad(real.duplicate(), fake.duplicate());
        NDList actual =
                pair(D_GRAD, "NDList(dReal, dFake)", student.discriminatorLossGrad(real.duplicate(), fake.duplicate()));
        agrees(D_GRAD + "[0] (dReal)", expected.get(0), actual.get(0), discriminatorInputs(real, fake));
        agrees(D_GRAD + "[1] (dFake)", expected.get(1), actual.get(1), discriminatorInputs(real, fake));
    }

    /** Check generatorLoss against the reference. */
    void generatorLossAgrees(PatchCase c, NDManager m) {
        NDArray logits = c.fakeLogits(m);
        NDArray fake = c.generated(m);
        NDArray target = c.target(m);
        agrees(
                gLossCall(c),
                reference.generatorLoss(logits.duplicate(), fake.duplicate(), target.duplicate(), c.lambda()),
                student.generatorLoss(logits.duplicate(), fake.duplicate(), target.duplicate(), c.lambda()),
                generatorInputs(logits, fake, target));
    }

    /** Check generatorLossGrad against the reference: both parts, or only {@code dLogits} ({@code logitsOnly}). */
    void generatorGradAgrees(PatchCase c, NDManager m, boolean logitsOnly) {
        NDArray logits = c.fakeLogits(m);
        NDArray fake = c.generated(m);
        NDArray target = c.target(m);
        NDList expected =
                reference.generatorLossGrad(logits.duplicate(), fake.duplicate(), target.duplicate(), c.lambda());
        NDList actual = pair(
                gGradCall(c),
                "NDList(dLogits, dFake)",
                student.generatorLossGrad(logits.duplicate(), fake.duplicate(), target.duplicate(), c.lambda()));
        Shown[] shown = generatorInputs(logits, fake, target);
        agrees(gGradCall(c) + "[0] (dLogits)", expected.get(0), actual.get(0), shown);
        if (!logitsOnly) {
            agrees(gGradCall(c) + "[1] (dFake)", expected.get(1), actual.get(1), shown);
        }
    }

    /**
     * Check the L1 term's subgradient at its kink: dFake is exactly 0 wherever fake equals the
     * target, and not zero everywhere else (λ > 0 and some pixels differ), without asking for
     * agreement elsewhere (the gradient test is about that).
     */
    void subgradientAtTiesIsZero(PatchCase c, NDManager m) {
        NDArray logits = c.fakeLogits(m);
        NDArray fake = c.generated(m);
        NDArray target = c.target(m);
        NDList actual = pair(
                gGradCall(c),
                "NDList(dLogits, dFake)",
                student.generatorLossGrad(logits.duplicate(), fake.duplicate(), target.duplicate(), c.lambda()));
        NDArray dFake = actual.get(1);
        if (dFake == null || !dFake.getShape().equals(fake.getShape())) {
            throw new AssertionError(
                    gGradCall(c) + "[1] (dFake)" + (ja ? " の形状は fake と同じ " : " must have fake's shape ")
                            + TensorText.shape(fake.getShape()) + (ja ? " であるべきですが " : " but has ")
                            + (dFake == null ? "null" : TensorText.shape(dFake.getShape())));
        }
        double[] mask = c.tieMask(m).toDoubleArray();
        double[] d = Tensors.toDoubles(dFake);
        for (int i = 0; i < d.length; i++) {
            if (mask[i] == 1 && d[i] != 0) {
                NDArray expected = dFake.toType(DataType.FLOAT64, false)
                        .mul(c.tieMask(m).neg().add(1));
                throw new AssertionError(String.format(
                                Locale.ROOT,
                                ja
                                        ? "%s[1] (dFake) の要素 %d は fake = target (|fake - target| の折れ目) なので 0 であるべきですが %s でした。"
                                                + " PyTorch の L1 損失と同じく sign(0) = 0 の劣勾配を使います (x.sign() は 0 に 0 を返します)%n%s"
                                        : "%s[1] (dFake) at element %d must be 0 where fake = target (the kink of |fake - target|), but"
                                                + " it is %s. Use the subgradient sign(0) = 0, as PyTorch's L1 loss does (x.sign() gives 0 at 0)%n%s",
                                gGradCall(c),
                                i,
                                TensorText.number(d[i]),
                                shownText(generatorInputs(logits, fake, target)))
                        + (ja ? "  タイの位置を 0 にした値:\n" : "  your dFake with the tied elements set to 0:\n")
                        + TensorText.grid(expected, 4));
            }
        }
        NonDegenerate.nonZero(gGradCall(c) + "[1] (dFake)", dFake, ja);
    }

    /**
     * Check each gradient against centred differences of the student's own loss (smooth logits,
     * no ties), and that the losses and gradients depend on their inputs (zeros are consistent too).
     */
    void gradientsMatchOwnLosses(PatchCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray logits = c.fakeLogits(m);
        NDArray fake = c.generated(m);
        NDArray target = c.target(m);
        double lambda = c.lambda();
        NDList d = pair(
                D_GRAD, "NDList(dReal, dFake)", student.discriminatorLossGrad(real.duplicate(), logits.duplicate()));
        Shown[] dShown = discriminatorInputs(real, logits);
        compare.gradient(
                D_GRAD + "[0] (dReal)",
                d.get(0),
                GradientCheck.numericalGradient(r -> student.discriminatorLoss(r, logits.duplicate()), real, null),
                GRADIENT_THRESHOLD,
                dShown);
        compare.gradient(
                D_GRAD + "[1] (dFake)",
                d.get(1),
                GradientCheck.numericalGradient(f -> student.discriminatorLoss(real.duplicate(), f), logits, null),
                GRADIENT_THRESHOLD,
                dShown);
        NonDegenerate.nonZero(D_GRAD + "[0] (dReal)", d.get(0), ja);
        NDList g = pair(
                gGradCall(c),
                "NDList(dLogits, dFake)",
                student.generatorLossGrad(logits.duplicate(), fake.duplicate(), target.duplicate(), lambda));
        Shown[] gShown = generatorInputs(logits, fake, target);
        compare.gradient(
                gGradCall(c) + "[0] (dLogits)",
                g.get(0),
                GradientCheck.numericalGradient(
                        f -> student.generatorLoss(f, fake.duplicate(), target.duplicate(), lambda), logits, null),
                GRADIENT_THRESHOLD,
                gShown);
        compare.gradient(
                gGradCall(c) + "[1] (dFake)",
                g.get(1),
                GradientCheck.numericalGradient(
                        x -> student.generatorLoss(logits.duplicate(), x, target.duplicate(), lambda), fake, null),
                GRADIENT_THRESHOLD,
                gShown);
        NonDegenerate.nonZero(gGradCall(c) + "[0] (dLogits)", g.get(0), ja);
    }

    /** Check that every loss and gradient keeps the dtype of its argument (float32 in, float32 out) and depends on its input. */
    void keepDtype(PatchCase c, NDManager m) {
        NDArray real = c.realLogits(m).toType(DataType.FLOAT32, false);
        NDArray logits = c.fakeLogits(m).toType(DataType.FLOAT32, false);
        NDArray fake = c.generated(m).toType(DataType.FLOAT32, false);
        NDArray target = c.target(m).toType(DataType.FLOAT32, false);
        double lambda = c.lambda();
        NDArray loss = student.discriminatorLoss(real.duplicate(), logits.duplicate());
        compare.dtype(D_LOSS, DataType.FLOAT32, loss);
        NonDegenerate.differ(D_LOSS, loss, student.discriminatorLoss(real.add(1), logits.duplicate()), ja);
        NDList d = pair(
                D_GRAD, "NDList(dReal, dFake)", student.discriminatorLossGrad(real.duplicate(), logits.duplicate()));
        compare.dtype(D_GRAD + "[0] (dReal)", DataType.FLOAT32, d.get(0));
        compare.dtype(D_GRAD + "[1] (dFake)", DataType.FLOAT32, d.get(1));
        NonDegenerate.nonZero(D_GRAD + "[0] (dReal)", d.get(0), ja);
        NDArray g = student.generatorLoss(logits.duplicate(), fake.duplicate(), target.duplicate(), lambda);
        compare.dtype(gLossCall(c), DataType.FLOAT32, g);
        NonDegenerate.differ(
                gLossCall(c),
                g,
                student.generatorLoss(logits.add(1), fake.duplicate(), target.duplicate(), lambda),
                ja);
        NDList gg = pair(
                gGradCall(c),
                "NDList(dLogits, dFake)",
                student.generatorLossGrad(logits.duplicate(), fake.duplicate(), target.duplicate(), lambda));
        compare.dtype(gGradCall(c) + "[0] (dLogits)", DataType.FLOAT32, gg.get(0));
        compare.dtype(gGradCall(c) + "[1] (dFake)", DataType.FLOAT32, gg.get(1));
        NonDegenerate.nonZero(gGradCall(c) + "[0] (dLogits)", gg.get(0), ja);
    }

    /** Check that no method modifies its arguments, and that each result depends on its input. */
    void leaveInputsUnchanged(PatchCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray logits = c.fakeLogits(m);
        NDArray fake = c.generated(m);
        NDArray target = c.target(m);
        double lambda = c.lambda();
        NDArray r = real.duplicate();
        NDArray f = logits.duplicate();
        NDArray loss = student.discriminatorLoss(r, f);
        compare.unchanged(D_LOSS, "real", real, r);
        compare.unchanged(D_LOSS, "fake", logits, f);
        NonDegenerate.differ(D_LOSS, loss, student.discriminatorLoss(real.add(1), logits.duplicate()), ja);
        NDList d = student.discriminatorLossGrad(r, f);
        compare.unchanged(D_GRAD, "real", real, r);
        compare.unchanged(D_GRAD, "fake", logits, f);
        NonDegenerate.nonZero(
                D_GRAD + "[0] (dReal)", pair(D_GRAD, "NDList(dReal, dFake)", d).get(0), ja);
        NDArray x = fake.duplicate();
        NDArray y = target.duplicate();
        NDArray g = student.generatorLoss(f, x, y, lambda);
        compare.unchanged(gLossCall(c), "fakeLogits", logits, f);
        compare.unchanged(gLossCall(c), "fake", fake, x);
        compare.unchanged(gLossCall(c), "target", target, y);
        NonDegenerate.differ(
                gLossCall(c),
                g,
                student.generatorLoss(logits.add(1), fake.duplicate(), target.duplicate(), lambda),
                ja);
        NDList gg = student.generatorLossGrad(f, x, y, lambda);
        compare.unchanged(gGradCall(c), "fakeLogits", logits, f);
        compare.unchanged(gGradCall(c), "fake", fake, x);
        compare.unchanged(gGradCall(c), "target", target, y);
        NonDegenerate.nonZero(
                gGradCall(c) + "[0] (dLogits)",
                pair(gGradCall(c), "NDList(dLogits, dFake)", gg).get(0),
                ja);
    }

    /** Check that a call is refused with IllegalArgumentException. */
    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.CALL, ja, body);
    }

    /** Fail unless a gradient method returned two arrays. */
    private NDList pair(String call, String form, NDList actual) {
        if (actual == null || actual.size() != 2) {
            throw new AssertionError(call
                    + (ja
                            ? " は " + form + " の 2 つの配列を返すべきですが、" + (actual == null ? "null" : actual.size() + " 個")
                                    + " を返しました"
                            : " must return " + form + ", two arrays, but returned "
                                    + (actual == null ? "null" : actual.size() + " arrays")));
        }
        return actual;
    }

    /**
     * Compare with the reference, first failing with a plain statement when the result holds
     * Infinity or NaN (the usual symptom of log(sigmoid(t)) or exp(t) at large logits).
     */
    private void agrees(String call, NDArray expected, NDArray actual, Shown... inputs) {
        if (actual != null) {
            double[] values = Tensors.toDoubles(actual);
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new AssertionError(String.format(
                                    Locale.ROOT,
                                    ja
                                            ? "%s が有限でない値 %s を返しました (要素 %d)。ロジットが大きいと exp が溢れ、sigmoid が 0 や 1 に丸まって"
                                                    + " log が -Infinity になります。softplus(t) = max(t, 0) + log(1 + exp(-|t|)) を使ってください%n"
                                            : "%s returned %s (element %d), which is not finite. For large logits exp overflows and sigmoid rounds"
                                                    + " to 0 or 1, so log gives -Infinity: use softplus(t) = max(t, 0) + log(1 + exp(-|t|))%n",
                                    call,
                                    values[i],
                                    i)
                            + shownText(inputs)
                            + (ja ? "  期待値 " : "  expected ") + TensorText.shape(expected.getShape()) + ":\n"
                            + TensorText.grid(expected, 4));
                }
            }
        }
        compare.agrees(call, expected, actual, Tolerance.FLOAT64, inputs);
    }

    private static String shownText(Shown... inputs) {
        StringBuilder out = new StringBuilder();
        for (Shown s : inputs) {
            out.append("  ").append(s.name()).append(":\n").append(s.text());
        }
        return out.toString();
    }

    Pix2PixLossApi student() {
        return student;
    }
}
