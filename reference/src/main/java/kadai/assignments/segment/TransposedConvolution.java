package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.assignments.conv.ConvOps;

/**
 * Reference solution of the transposed convolution (seed 5.3): the adjoint of a convolution's
 * map from its input to its output, computed with the same two helpers read the other way.
 *
 * <p>A convolution with filters {@code w} of shape (C, OC, FH, FW) maps an OC-channel image of
 * size OH x OW to a C-channel image of size H x W as {@code rows = im2col(z) · W^T}. Its transpose
 * maps x (N, C, H, W) back: {@code col = rows(x) · W}, then {@code col2im} adds every column entry
 * into the OH x OW position it came from. So forward is col2im and backward is im2col, the
 * convolution's passes swapped:
 *
 * <pre>{@code
 * y[n, oc, i*stride + a - pad, j*stride + b - pad] += x[n, c, i, j] * w[c, oc, a, b]   (+ b[oc] everywhere)
 * }</pre>
 */
public class TransposedConvolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private Shape xShape;
    private NDArray rows;
    private NDArray dw;
    private NDArray db;

    /**
     * Create a layer over filters {@code w} (C, OC, FH, FW) and bias {@code b} (OC), kept by
     * reference: {@link #params()} returns them.
     */
    public TransposedConvolution(NDArray w, NDArray b, int stride, int pad) {
        if (w.getShape().dimension() != 4) {
            throw new IllegalArgumentException("W must have shape (C, OC, FH, FW) but has shape " + w.getShape());
        }
        if (!b.getShape().equals(new Shape(w.getShape().get(1)))) {
            throw new IllegalArgumentException(
                    "b must have shape (" + w.getShape().get(1) + ") to match W of shape " + w.getShape()
                            + " (C, OC, FH, FW) but has shape " + b.getShape());
        }
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("need stride >= 1 and pad >= 0, got stride=" + stride + ", pad=" + pad);
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    /** Return {@code (in - 1) * stride - 2 * pad + filter}, the output length, or throw when it is below 1. */
    static int outputSize(int in, int filter, int stride, int pad) {
        int out = (in - 1) * stride - 2 * pad + filter;
        if (out < 1) {
            throw new IllegalArgumentException("output size (in - 1) * stride - 2 * pad + filter = (" + in + " - 1) * "
                    + stride + " - 2 * " + pad + " + " + filter + " = " + out + " is below 1; use less padding");
        }
        return out;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != w.getShape().get(0)) {
            throw new IllegalArgumentException(
                    "x must have shape (N, " + w.getShape().get(0) + ", H, W) to match W of" + " shape " + w.getShape()
                            + " (C, OC, FH, FW) but has shape " + s);
        }
        int oh = outputSize(Math.toIntExact(s.get(2)), filterHeight(), stride, pad);
        int ow = outputSize(Math.toIntExact(s.get(3)), filterWidth(), stride, pad);
        DataType dtype = x.getDataType();
        xShape = s;
        rows = x.transpose(0, 2, 3, 1).reshape(-1, s.get(1));
        NDArray col = rows.matMul(flatFilters(dtype));
        NDArray y = ConvOps.col2im(
                col, new Shape(s.get(0), outChannels(), oh, ow), filterHeight(), filterWidth(), stride, pad);
        return y.add(b.toType(dtype, false).reshape(1, outChannels(), 1, 1));
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (rows == null) {
            throw new IllegalStateException("backward called before forward");
        }
        DataType dtype = rows.getDataType();
        NDArray d = dout.toType(dtype, false);
        // The convolution that this layer transposes: one row per input position (n, i, j).
        NDArray dcol = ConvOps.im2col(d, filterHeight(), filterWidth(), stride, pad);
        db = d.transpose(1, 0, 2, 3)
                .reshape(outChannels(), -1)
                .sum(new int[] {1})
                .toType(b.getDataType(), false);
        dw = rows.transpose().matMul(dcol).reshape(w.getShape()).toType(w.getDataType(), false);
        NDArray dx = dcol.matMul(flatFilters(dtype).transpose());
        return dx.reshape(xShape.get(0), xShape.get(2), xShape.get(3), xShape.get(1))
                .transpose(0, 3, 1, 2);
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        if (dw == null) {
            throw new IllegalStateException("grads() read before backward");
        }
        return Map.of("W", dw, "b", db);
    }

    /** Filters as the (C, OC*FH*FW) matrix whose columns match im2col's (oc, fh, fw) order. */
    private NDArray flatFilters(DataType dtype) {
        return w.toType(dtype, false).reshape(w.getShape().get(0), -1);
    }

    private long outChannels() {
        return w.getShape().get(1);
    }

    private int filterHeight() {
        return Math.toIntExact(w.getShape().get(2));
    }

    private int filterWidth() {
        return Math.toIntExact(w.getShape().get(3));
    }
}
