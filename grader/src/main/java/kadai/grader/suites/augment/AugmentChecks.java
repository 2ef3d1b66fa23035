package kadai.grader.suites.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Locale;
import kadai.assignments.testing.Tensors;
import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;

/** The checks the augment suite repeats: one {@code Augment} call against the reference, and the properties. */
final class AugmentChecks {

    /** Results that must equal another result of the student's to rounding (compositions, identities). */
    static final Tolerance ROUNDING = new Tolerance(1e-12, 1e-12);

    private final AugmentApi student;
    private final AugmentApi reference;
    private final Compare compare;
    private final boolean ja;

    AugmentChecks(AugmentApi student, AugmentApi reference, Language language) {
        this.student = student;
        this.reference = reference;
        this.compare = Compare.in(language);
        this.ja = language == Language.JA;
    }

    Compare compare() {
        return compare;
    }

    /** Check one call against the reference on copies of the case's batch; return the student's result. */
    NDArray agrees(OpCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray expected = c.apply(reference, x.duplicate());
        NDArray actual = c.apply(student, x.duplicate());
        try {
            compare.agrees(c.call(), expected, actual, Tolerance.FLOAT64, Shown.of("x", x));
        } catch (AssertionError e) {
            String hint = hint(c, x, actual);
            if (hint != null) {
                throw new AssertionError(e.getMessage() + "  " + hint + "\n", e);
            }
            throw e;
        }
        return actual;
    }

    /**
     * Name the usual mistake when the result equals what it would produce: the opposite turn, the
     * opposite shift, the forward instead of the inverse map.
     */
    private String hint(OpCase c, NDArray x, NDArray actual) {
        if (actual == null) {
            return null;
        }
        List<Double> p = c.params();
        return switch (c.op()) {
            case ROTATE ->
                same(reference.rotate(x.duplicate(), -p.get(0)), actual)
                        ? t(
                                "your result is rotate(x, " + Operation.number(-p.get(0))
                                        + "): the image must turn counter-clockwise on"
                                        + " screen, and rows (v) grow downwards",
                                "あなたの結果は rotate(x, " + Operation.number(-p.get(0)) + ") です。画面上で反時計回りに回転させてください"
                                        + " (行 v は下向きに増えます)")
                        : null;
            case SHIFT ->
                same(reference.shift(x.duplicate(), (int) -Math.round(p.get(0)), (int) -Math.round(p.get(1))), actual)
                        ? t(
                                "your content moves the other way: shift(x, dy, dx) moves it dy rows down and dx columns right,"
                                        + " out[v, u] = x[v - dy, u - dx]",
                                "内容が逆向きに動いています: shift(x, dy, dx) は内容を dy 行下、dx 列右へ動かします (out[v, u] = x[v - dy, u - dx])")
                        : null;
            case SCALE ->
                same(reference.scale(x.duplicate(), 1 / p.get(0)), actual)
                        ? t(
                                "your result is scale(x, 1/factor): with inverse mapping, output (u, v) samples cx + (u - cx) / factor",
                                "あなたの結果は scale(x, 1/factor) です。逆写像では出力 (u, v) は cx + (u - cx) / factor を参照します")
                        : null;
            case SHEAR ->
                same(reference.shear(x.duplicate(), -p.get(0)), actual)
                        ? t(
                                "your result is shear(x, -shearX): output (u, v) samples (u + shearX * (v - cy), v)",
                                "あなたの結果は shear(x, -shearX) です。出力 (u, v) は (u + shearX * (v - cy), v) を参照します")
                        : null;
            default -> null;
        };
    }

    private static boolean same(NDArray expected, NDArray actual) {
        return Tensors.compare(expected, actual, Tolerance.FLOAT64.rtol(), Tolerance.FLOAT64.atol()) == null;
    }

    /** A flip applied twice gives the batch back exactly, and one flip agrees with the reference. */
    void flipIsAnInvolution(OpCase c, NDManager m) {
        NDArray once = agrees(c, m);
        NDArray x = c.x(m);
        NDArray twice = c.apply(student, once);
        compare.agrees(c.op().method() + "(" + c.op().method() + "(x))", x, twice, Tolerance.EXACT, Shown.of("x", x));
    }

    /**
     * Shifts the same way add up: {@code shift(shift(x, a, b), c, d) = shift(x, a + c, b + d)} when
     * {@code a, c} and {@code b, d} have the same signs; the whole shift agrees with the reference.
     */
    void shiftsCompose(OpCase c, NDManager m) {
        agrees(c, m);
        int dy = (int) Math.round(c.params().get(0));
        int dx = (int) Math.round(c.params().get(1));
        int dy1 = dy / 2;
        int dx1 = dx / 2;
        NDArray x = c.x(m);
        NDArray whole = student.shift(x.duplicate(), dy, dx);
        NDArray steps = student.shift(student.shift(x.duplicate(), dy1, dx1), dy - dy1, dx - dx1);
        compare.agrees(
                String.format(
                        Locale.ROOT,
                        "shift(shift(x, %d, %d), %d, %d) vs shift(x, %d, %d)",
                        dy1,
                        dx1,
                        dy - dy1,
                        dx - dx1,
                        dy,
                        dx),
                whole,
                steps,
                Tolerance.EXACT,
                Shown.of("x", x));
    }

