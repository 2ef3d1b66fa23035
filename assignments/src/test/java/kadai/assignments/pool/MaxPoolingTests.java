package kadai.assignments.pool;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.support.Naive;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link MaxPooling} (assignment pool, lecture notes §1.5, §2.3). */
class MaxPoolingTests extends ArrayTestBase {

    private static final double[] NOTES_POOL_X = {1, 2, 3, 4, 5, 6, 7, 8, 16, 15, 14, 13, 12, 11, 10, 9};

    @Test
    void lectureNotesExampleTakesTheMaximumOfEachWindow() {
        NDArray y = new MaxPooling(2, 2, 2, 0).forward(array(NOTES_POOL_X, 1, 1, 4, 4));
        // The lecture notes' first display, [[6, 8], [16, 14]], is right (its second display has an erratum).
        Tensors.assertClose("lecture notes §1.5: 2x2 max pooling, stride 2", array(new double[] {6, 8, 16, 14}, 1, 1, 2, 2), y);
    }

    @Test
    void lectureNotesExampleRoutesTheGradientToTheMaxima() {
        MaxPooling pool = new MaxPooling(2, 2, 2, 0);
        pool.forward(array(NOTES_POOL_X, 1, 1, 4, 4));
        NDArray dx = pool.backward(array(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        NDArray expected = array(new double[] {
                0, 0, 0, 0,
                0, 1, 0, 2,
                3, 0, 4, 0,
                0, 0, 0, 0}, 1, 1, 4, 4);
        Tensors.assertClose("lecture notes §2.3: dout [[1, 2], [3, 4]] goes to the positions of 6, 8, 16, 14", expected, dx);
    }

    @Test
    void channelsArePooledSeparately() {
        // N=2, C=3, 5x6 input, 3x2 window, stride 2, pad 1.
        NDArray x = random(61, 2, 3, 5, 6);
        NDArray y = new MaxPooling(3, 2, 2, 1).forward(x);
        assertEquals(new Shape(2, 3, 3, 4), y.getShape(), "x (2,3,5,6), window 3x2, stride 2, pad 1: (N, C, OH, OW)");
        Tensors.assertClose("x (2,3,5,6), window 3x2, stride 2, pad 1",
                array(Naive.maxPool(x.toDoubleArray(), 2, 3, 5, 6, 3, 2, 2, 1), 2, 3, 3, 4), y);
    }

    @Test
    void paddingNeverWinsAgainstNegativeValues() {
        NDArray x = random(62, 1, 2, 4, 4).sub(2);   // every value in [-3, -1)
        NDArray y = new MaxPooling(2, 2, 2, 1).forward(x);
        Tensors.assertClose("all-negative x (1,2,4,4), window 2x2, stride 2, pad 1: padding counts as -infinity",
                array(Naive.maxPool(x.toDoubleArray(), 1, 2, 4, 4, 2, 2, 2, 1), 1, 2, 3, 3), y);
    }

    @Test
    void overlappingWindowsAccumulateGradients() {
        // 3x3 windows with stride 1 overlap; one large value is the maximum of all four windows.
        double[] values = {0.1, 0.2, 0.3, 0.4, 0.5, 9.0, 0.6, 0.7, 0.8, 0.9, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65};
        MaxPooling pool = new MaxPooling(3, 3, 1, 0);
        pool.forward(array(values, 1, 1, 4, 4));
        NDArray dx = pool.backward(array(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        double[] expected = new double[16];
        expected[5] = 10;
        Tensors.assertClose("the maximum of four overlapping windows receives 1 + 2 + 3 + 4", array(expected, 1, 1, 4, 4), dx);
    }

    @Test
    void tiesGoToTheFirstMaximumInRowMajorOrder() {
        MaxPooling pool = new MaxPooling(2, 2, 2, 0);
        pool.forward(array(new double[] {5, 5, 5, 5}, 1, 1, 2, 2));
        NDArray dx = pool.backward(array(new double[] {1}, 1, 1, 1, 1));
        Tensors.assertClose("a window of equal values sends the gradient to its first element",
                array(new double[] {1, 0, 0, 0}, 1, 1, 2, 2), dx);
    }

    @Test
    void backwardMatchesTheDefinitionWithBatchChannelsStrideAndPadding() {
        NDArray x = distinct(63, 2, 2, 5, 5);
        NDArray dout = random(64, 2, 2, 3, 3);
        MaxPooling pool = new MaxPooling(3, 3, 2, 1);
        pool.forward(x);
        NDArray dx = pool.backward(dout);
        Tensors.assertClose("dx for x (2,2,5,5), window 3x3, stride 2, pad 1",
                array(Naive.maxPoolBackward(x.toDoubleArray(), dout.toDoubleArray(), 2, 2, 5, 5, 3, 3, 2, 1), 2, 2, 5, 5), dx);
    }

    @Test
    void gradientMatchesNumericalAtInputsWithoutTies() {
        NDArray x = distinct(65, 2, 2, 4, 4);
        NDArray dout = random(66, 2, 2, 2, 2);
        NDArray numeric = GradientCheck.numericalGradient(xp -> new MaxPooling(2, 2, 2, 0).forward(xp), x, dout);
        MaxPooling pool = new MaxPooling(2, 2, 2, 0);
        pool.forward(x);
        Expect.gradient("dx for x (2,2,4,4), window 2x2, stride 2", numeric, pool.backward(dout), GradientCheck.CONV_THRESHOLD);

        NDArray x2 = distinct(67, 1, 2, 5, 7);
        NDArray dout2 = random(68, 1, 2, 3, 4);
        NDArray numeric2 = GradientCheck.numericalGradient(xp -> new MaxPooling(3, 2, 2, 1).forward(xp), x2, dout2);
        MaxPooling pool2 = new MaxPooling(3, 2, 2, 1);
        pool2.forward(x2);
        Expect.gradient("dx for x (1,2,5,7), window 3x2, stride 2, pad 1", numeric2, pool2.backward(dout2),
                GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void inputAndUpstreamGradientAreNotModified() {
        NDArray x = distinct(69, 2, 2, 4, 4);
        NDArray dout = random(70, 2, 2, 2, 2);
        NDArray xBefore = snapshot(x);
        NDArray doutBefore = snapshot(dout);
        MaxPooling pool = new MaxPooling(2, 2, 2, 0);
        pool.forward(x);
        pool.backward(dout);
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
    }

    @Test
    void outputAndGradientKeepTheInputDtype() {
        MaxPooling pool = new MaxPooling(2, 2, 2, 0);
        NDArray y = pool.forward(random(71, 1, 1, 4, 4));
        Expect.dtype("forward of a float64 input", DataType.FLOAT64, y);
        Expect.dtype("backward of a float64 dout", DataType.FLOAT64, pool.backward(random(72, 1, 1, 2, 2)));
    }

    @Test
    void paddingLargerThanHalfTheWindowIsRejected() {
        NDArray x = random(73, 1, 1, 6, 6);
        Expect.illegalArgument("MaxPooling(2, 2, 2, pad 2): pad must be <= 2 / 2",
                () -> new MaxPooling(2, 2, 2, 2).forward(x));
        Expect.illegalArgument("MaxPooling(3, 2, 1, pad 2): pad must be <= min(3, 2) / 2",
                () -> new MaxPooling(3, 2, 1, 2).forward(x));
        Expect.illegalArgument("MaxPooling(2, 2, stride 0, 0): stride must be >= 1",
                () -> new MaxPooling(2, 2, 0, 0).forward(x));
    }
}
