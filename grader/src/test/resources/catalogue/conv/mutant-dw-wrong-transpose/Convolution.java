package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * Catalogue entry "mutant-dw-wrong-transpose" (conv).
 *
 * Wrong: dW = colᵀ · dY, a (C*FH*FW, OC) matrix, reshaped straight to (OC, C, FH, FW):
 * right values, wrong places (right only when OC = 1 or C*FH*FW = 1).
 *
 * Loses: parameterGradientsAgreeWithTheReference, gradientsMatchNumericalGradientsOfYourForward, edgeCasesAgreeWithTheReference
 */
public class Convolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private Shape xShape;
    private NDArray col;
    private NDArray dW;
    private NDArray db;

    public Convolution(NDArray w, NDArray b, int stride, int pad) {
        if (stride < 1 || pad < 0) {
            throw new IllegalArgumentException("stride must be >= 1 and pad >= 0, got stride=" + stride + ", pad=" + pad);
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        long n = x.getShape().get(0);
        long oc = w.getShape().get(0);
        int fh = (int) w.getShape().get(2);
        int fw = (int) w.getShape().get(3);
        int oh = ConvOps.outputSize((int) x.getShape().get(2), fh, stride, pad);
        int ow = ConvOps.outputSize((int) x.getShape().get(3), fw, stride, pad);
        xShape = x.getShape();
        col = ConvOps.im2col(x, fh, fw, stride, pad);
        NDArray wMat = w.toType(x.getDataType(), false).reshape(oc, -1);
        NDArray out = col.matMul(wMat.transpose()).add(b.toType(x.getDataType(), false));
        return out.reshape(n, oh, ow, oc).transpose(0, 3, 1, 2);
    }

    @Override
    public NDArray backward(NDArray dout) {
        long oc = w.getShape().get(0);
        int fh = (int) w.getShape().get(2);
        int fw = (int) w.getShape().get(3);
        NDArray dy = dout.transpose(0, 2, 3, 1).reshape(-1, oc);
        db = dy.sum(new int[] {0}).toType(b.getDataType(), false);
        dW = col.transpose().matMul(dy).reshape(w.getShape()).toType(w.getDataType(), false);
        NDArray dcol = dy.matMul(w.toType(dout.getDataType(), false).reshape(oc, -1));
        NDArray dx = ConvOps.col2im(dcol, xShape, fh, fw, stride, pad);
        
        return dx;
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of("W", w, "b", b);
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of("W", dW, "b", db);
    }
}
