package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/*
 * Catalogue entry "correct-window-slices" (conv-op).
 *
 * A correct alternative, vectorised differently from the reference: one slice per output
 * position (the seed's first, "slow" im2col) instead of one per filter offset; col2im adds each
 * window back into a padded buffer.
 *
 * Full marks.
 */
public final class ConvOps {

    private ConvOps() {
    }

    public static int outputSize(int in, int filter, int stride, int pad) {
        if (in < 1 || filter < 1 || stride < 1 || pad < 0 || in + 2 * pad < filter) {
            throw new IllegalArgumentException(String.format("invalid sizes: in=%d, filter=%d, stride=%d, pad=%d",
                    in, filter, stride, pad));
        }
        return Math.floorDiv(in + 2 * pad - filter, stride) + 1;
    }

    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("x must have shape (N, C, H, W), got " + s);
        }
        long n = s.get(0);
        long c = s.get(1);
        int oh = outputSize((int) s.get(2), fh, stride, pad);
        int ow = outputSize((int) s.get(3), fw, stride, pad);
        NDArray xp = pad == 0 ? x : x.pad(new Shape(pad, pad, pad, pad), 0);
        NDList windows = new NDList();
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                NDArray window = xp.get(new NDIndex().addAllDim(2)
                        .addSliceDim((long) i * stride, (long) i * stride + fh)
                        .addSliceDim((long) j * stride, (long) j * stride + fw));
                windows.add(window.reshape(n, c * fh * fw));
            }
        }
        return NDArrays.stack(windows, 1).reshape(n * oh * ow, c * fh * fw);
    }

    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {
        if (xShape.dimension() != 4) {
            throw new IllegalArgumentException("xShape must be (N, C, H, W), got " + xShape);
        }
        long n = xShape.get(0);
        long c = xShape.get(1);
        long h = xShape.get(2);
        long w = xShape.get(3);
        int oh = outputSize((int) h, fh, stride, pad);
        int ow = outputSize((int) w, fw, stride, pad);
        if (!col.getShape().equals(new Shape(n * oh * ow, c * fh * fw))) {
            throw new IllegalArgumentException("col has shape " + col.getShape() + " but should have ("
                    + n * oh * ow + ", " + c * fh * fw + ")");
        }
        NDArray blocks = col.reshape(n, (long) oh * ow, c, fh, fw);
        NDArray padded = col.getManager().zeros(new Shape(n, c, h + 2L * pad, w + 2L * pad), col.getDataType());
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                NDIndex at = new NDIndex().addAllDim(2)
                        .addSliceDim((long) i * stride, (long) i * stride + fh)
                        .addSliceDim((long) j * stride, (long) j * stride + fw);
                NDArray block = blocks.get(new NDIndex().addAllDim().addIndices((long) i * ow + j));
                padded.set(at, padded.get(at).add(block));
            }
        }
        return padded.get(new NDIndex().addAllDim(2).addSliceDim(pad, pad + h).addSliceDim(pad, pad + w));
    }
}
