package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link RoiAlign} (assignment detection, lecture notes §6.5). */
class RoiAlignTests extends ArrayTestBase {

    /** x[0, 0, y, x] = 4y + x: bilinear sampling of a linear function is exact, so values are easy to check. */
    private NDArray arange() {
        return manager.arange(0, 16, 1, DataType.FLOAT64).reshape(1, 1, 4, 4);
    }

    private NDArray rois(double... values) {
        return array(values, values.length / 5, 5);
    }

    @Test
    void forwardOfTheHandoutUnalignedAndAligned() {
        Tensors.assertClose("RoiAlign(2, 2, 1.0, 1, false) of RoI (0, 0, 3, 3): samples at 0.75 and 2.25",
                array(new double[] {3.75, 5.25, 9.75, 11.25}, 1, 1, 2, 2),
                new RoiAlign(2, 2, 1.0, 1, false).forward(arange(), rois(0, 0, 0, 3, 3)));
        Tensors.assertClose("RoiAlign(2, 2, 1.0, 1, true) of RoI (0, 0, 3, 3): shifted by half a cell",
                array(new double[] {1.25, 2.75, 7.25, 8.75}, 1, 1, 2, 2),
                new RoiAlign(2, 2, 1.0, 1, true).forward(arange(), rois(0, 0, 0, 3, 3)));
    }

    @Test
    void adaptiveSamplingAndTheScale() {
        // samplingRatio 0: ceil(3 / 1) = 3 samples per axis at 0.5, 1.5, 2.5; their mean is f(1.5, 1.5) = 7.5.
        Tensors.assertClose("RoiAlign(1, 1, 1.0, 0, false) of RoI (0, 0, 3, 3)", array(new double[] {7.5}, 1, 1, 1, 1),
                new RoiAlign(1, 1, 1.0, 0, false).forward(arange(), rois(0, 0, 0, 3, 3)));
        // Scale 0.5, aligned: the RoI (2, 2, 6, 6) becomes (0.5, 0.5, 2.5, 2.5) on the map, centre 1.5.
        Tensors.assertClose("RoiAlign(1, 1, 0.5, 2, true) of RoI (2, 2, 6, 6)", array(new double[] {7.5}, 1, 1, 1, 1),
                new RoiAlign(1, 1, 0.5, 2, true).forward(arange(), rois(0, 2, 2, 6, 6)));
    }

    @Test
    void samplesFarOutsideTheMapAreZero() {
        Tensors.assertClose("RoI (-4, 0, -1, 1): every sample left of x = -1", array(new double[] {0, 0}, 1, 1, 1, 2),
                new RoiAlign(1, 2, 1.0, 1, false).forward(arange(), rois(0, -4, 0, -1, 1)));
    }

    @Test
    void backwardSpreadsDoutWithTheBilinearWeights() {
        RoiAlign align = new RoiAlign(1, 1, 1.0, 1, false);
        // One sample at (1.25, 1.25): weights 0.75 * 0.75, 0.75 * 0.25, 0.25 * 0.75, 0.25 * 0.25.
        Tensors.assertClose("forward of RoI (0.5, 0.5, 2, 2)", array(new double[] {6.25}, 1, 1, 1, 1),
                align.forward(arange(), rois(0, 0.5, 0.5, 2, 2)));
        Tensors.assertClose("backward of a ones dout",
                array(new double[] {0, 0, 0, 0, 0, 0.5625, 0.1875, 0, 0, 0.1875, 0.0625, 0, 0, 0, 0, 0}, 1, 1, 4, 4),
                align.backward(manager.ones(new Shape(1, 1, 1, 1), DataType.FLOAT64)));
    }

    @Test
    void backwardMatchesNumericalGradients() {
        NDArray x = random(41, 2, 2, 5, 6);
        NDArray r = rois(0, 0, 0, 4, 3, 1, 1.5, 0.5, 5, 4, 0, -1, 1, 5, 4.5);
        NDArray dout = random(42, 3, 2, 2, 3);
        for (boolean aligned : new boolean[] {false, true}) {
            RoiAlign align = new RoiAlign(2, 3, 1.0, 2, aligned);
            align.forward(x, r);
            Expect.gradient("RoiAlign.backward, aligned " + aligned,
                    GradientCheck.numericalGradient(f -> new RoiAlign(2, 3, 1.0, 2, aligned).forward(f, r), x, dout),
                    align.backward(dout), GradientCheck.CONV_THRESHOLD);
        }
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray x = random(43, 1, 2, 4, 4);
        NDArray r = rois(0, 0.5, 0, 3, 2.5);
        NDArray xBefore = snapshot(x);
        NDArray rBefore = snapshot(r);
        RoiAlign align = new RoiAlign(2, 2, 1.0, 2, true);
        NDArray y = align.forward(x, r);
        assertEquals(new Shape(1, 2, 2, 2), y.getShape(), "forward's shape (R, C, outH, outW)");
        align.backward(y);
        Expect.unchanged("features", xBefore, x);
        Expect.unchanged("rois", rBefore, r);
        NDArray y32 = align.forward(float32(x), r);
        Expect.dtype("forward of float32 features", DataType.FLOAT32, y32);
        Expect.dtype("backward of float32 dout", DataType.FLOAT32, align.backward(y32));
    }

    @Test
    void invalidArgumentsAreRejected() {
        Expect.illegalArgument("new RoiAlign(2, 2, 0.0, 1, true)",
                () -> new RoiAlign(2, 2, 0.0, 1, true).forward(arange(), rois(0, 0, 0, 3, 3)));
        Expect.illegalArgument("rois of shape (1, 4)",
                () -> new RoiAlign(2, 2, 1.0, 1, true).forward(arange(), array(new double[] {0, 0, 3, 3}, 1, 4)));
    }
}
