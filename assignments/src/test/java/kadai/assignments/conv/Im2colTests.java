package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.support.Naive;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link ConvOps#im2col} (assignment conv-op, lecture notes §1.3). */
class Im2colTests extends ArrayTestBase {

    @Test
    void lectureNotesExampleGivesOneRowPerWindow() {
        NDArray x = array(NOTES_X, 1, 1, 4, 4);
        NDArray col = ConvOps.im2col(x, 3, 3, 1, 0);
        // Rows are the lecture notes' X~[0,0], X~[0,1], X~[1,0], X~[1,1], each flattened row-major.
        NDArray expected = array(new double[] {
                1, 2, 3, 5, 6, 7, 9, 10, 11,
                2, 3, 4, 6, 7, 8, 10, 11, 12,
                5, 6, 7, 9, 10, 11, 13, 14, 15,
                6, 7, 8, 10, 11, 12, 14, 15, 16}, 4, 9);
        Tensors.assertClose("im2col(X = 1..16, 3x3, stride 1, pad 0)", expected, col);
    }

    @Test
    void paddingAddsZerosAroundTheImage() {
        NDArray x = array(NOTES_X, 1, 1, 4, 4);
        NDArray col = ConvOps.im2col(x, 3, 3, 1, 1);
        Tensors.assertClose("im2col(X = 1..16, 3x3, stride 1, pad 1): shape (16, 9), first window at the corner",
                array(Naive.im2col(NOTES_X, 1, 1, 4, 4, 3, 3, 1, 1), 16, 9), col);
    }

    @Test
    void strideSkipsWindows() {
        double[] seven = new double[49];
        for (int i = 0; i < 49; i++) {
            seven[i] = i + 1;
        }
        NDArray col = ConvOps.im2col(array(seven, 1, 1, 7, 7), 3, 3, 2, 0);
        Tensors.assertClose("im2col(7x7 = 1..49, 3x3, stride 2): 9 windows starting at rows/cols 0, 2, 4",
                array(Naive.im2col(seven, 1, 1, 7, 7, 3, 3, 2, 0), 9, 9), col);
    }

    @Test
    void batchAndChannelsOrderRowsByImageAndColumnsByChannel() {
        // N=2, C=3, 5x4 image, non-square 2x3 filter, stride 2, pad 1.
        NDArray x = random(11, 2, 3, 5, 4);
        NDArray col = ConvOps.im2col(x, 2, 3, 2, 1);
        NDArray expected = array(Naive.im2col(x.toDoubleArray(), 2, 3, 5, 4, 2, 3, 2, 1), 2 * 3 * 2, 3 * 2 * 3);
        Tensors.assertClose("im2col(x (2,3,5,4), filter 2x3, stride 2, pad 1): rows (n, oh, ow), columns (c, fh, fw)",
                expected, col);
    }

    @Test
    void windowsThatDoNotTileExactlyLeaveTheLastRowsOut() {
        NDArray x = random(12, 1, 2, 6, 6);
        NDArray col = ConvOps.im2col(x, 3, 3, 2, 0);
        Tensors.assertClose("im2col(x (1,2,6,6), 3x3, stride 2, pad 0): OH = OW = 2",
                array(Naive.im2col(x.toDoubleArray(), 1, 2, 6, 6, 3, 3, 2, 0), 4, 18), col);
    }

    @Test
    void inputIsNotModified() {
        NDArray x = random(13, 2, 2, 4, 5);
        NDArray before = snapshot(x);
        ConvOps.im2col(x, 3, 2, 1, 1);
        Expect.unchanged("x", before, x);
    }

    @Test
    void resultKeepsTheInputDtype() {
        NDArray x = random(14, 1, 2, 4, 4);
        Expect.dtype("im2col of a float64 input", DataType.FLOAT64, ConvOps.im2col(x, 2, 2, 1, 0));
        NDArray col32 = ConvOps.im2col(float32(x), 2, 2, 1, 0);
        Expect.dtype("im2col of a float32 input", DataType.FLOAT32, col32);
        Tensors.assertClose("im2col of a float32 input", ConvOps.im2col(x, 2, 2, 1, 0).toType(DataType.FLOAT32, false),
                col32, 1e-6, 1e-6);
    }

    @Test
    void resultHasShapeBatchTimesPositionsByChannelsTimesFilter() {
        NDArray x = random(15, 3, 4, 9, 7);
        NDArray col = ConvOps.im2col(x, 3, 1, 2, 1);
        // OH = (9 + 2 - 3) / 2 + 1 = 5, OW = (7 + 2 - 1) / 2 + 1 = 5
        assertEquals(new Shape(3 * 5 * 5, 4 * 3 * 1), col.getShape(),
                "im2col(x (3,4,9,7), filter 3x1, stride 2, pad 1) must be (N*OH*OW, C*FH*FW)");
        Tensors.assertClose("im2col(x (3,4,9,7), filter 3x1, stride 2, pad 1)",
                array(Naive.im2col(x.toDoubleArray(), 3, 4, 9, 7, 3, 1, 2, 1), 75, 12), col);
    }
}
