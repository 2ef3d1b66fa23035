package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

/** Visible tests of {@link SkipConnection} (assignment segment, lecture notes §5.4). */
class SkipConnectionTests extends ArrayTestBase {

    @Test
    void concatCropsTheCentreOfTheSkipAndPutsItsChannelsFirst() {
        NDArray skip = manager.arange(1, 26).toType(DataType.FLOAT64, false).reshape(1, 1, 5, 5);
        NDArray up = array(new double[] {-1, -2, -3, -4, -5, -6, -7, -8}, 1, 2, 2, 2);
        Tensors.assertClose("skip 5x5 cropped at top = left = (5 - 2) / 2 = 1, then up's two channels",
                array(new double[] {7, 8, 12, 13, -1, -2, -3, -4, -5, -6, -7, -8}, 1, 3, 2, 2),
                SkipConnection.concat(skip, up));
    }

    @Test
    void anOddDifferenceLeavesTheExtraRowAtTheBottom() {
        NDArray skip = manager.arange(1, 13).toType(DataType.FLOAT64, false).reshape(1, 1, 4, 3);
        NDArray up = array(new double[] {0, 0}, 1, 1, 1, 2);
        // top = (4 - 1) / 2 = 1, left = (3 - 2) / 2 = 0
        Tensors.assertClose("skip 4x3 cropped to 1x2", array(new double[] {4, 5, 0, 0}, 1, 2, 1, 2),
                SkipConnection.concat(skip, up));
    }

    @Test
    void backwardSplitsTheGradientAndPadsTheSkipPartWithZeros() {
        NDArray dout = array(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2);
        NDList grads = SkipConnection.backward(dout, new Shape(1, 1, 4, 4), new Shape(1, 1, 2, 2));
        Tensors.assertClose("dskip: the first channel at the crop window (rows 1-2, columns 1-2)", array(new double[] {
                0, 0, 0, 0,
                0, 1, 2, 0,
                0, 3, 4, 0,
                0, 0, 0, 0}, 1, 1, 4, 4), grads.get(0));
        Tensors.assertClose("dup: the second channel", array(new double[] {5, 6, 7, 8}, 1, 1, 2, 2), grads.get(1));
    }

    @Test
    void backwardMatchesNumericalGradients() {
        NDArray skip = random(121, 2, 2, 5, 4);
        NDArray up = random(122, 2, 3, 2, 3);
        NDArray dout = random(123, 2, 5, 2, 3);
        NDList grads = SkipConnection.backward(dout, skip.getShape(), up.getShape());
        Expect.gradient("dskip", GradientCheck.numericalGradient(s -> SkipConnection.concat(s, up), skip, dout),
                grads.get(0), GradientCheck.CONV_THRESHOLD);
        Expect.gradient("dup", GradientCheck.numericalGradient(u -> SkipConnection.concat(skip, u), up, dout),
                grads.get(1), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void inputsAreNotModified() {
        NDArray skip = random(124, 1, 2, 4, 4);
        NDArray up = random(125, 1, 1, 2, 2);
        NDArray dout = random(126, 1, 3, 2, 2);
        NDArray skipBefore = snapshot(skip);
        NDArray upBefore = snapshot(up);
        NDArray doutBefore = snapshot(dout);
        SkipConnection.concat(skip, up);
        SkipConnection.backward(dout, skip.getShape(), up.getShape());
        Expect.unchanged("skip", skipBefore, skip);
        Expect.unchanged("up", upBefore, up);
        Expect.unchanged("dout", doutBefore, dout);
    }

    @Test
    void shapesThatDoNotFitAreRejected() {
        Expect.illegalArgument("skip 2x2 smaller than up 3x2",
                () -> SkipConnection.concat(random(127, 1, 1, 2, 2), random(128, 1, 1, 3, 2)));
        Expect.illegalArgument("different batch sizes",
                () -> SkipConnection.concat(random(129, 2, 1, 4, 4), random(130, 1, 1, 2, 2)));
    }
}