    /** Brightness stays in [min, max] and agrees with the reference. */
    void brightnessStaysInRange(OpCase c, NDManager m) {
        NDArray actual = agrees(c, m);
        double min = c.params().get(1);
        double max = c.params().get(2);
        double[] values = Tensors.toDoubles(actual);
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= min && values[i] <= max)) {
                throw new AssertionError(String.format(
                        Locale.ROOT,
                        t(
                                "%s: element %d is %s, outside [min, max] = [%s, %s]",
                                "%s: 要素 %d が %s で [min, max] = [%s, %s] の外です"),
                        c.call(),
                        i,
                        values[i],
                        min,
                        max));
            }
        }
    }

    /** The call leaves its input unchanged, and agrees with the reference. */
    void leavesTheInputUnchanged(OpCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray given = x.duplicate();
        NDArray actual = c.apply(student, given);
        compare.unchanged(c.call(), "x", x, given);
        compare.agrees(c.call(), c.apply(reference, x.duplicate()), actual, Tolerance.FLOAT64, Shown.of("x", x));
    }

    /** On a batch of {@code dtype} the result has that dtype and agrees with the float64 reference. */
    void keepsTheDtype(OpCase c, NDManager m, DataType dtype) {
        NDArray x = c.x(m);
        NDArray typed = x.toType(dtype, false);
        NDArray actual = c.apply(student, typed.duplicate());
        compare.dtype(c.call(), dtype, actual);
        compare.agrees(c.call(), c.apply(reference, x.duplicate()), actual, Tolerance.of(dtype), Shown.of("x", typed));
    }

    /** rotate(x, 90) of a square batch is the transpose of its left-right mirror. */
    void quarterTurnIsTheTransposeOfTheMirror(OpCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray actual = student.rotate(x.duplicate(), 90);
        NDArray expected = x.flip(3).transpose(0, 1, 3, 2);
        compare.agrees(
                t(
                        "rotate(x, 90) of a square image = the transpose of flipHorizontal(x)",
                        "正方形の画像の rotate(x, 90) = flipHorizontal(x) の転置"),
                expected,
                actual,
                ROUNDING,
                Shown.of("x", x));
    }

    /**
     * Rotating a linear image by θ and back by −θ restores it wherever both samplings keep their
     * four neighbours inside (a disc about the centre): bilinear sampling reproduces linear images
     * exactly. The first rotation must agree with the reference.
     */
    void rotatingBackRestoresALinearImage(RampCase c, NDManager m) {
        NDArray x = c.x(m);
        NDArray turned = student.rotate(x.duplicate(), c.degrees());
        compare.agrees(
                "rotate(x, " + Operation.number(c.degrees()) + ")",
                reference.rotate(x.duplicate(), c.degrees()),
                turned,
                Tolerance.FLOAT64,
                Shown.of("x", x));
        NDArray back = student.rotate(turned, -c.degrees());
        NDArray mask = c.innerDisc(m);
        compare.agrees(
                String.format(
                        Locale.ROOT,
                        t(
                                "rotate(rotate(x, %s), %s) inside the disc of radius %.2f about the centre"
                                        + " (outside it set to 0 on both sides)",
                                "rotate(rotate(x, %s), %s) の中心から半径 %.2f の円の内側" + " (外側は両方 0 にしてあります)"),
                        Operation.number(c.degrees()),
                        Operation.number(-c.degrees()),
                        c.innerRadius()),
                x.mul(mask),
                back.mul(mask),
                ROUNDING,
                Shown.of("x", x));
    }

    /** scale(x, 1), shift(x, 0, 0), rotate(x, 0) and the identity affine return x. */
    void identitiesReturnTheBatch(OpCase c, NDManager m) {
        NDArray x = c.x(m);
        Shown shown = Shown.of("x", x);
        compare.agrees("scale(x, factor=1)", x, student.scale(x.duplicate(), 1), ROUNDING, shown);
        compare.agrees("shift(x, dy=0, dx=0)", x, student.shift(x.duplicate(), 0, 0), ROUNDING, shown);
        compare.agrees("rotate(x, degrees=0)", x, student.rotate(x.duplicate(), 0), ROUNDING, shown);
        compare.agrees(
                "affine(x, matrix2x3={1, 0, 0, 0, 1, 0})",
                x,
                student.affine(x.duplicate(), new double[] {1, 0, 0, 0, 1, 0}),
                ROUNDING,
                shown);
    }

    /** Check a hand-computed example: the call on {@code input} must give {@code expected}, and agree with the reference. */
    void example(
            NDManager m,
            String call,
            Operation op,
            List<Double> params,
            double[] input,
            long[] shape,
            double[] expected,
            long[] expectedShape) {
        NDArray x = m.create(input, new Shape(shape));
        NDArray actual = op.call(student, x.duplicate(), params);
        compare.agrees(call, m.create(expected, new Shape(expectedShape)), actual, Tolerance.FLOAT64, Shown.of("x", x));
        compare.agrees(call, op.call(reference, x.duplicate(), params), actual, Tolerance.FLOAT64, Shown.of("x", x));
    }

    private String t(String en, String jaText) {
        return ja ? jaText : en;
    }
}
