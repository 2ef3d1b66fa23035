package kadai.assignments.pool;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/*
 * Catalogue entry "mutant-float32-output" (pool).
 *
 * Wrong: forward always returns float32 ("saves memory"), whatever x's dtype.
 *
 * Loses: dtypeIsPreserved, gradientMatchesNumericalGradientsAwayFromTies
 */
public class MaxPooling implements Layer {

    private final int poolH;
    private final int poolW;
    private final int stride;
    private final int pad;

    private double[] xv;
    private long[] xs;
    private DataType xType;
    private int oh;
    private int ow;

    public MaxPooling(int poolH, int poolW, int stride, int pad) {
        if (poolH < 1 || poolW < 1 || stride < 1 || pad < 0 || pad > poolH / 2 || pad > poolW / 2) {
            throw new IllegalArgumentException("invalid pooling: " + poolH + "x" + poolW + ", stride " + stride + ", pad " + pad);
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    /** Return the flat index of the first maximum of window (i, j) of image n, channel ch; -1 if padding wins. */
    private int argmax(int n, int ch, int i, int j, int step) {
        int c = (int) xs[1];
        int h = (int) xs[2];
        int w = (int) xs[3];
        int base = (n * c + ch) * h * w;
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < poolH; a++) {
            for (int b = 0; b < poolW; b++) {
                int row = i * step + a - pad;
                int col = j * step + b - pad;
                if (row >= 0 && row < h && col >= 0 && col < w) {
                    int at = base + row * w + col;
                    if (xv[at] > bestValue) {
                        best = at;
                        bestValue = xv[at];
                    }
                }
            }
        }
        return best;
    }

    @Override
    public NDArray forward(NDArray x) {
        xs = x.getShape().getShape();
        int n = (int) xs[0];
        int c = (int) xs[1];
        int h = (int) xs[2];
        int w = (int) xs[3];
        if (h + 2 * pad < poolH || w + 2 * pad < poolW) {
            throw new IllegalArgumentException("window " + poolH + "x" + poolW + " larger than the padded input " + x.getShape());
        }
        oh = (h + 2 * pad - poolH) / stride + 1;
        ow = (w + 2 * pad - poolW) / stride + 1;
        xv = x.toType(DataType.FLOAT64, false).toDoubleArray();
        xType = x.getDataType();
        
        double[] y = new double[n * c * oh * ow];
        for (int k = 0; k < n; k++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int best = argmax(k, ch, i, j, stride);
                        y[((k * c + ch) * oh + i) * ow + j] = best < 0 ? 0 : xv[best];
                    }
                }
            }
        }
        return x.getManager().create(y, new Shape(n, c, oh, ow)).toType(DataType.FLOAT32, false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        int n = (int) xs[0];
        int c = (int) xs[1];
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = new double[xv.length];
        for (int k = 0; k < n; k++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double g = d[((k * c + ch) * oh + i) * ow + j];
                        int best = argmax(k, ch, i, j, stride);
                        if (best >= 0) {
                            dx[best] += g;
                        }
                    }
                }
            }
        }
        return dout.getManager().create(dx, new Shape(xs)).toType(dout.getDataType(), false);
    }
}
