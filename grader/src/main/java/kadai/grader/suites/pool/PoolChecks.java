package kadai.grader.suites.pool;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.property.ConvCase;
import kadai.grader.property.Shown;
import kadai.grader.property.Tolerance;
import kadai.grader.suite.GradingContext;
import kadai.grader.suites.InvalidConfigurations;
import kadai.grader.suites.SuiteChecks;

/**
 * The checks the pool suite repeats: build the student's and the reference's layer with the same
 * window, run forward and backward on copies of the same arrays, and compare y and dx.
 */
final class PoolChecks extends SuiteChecks<StudentCode> {

    static final String CLASS = "kadai.assignments.pool.MaxPooling";
    private static final Class<?>[] CONSTRUCTOR = {int.class, int.class, int.class, int.class};

    PoolChecks(StudentCode student, StudentCode reference, GradingContext context) {
        super(student, reference, context);
    }

    /** A student layer and a reference layer with the same window. */
    record Pair(Layer student, Layer reference, String call) {}

    Pair pair(ConvCase c) {
        Layer r = reference.newLayer(CLASS, CONSTRUCTOR, c.fh(), c.fw(), c.stride(), c.pad());
        Layer s = student.newLayer(CLASS, CONSTRUCTOR, c.fh(), c.fw(), c.stride(), c.pad());
        return new Pair(s, r, constructorCall(c));
    }

    Layer studentLayer(ConvCase c) {
        return student.newLayer(CLASS, CONSTRUCTOR, c.fh(), c.fw(), c.stride(), c.pad());
    }

    static String constructorCall(ConvCase c) {
        return String.format(
                Locale.ROOT,
                "new MaxPooling(poolH=%d, poolW=%d, stride=%d, pad=%d)",
                c.fh(),
                c.fw(),
                c.stride(),
                c.pad());
    }

    /** Run forward on both layers (each on its own copy of x) and compare. */
    NDArray forward(Pair p, NDArray x, Tolerance tolerance) {
        NDArray expected = p.reference().forward(x.duplicate());
        NDArray actual = p.student().forward(x.duplicate());
        compare.agrees(p.call() + ".forward(x)", expected, actual, tolerance, Shown.of("x", x));
        return actual;
    }

    /** Run backward on both layers (after forward) and compare dx. */
    NDArray backward(Pair p, NDArray x, NDArray dout, Tolerance tolerance) {
        NDArray expected = p.reference().backward(dout.duplicate());
        NDArray actual = p.student().backward(dout.duplicate());
        compare.agrees(
                p.call() + ".backward(dout) (dx)",
                expected,
                actual,
                tolerance,
                Shown.of("x", x),
                Shown.of("dout", dout));
        return actual;
    }

    /** Check forward and backward on the given input against the reference; return dx. */
    NDArray agrees(ConvCase c, NDArray x, NDArray dout) {
        Pair p = pair(c);
        forward(p, x, Tolerance.FLOAT64);
        return backward(p, x, dout, Tolerance.FLOAT64);
    }

    /** Check forward and backward on the case's own values. */
    NDArray agrees(ConvCase c, NDManager m) {
        return agrees(c, c.x(m), dout(c, m));
    }

    /**
     * Return the student's forward of the case's x on a fresh layer, failing unless a fresh
     * layer's forward of another input differs from it (non-degeneracy: zeros or a constant fail).
     */
    NDArray forwardDependsOnX(ConvCase c, NDManager m) {
        NDArray y = studentLayer(c).forward(c.x(m));
        NDArray y2 = studentLayer(c).forward(c.array(m, "x2", c.xShape()));
        compare.dependsOn(constructorCall(c) + ".forward(x)", "x", y, y2);
        return y;
    }

    /**
     * Fail unless backward of two different upstream gradients of {@code yShape}, each after
     * forward(x) on a fresh layer, differs (non-degeneracy).
     */
    void backwardDependsOnDout(ConvCase c, NDManager m, Shape yShape) {
        Layer first = studentLayer(c);
        first.forward(c.x(m));
        NDArray dx = first.backward(c.array(m, "dout", yShape));
        Layer second = studentLayer(c);
        second.forward(c.x(m));
        NDArray dx2 = second.backward(c.array(m, "dout2", yShape));
        compare.dependsOn(constructorCall(c) + ".backward(dout) (dx)", "dout", dx, dx2);
    }

    /** Non-degeneracy of forward and backward on a case (plain, so every output reads some input). */
    void dependsOnInputs(ConvCase c, NDManager m) {
        forwardDependsOnX(c, m);
        backwardDependsOnDout(c, m, yShape(c));
    }

    /** Return a result's shape, failing with a clear message when the call returned null. */
    Shape shapeOf(String call, NDArray result) {
        if (result == null) {
            throw new AssertionError(call + text(" returned null", " が null を返しました"));
        }
        return result.getShape();
    }

    /** Check that a call throws IllegalArgumentException (see {@link InvalidConfigurations}). */
    void rejects(String call, Runnable body) {
        InvalidConfigurations.mustBeRejected(call, InvalidConfigurations.Where.LAYER, ja, body);
    }

    static Shape yShape(ConvCase c) {
        return new Shape(c.n(), c.c(), c.oh(), c.ow());
    }

    static NDArray dout(ConvCase c, NDManager m) {
        return c.array(m, "dout", yShape(c));
    }

    /** Return the case's input made all negative (-|v| - 0.5), so padding with 0 would win every window it touches. */
    static NDArray negative(ConvCase c, NDManager m) {
        return c.x(m).abs().neg().sub(0.5);
    }

    /** How far apart the inputs of the numerical gradient check are (the pool handout quotes it). */
    static final double GRADIENT_CHECK_SPACING = 0.25;

    /**
     * Return the case's input with every value distinct and at least {@link #GRADIENT_CHECK_SPACING}
     * from any other (the values' ranks, scaled), so a numerical-gradient step never changes an argmax.
     */
    static NDArray distinct(ConvCase c, NDManager m) {
        double[] v = c.x(m).toDoubleArray();
        Integer[] order = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> v[i]).thenComparing(i -> i));
        double[] out = new double[v.length];
        for (int rank = 0; rank < order.length; rank++) {
            out[order[rank]] = GRADIENT_CHECK_SPACING * (rank - v.length / 2.0);
        }
        return m.create(out, c.xShape());
    }

    /**
     * Return, for each input position, whether it is the first maximum (row-major) of some window,
     * padding counting as -infinity: the only positions that may receive gradient.
     */
    static boolean[] argmaxPositions(ConvCase c, double[] x) {
        boolean[] hit = new boolean[x.length];
        for (int n = 0; n < c.n(); n++) {
            for (int ch = 0; ch < c.c(); ch++) {
                int base = (n * c.c() + ch) * c.h() * c.w();
                for (int i = 0; i < c.oh(); i++) {
                    for (int j = 0; j < c.ow(); j++) {
                        int best = -1;
                        for (int a = 0; a < c.fh(); a++) {
                            for (int b = 0; b < c.fw(); b++) {
                                int row = i * c.stride() + a - c.pad();
                                int col = j * c.stride() + b - c.pad();
                                if (row >= 0 && row < c.h() && col >= 0 && col < c.w()) {
                                    int at = base + row * c.w() + col;
                                    if (best < 0 || x[at] > x[best]) {
                                        best = at;
                                    }
                                }
                            }
                        }
                        if (best >= 0) {
                            hit[best] = true;
                        }
                    }
                }
            }
        }
        return hit;
    }
}
