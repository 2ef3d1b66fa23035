package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import kadai.assignments.Layer;

/**
 * Reference solution of the conv assignment: a convolution layer computed as im2col and one
 * matrix product, with its backward pass through col2im (seed 2.1).
 *
 * <pre>{@code
 * y[n, oc, oh, ow] = b[oc] + sum_{c, fh, fw} x_padded[n, c, oh*stride + fh, ow*stride + fw] * W[oc, c, fh, fw]
 * }</pre>
 */
public class Convolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private Shape xShape;
    private NDArray col;
    private NDArray dw;
    private NDArray db;

    /**
     * Create a layer over filters {@code w} of shape (OC, C, FH, FW) and bias {@code b} of shape
     * (OC). The arrays are kept by reference: {@link #params()} returns them, so an optimiser (or
     * a numerical gradient check) that changes them in place changes the layer.
     */
    public Convolution(NDArray w, NDArray b, int stride, int pad) {
        if (w.getShape().dimension() != 4) {
            throw new IllegalArgumentException("W must have shape (OC, C, FH, FW) but has shape " + w.getShape());
        }
        if (!b.getShape().equals(new Shape(w.getShape().get(0)))) {
            throw new IllegalArgumentException("b must have shape ("
                    + w.getShape().get(0) + ") to match W of shape " + w.getShape() + " but has shape " + b.getShape());
        }
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("need stride >= 1 and pad >= 0, got stride=" + stride + ", pad=" + pad);
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != w.getShape().get(1)) {
            throw new IllegalArgumentException("x must have shape (N, "
                    + w.getShape().get(1) + ", H, W) to match W of shape " + w.getShape() + " but has shape " + s);
        }
        int fh = filterHeight();
        int fw = filterWidth();
        int oh = ConvOps.outputSize(Math.toIntExact(s.get(2)), fh, stride, pad);
        int ow = ConvOps.outputSize(Math.toIntExact(s.get(3)), fw, stride, pad);
        DataType dtype = x.getDataType();
        xShape = s;
        col = ConvOps.im2col(x, fh, fw, stride, pad);
        // Y^T = W · col^T, i.e. (OC, C*FH*FW) x (C*FH*FW, N*OH*OW): the same product as the seed's
        // col · W^T, in the orientation PyTorch's CPU matmul runs fastest (about 2x in float64).
        NDArray out = flatFilters(dtype)
                .matMul(col.transpose())
                .add(b.toType(dtype, false).reshape(-1, 1));
        return out.reshape(outChannels(), s.get(0), oh, ow).transpose(1, 0, 2, 3);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (col == null) {
            throw new IllegalStateException("backward called before forward");
        }
        DataType dtype = col.getDataType();
        // dY as (OC, N*OH*OW), the transpose of the forward's (N*OH*OW, OC) rows: swapping N and OC
        // copies whole OH*OW planes, cheaper than gathering OC innermost.
        NDArray dyT = dout.toType(dtype, false).transpose(1, 0, 2, 3).reshape(outChannels(), -1);
        db = dyT.sum(new int[] {1}).toType(b.getDataType(), false);
        dw = dyT.matMul(col).reshape(w.getShape()).toType(w.getDataType(), false);
        NDArray dcol = dyT.transpose().matMul(flatFilters(dtype));
        return ConvOps.col2im(dcol, xShape, filterHeight(), filterWidth(), stride, pad);
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

    /** Filters as the (OC, C*FH*FW) matrix whose rows match im2col's columns. */
    private NDArray flatFilters(DataType dtype) {
        return w.toType(dtype, false).reshape(outChannels(), -1);
    }

    private long outChannels() {
        return w.getShape().get(0);
    }

    private int filterHeight() {
        return Math.toIntExact(w.getShape().get(2));
    }

    private int filterWidth() {
        return Math.toIntExact(w.getShape().get(3));
    }
}
