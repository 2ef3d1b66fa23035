package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.support.Values;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Visible tests of {@link ConvOps#col2im} (assignment conv-op, lecture notes §2.1). */
class Col2imTests extends ArrayTestBase {

    @Test
    void onesCountHowManyWindowsCoverEachPixel() {
        NDArray image = ConvOps.col2im(manager.ones(new Shape(4, 9), DataType.FLOAT64), new Shape(1, 1, 4, 4), 3, 3, 1, 0);
        NDArray expected = array(new double[] {
                1, 2, 2, 1,
                2, 4, 4, 2,
                2, 4, 4, 2,
                1, 2, 2, 1}, 1, 1, 4, 4);
        Tensors.assertClose("col2im(ones (4, 9), (1,1,4,4), 3x3, stride 1): overlapping windows must add up",
                expected, image);
    }

    @Test
    void paddingIsCutOff() {
        // 16 windows of a padded 4x4 image; every pixel is covered by as many windows as fit around it.
        NDArray image = ConvOps.col2im(manager.ones(new Shape(16, 9), DataType.FLOAT64), new Shape(1, 1, 4, 4), 3, 3, 1, 1);
        NDArray expected = array(new double[] {
                4, 6, 6, 4,
                6, 9, 9, 6,
                6, 9, 9, 6,
                4, 6, 6, 4}, 1, 1, 4, 4);
        Tensors.assertClose("col2im(ones (16, 9), (1,1,4,4), 3x3, stride 1, pad 1)", expected, image);
    }

    @Test
    void isTheAdjointOfIm2col() {
        // <im2col(x), c> = <x, col2im(c)> for batch, channels, a non-square filter, stride 2 and pad 1.
        checkAdjoint(21, new Shape(2, 3, 5, 6), 3, 2, 2, 1);
        checkAdjoint(22, new Shape(1, 2, 7, 7), 3, 3, 1, 0);
        checkAdjoint(23, new Shape(2, 1, 6, 5), 2, 2, 3, 2);
    }

    private void checkAdjoint(long seed, Shape xShape, int fh, int fw, int stride, int pad) {
        String what = String.format("x %s, filter %dx%d, stride %d, pad %d", xShape, fh, fw, stride, pad);
        int oh = (int) ((xShape.get(2) + 2L * pad - fh) / stride + 1);
        int ow = (int) ((xShape.get(3) + 2L * pad - fw) / stride + 1);
        NDArray x = random(seed, xShape.getShape());
        NDArray c = random(seed + 100, xShape.get(0) * oh * ow, xShape.get(1) * fh * fw);
        NDArray cBefore = snapshot(c);
        NDArray image = ConvOps.col2im(c, xShape, fh, fw, stride, pad);
        assertEquals(xShape, image.getShape(), "col2im(c, " + what + ") must have the shape of x");
        Expect.dtype("col2im of a float64 matrix", DataType.FLOAT64, image);
        Expect.unchanged("the column matrix", cBefore, c);
        double left = Values.dot(ConvOps.im2col(x, fh, fw, stride, pad).toDoubleArray(), c.toDoubleArray());
        double right = Values.dot(x.toDoubleArray(), image.toDoubleArray());
        double tolerance = 1e-9 * Math.max(1, Math.abs(left));
        if (!(Math.abs(left - right) <= tolerance)) {
            throw new AssertionError(String.format(java.util.Locale.ROOT,
                    "col2im is not the adjoint of im2col for %s: <im2col(x), c> = %.12g but <x, col2im(c)> = %.12g",
                    what, left, right));
        }
    }
}
