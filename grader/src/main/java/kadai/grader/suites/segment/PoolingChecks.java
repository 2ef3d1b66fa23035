package kadai.grader.suites.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suites.InvalidConfigurations;

/**
 * The checks of SegNet's pooling and unpooling. The student's {@code MaxUnpooling} is built over
 * the student's own {@code IndexedMaxPooling} (its constructor takes that class), so its expected
 * results are computed here from the indices that encoder reported, whenever they are usable:
 * a wrong encoder then costs the encoder's tests, not the unpooling's.
 */
final class PoolingChecks {

    static final String ENCODER = "kadai.assignments.segment.IndexedMaxPooling";
    static final String DECODER = "kadai.assignments.segment.MaxUnpooling";

    private final StudentCode student;
    private final StudentCode reference;
    private final Compare compare;
    private final boolean ja;

    PoolingChecks(StudentCode student, StudentCode reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    Compare compare() {
        return compare;
    }

    boolean ja() {
        return ja;
    }

    /** An encoder of each implementation with the same pool. */
    record Pair(Layer studentLayer, EncoderView student, EncoderView reference, String call) {}

    Pair pair(PoolCase k) {
        Layer s = encoder(student, k.pool());
        Layer r = encoder(reference, k.pool());
        return new Pair(s, student.view(EncoderView.class, s), reference.view(EncoderView.class, r), k.constructor());
    }

    /** Return the student's encoder alone (no reference beside it: for configurations it must refuse). */
    EncoderView studentEncoder(int pool) {
        return student.view(EncoderView.class, encoder(student, pool));
    }

    static Layer encoder(StudentCode code, int pool) {
        return code.newLayer(ENCODER, new Class<?>[] {int.class}, pool);
    }

    /** Build the student's unpooling over the student's encoder (the handle arrives as the object itself). */
    Layer studentDecoder(Layer studentEncoder) {
        return student.newLayer(
                DECODER, new Class<?>[] {kadai.assignments.segment.IndexedMaxPooling.class}, studentEncoder);
    }

    /** Compare forward values; return the student's. */
    NDArray values(Pair p, NDArray x) {
        NDArray expected = p.reference().forward(x.duplicate());
        NDArray actual = p.student().forward(x.duplicate());
        compare.agrees(p.call() + ".forward(x)", expected, actual, Tolerance.FLOAT64, Shown.of("x", x));
        return actual;
    }

    /** Run forward (unchecked) and check inputShape() and pool() against the input and the constructor. */
    void accessors(Pair p, NDArray x) {
        p.reference().forward(x.duplicate());
        p.student().forward(x.duplicate());
        int pool = p.reference().pool();
        if (p.student().pool() != pool) {
            throw new AssertionError(p.call() + ".pool() " + text("returned ", "が ")
                    + p.student().pool()
                    + text(", not the constructor's " + pool, " を返しました。コンストラクタの " + pool + " であるべきです"));
        }
        if (!x.getShape().equals(p.student().inputShape())) {
            throw new AssertionError(p.call() + ".inputShape() "
                    + text("after forward(x " + x.getShape() + ") returned ", "(forward(x " + x.getShape() + ") の後) が ")
                    + p.student().inputShape()
                    + text("", " を返しました"));
        }
    }

    /** Run forward on both (unchecked) and compare indices(), which must be int64. */
    void indices(Pair p, NDArray x) {
        p.reference().forward(x.duplicate());
        p.student().forward(x.duplicate());
        NDArray expected = p.reference().indices();
        NDArray actual = p.student().indices();
        if (actual != null && actual.getDataType() != DataType.INT64) {
            throw new AssertionError(p.call() + ".indices() " + text("returned ", "が ") + actual.getDataType()
                    + text(
                            "; indices are int64 (toType(DataType.INT64, false))",
                            " を返しました。インデックスは int64 です (toType(DataType.INT64, false))"));
        }
        compare.agrees(
                p.call() + ".indices() " + text("after forward(x)", "(forward(x) の後)"),
                expected.toType(DataType.FLOAT64, false),
                actual == null ? null : actual.toType(DataType.FLOAT64, false),
                Tolerance.EXACT,
                Shown.of("x", x));
    }

    /** Run forward on both (unchecked) and compare backward's dx. */
    void backward(Pair p, NDArray x, NDArray dout) {
        p.reference().forward(x.duplicate());
        p.student().forward(x.duplicate());
        NDArray expected = p.reference().backward(dout.duplicate());
        NDArray actual = p.student().backward(dout.duplicate());
        compare.agrees(
                p.call() + ".backward(dout) (dx)",
                expected,
                actual,
                Tolerance.FLOAT64,
                Shown.of("x", x),
                Shown.of("dout", dout));
    }

    /**
     * Return the flat plane indices the student's encoder reported after its forward, as longs,
     * or the reference's when the student's are unusable (wrong shape, not integers, out of the
     * plane), with a note to say so.
     */
    long[] usableIndices(Pair p, PoolCase k, StringBuilder note) {
        NDArray own = null;
        try {
            own = p.student().indices();
        } catch (RuntimeException e) {
            note.append(text("(your encoder's indices() failed: ", "(あなたのエンコーダの indices() が失敗しました: "))
                    .append(e.getMessage())
                    .append(")\n");
        }
        if (own != null && own.getShape().equals(k.yShape())) {
            double[] v = own.toType(DataType.FLOAT64, false).toDoubleArray();
            long[] out = new long[v.length];
            boolean usable = true;
            for (int i = 0; i < v.length; i++) {
                usable &= v[i] == Math.rint(v[i]) && v[i] >= 0 && v[i] < (long) k.h() * k.w();
                out[i] = (long) v[i];
            }
            if (usable) {
                return out;
            }
        }
        note.append(text(
                        "(your encoder's indices() are not flat indices into the input plane of shape ",
                        "(あなたのエンコーダの indices() は形状 "))
                .append(k.yShape())
                .append(text(", so the reference's are expected)\n", " の入力平面への平坦なインデックスではないので、参照実装のものを使います)\n"));
        return p.reference().indices().toLongArray();
    }

    /** Scatter {@code values} (N, C, OH, OW) at plane indices into zeros of {@code xShape}. */
    static NDArray scatter(NDManager m, NDArray values, long[] indices, Shape xShape) {
        double[] v = values.toType(DataType.FLOAT64, false).toDoubleArray();
        long plane = xShape.get(2) * xShape.get(3);
        long perPlane = v.length / (xShape.get(0) * xShape.get(1));
        double[] out = new double[Math.toIntExact(xShape.size())];
        for (int i = 0; i < v.length; i++) {
            out[Math.toIntExact(i / perPlane * plane + indices[i])] = v[i];
        }
        return m.create(out, xShape).toType(values.getDataType(), false);
    }

    /** Read {@code x} (N, C, H, W) at plane indices: (N, C, OH, OW). */
    static NDArray gather(NDManager m, NDArray x, long[] indices, Shape yShape) {
        double[] v = x.toType(DataType.FLOAT64, false).toDoubleArray();
        Shape s = x.getShape();
        long plane = s.get(2) * s.get(3);
        long perPlane = indices.length / (s.get(0) * s.get(1));
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = v[Math.toIntExact(i / perPlane * plane + indices[i])];
        }
        return m.create(out, yShape).toType(x.getDataType(), false);
    }

    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.LAYER, ja, body);
    }

    String text(String en, String jaText) {
        return ja ? jaText : en;
    }
}
