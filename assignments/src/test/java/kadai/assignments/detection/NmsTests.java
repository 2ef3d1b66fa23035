package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;
import kadai.assignments.support.ArrayTestBase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Visible tests of {@link Boxes#nms} and {@link Boxes#batchedNms} (assignment detection, lecture notes §6.2). */
class NmsTests extends ArrayTestBase {

    private NDArray handoutBoxes() {
        return array(new double[] {0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30, 0, 0, 10, 9}, 4, 4);
    }

    private NDArray handoutScores() {
        return array(new double[] {0.9, 0.8, 0.7, 0.95}, 4);
    }

    @Test
    void nmsKeepsTheBestBoxesInScoreOrder() {
        // Box 3 (0.95) removes box 0 (IoU 0.9) and box 1 (IoU 72 / 118 = 0.61); box 2 overlaps nothing.
        assertArrayEquals(new int[] {3, 2}, Boxes.nms(handoutBoxes(), handoutScores(), 0.5), "nms(handout boxes, 0.5)");
        assertArrayEquals(new int[] {3, 1, 2}, Boxes.nms(handoutBoxes(), handoutScores(), 0.7),
                "nms(handout boxes, 0.7): box 1 overlaps box 3 by only 0.61");
    }

    @Test
    void anOverlapEqualToTheThresholdDoesNotSuppress() {
        // (0, 0, 2, 1) and (0, 0, 1, 1): intersection 1, union 2, IoU exactly 0.5.
        NDArray boxes = array(new double[] {0, 0, 2, 1, 0, 0, 1, 1}, 2, 4);
        assertArrayEquals(new int[] {0, 1}, Boxes.nms(boxes, array(new double[] {0.9, 0.8}, 2), 0.5),
                "a box is dropped only when its IoU is greater than the threshold");
    }

    @Test
    void equalScoresAreTakenInIndexOrder() {
        NDArray boxes = array(new double[] {0, 0, 4, 4, 0, 0, 4, 4, 10, 10, 12, 12, 10, 10, 12, 12}, 4, 4);
        NDArray scores = array(new double[] {0.5, 0.5, 0.5, 0.5}, 4);
        assertArrayEquals(new int[] {0, 2}, Boxes.nms(boxes, scores, 0.5), "with equal scores the lower index wins");
    }

    @Test
    void batchedNmsSuppressesOnlyWithinAClass() {
        assertArrayEquals(new int[] {3, 1, 2}, Boxes.batchedNms(handoutBoxes(), handoutScores(), new int[] {0, 1, 0, 0}, 0.5),
                "box 1 is of class 1: box 3 (class 0) cannot remove it");
        assertArrayEquals(new int[] {3, 0, 1, 2}, Boxes.batchedNms(handoutBoxes(), handoutScores(), new int[] {0, 1, 2, 3}, 0.5),
                "every box of its own class: nothing is removed, all come back by score");
    }

    @Test
    void noBoxesGiveNoIndices() {
        assertArrayEquals(new int[0], Boxes.nms(manager.zeros(new ai.djl.ndarray.types.Shape(0, 4), ai.djl.ndarray.types.DataType.FLOAT64),
                manager.zeros(new ai.djl.ndarray.types.Shape(0), ai.djl.ndarray.types.DataType.FLOAT64), 0.5), "nms of 0 boxes");
    }
}
