package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * Catalogue entry "mutant-stride-ignored-in-backward" (segment).
 *
 * Wrong: backward walks the output with stride 1 (row = r + a - pad), so dx and dW are wrong
 * whenever stride > 1.
 *
 * Loses: transposedDxAgrees, transposedGradsAgree, transposedGradientsMatchNumericalGradients
 */
public class TransposedConvolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private double[] xv;
    private long[] xs;
    private DataType xType;
    private NDArray dw;
    private NDArray db;

    public TransposedConvolution(NDArray w, NDArray b, int stride, int pad) {
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("stride must be >= 1 and pad >= 0, got " + stride + ", " + pad);
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        long[] s = x.getShape().getShape();
        long[] ws = w.getShape().getShape();
        if (s.length != 4 || s[1] != ws[0]) {
            throw new IllegalArgumentException("x " + x.getShape() + " does not match w " + w.getShape());
        }
        int n = (int) s[0], c = (int) s[1], h = (int) s[2], wd = (int) s[3];
        int oc = (int) ws[1], fh = (int) ws[2], fw = (int) ws[3];
        int oh = (h - 1) * stride - 2 * pad + fh;
        int ow = (wd - 1) * stride - 2 * pad + fw;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("output would be " + oh + "x" + ow);
        }
        xv = x.toType(DataType.FLOAT64, false).toDoubleArray();
        xs = s;
        xType = x.getDataType();
        double[] wv = w.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] bv = b.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = new double[n * oc * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < oc; o++) {
                for (int p = 0; p < oh * ow; p++) {
                    y[(i * oc + o) * oh * ow + p] = bv[o];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < h; r++) {
                    for (int q = 0; q < wd; q++) {
                        double v = xv[((i * c + ch) * h + r) * wd + q];
                        for (int o = 0; o < oc; o++) {
                            for (int a = 0; a < fh; a++) {
                                int row = r * stride + a - pad;
                                if (row < 0 || row >= oh) {
                                    continue;
                                }
                                for (int e = 0; e < fw; e++) {
                                    int col = q * stride + e - pad;
                                    if (col >= 0 && col < ow) {
                                        y[((i * oc + o) * oh + row) * ow + col] += v * wv[((ch * oc + o) * fh + a) * fw + e];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return x.getManager().create(y, new Shape(n, oc, oh, ow)).toType(xType, false);
    }

    @Override
    public NDArray backward(NDArray dout) {
        long[] ws = w.getShape().getShape();
        int n = (int) xs[0], c = (int) xs[1], h = (int) xs[2], wd = (int) xs[3];
        int oc = (int) ws[1], fh = (int) ws[2], fw = (int) ws[3];
        int oh = (int) dout.getShape().get(2);
        int ow = (int) dout.getShape().get(3);
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] wv = w.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dx = new double[xv.length];
        double[] dwv = new double[wv.length];
        double[] dbv = new double[oc];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < oc; o++) {
                for (int p = 0; p < oh * ow; p++) {
                    dbv[o] += d[(i * oc + o) * oh * ow + p];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                for (int r = 0; r < h; r++) {
                    for (int q = 0; q < wd; q++) {
                        int xi = ((i * c + ch) * h + r) * wd + q;
                        for (int o = 0; o < oc; o++) {
                            for (int a = 0; a < fh; a++) {
                                int row = r + a - pad;
                                if (row < 0 || row >= oh) {
                                    continue;
                                }
                                for (int e = 0; e < fw; e++) {
                                    int col = q + e - pad;
                                    if (col >= 0 && col < ow) {
                                        double g = d[((i * oc + o) * oh + row) * ow + col];
                                        int wi = ((ch * oc + o) * fh + a) * fw + e;
                                        dx[xi] += g * wv[wi];
                                        dwv[wi] += g * xv[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        NDManager m = dout.getManager();
        dw = m.create(dwv, w.getShape()).toType(w.getDataType(), false);
        db = m.create(dbv, b.getShape()).toType(b.getDataType(), false);
        return m.create(dx, new Shape(xs)).toType(dout.getDataType(), false);
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of("W", dw, "b", db);
    }
}
