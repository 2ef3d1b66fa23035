package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.support.Values;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link TransposedConvolution} (assignment segment, lecture notes §5.3). */
class TransposedConvolutionTests extends ArrayTestBase {

    /** The notes' X = [[1, 2], [3, 4]]. */
    private static final double[] NOTES_X = {1, 2, 3, 4};
    /** The notes' F = [[1, -1], [2, 1]] rotated by 180°: what the framework formula needs to reproduce them. */
    private static final double[] NOTES_F_ROTATED = {1, 2, -1, 1};

    private TransposedConvolution layer(NDArray w, int stride, int pad) {
        return new TransposedConvolution(w, manager.zeros(new Shape(w.getShape().get(1)), DataType.FLOAT64), stride, pad);
    }

    @Test
    void notesExampleWithStrideTwo() {
        NDArray y = layer(array(NOTES_F_ROTATED, 1, 1, 2, 2), 2, 0).forward(array(NOTES_X, 1, 1, 2, 2));
        Tensors.assertClose("§5.3, stride 2 (w = F rotated by 180°)", array(new double[] {
                1, 2, 2, 4,
                -1, 1, -2, 2,
                3, 6, 4, 8,
                -3, 3, -4, 4}, 1, 1, 4, 4), y);
    }

    @Test
    void notesExampleWithStrideOne() {
        NDArray y = layer(array(NOTES_F_ROTATED, 1, 1, 2, 2), 1, 0).forward(array(NOTES_X, 1, 1, 2, 2));
        // Erratum: the notes print 1 at the centre; 1*1 + 2*(-1) + 3*2 + 4*1 = 9 is right.
        Tensors.assertClose("§5.3, stride 1 (w = F rotated by 180°)", array(new double[] {
                1, 4, 4,
                2, 9, 10,
                -3, -1, 4}, 1, 1, 3, 3), y);
    }

    @Test
    void outputSizeIsTheInverseOfTheConvolutions() {
        NDArray x = random(81, 2, 3, 4, 5);
        NDArray y = layer(random(82, 3, 2, 4, 3), 2, 1).forward(x);
        // OH = (4 - 1) * 2 - 2 * 1 + 4 = 8, OW = (5 - 1) * 2 - 2 * 1 + 3 = 9
        assertEquals(new Shape(2, 2, 8, 9), y.getShape(), "x (2,3,4,5), w (3,2,4,3), stride 2, pad 1: (N, OC, OH, OW)");
    }

    @Test
    void forwardMatchesTheDefinitionWithBatchChannelsStrideAndPadding() {
        NDArray x = random(83, 2, 3, 3, 4);
        NDArray w = random(84, 3, 2, 3, 2);
        NDArray b = random(85, 2);
        NDArray y = new TransposedConvolution(w, b, 2, 1).forward(x);
        double[] expected = Definitions.transposedConv(x.toDoubleArray(), 2, 3, 3, 4, w.toDoubleArray(), 2, 3, 2,
                b.toDoubleArray(), 2, 1);
        Tensors.assertClose("x (2,3,3,4), w (3,2,3,2), b (2), stride 2, pad 1", array(expected, 2, 2, 5, 6), y);
    }

    @Test
    void forwardIsTheAdjointOfTheConvolution() {
        // <conv(z), x> = <z, convT(x)> with the same filters w (C, OC, FH, FW), no bias.
        NDArray x = random(86, 2, 2, 3, 3);
        NDArray w = random(87, 2, 3, 3, 3);
        NDArray y = layer(w, 2, 1).forward(x);   // (2, 3, 5, 5)
        NDArray z = random(88, 2, 3, 5, 5);
        double[] convOfZ = Definitions.conv(z.toDoubleArray(), 2, 3, 5, 5, w.toDoubleArray(), 2, 3, 3, 2, 1);
        double left = Values.dot(convOfZ, x.toDoubleArray());
        double right = Values.dot(z.toDoubleArray(), y.toDoubleArray());
        assertEquals(left, right, 1e-10 * (1 + Math.abs(left)), "<conv(z), x> must equal <z, convT(x)>");
    }

