package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.support.ArrayTestBase;
import kadai.assignments.support.Expect;
import kadai.assignments.testing.GradientCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Check {@link Convolution#backward} against numerical gradients of your own forward
 * (assignment conv, lecture notes §2.1–2.2). Relative error must stay below
 * {@link GradientCheck#CONV_THRESHOLD} = 1e-7 in float64.
 */
class ConvolutionGradientTests extends ArrayTestBase {

    /** One case: x (n, c, h, w), filters (oc, c, fh, fw), stride, pad. */
    private void check(long seed, long n, long c, long h, long w, long oc, long fh, long fw, int stride, int pad) {
        String what = String.format("x (%d,%d,%d,%d), w (%d,%d,%d,%d), stride %d, pad %d",
                n, c, h, w, oc, c, fh, fw, stride, pad);
        NDArray x = random(seed, n, c, h, w);
        NDArray wt = random(seed + 1, oc, c, fh, fw);
        NDArray b = random(seed + 2, oc);
        long oh = (h + 2L * pad - fh) / stride + 1;
        long ow = (w + 2L * pad - fw) / stride + 1;
        NDArray dout = random(seed + 3, n, oc, oh, ow);

        NDArray numericX = GradientCheck.numericalGradient(xp -> new Convolution(wt, b, stride, pad).forward(xp), x, dout);
        NDArray numericW = GradientCheck.numericalGradient(wp -> new Convolution(wp, b, stride, pad).forward(x), wt, dout);
        NDArray numericB = GradientCheck.numericalGradient(bp -> new Convolution(wt, bp, stride, pad).forward(x), b, dout);

        Convolution conv = new Convolution(wt, b, stride, pad);
        conv.forward(x);
        NDArray dx = conv.backward(dout);
        Expect.gradient("dx for " + what, numericX, dx, GradientCheck.CONV_THRESHOLD);
        Expect.gradient("dW = grads().get(\"W\") for " + what, numericW, conv.grads().get("W"), GradientCheck.CONV_THRESHOLD);
        Expect.gradient("db = grads().get(\"b\") for " + what, numericB, conv.grads().get("b"), GradientCheck.CONV_THRESHOLD);
        Expect.dtype("dx", DataType.FLOAT64, dx);
        Expect.dtype("dW", DataType.FLOAT64, conv.grads().get("W"));
        assertEquals(java.util.Set.of("W", "b"), conv.grads().keySet(), "grads() keys for " + what);
    }

    @Test
    void gradientsMatchNumericalOnTheSmallestCase() {
        check(51, 1, 1, 4, 4, 1, 3, 3, 1, 0);
    }

    @Test
    void gradientsMatchNumericalWithBatchChannelsAndPadding() {
        check(52, 2, 2, 4, 4, 2, 3, 3, 1, 1);
    }

    @Test
    void gradientsMatchNumericalWithStrideAndNonSquareFilters() {
        check(53, 1, 2, 5, 6, 3, 2, 3, 2, 1);
    }

    @Test
    void gradientsMatchNumericalWhenWindowsDoNotTileExactly() {
        check(54, 1, 1, 6, 6, 2, 3, 3, 2, 0);
    }
}
