package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * Catalogue entry "mutant-rows-reshaped-without-transpose" (segment).
 *
 * Wrong: forward turns x into rows with reshape(N, H, W, C) instead of transpose(0, 2, 3, 1),
 * mixing channels and positions when C > 1; backward is the right one.
 *
 * Loses: transposedForwardAgrees, transposedIsTheAdjointOfTheConvolution, transposedGradientsMatchNumericalGradients
 */
public class TransposedConvolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private NDArray x;
    private NDArray dw;
    private NDArray db;

    public TransposedConvolution(NDArray w, NDArray b, int stride, int pad) {
        if (stride < 1 || pad < 0 || w.getShape().dimension() != 4 || b.getShape().get(0) != w.getShape().get(1)) {
            throw new IllegalArgumentException("bad transposed convolution: w " + w.getShape() + ", b " + b.getShape()
                    + ", stride " + stride + ", pad " + pad);
        }
        this.w = w;
        this.b = b;
        this.stride = stride;
        this.pad = pad;
    }

    /** The rows i*stride + a (i = 0..H-1) of the uncropped output, for filter row a; likewise columns. */
    private NDIndex offset(int a, int e, long h, long wd) {
        return new NDIndex().addAllDim(2).addSliceDim(a, a + (h - 1) * stride + 1, stride)
                .addSliceDim(e, e + (wd - 1) * stride + 1, stride);
    }

    @Override
    public NDArray forward(NDArray input) {
        Shape s = input.getShape();
        if (s.dimension() != 4 || s.get(1) != w.getShape().get(0)) {
            throw new IllegalArgumentException("x " + s + " does not match w " + w.getShape());
        }
        long n = s.get(0), h = s.get(2), wd = s.get(3);
        long oc = w.getShape().get(1);
        int fh = (int) w.getShape().get(2), fw = (int) w.getShape().get(3);
        long fullH = (h - 1) * stride + fh, fullW = (wd - 1) * stride + fw;
        if (fullH - 2L * pad < 1 || fullW - 2L * pad < 1) {
            throw new IllegalArgumentException("pad " + pad + " leaves no output");
        }
        x = input;
        NDArray wt = w.toType(input.getDataType(), false);
        NDArray full = input.getManager().zeros(new Shape(n, oc, fullH, fullW), input.getDataType());
        NDArray rows = input.reshape(n, h, wd, s.get(1));                       // (N, H, W, C)
        for (int a = 0; a < fh; a++) {
            for (int e = 0; e < fw; e++) {
                NDArray tap = wt.get(new NDIndex().addAllDim(2).addIndices(a).addIndices(e));   // (C, OC)
                full.get(offset(a, e, h, wd)).addi(rows.matMul(tap).transpose(0, 3, 1, 2));
            }
        }
        NDArray y = full.get(new NDIndex().addAllDim(2).addSliceDim(pad, fullH - pad).addSliceDim(pad, fullW - pad));
        return y.add(b.toType(input.getDataType(), false).reshape(1, oc, 1, 1));
    }

    @Override
    public NDArray backward(NDArray dout) {
        Shape s = x.getShape();
        long h = s.get(2), wd = s.get(3);
        int fh = (int) w.getShape().get(2), fw = (int) w.getShape().get(3);
        NDArray d = pad == 0 ? dout : dout.pad(new Shape(pad, pad, pad, pad), 0);   // back to the uncropped size
        NDArray wt = w.toType(dout.getDataType(), false);
        NDArray xRows = x.toType(dout.getDataType(), false).transpose(0, 2, 3, 1).reshape(-1, s.get(1));   // (N*H*W, C)
        NDArray dx = null;
        NDArray[] taps = new NDArray[fh * fw];
        for (int a = 0; a < fh; a++) {
            for (int e = 0; e < fw; e++) {
                NDArray g = d.get(offset(a, e, h, wd)).transpose(0, 2, 3, 1);          // (N, H, W, OC)
                NDArray tap = wt.get(new NDIndex().addAllDim(2).addIndices(a).addIndices(e));
                NDArray part = g.matMul(tap.transpose());                             // (N, H, W, C)
                dx = dx == null ? part : dx.add(part);
                taps[a * fw + e] = xRows.transpose().matMul(g.reshape(-1, g.getShape().get(3)));   // (C, OC)
            }
        }
        dw = ai.djl.ndarray.NDArrays.stack(new ai.djl.ndarray.NDList(taps), 2)
                .reshape(w.getShape()).toType(w.getDataType(), false);
        db = dout.sum(new int[] {0, 2, 3}).toType(b.getDataType(), false);
        return dx.transpose(0, 3, 1, 2);
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
