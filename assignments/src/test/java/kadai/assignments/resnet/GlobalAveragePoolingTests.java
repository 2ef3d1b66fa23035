package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link GlobalAveragePooling} (assignment resnet, lecture notes §4.2). */
class GlobalAveragePoolingTests extends ArrayTestBase {

    @Test
    void forwardAveragesEachChannel() {
        NDArray x = array(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        Tensors.assertClose("GAP of channels 1..4 and 5..8", array(new double[] {2.5, 6.5}, 1, 2),
                new GlobalAveragePooling().forward(x));
    }

    @Test
    void forwardMapsBatchAndChannelsOfNonSquareImages() {
        NDArray x = random(81, 3, 4, 2, 5);
        NDArray y = new GlobalAveragePooling().forward(x);
        assertEquals(new Shape(3, 4), y.getShape(), "GAP of (3, 4, 2, 5) must be (N, C)");
        double[] v = x.toDoubleArray();
        double[] expected = new double[12];
        for (int i = 0; i < v.length; i++) {
            expected[i / 10] += v[i] / 10;
        }
        Tensors.assertClose("GAP of x (3, 4, 2, 5)", array(expected, 3, 4), y);
    }

    @Test
    void backwardSpreadsTheGradientEvenly() {
        GlobalAveragePooling gap = new GlobalAveragePooling();
        gap.forward(random(82, 1, 2, 2, 2));
        NDArray dx = gap.backward(array(new double[] {4, 8}, 1, 2));
        Tensors.assertClose("backward of dout [[4, 8]] over 2x2 pixels",
                array(new double[] {1, 1, 1, 1, 2, 2, 2, 2}, 1, 2, 2, 2), dx);
    }

    @Test
    void gradientMatchesNumerical() {
        NDArray x = random(83, 2, 3, 3, 4);
        NDArray dout = random(84, 2, 3);
        NDArray numeric = GradientCheck.numericalGradient(xp -> new GlobalAveragePooling().forward(xp), x, dout);
        GlobalAveragePooling gap = new GlobalAveragePooling();
        gap.forward(x);
        Expect.gradient("dx for x (2, 3, 3, 4)", numeric, gap.backward(dout), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray x = random(85, 2, 2, 3, 3);
        NDArray dout = random(86, 2, 2);
        NDArray xBefore = snapshot(x);
        NDArray doutBefore = snapshot(dout);
        GlobalAveragePooling gap = new GlobalAveragePooling();
        Expect.dtype("forward", DataType.FLOAT64, gap.forward(x));
        Expect.dtype("backward", DataType.FLOAT64, gap.backward(dout));
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
    }
}
