package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

import java.util.Map;

/*
 * Catalogue entry "correct-window-slices" (conv).
 *
 * A correct alternative, self-contained and vectorised differently from the reference: one
 * slice of the padded input per output position, multiplied by the flattened filters (no
 * im2col matrix); backward adds each window's share back into a padded buffer.
 *
 * Full marks.
 */
public class Convolution implements Layer {

    private final NDArray w;
    private final NDArray b;
    private final int stride;
    private final int pad;

    private NDArray xp;
    private Shape xShape;
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

    private long fh() {
        return w.getShape().get(2);
    }

    private long fw() {
        return w.getShape().get(3);
    }

    private NDIndex window(long i, long j) {
        return new NDIndex().addAllDim(2)
                .addSliceDim(i * stride, i * stride + fh())
                .addSliceDim(j * stride, j * stride + fw());
    }

    @Override
    public NDArray forward(NDArray x) {
        xShape = x.getShape();
        long n = xShape.get(0);
        long h = xShape.get(2);
        long wd = xShape.get(3);
        long oc = w.getShape().get(0);
        if (xShape.get(1) != w.getShape().get(1) || fh() < 1 || fw() < 1 || h + 2L * pad < fh() || wd + 2L * pad < fw()) {
            throw new IllegalArgumentException("filter " + w.getShape() + " does not fit x " + xShape + " with pad " + pad);
        }
        long oh = (h + 2L * pad - fh()) / stride + 1;
        long ow = (wd + 2L * pad - fw()) / stride + 1;
        xp = pad == 0 ? x.duplicate() : x.pad(new Shape(pad, pad, pad, pad), 0);
        NDArray filters = w.toType(x.getDataType(), false).reshape(oc, -1).transpose();
        NDList outs = new NDList();
        for (long i = 0; i < oh; i++) {
            for (long j = 0; j < ow; j++) {
                outs.add(xp.get(window(i, j)).reshape(n, -1).matMul(filters));
            }
        }
        NDArray y = NDArrays.stack(outs, 2).reshape(n, oc, oh, ow);
        return y.add(b.toType(x.getDataType(), false).reshape(1, oc, 1, 1));
    }

    @Override
    public NDArray backward(NDArray dout) {
        long n = xShape.get(0);
        long oc = w.getShape().get(0);
        long oh = dout.getShape().get(2);
        long ow = dout.getShape().get(3);
        DataType type = xp.getDataType();
        NDArray d = dout.toType(type, false);
        NDArray filters = w.toType(type, false).reshape(oc, -1);
        NDArray dxp = xp.zerosLike();
        NDArray dFilters = filters.zerosLike();
        for (long i = 0; i < oh; i++) {
            for (long j = 0; j < ow; j++) {
                NDArray dy = d.get(new NDIndex().addAllDim(2).addIndices(i, j));
                NDIndex at = window(i, j);
                dFilters = dFilters.add(dy.transpose().matMul(xp.get(at).reshape(n, -1)));
                dxp.set(at, dxp.get(at).add(dy.matMul(filters).reshape(dxp.get(at).getShape())));
            }
        }
        dW = dFilters.reshape(w.getShape()).toType(w.getDataType(), false);
        db = d.sum(new int[] {0, 2, 3}).toType(b.getDataType(), false);
        return dxp.get(new NDIndex().addAllDim(2).addSliceDim(pad, pad + xShape.get(2)).addSliceDim(pad, pad + xShape.get(3)));
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
