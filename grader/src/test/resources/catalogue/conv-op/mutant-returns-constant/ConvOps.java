package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "mutant-returns-constant" (conv-op).
 *
 * Wrong: outputSize returns 1 whatever its arguments, and im2col and col2im return arrays of ones
 * of the right shape and dtype (computed by a private helper). Structural tests also ask that
 * results depend on their inputs, so structure alone earns nothing.
 * Scores zero.
 *
 * Loses: outputSizeFollowsTheFormula, outputSizeRejectsInvalidConfigurations, im2colReproducesTheCourseExample, im2colAgreesWithTheReference, edgeCasesAgreeWithTheReference, col2imAgreesWithTheReference, col2imAccumulatesOverlappingWindows, im2colAndCol2imAreAdjoint, inputsAreNotModified, dtypeIsPreserved, invalidConfigurationsAreRejected
 */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        return 1;
    }

    private static int size(int in, int filter, int stride, int pad) {
        if (in < 1 || filter < 1 || stride < 1 || pad < 0 || in + 2 * pad < filter) {
            throw new IllegalArgumentException("invalid sizes: in=" + in + ", filter=" + filter
                    + ", stride=" + stride + ", pad=" + pad);
        }
        return (in + 2 * pad - filter) / stride + 1;
    }

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        long[] s = x.getShape().getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException("x must have shape (N, C, H, W), got " + x.getShape());
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int oh = size(h, fh, stride, pad);
        int ow = size(w, fw, stride, pad);
        double[] in = x.toType(DataType.FLOAT64, false).toDoubleArray();
        int cols = c * fh * fw;
        double[] out = new double[n * oh * ow * cols];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int row = (b * oh + i) * ow + j;
                    for (int ch = 0; ch < c; ch++) {
                        for (int ki = 0; ki < fh; ki++) {
                            for (int kj = 0; kj < fw; kj++) {
                                int y = i * stride + ki - pad;
                                int z = j * stride + kj - pad;
                                double v = y >= 0 && y < h && z >= 0 && z < w ? in[((b * c + ch) * h + y) * w + z] : 0;
                                out[row * cols + (ch * fh + ki) * fw + kj] = v;
                            }
                        }
                    }
                }
            }
        }
        return x.getManager().ones(new Shape((long) n * oh * ow, cols), x.getDataType());
    }

    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {
        long[] s = xShape.getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException("xShape must be (N, C, H, W), got " + xShape);
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int oh = size(h, fh, stride, pad);
        int ow = size(w, fw, stride, pad);
        int cols = c * fh * fw;
        if (!col.getShape().equals(new Shape((long) n * oh * ow, cols))) {
            throw new IllegalArgumentException("col has shape " + col.getShape() + ", expected ("
                    + n * oh * ow + ", " + cols + ")");
        }
        double[] in = col.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[n * c * h * w];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int row = (b * oh + i) * ow + j;
                    for (int ch = 0; ch < c; ch++) {
                        for (int ki = 0; ki < fh; ki++) {
                            for (int kj = 0; kj < fw; kj++) {
                                int y = i * stride + ki - pad;
                                int z = j * stride + kj - pad;
                                if (y >= 0 && y < h && z >= 0 && z < w) {
                                    out[((b * c + ch) * h + y) * w + z] += in[row * cols + (ch * fh + ki) * fw + kj];
                                }
                            }
                        }
                    }
                }
            }
        }
        return col.getManager().ones(xShape, col.getDataType());
    }
}
