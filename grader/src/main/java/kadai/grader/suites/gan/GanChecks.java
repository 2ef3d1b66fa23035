package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.property.Shown;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.SuiteChecks;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;

import java.util.Locale;
import java.util.function.Function;

/** The checks the gan suite repeats: each loss and gradient of {@code GanLoss} against the reference on one case. */
final class GanChecks extends SuiteChecks<GanLossApi> {

    /**
     * Threshold of the gradient checks of the losses: smooth functions, logits in [-4, 4], so a
     * right gradient is within ~1e-8 of the centred difference; a wrong one is off by O(1).
     */
    static final double LOSS_GRADIENT_THRESHOLD = 1e-6;

    static final String D_LOSS = "discriminatorLoss(real, fake)";
    static final String G_SAT = "generatorLossSaturating(fake)";
    static final String G_NONSAT = "generatorLossNonSaturating(fake)";
    static final String D_GRAD = "discriminatorLossGrad(real, fake)";
    static final String G_SAT_GRAD = "generatorLossSaturatingGrad(fake)";
    static final String G_NONSAT_GRAD = "generatorLossNonSaturatingGrad(fake)";

    GanChecks(GanLossApi student, GanLossApi reference, GradingContext context) {
        super(student, reference, context);
    }

    /** Check discriminatorLoss against the reference; return the student's loss. */
    NDArray discriminatorAgrees(LogitsCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        NDArray expected = reference.discriminatorLoss(real.duplicate(), fake.duplicate());
        NDArray actual = student.discriminatorLoss(real.duplicate(), fake.duplicate());
        agrees(D_LOSS, expected, actual, Tolerance.FLOAT64, Shown.of("real", real), Shown.of("fake", fake));
        return actual;
    }

    /** Check generatorLossSaturating against the reference. */
    NDArray saturatingAgrees(LogitsCase c, NDManager m) {
        NDArray fake = c.fakeLogits(m);
        NDArray actual = student.generatorLossSaturating(fake.duplicate());
        swapHint(() -> agrees(G_SAT, reference.generatorLossSaturating(fake.duplicate()), actual, Tolerance.FLOAT64,
                Shown.of("fake", fake)), reference.generatorLossNonSaturating(fake.duplicate()), actual, G_NONSAT);
        return actual;
    }

    /** Check generatorLossNonSaturating against the reference. */
    NDArray nonSaturatingAgrees(LogitsCase c, NDManager m) {
        NDArray fake = c.fakeLogits(m);
        NDArray actual = student.generatorLossNonSaturating(fake.duplicate());
        swapHint(() -> agrees(G_NONSAT, reference.generatorLossNonSaturating(fake.duplicate()), actual, Tolerance.FLOAT64,
                Shown.of("fake", fake)), reference.generatorLossSaturating(fake.duplicate()), actual, G_SAT);
        return actual;
    }

    /** Run a comparison; when it fails and the result is the other generator loss's value, say so. */
    private void swapHint(Runnable comparison, NDArray otherLoss, NDArray actual, String other) {
        try {
            comparison.run();
        } catch (AssertionError e) {
            if (actual != null && Tensors.compare(otherLoss, actual, Tolerance.FLOAT64.rtol(), Tolerance.FLOAT64.atol()) == null) {
                throw new AssertionError(e.getMessage() + (ja
                        ? "  あなたの値は " + other + " の値です: Saturating と NonSaturating が入れ替わっていませんか?\n"
                        : "  your value is the value of " + other + ": are the saturating and non-saturating losses swapped?\n"), e);
            }
            throw e;
        }
    }

    /** Check all three losses. */
    void lossesAgree(LogitsCase c, NDManager m) {
        discriminatorAgrees(c, m);
        saturatingAgrees(c, m);
        nonSaturatingAgrees(c, m);
    }

