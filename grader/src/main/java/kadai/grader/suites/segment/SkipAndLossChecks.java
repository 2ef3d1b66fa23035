package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.Locale;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suites.InvalidConfigurations;

/** The checks of the skip connection and the per-pixel cross-entropy. */
final class SkipAndLossChecks {

    /** Agreement of losses and gradients: they are sums of exp/log, exact to rounding. */
    static final Tolerance LOSS = new Tolerance(1e-10, 1e-12);

    private final SkipConnectionApi skip;
    private final SkipConnectionApi referenceSkip;
    private final PixelCrossEntropyApi loss;
    private final PixelCrossEntropyApi referenceLoss;
    private final Compare compare;
    private final boolean ja;

    SkipAndLossChecks(StudentCode student, StudentCode reference, Language language) {
        this.skip = student.statics(SkipConnectionApi.class, "kadai.assignments.segment.SkipConnection");
        this.referenceSkip = reference.statics(SkipConnectionApi.class, "kadai.assignments.segment.SkipConnection");
        this.loss = student.statics(PixelCrossEntropyApi.class, "kadai.assignments.segment.PixelCrossEntropy");
        this.referenceLoss =
                reference.statics(PixelCrossEntropyApi.class, "kadai.assignments.segment.PixelCrossEntropy");
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    SkipConnectionApi skip() {
        return skip;
    }

    PixelCrossEntropyApi loss() {
        return loss;
    }

    Compare compare() {
        return compare;
    }

    boolean ja() {
        return ja;
    }

    void concatAgrees(SkipCase k, NDArray s, NDArray u) {
        NDArray expected = referenceSkip.concat(s.duplicate(), u.duplicate());
        NDArray actual = skip.concat(s.duplicate(), u.duplicate());
        compare.agrees(
                "SkipConnection.concat(skip, up)",
                expected,
                actual,
                Tolerance.EXACT,
                Shown.of("skip", s),
                Shown.of("up", u));
    }

    void backwardAgrees(SkipCase k, NDArray dout) {
        NDList expected = referenceSkip.backward(dout.duplicate(), k.skipShape(), k.upShape());
        NDList actual = skip.backward(dout.duplicate(), k.skipShape(), k.upShape());
        String call = String.format(
                Locale.ROOT, "SkipConnection.backward(dout, skipShape=%s, upShape=%s)", k.skipShape(), k.upShape());
        if (actual == null || actual.size() != 2) {
            throw new AssertionError(call
                    + text(" must return NDList(dskip, dup) but returned ", " は NDList(dskip, dup) を返すべきですが、返したのは ")
                    + (actual == null ? "null" : actual.size() + text(" arrays", " 個の配列")));
        }
        compare.agrees(call + " (dskip)", expected.get(0), actual.get(0), Tolerance.EXACT, Shown.of("dout", dout));
        compare.agrees(call + " (dup)", expected.get(1), actual.get(1), Tolerance.EXACT, Shown.of("dout", dout));
    }

    NDArray lossAgrees(NDArray logits, NDArray labels) {
        NDArray expected = referenceLoss.loss(logits.duplicate(), labels.duplicate());
        NDArray actual = loss.loss(logits.duplicate(), labels.duplicate());
        compare.agrees(
                "PixelCrossEntropy.loss(logits, labels)",
                expected,
                actual,
                LOSS,
                Shown.of("logits", logits),
                Shown.of("labels", labels));
        return actual;
    }

    NDArray gradAgrees(NDArray logits, NDArray labels) {
        NDArray expected = referenceLoss.grad(logits.duplicate(), labels.duplicate());
        NDArray actual = loss.grad(logits.duplicate(), labels.duplicate());
        compare.agrees(
                "PixelCrossEntropy.grad(logits, labels)",
                expected,
                actual,
                LOSS,
                Shown.of("logits", logits),
                Shown.of("labels", labels));
        return actual;
    }

    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.CALL, ja, body);
    }

    String text(String en, String jaText) {
        return ja ? jaText : en;
    }
}
