package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Visible tests of {@link RoiPool} (assignment detection, lecture notes §6.1). */
class RoiPoolTests extends ArrayTestBase {

    /** x[0, 0, y, x] = 4y + x. */
    private NDArray arange() {
        return manager.arange(0, 16, 1, DataType.FLOAT64).reshape(1, 1, 4, 4);
    }

    private NDArray rois(double... values) {
        return array(values, values.length / 5, 5);
    }

    @Test
    void forwardAndBackwardOfTheHandout() {
        RoiPool pool = new RoiPool(2, 2, 1.0);
        NDArray y = pool.forward(arange(), rois(0, 0, 0, 3, 3, 0, 1, 1, 2, 2));
        Tensors.assertClose("forward of RoIs (0, 0, 3, 3) and (1, 1, 2, 2)", array(new double[] {5, 7, 13, 15, 5, 6, 9, 10}, 2, 1, 2, 2), y);
        Tensors.assertClose("backward of ones: 5 is the maximum of two bins",
                array(new double[] {0, 0, 0, 0, 0, 2, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1}, 1, 1, 4, 4),
                pool.backward(manager.ones(new Shape(2, 1, 2, 2), DataType.FLOAT64)));
    }

    @Test
    void coordinatesRoundHalfAwayFromZero() {
        // round(-0.5) = -1 (C's round, torchvision): the RoI spans cells -1..1, 3 cells, bins of 1.5 cells that all
        // reach cell (0, 0). Java's Math.round(-0.5) = 0 would give cells 0..1 and bins of one cell each.
        NDArray descending = manager.create(new double[] {15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, new Shape(1, 1, 4, 4));
        Tensors.assertClose("forward of RoI (-0.5, -0.5, 1.4, 1.4), 2 x 2 bins", array(new double[] {15, 15, 15, 15}, 1, 1, 2, 2),
                new RoiPool(2, 2, 1.0).forward(descending, rois(0, -0.5, -0.5, 1.4, 1.4)));
    }

    @Test
    void binsOutsideTheMapGiveZeroAndTheScaleMapsPixelsToCells() {
        Tensors.assertClose("RoI (2, 0, 6, 1): the right bin lies outside the 4 x 4 map",
                array(new double[] {7, 0}, 1, 1, 1, 2), new RoiPool(1, 2, 1.0).forward(arange(), rois(0, 2, 0, 6, 1)));
        Tensors.assertClose("RoI (2, 2, 6, 6) at scale 0.5 covers cells 1..3", array(new double[] {15}, 1, 1, 1, 1),
                new RoiPool(1, 1, 0.5).forward(arange(), rois(0, 2, 2, 6, 6)));
    }

    @Test
    void backwardMatchesNumericalGradientsAwayFromTies() {
        NDArray x = distinct(31, 2, 2, 5, 6);
        NDArray r = rois(0, 0, 0, 4, 3, 1, 1.5, 0.5, 5, 4, 0, 2, 1, 5, 4.5);
        NDArray dout = random(32, 3, 2, 2, 3);
        RoiPool pool = new RoiPool(2, 3, 1.0);
        pool.forward(x, r);
        Expect.gradient("RoiPool.backward", GradientCheck.numericalGradient(f -> new RoiPool(2, 3, 1.0).forward(f, r), x, dout),
                pool.backward(dout), GradientCheck.CONV_THRESHOLD);
    }

    @Test
    void inputsAreNotModifiedAndDtypeIsKept() {
        NDArray x = distinct(33, 1, 2, 4, 4);
        NDArray r = rois(0, 0, 0, 3, 2);
        NDArray xBefore = snapshot(x);
        NDArray rBefore = snapshot(r);
        RoiPool pool = new RoiPool(2, 2, 1.0);
        pool.backward(pool.forward(x, r));
        Expect.unchanged("features", xBefore, x);
        Expect.unchanged("rois", rBefore, r);
        NDArray y32 = pool.forward(float32(x), r);
        Expect.dtype("forward of float32 features", DataType.FLOAT32, y32);
        Expect.dtype("backward of float32 dout", DataType.FLOAT32, pool.backward(y32));
    }

    @Test
    void invalidArgumentsAreRejected() {
        Expect.illegalArgument("new RoiPool(0, 2, 1.0)", () -> new RoiPool(0, 2, 1.0).forward(arange(), rois(0, 0, 0, 3, 3)));
        Expect.illegalArgument("a RoI of batch index 1 for a batch of 1",
                () -> new RoiPool(2, 2, 1.0).forward(arange(), rois(1, 0, 0, 3, 3)));
        assertThrows(IllegalStateException.class, () -> new RoiPool(2, 2, 1.0).backward(manager.ones(new Shape(1, 1, 2, 2))),
                "backward before forward");
    }
}