    @Test
    void gradientsMatchNumericalGradients() {
        check(91, 2, 2, 3, 3, 3, 3, 3, 2, 1);
        check(92, 1, 3, 2, 4, 2, 2, 4, 3, 0);
        check(93, 2, 1, 4, 2, 1, 1, 2, 1, 0);
    }

    private void check(long seed, int n, int c, int h, int w, int oc, int fh, int fw, int stride, int pad) {
        String what = String.format("x (%d,%d,%d,%d), w (%d,%d,%d,%d), stride %d, pad %d", n, c, h, w, c, oc, fh, fw,
                stride, pad);
        NDArray x = random(seed, n, c, h, w);
        NDArray wt = random(seed + 1, c, oc, fh, fw);
        NDArray b = random(seed + 2, oc);
        NDArray dout = random(seed + 3, n, oc, (h - 1) * stride - 2 * pad + fh, (w - 1) * stride - 2 * pad + fw);
        NDArray numericX = GradientCheck.numericalGradient(xp -> new TransposedConvolution(wt, b, stride, pad).forward(xp),
                x, dout);
        NDArray numericW = GradientCheck.numericalGradient(wp -> new TransposedConvolution(wp, b, stride, pad).forward(x),
                wt, dout);
        NDArray numericB = GradientCheck.numericalGradient(bp -> new TransposedConvolution(wt, bp, stride, pad).forward(x),
                b, dout);
        TransposedConvolution layer = new TransposedConvolution(wt, b, stride, pad);
        layer.forward(x);
        NDArray dx = layer.backward(dout);
        Expect.gradient("dx for " + what, numericX, dx, GradientCheck.CONV_THRESHOLD);
        Expect.gradient("dW = grads().get(\"W\") for " + what, numericW, layer.grads().get("W"), GradientCheck.CONV_THRESHOLD);
        Expect.gradient("db = grads().get(\"b\") for " + what, numericB, layer.grads().get("b"), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void paramsAreTheConstructorsArraysUnderWAndB() {
        NDArray w = random(94, 1, 2, 2, 2);
        NDArray b = random(95, 2);
        TransposedConvolution layer = new TransposedConvolution(w, b, 1, 0);
        assertEquals(w, layer.params().get("W"), "params().get(\"W\") must be the constructor's w");
        assertEquals(b, layer.params().get("b"), "params().get(\"b\") must be the constructor's b");
        layer.forward(random(96, 1, 1, 2, 2));
        layer.backward(random(97, 1, 2, 3, 3));
        assertEquals(layer.params().keySet(), layer.grads().keySet(), "grads() keys");
    }

    @Test
    void inputsAreNotModifiedAndTheDtypeIsKept() {
        NDArray x = random(98, 1, 2, 3, 3);
        NDArray dout = random(99, 1, 1, 5, 5);
        NDArray xBefore = snapshot(x);
        NDArray doutBefore = snapshot(dout);
        TransposedConvolution layer = layer(random(100, 2, 1, 3, 3), 2, 1);
        NDArray y = layer.forward(x);
        NDArray dx = layer.backward(dout);
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
        Expect.dtype("forward of a float64 x", DataType.FLOAT64, y);
        Expect.dtype("backward of a float64 dout", DataType.FLOAT64, dx);
        Expect.dtype("forward of a float32 x", DataType.FLOAT32, layer.forward(float32(x)));
    }

    @Test
    void invalidConfigurationsAreRejected() {
        NDArray w = random(101, 1, 1, 3, 3);
        NDArray x = random(102, 1, 1, 1, 1);
        Expect.illegalArgument("stride 0", () -> layer(w, 0, 0).forward(x));
        Expect.illegalArgument("pad -1", () -> layer(w, 1, -1).forward(x));
        Expect.illegalArgument("pad 2 on a 1x1 input with a 3x3 filter: OH = 0 * 1 - 4 + 3 = -1",
                () -> layer(w, 1, 2).forward(x));
        Expect.illegalArgument("x with 2 channels for w with C = 1", () -> layer(w, 1, 0).forward(random(103, 1, 2, 2, 2)));
    }
}
