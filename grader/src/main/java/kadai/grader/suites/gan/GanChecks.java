package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import java.util.function.Function;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.SuiteChecks;

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
        swapHint(
                () -> agrees(
                        G_SAT,
                        reference.generatorLossSaturating(fake.duplicate()),
                        actual,
                        Tolerance.FLOAT64,
                        Shown.of("fake", fake)),
                reference.generatorLossNonSaturating(fake.duplicate()),
                actual,
                G_NONSAT);
        return actual;
    }

    /** Check generatorLossNonSaturating against the reference. */
    NDArray nonSaturatingAgrees(LogitsCase c, NDManager m) {
        NDArray fake = c.fakeLogits(m);
        NDArray actual = student.generatorLossNonSaturating(fake.duplicate());
        swapHint(
                () -> agrees(
                        G_NONSAT,
                        reference.generatorLossNonSaturating(fake.duplicate()),
                        actual,
                        Tolerance.FLOAT64,
                        Shown.of("fake", fake)),
                reference.generatorLossSaturating(fake.duplicate()),
                actual,
                G_SAT);
        return actual;
    }

    /** Run a comparison; when it fails and the result is the other generator loss's value, say so. */
    private void swapHint(Runnable comparison, NDArray otherLoss, NDArray actual, String other) {
        try {
            comparison.run();
        } catch (AssertionError e) {
            if (actual != null
                    && Tensors.compare(otherLoss, actual, Tolerance.FLOAT64.rtol(), Tolerance.FLOAT64.atol()) == null) {
                throw new AssertionError(
                        e.getMessage()
                                + (ja
                                        ? "  あなたの値は " + other + " の値です: Saturating と NonSaturating が入れ替わっていませんか?\n"
                                        : "  your value is the value of " + other
                                                + ": are the saturating and non-saturating losses swapped?\n"),
                        e);
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
        NDList actual = gradPair(student.discriminatorLossGrad(real.duplicate(), fake.duplicate()));
        Shown[] shown = {Shown.of("real", real), Shown.of("fake", fake)};
        agrees(D_GRAD + "[0] (dReal)", expected.get(0), actual.get(0), Tolerance.FLOAT64, shown);
        agrees(D_GRAD + "[1] (dFake)", expected.get(1), actual.get(1), Tolerance.FLOAT64, shown);
        if (numerical) {
            discriminatorAgrees(c, m);
            NDArray dReal =
                    GradientCheck.numericalGradient(r -> student.discriminatorLoss(r, fake.duplicate()), real, null);
            NDArray dFake =
                    GradientCheck.numericalGradient(f -> student.discriminatorLoss(real.duplicate(), f), fake, null);
            compare.gradient(D_GRAD + "[0] (dReal)", actual.get(0), dReal, LOSS_GRADIENT_THRESHOLD, shown);
            compare.gradient(D_GRAD + "[1] (dFake)", actual.get(1), dFake, LOSS_GRADIENT_THRESHOLD, shown);
        }
    }

    /** Check generatorLossSaturatingGrad (and, with {@code numerical}, against the student's own loss). */
    void saturatingGradAgrees(LogitsCase c, NDManager m, boolean numerical) {
        generatorGradAgrees(
                c,
                m,
                numerical,
                G_SAT_GRAD,
                reference::generatorLossSaturatingGrad,
                student::generatorLossSaturatingGrad,
                student::generatorLossSaturating,
                () -> saturatingAgrees(c, m));
    }

    /** Check generatorLossNonSaturatingGrad (and, with {@code numerical}, against the student's own loss). */
    void nonSaturatingGradAgrees(LogitsCase c, NDManager m, boolean numerical) {
        generatorGradAgrees(
                c,
                m,
                numerical,
                G_NONSAT_GRAD,
                reference::generatorLossNonSaturatingGrad,
                student::generatorLossNonSaturatingGrad,
                student::generatorLossNonSaturating,
                () -> nonSaturatingAgrees(c, m));
    }

    private void generatorGradAgrees(
            LogitsCase c,
            NDManager m,
            boolean numerical,
            String call,
            Function<NDArray, NDArray> referenceGrad,
            Function<NDArray, NDArray> studentGrad,
            Function<NDArray, NDArray> studentLoss,
            Runnable lossAgrees) {
        NDArray fake = c.fakeLogits(m);
        NDArray actual = studentGrad.apply(fake.duplicate());
        agrees(call, referenceGrad.apply(fake.duplicate()), actual, Tolerance.FLOAT64, Shown.of("fake", fake));
        if (numerical) {
            lossAgrees.run();
            NDArray dFake = GradientCheck.numericalGradient(studentLoss, fake, null);
            compare.gradient(call, actual, dFake, LOSS_GRADIENT_THRESHOLD, Shown.of("fake", fake));
        }
    }

    /** Check that every loss and gradient keeps the logits' dtype {@code dtype}. */
    void keepDtype(LogitsCase c, NDManager m, DataType dtype) {
        NDArray r = c.realLogits(m).toType(dtype, false);
        NDArray f = c.fakeLogits(m).toType(dtype, false);
        compare.dtype(D_LOSS, dtype, student.discriminatorLoss(r.duplicate(), f.duplicate()));
        compare.dtype(G_SAT, dtype, student.generatorLossSaturating(f.duplicate()));
        compare.dtype(G_NONSAT, dtype, student.generatorLossNonSaturating(f.duplicate()));
        NDList grads = gradPair(student.discriminatorLossGrad(r.duplicate(), f.duplicate()));
        for (int i = 0; i < 2; i++) {
            compare.dtype(D_GRAD + "[" + i + "]", dtype, grads.get(i));
        }
        compare.dtype(G_SAT_GRAD, dtype, student.generatorLossSaturatingGrad(f.duplicate()));
        compare.dtype(G_NONSAT_GRAD, dtype, student.generatorLossNonSaturatingGrad(f.duplicate()));
    }

    /** Check that no method of GanLoss modifies its logits (the test adds {@link #dependsOnLogits}). */
    void leaveInputsUnchanged(LogitsCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        NDArray r = real.duplicate();
        NDArray f = fake.duplicate();
        student.discriminatorLoss(r, f);
        compare.unchanged(D_LOSS, "real", real, r);
        compare.unchanged(D_LOSS, "fake", fake, f);
        student.discriminatorLossGrad(r, f);
        compare.unchanged(D_GRAD, "real", real, r);
        compare.unchanged(D_GRAD, "fake", fake, f);
        unchangedBy(G_SAT, fake, student::generatorLossSaturating);
        unchangedBy(G_NONSAT, fake, student::generatorLossNonSaturating);
        unchangedBy(G_SAT_GRAD, fake, student::generatorLossSaturatingGrad);
        unchangedBy(G_NONSAT_GRAD, fake, student::generatorLossNonSaturatingGrad);
    }

    private void unchangedBy(String call, NDArray fake, Function<NDArray, NDArray> studentCall) {
        NDArray f = fake.duplicate();
        studentCall.apply(f);
        compare.unchanged(call, "fake", fake, f);
    }

    /**
     * Non-degeneracy of every GanLoss method on a case of random logits: each result differs for two
     * different logits (a loss that returns a constant, say 2 ln 2, fails; a wrong formula does not).
     */
    void dependsOnLogits(LogitsCase c, NDManager m) {
        NDArray real = c.realLogits(m);
        NDArray fake = c.fakeLogits(m);
        NDArray real2 = c.array(m, "real2", c.real());
        NDArray fake2 = c.array(m, "fake2", c.fake());
        String both = "(real, fake)";
        compare.dependsOn(
                D_LOSS,
                both,
                student.discriminatorLoss(real.duplicate(), fake.duplicate()),
                student.discriminatorLoss(real2.duplicate(), fake2.duplicate()));
        NDList grads = gradPair(student.discriminatorLossGrad(real.duplicate(), fake.duplicate()));
        NDList grads2 = gradPair(student.discriminatorLossGrad(real2.duplicate(), fake2.duplicate()));
        compare.dependsOn(D_GRAD + "[0] (dReal)", both, grads.get(0), grads2.get(0));
        compare.dependsOn(D_GRAD + "[1] (dFake)", both, grads.get(1), grads2.get(1));
        dependsOnFake(G_SAT, fake, fake2, student::generatorLossSaturating);
        dependsOnFake(G_NONSAT, fake, fake2, student::generatorLossNonSaturating);
        dependsOnFake(G_SAT_GRAD, fake, fake2, student::generatorLossSaturatingGrad);
        dependsOnFake(G_NONSAT_GRAD, fake, fake2, student::generatorLossNonSaturatingGrad);
    }

    private void dependsOnFake(String call, NDArray fake, NDArray fake2, Function<NDArray, NDArray> studentCall) {
        compare.dependsOn(call, "fake", studentCall.apply(fake.duplicate()), studentCall.apply(fake2.duplicate()));
    }

    /** Return discriminatorLossGrad's result, failing clearly unless it holds two arrays. */
    private NDList gradPair(NDList actual) {
        if (actual == null || actual.size() != 2) {
            throw new AssertionError(D_GRAD
                    + (ja
                            ? " は NDList(dReal, dFake) の 2 つの配列を返すべきですが、"
                                    + (actual == null ? "null" : actual.size() + " 個") + " を返しました"
                            : " must return NDList(dReal, dFake), two arrays, but returned "
                                    + (actual == null ? "null" : actual.size() + " arrays")));
        }
        return actual;
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
                    StringBuilder out = new StringBuilder(String.format(
                            Locale.ROOT,
                            ja
                                    ? "%s が有限でない値 %s を返しました (要素 %d)。ロジットが大きいと exp が溢れ、sigmoid が 0 や 1 に丸まって"
                                            + " log が -Infinity になります。softplus(t) = max(t, 0) + log(1 + exp(-|t|)) を使ってください%n"
                                    : "%s returned %s (element %d), which is not finite. For large logits exp overflows and sigmoid rounds"
                                            + " to 0 or 1, so log gives -Infinity: use softplus(t) = max(t, 0) + log(1 + exp(-|t|))%n",
                            call,
                            values[i],
                            i));
                    for (Shown s : inputs) {
                        out.append("  ").append(s.name()).append(":\n").append(s.text());
                    }
                    out.append(ja ? "  期待値 " : "  expected ")
                            .append(TensorText.shape(expected.getShape()))
                            .append(":\n")
                            .append(TensorText.grid(expected, 4));
                    out.append(ja ? "  あなたの出力 " : "  actual ")
                            .append(TensorText.shape(actual.getShape()))
                            .append(":\n")
                            .append(TensorText.grid(actual, 4));
                    throw new AssertionError(out.toString());
                }
            }
        }
        compare.agrees(call, expected, actual, tolerance, inputs);
    }
}
