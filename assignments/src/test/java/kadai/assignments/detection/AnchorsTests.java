package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Visible tests of {@link Anchors} (assignment detection, lecture notes §6.1–6.2). */
class AnchorsTests extends ArrayTestBase {

    @Test
    void gridOfTheHandout() {
        NDArray features = manager.zeros(new Shape(1, 8, 1, 2), DataType.FLOAT64);
        Tensors.assertClose("grid(features (1, 8, 1, 2), stride 8, sizes [8], ratios [1, 4])",
                array(new double[] {0, 0, 8, 8, 2, -4, 6, 12, 8, 0, 16, 8, 10, -4, 14, 12}, 4, 4),
                Anchors.grid(features, 8, new double[] {8}, new double[] {1, 4}));
    }

    @Test
    void gridRowsGoByRowThenColumnThenRatioThenSize() {
        NDArray features = manager.zeros(new Shape(2, 3, 2, 1), DataType.FLOAT32);
        NDArray grid = Anchors.grid(features, 4, new double[] {2, 4}, new double[] {1, 0.25});
        Expect.dtype("grid of float32 features", DataType.FLOAT32, grid);
        // Cell (y 0, x 0) centre (2, 2): ratio 1 size 2, ratio 1 size 4, ratio 0.25 size 2 (w 4, h 1), size 4 (w 8, h 2);
        // then cell (y 1, x 0), centre (2, 6).
        Tensors.assertClose("grid(features (2, 3, 2, 1), stride 4, sizes [2, 4], ratios [1, 0.25])",
                array(new double[] {1, 1, 3, 3, 0, 0, 4, 4, 0, 1.5, 4, 2.5, -2, 1, 6, 3,
                        1, 5, 3, 7, 0, 4, 4, 8, 0, 5.5, 4, 6.5, -2, 5, 6, 7}, 8, 4),
                grid.toType(DataType.FLOAT64, false));
    }

    @Test
    void matchOfTheHandout() {
        NDArray iou = array(new double[] {0.8, 0.1, 0.5, 0.2, 0.1, 0.35, 0.05, 0.1}, 4, 2);
        assertArrayEquals(new int[] {0, -2, 1, -1}, Anchors.match(iou, 0.7, 0.3),
                "anchor 0 positive, 1 between the thresholds, 2 is target 1's best anchor, 3 background");
    }

    @Test
    void thresholdsAreInclusiveForPositivesAndExclusiveForBackground() {
        // An IoU equal to positive is positive; one equal to negative is not background but ignored (-2).
        NDArray iou = array(new double[] {0.7, 0.1, 0.3, 0.2, 0.29, 0.25, 0.1, 0.8}, 4, 2);
        assertArrayEquals(new int[] {0, -2, -1, 1}, Anchors.match(iou, 0.7, 0.3), "0.7 >= 0.7 is positive; 0.3 is not < 0.3");
        NDArray other = array(new double[] {0.7, 0.75, 0.3, 0.0, 0.29, 0.0}, 3, 2);
        assertArrayEquals(new int[] {1, -2, -1}, Anchors.match(other, 0.75, 0.3), "anchor 0's best of 0.7 and 0.75 is target 1");
    }

    @Test
    void everyAnchorTiedForATargetsBestGetsItsOwnBestTarget() {
        // Target 0's best IoU, 0.4, is shared by anchors 0 and 1; anchor 1's own best target is 1 (0.45).
        NDArray iou = array(new double[] {0.4, 0.1, 0.4, 0.45, 0.1, 0.9}, 3, 2);
        assertArrayEquals(new int[] {0, 1, 1}, Anchors.match(iou, 0.7, 0.3),
                "anchor 0 gets target 0 back; anchor 1 ties for target 0 but gets its own best, target 1");
    }

    @Test
    void withoutTargetsEveryAnchorIsBackground() {
        assertArrayEquals(new int[] {-1, -1}, Anchors.match(manager.zeros(new Shape(2, 0), DataType.FLOAT64), 0.7, 0.3),
                "match of a (2, 0) IoU matrix");
    }

    @Test
    void invalidArgumentsAreRejected() {
        Expect.illegalArgument("match with negative 0.7 > positive 0.3",
                () -> Anchors.match(array(new double[] {0.5}, 1, 1), 0.3, 0.7));
        Expect.illegalArgument("grid with stride 0",
                () -> Anchors.grid(manager.zeros(new Shape(1, 1, 2, 2)), 0, new double[] {8}, new double[] {1}));
        Expect.illegalArgument("grid without sizes",
                () -> Anchors.grid(manager.zeros(new Shape(1, 1, 2, 2)), 8, new double[0], new double[] {1}));
    }
}
