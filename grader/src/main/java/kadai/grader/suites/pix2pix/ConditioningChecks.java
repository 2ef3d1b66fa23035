package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.TensorText;
import kadai.grader.property.Tolerance;
import kadai.grader.suites.InvalidConfigurations;

/** The checks the pix2pix suite repeats on {@code Conditioning}: each method against the reference on one case. */
final class ConditioningChecks {

    private final ConditioningApi student;
    private final ConditioningApi reference;
    private final Compare compare;
    private final boolean ja;

    ConditioningChecks(ConditioningApi student, ConditioningApi reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    static String oneHotCall(ConditioningCase c, DataType type) {
        return String.format(
                Locale.ROOT,
                "oneHot(labels %s %s, classes=%d, %s)",
                TensorText.shape(new Shape(c.n())),
                c.labelType().name().toLowerCase(Locale.ROOT),
                c.k(),
                type);
    }

    static String withLabelsCall(ConditioningCase c) {
        return "withLabels(z " + TensorText.shape(new Shape(c.n(), c.z())) + ", oneHot "
                + TensorText.shape(new Shape(c.n(), c.k())) + ")";
    }

    static String labelPlanesCall(ConditioningCase c) {
        return "labelPlanes(images " + TensorText.shape(new Shape(c.n(), c.c(), c.h(), c.w())) + ", oneHot "
                + TensorText.shape(new Shape(c.n(), c.k())) + ")";
    }

    static String pairsCall(ConditioningCase c) {
        return "pairs(condition " + TensorText.shape(new Shape(c.n(), c.c(), c.h(), c.w())) + ", image "
                + TensorText.shape(new Shape(c.n(), c.c2(), c.h(), c.w())) + ")";
    }

    /** Check oneHot against the reference (values, not dtype: the dtype test is about that). */
    void oneHotAgrees(ConditioningCase c, NDManager m, DataType type) {
        NDArray labels = c.labels(m);
        NDArray expected = reference.oneHot(labels.duplicate(), c.k(), type);
        NDArray actual = student.oneHot(labels.duplicate(), c.k(), type);
        compare.agrees(oneHotCall(c, type), expected, actual, Tolerance.EXACT, Shown.of("labels", labels));
    }

    /** Check withLabels against the reference on the case's noise and its one-hot labels. */
    void withLabelsAgrees(ConditioningCase c, NDManager m) {
        NDArray z = c.noise(m);
        NDArray y = c.oneHot(m);
        compare.agrees(
                withLabelsCall(c),
                reference.withLabels(z.duplicate(), y.duplicate()),
                student.withLabels(z.duplicate(), y.duplicate()),
                Tolerance.EXACT,
                Shown.of("z", z),
                Shown.of("oneHot", y));
    }

    /** Check labelPlanes against the reference with one-hot labels, or with smoothed labels ({@code soft}). */
    void labelPlanesAgrees(ConditioningCase c, NDManager m, boolean soft) {
        NDArray images = c.images(m);
        NDArray y = soft ? c.softLabels(m) : c.oneHot(m);
        compare.agrees(
                labelPlanesCall(c),
                reference.labelPlanes(images.duplicate(), y.duplicate()),
                student.labelPlanes(images.duplicate(), y.duplicate()),
                Tolerance.EXACT,
                Shown.of("images", images),
                Shown.of("oneHot", y));
    }

    /** Check pairs against the reference. */
    void pairsAgrees(ConditioningCase c, NDManager m) {
        NDArray condition = c.images(m);
        NDArray image = c.image(m);
        compare.agrees(
                pairsCall(c),
                reference.pairs(condition.duplicate(), image.duplicate()),
                student.pairs(condition.duplicate(), image.duplicate()),
                Tolerance.EXACT,
                Shown.of("condition", condition),
                Shown.of("image", image));
    }

    /**
     * Check that every result has the dtype the contract names (oneHot: the requested one; the
     * others: the first argument's, here float32 with float64 labels) and depends on its input.
     */
    void keepDtype(ConditioningCase c, NDManager m) {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            NDArray y = student.oneHot(c.labels(m), c.k(), type);
            compare.dtype(oneHotCall(c, type), type, y);
            NonDegenerate.differ(oneHotCall(c, type), y, student.oneHot(c.otherLabels(m), c.k(), type), ja);
        }
        NDArray z = c.noise(m).toType(DataType.FLOAT32, false);
        NDArray images = c.images(m).toType(DataType.FLOAT32, false);
        NDArray image = c.image(m).toType(DataType.FLOAT32, false);
        NDArray y = c.oneHot(m);
        NDArray g = student.withLabels(z.duplicate(), y.duplicate());
        compare.dtype(withLabelsCall(c), DataType.FLOAT32, g);
        NonDegenerate.differ(withLabelsCall(c), g, student.withLabels(z.add(1), y.duplicate()), ja);
        NDArray d = student.labelPlanes(images.duplicate(), y.duplicate());
        compare.dtype(labelPlanesCall(c), DataType.FLOAT32, d);
        NonDegenerate.differ(labelPlanesCall(c), d, student.labelPlanes(images.add(1), y.duplicate()), ja);
        NDArray p = student.pairs(images.duplicate(), image.duplicate());
        compare.dtype(pairsCall(c), DataType.FLOAT32, p);
        NonDegenerate.differ(pairsCall(c), p, student.pairs(images.add(1), image.duplicate()), ja);
    }

