package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * A correct Convolution the way many students write it first: the values copied out with
 * toFloatArray(), the definition as nested loops, every result built with
 * NDManager.create(float[], Shape) on the input's manager. Each create allocates a direct
 * buffer outside the Java heap (a 500-image chunk's first output is 25 MB), which is what the
 * runner's memory handling must cope with (SandboxedTaskTests).
 */
public class Convolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private float[] xv;
    private long[] xs;
    private int oh;
    private int ow;
    private NDArray dW;
    private NDArray db;

    public Convolution(NDArray w, NDArray b, int stride, int pad) {
        if (w.getShape().dimension() != 4 || b.getShape().size() != w.getShape().get(0)) {
            throw new IllegalArgumentException("W must be (OC, C, FH, FW) and b (OC), got " + w.getShape() + " and "
                    + b.getShape());
        }
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
        long[] ws = w.getShape().getShape();
        xs = x.getShape().getShape();
        int n = (int) xs[0];
        int c = (int) xs[1];
        int h = (int) xs[2];
        int wd = (int) xs[3];
        int oc = (int) ws[0];
        int fh = (int) ws[2];
        int fw = (int) ws[3];
        if (ws[1] != c || h + 2 * pad < fh || wd + 2 * pad < fw) {
            throw new IllegalArgumentException("filter " + w.getShape() + " does not fit input " + x.getShape());
        }
        oh = (h + 2 * pad - fh) / stride + 1;
        ow = (wd + 2 * pad - fw) / stride + 1;
        xv = x.toType(DataType.FLOAT32, false).toFloatArray();
        float[] wv = w.toFloatArray();
        float[] bv = b.toFloatArray();
        float[] y = new float[n * oc * oh * ow];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < oc; o++) {
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        float sum = bv[o];
                        for (int ch = 0; ch < c; ch++) {
                            for (int r = 0; r < fh; r++) {
                                int row = p * stride + r - pad;
                                if (row < 0 || row >= h) {
                                    continue;
                                }
                                for (int t = 0; t < fw; t++) {
                                    int col = q * stride + t - pad;
                                    if (col >= 0 && col < wd) {
                                        sum += xv[((i * c + ch) * h + row) * wd + col] * wv[((o * c + ch) * fh + r) * fw + t];
                                    }
                                }
                            }
                        }
                        y[((i * oc + o) * oh + p) * ow + q] = sum;
                    }
                }
            }
        }
        return x.getManager().create(y, new Shape(n, oc, oh, ow));
    }

    @Override
    public NDArray backward(NDArray dout) {
        long[] ws = w.getShape().getShape();
        int n = (int) xs[0];
        int c = (int) xs[1];
        int h = (int) xs[2];
        int wd = (int) xs[3];
        int oc = (int) ws[0];
        int fh = (int) ws[2];
        int fw = (int) ws[3];
        float[] d = dout.toType(DataType.FLOAT32, false).toFloatArray();
        float[] wv = w.toFloatArray();
        float[] dx = new float[xv.length];
        float[] dw = new float[wv.length];
        float[] dbv = new float[oc];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < oc; o++) {
                for (int p = 0; p < oh; p++) {
                    for (int q = 0; q < ow; q++) {
                        float g = d[((i * oc + o) * oh + p) * ow + q];
                        dbv[o] += g;
                        for (int ch = 0; ch < c; ch++) {
                            for (int r = 0; r < fh; r++) {
                                int row = p * stride + r - pad;
                                if (row < 0 || row >= h) {
                                    continue;
                                }
                                for (int t = 0; t < fw; t++) {
                                    int col = q * stride + t - pad;
                                    if (col >= 0 && col < wd) {
                                        int xi = ((i * c + ch) * h + row) * wd + col;
                                        int wi = ((o * c + ch) * fh + r) * fw + t;
                                        dx[xi] += g * wv[wi];
                                        dw[wi] += g * xv[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        NDManager m = dout.getManager();
        dW = m.create(dw, w.getShape());
        db = m.create(dbv, b.getShape());
        return m.create(dx, new Shape(xs));
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        if (dW == null) {
            throw new IllegalStateException("grads() read before backward");
        }
        return Map.of("W", dW, "b", db);
    }
}
