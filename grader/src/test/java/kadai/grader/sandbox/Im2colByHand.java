package kadai.grader.sandbox;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Compute im2col in the grader with plain loops, as the expected value of the red-team checks. */
final class Im2colByHand {

    private Im2colByHand() {}

    static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        long[] s = x.getShape().getShape();
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], w = (int) s[3];
        int oh = (h + 2 * pad - fh) / stride + 1, ow = (w + 2 * pad - fw) / stride + 1;
        double[] in = x.toDoubleArray();
        double[] col = new double[n * oh * ow * c * fh * fw];
        int row = 0;
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, row++) {
                    int k = 0;
                    for (int ch = 0; ch < c; ch++) {
                        for (int u = 0; u < fh; u++) {
                            for (int v = 0; v < fw; v++, k++) {
                                int y = i * stride + u - pad, z = j * stride + v - pad;
                                col[row * c * fh * fw + k] =
                                        y < 0 || y >= h || z < 0 || z >= w ? 0 : in[((b * c + ch) * h + y) * w + z];
                            }
                        }
                    }
                }
            }
        }
        return x.getManager().create(col, new Shape((long) n * oh * ow, (long) c * fh * fw));
    }

    static boolean close(NDArray actual, NDArray expected) {
        return actual.getShape().equals(expected.getShape()) && actual.allClose(expected, 1e-12, 1e-12, false);
    }
}
