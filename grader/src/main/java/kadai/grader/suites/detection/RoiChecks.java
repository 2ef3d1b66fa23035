package kadai.grader.suites.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.testing.GradientCheck;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCode;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;

/**
 * The checks of {@code RoiPool} ({@code align} false) or {@code RoiAlign} on one {@link RoiCase}. Each
 * call builds the operation anew in the student's and the reference's code ({@code StudentCode#newObject})
 * and talks to it through {@link RoiOpApi}.
 */
final class RoiChecks {

    /** Numerical gradients of both operations: linear (RoI Align) or piecewise linear away from ties (RoI pooling). */
    static final double GRADIENT_THRESHOLD = GradientCheck.CONV_THRESHOLD;

    static final String POOL = "kadai.assignments.detection.RoiPool";
    static final String ALIGN = "kadai.assignments.detection.RoiAlign";

    private final StudentCode student;
    private final StudentCode reference;
    private final boolean align;
    private final Compare compare;
    private final Indices indices;
    private final boolean ja;

    RoiChecks(StudentCode student, StudentCode reference, boolean align, Language language) {
        this.student = student;
        this.reference = reference;
        this.align = align;
        this.compare = Compare.in(language);
        this.indices = new Indices(language);
        this.ja = language == Language.JA;
    }

    /** Build the operation of case {@code c} in {@code code}. */
    RoiOpApi make(StudentCode code, RoiCase c) {
        Object handle = align
                ? code.newObject(
                        ALIGN,
                        new Class<?>[] {int.class, int.class, double.class, int.class, boolean.class},
                        c.outH(),
                        c.outW(),
                        c.scale(),
                        c.sampling(),
                        c.aligned())
                : code.newObject(
                        POOL, new Class<?>[] {int.class, int.class, double.class}, c.outH(), c.outW(), c.scale());
        return code.view(RoiOpApi.class, handle);
    }

    String name(RoiCase c) {
        return align
                ? String.format(
                        java.util.Locale.ROOT,
                        "new RoiAlign(%d, %d, %s, %d, %s)",
                        c.outH(),
                        c.outW(),
                        c.scale(),
                        c.sampling(),
                        c.aligned())
                : String.format(java.util.Locale.ROOT, "new RoiPool(%d, %d, %s)", c.outH(), c.outW(), c.scale());
    }

    private Shown[] shown(NDArray features, NDArray rois) {
        return new Shown[] {Shown.of("features", features), Shown.of("rois", rois)};
    }

    /** Check forward against the reference; return the student's output. */
    NDArray forwardAgrees(RoiCase c, NDManager m) {
        NDArray f = c.features(m);
        NDArray r = c.roiValues(m);
        NDArray actual = make(student, c).forward(f.duplicate(), r.duplicate());
        compare.agrees(
                name(c) + ".forward(features, rois)",
                make(reference, c).forward(f.duplicate(), r.duplicate()),
                actual,
                Tolerance.FLOAT64,
                shown(f, r));
        return actual;
    }

    /** Check backward (after a forward that agrees) against the reference. */
    void backwardAgrees(RoiCase c, NDManager m) {
        NDArray f = c.features(m);
        NDArray r = c.roiValues(m);
        NDArray dout = c.dout(m);
        RoiOpApi mine = make(student, c);
        RoiOpApi theirs = make(reference, c);
        NDArray y = mine.forward(f.duplicate(), r.duplicate());
        compare.agrees(
                name(c) + ".forward(features, rois)",
                theirs.forward(f.duplicate(), r.duplicate()),
                y,
                Tolerance.FLOAT64,
                shown(f, r));
        compare.agrees(
                name(c) + ".backward(dout)",
                theirs.backward(dout.duplicate()),
                mine.backward(dout.duplicate()),
                Tolerance.FLOAT64,
                Shown.of("features", f),
                Shown.of("rois", r),
                Shown.of("dout", dout));
    }

    /** Check backward against centred differences of the student's own forward (which must agree with the reference). */
    void backwardMatchesNumericalGradient(RoiCase c, NDManager m) {
        forwardAgrees(c, m);
        NDArray f = c.features(m);
        NDArray r = c.roiValues(m);
        NDArray dout = c.dout(m);
        RoiOpApi mine = make(student, c);
        mine.forward(f.duplicate(), r.duplicate());
        NDArray analytic = mine.backward(dout.duplicate());
        NDArray numerical =
                GradientCheck.numericalGradient(x -> make(student, c).forward(x, r.duplicate()), f, dout);
        compare.gradient(name(c) + ".backward(dout)", analytic, numerical, GRADIENT_THRESHOLD, shown(f, r));
    }

