package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** An honest, naive ConvOps: the baseline every hostile fixture is compared with. */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        if (in < 1 || filter < 1 || stride < 1 || pad < 0 || in + 2 * pad < filter) {
            throw new IllegalArgumentException("bad sizes: in=" + in + " filter=" + filter);
        }
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        long[] s = x.getShape().getShape();
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], w = (int) s[3];
        int oh = outputSize(h, fh, stride, pad), ow = outputSize(w, fw, stride, pad);
        double[] in = x.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
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
                                double value = y < 0 || y >= h || z < 0 || z >= w ? 0
                                        : in[((b * c + ch) * h + y) * w + z];
                                col[row * c * fh * fw + k] = value;
                            }
                        }
                    }
                }
            }
        }
        return x.getManager().create(col, new Shape((long) n * oh * ow, (long) c * fh * fw)).toType(x.getDataType(), false);
    }

    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {
        throw new UnsupportedOperationException("TODO: col2im");
    }
}
