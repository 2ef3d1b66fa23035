package kadai.reference.conv;

import static kadai.assignments.testing.Tensors.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import kadai.assignments.conv.ConvOps;
import kadai.assignments.conv.Convolution;
import kadai.assignments.pool.MaxPooling;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every worked example of the lecture notes (the handouts' tables, errata applied) against the reference. */
class SeedExamplesTests {

    private static final double[][] X = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}};
    private static final double[][] F = {{1, 1, 1}, {2, 0, 1}, {-1, -1, 0}};

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void convolutionOfOneToSixteenGivesTheSeedsResult() {
        assertClose("seed 1.1", image(new double[][] {{4, 8}, {20, 24}}), convolve(image(X), 0, 1, 0));
    }

    @Test
    void biasIsAddedToEveryOutput() {
        assertClose("seed 1.2 bias", image(new double[][] {{7, 11}, {23, 27}}), convolve(image(X), 3, 1, 0));
    }

    @Test
    void paddingOfOneKeepsTheSize() {
        double[][] expected = {{-3, -6, -5, -9}, {0, 4, 8, -2}, {8, 20, 24, 6}, {33, 71, 77, 53}};
        assertClose("seed 1.2 padding", image(expected), convolve(image(X), 0, 1, 1));
    }

    @Test
    void strideTwoOnTheSeedsSevenBySevenInput() {
        double[][] input = new double[7][7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                boolean inside = i >= 1 && i <= 4 && j >= 1 && j <= 4;
                input[i][j] = inside ? X[i - 1][j - 1] : (i == 6 || j == 6 ? 1 : 0);
            }
        }
        double[][] expected = {{-3, -5, 2}, {8, 24, 18}, {25, 43, 16}};
        assertClose("seed 1.2 stride", image(expected), convolve(image(input), 0, 2, 0));
    }

    @Test
    void im2colRowsAreTheSeedsWindows() {
        NDArray col = ConvOps.im2col(image(X), 3, 3, 1, 0);
        assertClose(
                "im2col shape and rows",
                manager.create(
                        new double[] {
                            1, 2, 3, 5, 6, 7, 9, 10, 11,
                            2, 3, 4, 6, 7, 8, 10, 11, 12,
                            5, 6, 7, 9, 10, 11, 13, 14, 15,
                            6, 7, 8, 10, 11, 12, 14, 15, 16
                        },
                        new Shape(4, 9)),
                col);
    }

    @Test
    void maxPoolingTakesEachWindowsMaximum() {
        double[][] input = {{1, 2, 3, 4}, {5, 6, 7, 8}, {16, 15, 14, 13}, {12, 11, 10, 9}};
        // The seed's first display is right; its second shows [[6, 8], [14, 16]] (erratum).
        assertClose(
                "seed 1.5", image(new double[][] {{6, 8}, {16, 14}}), new MaxPooling(2, 2, 2, 0).forward(image(input)));
    }

    @Test
    void transposedConvolutionWithStrideTwoIsTheAdjointOfConvolution() {
        double[][] expected = {{1, 2, 2, 4}, {-1, 1, -2, 2}, {3, 6, 4, 8}, {-3, 3, -4, 4}};
        assertTransposed(expected, 2, 4);
    }

    @Test
    void transposedConvolutionWithStrideOneIsTheAdjointOfConvolution() {
        // The seed prints y11 = 1; 1*1 + 2*(-1) + 3*2 + 4*1 = 9 (erratum).
        double[][] expected = {{1, 4, 4}, {2, 9, 10}, {-3, -1, 4}};
        assertTransposed(expected, 1, 3);
    }

    /**
     * The seed's transposed convolution (dilate, pad, correlate with F) equals the framework's
     * (the adjoint of convolution) with F rotated 180°. Check both PyTorch's conv_transpose2d and
     * the reference convolution's backward pass, which is that adjoint.
     */
    private void assertTransposed(double[][] expected, int stride, int outSize) {
        NDArray x = image(new double[][] {{1, 2}, {3, 4}});
        NDArray rotated = image(new double[][] {{1, 2}, {-1, 1}}); // F = [[1, -1], [2, 1]] turned 180°
        NDArray bias = manager.zeros(new Shape(1), x.getDataType());
        NDArray probe = manager.zeros(new Shape(1, 1, outSize, outSize), x.getDataType());
        Cases.autograd(
                () -> Conv2d.conv2d(probe, rotated, bias, new Shape(stride, stride))
                        .singletonOrThrow(),
                x,
                probe);
        assertClose("PyTorch conv2d input gradient, stride " + stride, image(expected), probe.getGradient());

        Convolution conv = new Convolution(rotated, bias, stride, 0);
        conv.forward(manager.zeros(new Shape(1, 1, outSize, outSize), x.getDataType()));
        assertClose("reference convolution backward, stride " + stride, image(expected), conv.backward(x));
    }

    private NDArray convolve(NDArray x, double bias, int stride, int pad) {
        Convolution conv = new Convolution(image(F), manager.create(new double[] {bias}), stride, pad);
        return conv.forward(x);
    }

    private NDArray image(double[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        double[] flat = new double[h * w];
        for (int i = 0; i < h; i++) {
            System.arraycopy(rows[i], 0, flat, i * w, w);
        }
        return manager.create(flat, new Shape(1, 1, h, w));
    }
}