    /** Check that no method modifies its arguments, and that each result depends on its input. */
    void leaveInputsUnchanged(ConditioningCase c, NDManager m) {
        NDArray labels = c.labels(m);
        NDArray l = labels.duplicate();
        NDArray y = student.oneHot(l, c.k(), DataType.FLOAT64);
        compare.unchanged(oneHotCall(c, DataType.FLOAT64), "labels", labels, l);
        NonDegenerate.differ(
                oneHotCall(c, DataType.FLOAT64), y, student.oneHot(c.otherLabels(m), c.k(), DataType.FLOAT64), ja);

        NDArray z = c.noise(m);
        NDArray oneHot = c.oneHot(m);
        NDArray z1 = z.duplicate();
        NDArray y1 = oneHot.duplicate();
        NDArray g = student.withLabels(z1, y1);
        compare.unchanged(withLabelsCall(c), "z", z, z1);
        compare.unchanged(withLabelsCall(c), "oneHot", oneHot, y1);
        NonDegenerate.differ(withLabelsCall(c), g, student.withLabels(z.add(1), oneHot.duplicate()), ja);

        NDArray images = c.images(m);
        NDArray i1 = images.duplicate();
        NDArray y2 = oneHot.duplicate();
        NDArray d = student.labelPlanes(i1, y2);
        compare.unchanged(labelPlanesCall(c), "images", images, i1);
        compare.unchanged(labelPlanesCall(c), "oneHot", oneHot, y2);
        NonDegenerate.differ(labelPlanesCall(c), d, student.labelPlanes(images.add(1), oneHot.duplicate()), ja);

        NDArray image = c.image(m);
        NDArray i2 = images.duplicate();
        NDArray i3 = image.duplicate();
        NDArray p = student.pairs(i2, i3);
        compare.unchanged(pairsCall(c), "condition", images, i2);
        compare.unchanged(pairsCall(c), "image", image, i3);
        NonDegenerate.differ(pairsCall(c), p, student.pairs(images.add(1), image.duplicate()), ja);
    }

    /** Check that a call is refused with IllegalArgumentException. */
    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.CALL, ja, body);
    }

    /** Check that the nearest valid call returns a result that depends on its input. */
    void nearestValidDependsOnInput(String call, NDArray first, NDArray second) {
        NonDegenerate.differ(call, first, second, ja);
    }

    ConditioningApi student() {
        return student;
    }
}