    /**
     * Check discriminatorLossGrad against the reference (the closed form (sigmoid(real) - 1) / |real|,
     * sigmoid(fake) / |fake|); with {@code numerical}, also against centred differences of the
     * student's own discriminatorLoss, which must agree with the reference.
     */
    void discriminatorGradAgrees(LogitsCase c, NDManager m, boolean numerical) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        NDList expected = reference.discriminatorLossGrad(real.duplicate(), fake.duplicate());
        NDList actual = student.discriminatorLossGrad(real.duplicate(), fake.duplicate());
        if (actual == null || actual.size() != 2) {
            throw new AssertionError(D_GRAD + (ja
                    ? " は NDList(dReal, dFake) の 2 つの配列を返すべきですが、" + (actual == null ? "null" : actual.size() + " 個")
                      + " を返しました"
                    : " must return NDList(dReal, dFake), two arrays, but returned " + (actual == null ? "null" : actual.size() + " arrays")));
        }
        Shown[] shown = {Shown.of("real", real), Shown.of("fake", fake)};
        agrees(D_GRAD + "[0] (dReal)", expected.get(0), actual.get(0), Tolerance.FLOAT64, shown);
        agrees(D_GRAD + "[1] (dFake)", expected.get(1), actual.get(1), Tolerance.FLOAT64, shown);
        if (numerical) {
            discriminatorAgrees(c, m);
            NDArray dReal = GradientCheck.numericalGradient(r -> student.discriminatorLoss(r, fake.duplicate()), real, null);
            NDArray dFake = GradientCheck.numericalGradient(f -> student.discriminatorLoss(real.duplicate(), f), fake, null);
            compare.gradient(D_GRAD + "[0] (dReal)", actual.get(0), dReal, LOSS_GRADIENT_THRESHOLD, shown);
            compare.gradient(D_GRAD + "[1] (dFake)", actual.get(1), dFake, LOSS_GRADIENT_THRESHOLD, shown);
        }
    }

    /** Check generatorLossSaturatingGrad (and, with {@code numerical}, against the student's own loss). */
    void saturatingGradAgrees(LogitsCase c, NDManager m, boolean numerical) {
        generatorGradAgrees(c, m, numerical, G_SAT_GRAD, reference::generatorLossSaturatingGrad,
                student::generatorLossSaturatingGrad, student::generatorLossSaturating, () -> saturatingAgrees(c, m));
    }

    /** Check generatorLossNonSaturatingGrad (and, with {@code numerical}, against the student's own loss). */
    void nonSaturatingGradAgrees(LogitsCase c, NDManager m, boolean numerical) {
        generatorGradAgrees(c, m, numerical, G_NONSAT_GRAD, reference::generatorLossNonSaturatingGrad,
                student::generatorLossNonSaturatingGrad, student::generatorLossNonSaturating, () -> nonSaturatingAgrees(c, m));
    }

    private void generatorGradAgrees(LogitsCase c, NDManager m, boolean numerical, String call,
                                     Function<NDArray, NDArray> referenceGrad, Function<NDArray, NDArray> studentGrad,
                                     Function<NDArray, NDArray> studentLoss, Runnable lossAgrees) {
        NDArray fake = c.fakeLogits(m);
        NDArray actual = studentGrad.apply(fake.duplicate());
        agrees(call, referenceGrad.apply(fake.duplicate()), actual, Tolerance.FLOAT64, Shown.of("fake", fake));
        if (numerical) {
            lossAgrees.run();
            NDArray dFake = GradientCheck.numericalGradient(studentLoss, fake, null);
            compare.gradient(call, actual, dFake, LOSS_GRADIENT_THRESHOLD, Shown.of("fake", fake));
        }
    }

    /** Check every loss and gradient on logits of {@code dtype}: same dtype out, values as the float64 reference. */
    void keepDtype(LogitsCase c, NDManager m, DataType dtype) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        NDArray r = real.toType(dtype, false);
        NDArray f = fake.toType(dtype, false);
        Tolerance tol = Tolerance.of(dtype);
        Shown[] shown = {Shown.of("real", r), Shown.of("fake", f)};
        NDArray loss = student.discriminatorLoss(r.duplicate(), f.duplicate());
        compare.dtype(D_LOSS, dtype, loss);
        agrees(D_LOSS, reference.discriminatorLoss(real.duplicate(), fake.duplicate()), loss, tol, shown);
        loss = student.generatorLossSaturating(f.duplicate());
        compare.dtype(G_SAT, dtype, loss);
        agrees(G_SAT, reference.generatorLossSaturating(fake.duplicate()), loss, tol, shown);
        loss = student.generatorLossNonSaturating(f.duplicate());
        compare.dtype(G_NONSAT, dtype, loss);
        agrees(G_NONSAT, reference.generatorLossNonSaturating(fake.duplicate()), loss, tol, shown);
        NDList grads = student.discriminatorLossGrad(r.duplicate(), f.duplicate());
        NDList expected = reference.discriminatorLossGrad(real.duplicate(), fake.duplicate());
        for (int i = 0; i < 2; i++) {
            compare.dtype(D_GRAD + "[" + i + "]", dtype, grads.get(i));
            agrees(D_GRAD + "[" + i + "]", expected.get(i), grads.get(i), tol, shown);
        }
        NDArray g = student.generatorLossSaturatingGrad(f.duplicate());
        compare.dtype(G_SAT_GRAD, dtype, g);
        agrees(G_SAT_GRAD, reference.generatorLossSaturatingGrad(fake.duplicate()), g, tol, shown);
        g = student.generatorLossNonSaturatingGrad(f.duplicate());
        compare.dtype(G_NONSAT_GRAD, dtype, g);
        agrees(G_NONSAT_GRAD, reference.generatorLossNonSaturatingGrad(fake.duplicate()), g, tol, shown);
    }

    /** Check that no method of GanLoss modifies its logits, and that each result agrees with the reference. */
    void leaveInputsUnchanged(LogitsCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        Shown[] shown = {Shown.of("real", real), Shown.of("fake", fake)};
        NDArray r = real.duplicate();
        NDArray f = fake.duplicate();
        NDArray loss = student.discriminatorLoss(r, f);
        compare.unchanged(D_LOSS, "real", real, r);
        compare.unchanged(D_LOSS, "fake", fake, f);
        agrees(D_LOSS, reference.discriminatorLoss(real.duplicate(), fake.duplicate()), loss, Tolerance.FLOAT64, shown);
        NDList grads = student.discriminatorLossGrad(r, f);
        compare.unchanged(D_GRAD, "real", real, r);
        compare.unchanged(D_GRAD, "fake", fake, f);
        agrees(D_GRAD + "[1] (dFake)", reference.discriminatorLossGrad(real.duplicate(), fake.duplicate()).get(1),
                grads.get(1), Tolerance.FLOAT64, shown);
        unchangedBy(G_SAT, fake, student::generatorLossSaturating, reference::generatorLossSaturating);
        unchangedBy(G_NONSAT, fake, student::generatorLossNonSaturating, reference::generatorLossNonSaturating);
        unchangedBy(G_SAT_GRAD, fake, student::generatorLossSaturatingGrad, reference::generatorLossSaturatingGrad);
        unchangedBy(G_NONSAT_GRAD, fake, student::generatorLossNonSaturatingGrad, reference::generatorLossNonSaturatingGrad);
    }

    private void unchangedBy(String call, NDArray fake, Function<NDArray, NDArray> studentCall,
                             Function<NDArray, NDArray> referenceCall) {
        NDArray f = fake.duplicate();
        NDArray actual = studentCall.apply(f);
        compare.unchanged(call, "fake", fake, f);
        agrees(call, referenceCall.apply(fake.duplicate()), actual, Tolerance.FLOAT64, Shown.of("fake", fake));
    }

    /**
     * Compare with the reference, first failing with a plain statement when the result holds
     * Infinity or NaN (the usual symptom of log(sigmoid(t)) or exp(t) at large logits).
     */
    private void agrees(String call, NDArray expected, NDArray actual, Tolerance tolerance, Shown... inputs) {
        if (actual != null) {
            double[] values = Tensors.toDoubles(actual);
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ja
                            ? "%s が有限でない値 %s を返しました (要素 %d)。ロジットが大きいと exp が溢れ、sigmoid が 0 や 1 に丸まって"
                              + " log が -Infinity になります。softplus(t) = max(t, 0) + log(1 + exp(-|t|)) を使ってください%n"
                            : "%s returned %s (element %d), which is not finite. For large logits exp overflows and sigmoid rounds"
                              + " to 0 or 1, so log gives -Infinity: use softplus(t) = max(t, 0) + log(1 + exp(-|t|))%n",
                            call, values[i], i));
                    for (Shown s : inputs) {
                        out.append("  ").append(s.name()).append(":\n").append(s.text());
                    }
                    out.append(ja ? "  期待値 " : "  expected ").append(TensorText.shape(expected.getShape())).append(":\n")
                            .append(TensorText.grid(expected, 4));
                    out.append(ja ? "  あなたの出力 " : "  actual ").append(TensorText.shape(actual.getShape())).append(":\n")
                            .append(TensorText.grid(actual, 4));
                    throw new AssertionError(out.toString());
                }
            }
        }
        compare.agrees(call, expected, actual, tolerance, inputs);
    }

}
