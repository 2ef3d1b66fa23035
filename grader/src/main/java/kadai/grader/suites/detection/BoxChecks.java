package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;

/** The checks of {@code Boxes}' areas, IoU and box coding on one {@link BoxCase}. */
final class BoxChecks {

    /** decode(encode(t)) may differ from t by the rounding of log, exp and a few products. */
    static final Tolerance ROUND_TRIP = new Tolerance(1e-9, 1e-9);

    private final BoxesApi student;
    private final BoxesApi reference;
    private final Compare compare;
    private final Indices indices;
    private final boolean ja;

    BoxChecks(BoxesApi student, BoxesApi reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.indices = new Indices(language);
        this.ja = language == Language.JA;
    }

    void areaAgrees(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        compare.agrees(
                "area(boxes)",
                reference.area(a.duplicate()),
                student.area(a.duplicate()),
                Tolerance.FLOAT64,
                Shown.of("boxes", a));
    }

    void iouAgrees(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        NDArray b = c.second(m);
        compare.agrees(
                "iou(a, b)",
                reference.iou(a.duplicate(), b.duplicate()),
                student.iou(a.duplicate(), b.duplicate()),
                Tolerance.FLOAT64,
                Shown.of("a", a),
                Shown.of("b", b));
    }

    /**
     * Check IoU's properties on the student's own results: symmetric, in [0, 1], 1 on the diagonal,
     * unchanged when both sets move together, and 0 for boxes moved far apart (which no constant has).
     */
    void iouHasItsProperties(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        NDArray b = c.second(m);
        Shown[] shown = {Shown.of("a", a), Shown.of("b", b)};
        NDArray ab = student.iou(a.duplicate(), b.duplicate());
        NDArray ba = student.iou(b.duplicate(), a.duplicate());
        if (ab == null || ba == null) {
            throw new AssertionError("iou " + (ja ? "が null を返しました" : "returned null"));
        }
        compare.agrees(
                ja ? "iou(b, a) の転置 (対称性: iou(a, b) と等しいはず)" : "iou(b, a) transposed (symmetry: must equal iou(a, b))",
                ab,
                ba.transpose(),
                Tolerance.FLOAT64,
                shown);
        double[] v = Tensors.toDoubles(ab);
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new AssertionError(String.format(
                        java.util.Locale.ROOT,
                        ja ? "iou(a, b) の要素 %d が %s で、[0, 1] の外です" : "iou(a, b) element %d is %s, outside [0, 1]",
                        i,
                        v[i]));
            }
        }
        NDArray diagonal = student.iou(a.duplicate(), a.duplicate());
        compare.agrees(
                ja ? "iou(a, a) の対角 (1 のはず)" : "the diagonal of iou(a, a) (must be 1)",
                m.ones(new ai.djl.ndarray.types.Shape(c.a()), DataType.FLOAT64),
                diagonal.diagonal(),
                Tolerance.FLOAT64,
                shown);
        NDArray shift = m.create(new double[] {3.5, -2.25, 3.5, -2.25});
        compare.agrees(
                ja
                        ? "iou(a + (3.5, -2.25), b + (3.5, -2.25)) (平行移動しても変わらないはず)"
                        : "iou(a + (3.5, -2.25), b + (3.5, -2.25)) (translating both must change nothing)",
                ab,
                student.iou(a.add(shift), b.add(shift)),
                new Tolerance(1e-9, 1e-12),
                shown);
        NDArray far = m.create(new double[] {100, 100, 100, 100});
        compare.agrees(
                ja ? "iou(a, b + 100) (離れたボックスの IoU は 0)" : "iou(a, b + 100) (boxes far apart have IoU 0)",
                m.zeros(ab.getShape(), DataType.FLOAT64),
                student.iou(a.duplicate(), b.add(far)),
                Tolerance.EXACT,
                shown);
    }

    void encodeAgrees(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        NDArray t = c.targets(m);
        double[] w = c.weightValues();
        compare.agrees(
                "encode(anchors, targets, " + Arrays.toString(w) + ")",
                reference.encode(a.duplicate(), t.duplicate(), w.clone()),
                student.encode(a.duplicate(), t.duplicate(), w.clone()),
                Tolerance.FLOAT64,
                Shown.of("anchors", a),
                Shown.of("targets", t));
    }

    void decodeAgrees(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        NDArray d = c.deltaValues(m);
        double[] w = c.weightValues();
        compare.agrees(
                "decode(anchors, deltas, " + Arrays.toString(w) + ")",
                reference.decode(a.duplicate(), d.duplicate(), w.clone()),
                student.decode(a.duplicate(), d.duplicate(), w.clone()),
                Tolerance.FLOAT64,
                Shown.of("anchors", a),
                Shown.of("deltas", d));
    }

    /** Check that the student's decode inverts the student's encode: decode(a, encode(a, t)) = t. */
    void decodeInvertsEncode(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        NDArray t = c.targets(m);
        double[] w = c.weightValues();
        NDArray encoded = student.encode(a.duplicate(), t.duplicate(), w.clone());
        if (encoded == null) {
            throw new AssertionError("encode " + (ja ? "が null を返しました" : "returned null"));
        }
        compare.agrees(
                "decode(anchors, encode(anchors, targets, w), w) "
                        + (ja ? "(targets に戻るはず)" : "(must give back the targets)"),
                t,
                student.decode(a.duplicate(), encoded, w.clone()),
                ROUND_TRIP,
                Shown.of("anchors", a),
                Shown.of("targets", t),
                Shown.value("w", Arrays.toString(w)));
    }

    /** Inputs of every Boxes array method unchanged, and results that are not constant. */
    void leaveInputsUnchanged(BoxCase c, NDManager m) {
        NDArray a = c.first(m);
        NDArray b = c.second(m);
        NDArray t = c.targets(m);
        NDArray d = c.deltaValues(m);
        double[] w = c.weightValues();
        NDArray a1 = a.duplicate();
        NDArray b1 = b.duplicate();
        student.iou(a1, b1);
        indices.differ(
                "iou(a, a)",
                student.iou(a1, a1),
                student.iou(a1, a.add(100)),
                reference.iou(a, a),
                reference.iou(a, a.add(100)));
        compare.unchanged("iou(a, b)", "a", a, a1);
        compare.unchanged("iou(a, b)", "b", b, b1);
        NDArray a2 = a.duplicate();
        NDArray t2 = t.duplicate();
        double[] w2 = w.clone();
        NDArray area = student.area(a2);
        compare.unchanged("area(boxes)", "boxes", a, a2);
        indices.notConstant("area(boxes)", area, reference.area(a.duplicate()));
        indices.notConstant(
                "encode(anchors, targets, w)",
                student.encode(a2, t2, w2),
                reference.encode(a.duplicate(), t.duplicate(), w.clone()));
        compare.unchanged("encode(anchors, targets, w)", "anchors", a, a2);
        compare.unchanged("encode(anchors, targets, w)", "targets", t, t2);
        if (!Arrays.equals(w, w2)) {
            throw new AssertionError("encode " + (ja ? "が weights を書き換えました: " : "modified weights: ")
                    + Arrays.toString(w) + " -> " + Arrays.toString(w2));
        }
        NDArray d2 = d.duplicate();
        indices.notConstant(
                "decode(anchors, deltas, w)",
                student.decode(a2, d2, w2),
                reference.decode(a.duplicate(), d.duplicate(), w.clone()));
        compare.unchanged("decode(anchors, deltas, w)", "anchors", a, a2);
        compare.unchanged("decode(anchors, deltas, w)", "deltas", d, d2);
    }

    /** Results of float32 boxes are float32, and not constant. */
    void keepFloat32(BoxCase c, NDManager m) {
        NDArray a = c.first(m).toType(DataType.FLOAT32, false);
        NDArray b = c.second(m).toType(DataType.FLOAT32, false);
        NDArray t = c.targets(m).toType(DataType.FLOAT32, false);
        NDArray d = c.deltaValues(m).toType(DataType.FLOAT32, false);
        double[] w = c.weightValues();
        NDArray area = student.area(a.duplicate());
        compare.dtype("area(boxes)", DataType.FLOAT32, area);
        NDArray iou = student.iou(a.duplicate(), b.duplicate());
        compare.dtype("iou(a, b)", DataType.FLOAT32, iou);
        indices.differ(
                "iou(a, a)",
                student.iou(a.duplicate(), a.duplicate()),
                student.iou(a.duplicate(), a.add(100)),
                reference.iou(a.duplicate(), a.duplicate()),
                reference.iou(a.duplicate(), a.add(100)));
        NDArray encoded = student.encode(a.duplicate(), t.duplicate(), w.clone());
        compare.dtype("encode(anchors, targets, w)", DataType.FLOAT32, encoded);
        indices.notConstant(
                "encode(anchors, targets, w)", encoded, reference.encode(a.duplicate(), t.duplicate(), w.clone()));
        NDArray decoded = student.decode(a.duplicate(), d.duplicate(), w.clone());
        compare.dtype("decode(anchors, deltas, w)", DataType.FLOAT32, decoded);
        indices.notConstant(
                "decode(anchors, deltas, w)", decoded, reference.decode(a.duplicate(), d.duplicate(), w.clone()));
    }
}
