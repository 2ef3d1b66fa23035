package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.support.Naive;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Visible tests of {@link Convolution#forward} (assignment conv, lecture notes §1.1–1.3). */
class ConvolutionTests extends ArrayTestBase {

    private Convolution notesConvolution(double bias, int stride, int pad) {
        return new Convolution(array(NOTES_F, 1, 1, 3, 3), array(new double[] {bias}, 1), stride, pad);
    }

    @Test
    void lectureNotesExampleConvolvesXWithF() {
        NDArray y = notesConvolution(0, 1, 0).forward(array(NOTES_X, 1, 1, 4, 4));
        Tensors.assertClose("lecture notes §1.1: X = 1..16 conv F", array(new double[] {4, 8, 20, 24}, 1, 1, 2, 2), y);
    }

    @Test
    void lectureNotesExampleAddsTheBias() {
        NDArray y = notesConvolution(3, 1, 0).forward(array(NOTES_X, 1, 1, 4, 4));
        Tensors.assertClose("lecture notes §1.2: X conv F + 3", array(new double[] {7, 11, 23, 27}, 1, 1, 2, 2), y);
    }

    @Test
    void lectureNotesExamplePadsWithZeros() {
        NDArray y = notesConvolution(0, 1, 1).forward(array(NOTES_X, 1, 1, 4, 4));
        NDArray expected = array(new double[] {
                -3, -6, -5, -9,
                0, 4, 8, -2,
                8, 20, 24, 6,
                33, 71, 77, 53}, 1, 1, 4, 4);
        Tensors.assertClose("lecture notes §1.2: X padded by 1 conv F", expected, y);
    }

    @Test
    void lectureNotesExampleMovesByTheStride() {
        // The lecture notes' 7x7 input: X padded by one ring of zeros, plus a last row and column of ones.
        double[] seven = new double[49];
        for (int h = 0; h < 7; h++) {
            for (int w = 0; w < 7; w++) {
                boolean inside = h >= 1 && h <= 4 && w >= 1 && w <= 4;
                seven[h * 7 + w] = h == 6 || w == 6 ? 1 : inside ? NOTES_X[(h - 1) * 4 + (w - 1)] : 0;
            }
        }
        NDArray y = notesConvolution(0, 2, 0).forward(array(seven, 1, 1, 7, 7));
        Tensors.assertClose("lecture notes §1.2: the 7x7 input conv F, stride 2",
                array(new double[] {-3, -5, 2, 8, 24, 18, 25, 43, 16}, 1, 1, 3, 3), y);
    }

    @Test
    void batchChannelsAndNonSquareFiltersMatchTheDefinition() {
        // N=2, C=3, 6x5 image, OC=4, 3x2 filter, stride 2, pad 1: OH = 3, OW = 3.
        NDArray x = random(31, 2, 3, 6, 5);
        NDArray w = random(32, 4, 3, 3, 2);
        NDArray b = random(33, 4);
        NDArray y = new Convolution(w, b, 2, 1).forward(x);
        assertEquals(new Shape(2, 4, 3, 3), y.getShape(), "x (2,3,6,5), w (4,3,3,2), stride 2, pad 1: (N, OC, OH, OW)");
        NDArray expected = array(Naive.conv2d(x.toDoubleArray(), 2, 3, 6, 5, w.toDoubleArray(), 4, 3, 2,
                b.toDoubleArray(), 2, 1), 2, 4, 3, 3);
        Tensors.assertClose("x (2,3,6,5), w (4,3,3,2), stride 2, pad 1", expected, y);
    }

    @Test
    void eachOutputChannelUsesItsOwnFilterAndBias() {
        NDArray x = random(34, 3, 2, 4, 4);
        NDArray w = random(35, 5, 2, 1, 1);
        NDArray b = array(new double[] {0, 1, 2, 3, 4}, 5);
        NDArray y = new Convolution(w, b, 1, 0).forward(x);
        NDArray expected = array(Naive.conv2d(x.toDoubleArray(), 3, 2, 4, 4, w.toDoubleArray(), 5, 1, 1,
                b.toDoubleArray(), 1, 0), 3, 5, 4, 4);
        Tensors.assertClose("1x1 convolution, x (3,2,4,4), w (5,2,1,1): output channel o = sum_c w[o,c] x[c] + b[o]",
                expected, y);
    }

    @Test
    void inputAndParametersAreNotModified() {
        NDArray x = random(36, 2, 2, 5, 5);
        NDArray w = random(37, 3, 2, 3, 3);
        NDArray b = random(38, 3);
        NDArray dout = random(39, 2, 3, 5, 5);
        NDArray xBefore = snapshot(x);
        NDArray wBefore = snapshot(w);
        NDArray bBefore = snapshot(b);
        NDArray doutBefore = snapshot(dout);
        Convolution conv = new Convolution(w, b, 1, 1);
        conv.forward(x);
        conv.backward(dout);
        Expect.unchanged("x", xBefore, x);
        Expect.unchanged("dout", doutBefore, dout);
        Expect.unchanged("w", wBefore, w);
        Expect.unchanged("b", bBefore, b);
    }

    @Test
    void outputKeepsTheInputDtype() {
        NDArray x = random(40, 1, 2, 4, 4);
        NDArray w = random(41, 2, 2, 3, 3);
        NDArray b = random(42, 2);
        Expect.dtype("forward of float64 x, w, b", DataType.FLOAT64, new Convolution(w, b, 1, 0).forward(x));
        NDArray y32 = new Convolution(float32(w), float32(b), 1, 0).forward(float32(x));
        Expect.dtype("forward of float32 x, w, b", DataType.FLOAT32, y32);
    }

    @Test
    void paramsAreTheConstructorArraysUnderWAndB() {
        NDArray w = random(43, 2, 1, 2, 2);
        NDArray b = random(44, 2);
        Map<String, NDArray> params = new Convolution(w, b, 1, 0).params();
        assertEquals(java.util.Set.of("W", "b"), params.keySet(), "params() keys");
        assertSame(w, params.get("W"), "params().get(\"W\") must be the array given to the constructor");
        assertSame(b, params.get("b"), "params().get(\"b\") must be the array given to the constructor");
    }
}