    /**
     * Check on the student's own results that permuting the RoIs permutes the outputs, that RoI Align is
     * linear in the features, and that the output follows the features (two different maps give two
     * different outputs, which no constant does).
     */
    void hasItsProperties(RoiCase c, NDManager m) {
        NDArray f = c.features(m);
        NDArray g = c.withMap(c.n(), c.c(), c.h(), c.w()).features(m).mul(-0.5).add(0.25);
        NDArray r = c.roiValues(m);
        RoiOpApi op = make(student, c);
        RoiOpApi ref = make(reference, c);
        NDArray y = op.forward(f.duplicate(), r.duplicate());
        NDArray yg = op.forward(g.duplicate(), r.duplicate());
        indices.differ(
                name(c) + ".forward",
                y,
                yg,
                ref.forward(f.duplicate(), r.duplicate()),
                ref.forward(g.duplicate(), r.duplicate()));
        int[] order = new int[c.r()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i + 1) % order.length;
        }
        NDArray index = m.create(order);
        compare.agrees(
                name(c) + ".forward(features, rois[" + java.util.Arrays.toString(order) + "])"
                        + (ja ? " (RoI を並べ替えると出力も同じく並べ替わるはず)" : " (must be the outputs permuted the same way)"),
                y.get(index),
                op.forward(f.duplicate(), r.get(index)),
                Tolerance.FLOAT64,
                shown(f, r));
        if (align) {
            NDArray mix = op.forward(f.mul(2).add(g.mul(-3)), r.duplicate());
            compare.agrees(
                    name(c) + ".forward(2 f - 3 g, rois)"
                            + (ja
                                    ? " (特徴について線形: 2 forward(f) - 3 forward(g) のはず)"
                                    : " (linear in the features: must be 2 forward(f) - 3 forward(g))"),
                    y.mul(2).add(yg.mul(-3)),
                    mix,
                    new Tolerance(1e-9, 1e-12),
                    shown(f, r));
        }
    }

    /** Inputs unchanged by forward and backward, results that follow the input. */
    void leaveInputsUnchanged(RoiCase c, NDManager m) {
        NDArray f = c.features(m);
        NDArray r = c.roiValues(m);
        NDArray dout = c.dout(m);
        NDArray f1 = f.duplicate();
        NDArray r1 = r.duplicate();
        NDArray d1 = dout.duplicate();
        RoiOpApi op = make(student, c);
        NDArray y = op.forward(f1, r1);
        compare.unchanged(name(c) + ".forward", "features", f, f1);
        compare.unchanged(name(c) + ".forward", "rois", r, r1);
        NDArray dx = op.backward(d1);
        compare.unchanged(name(c) + ".backward", "dout", dout, d1);
        followInputs(c, m, op, y, dx, DataType.FLOAT64);
    }

    /**
     * Check the non-degeneracy of a structural test: forward of other features and backward of another
     * dout give other results wherever the reference's do (a constant, or a result that ignores its input,
     * fails; a wrong but input-dependent value does not).
     */
    private void followInputs(RoiCase c, NDManager m, RoiOpApi op, NDArray y, NDArray dx, DataType dtype) {
        NDArray f = c.features(m).toType(dtype, false);
        NDArray g = f.mul(-0.5).add(0.25);
        NDArray r = c.roiValues(m);
        NDArray dout = c.dout(m).toType(dtype, false);
        NDArray other = dout.mul(-1).add(0.5);
        RoiOpApi ref = make(reference, c);
        NDArray refY = ref.forward(f.duplicate(), r.duplicate());
        NDArray refDx = ref.backward(dout.duplicate());
        NDArray refYg = ref.forward(g.duplicate(), r.duplicate());
        NDArray refOther = ref.backward(other.duplicate());
        NDArray yg = op.forward(g.duplicate(), r.duplicate());
        indices.differ(name(c) + ".forward", y, yg, refY, refYg);
        indices.differ(name(c) + ".backward", dx, op.backward(other.duplicate()), refDx, refOther);
    }

    /** Float32 features and dout give float32 results that follow the input. */
    void keepFloat32(RoiCase c, NDManager m) {
        NDArray f = c.features(m).toType(DataType.FLOAT32, false);
        NDArray r = c.roiValues(m);
        NDArray dout = c.dout(m).toType(DataType.FLOAT32, false);
        RoiOpApi op = make(student, c);
        NDArray y = op.forward(f.duplicate(), r.duplicate());
        compare.dtype(name(c) + ".forward", DataType.FLOAT32, y);
        NDArray dx = op.backward(dout.duplicate());
        compare.dtype(name(c) + ".backward", DataType.FLOAT32, dx);
        followInputs(c, m, op, y, dx, DataType.FLOAT32);
    }
}
