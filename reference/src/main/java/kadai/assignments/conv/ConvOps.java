package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Reference solution of the conv-op assignment: output size, im2col and its adjoint col2im
 * (seed 1.2–1.3, 2.1).
 *
 * <p>im2col follows the seed's fast algorithm: one loop over the FH×FW filter offsets, each
 * taking a strided slice of the padded input that holds that offset's value for every output
 * position, instead of one loop over the OH×OW output positions.
 */
public final class ConvOps {

    private ConvOps() {}

    /**
     * Return {@code floor((in + 2*pad - filter) / stride) + 1}, the output length of a window
     * sliding over {@code in} elements (seed 1.2).
     *
     * @throws IllegalArgumentException unless in ≥ 1, filter ≥ 1, stride ≥ 1, pad ≥ 0 and the
     *     padded input is at least as long as the filter
     */
    public static int outputSize(int in, int filter, int stride, int pad) {
        if (in < 1 || filter < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("need in >= 1, filter >= 1, stride >= 1 and pad >= 0, got in=" + in
                    + ", filter=" + filter + ", stride=" + stride + ", pad=" + pad);
        }
        if (in + 2 * pad < filter) {
            throw new IllegalArgumentException("filter " + filter + " is larger than the padded input in + 2*pad = "
                    + (in + 2 * pad) + " (in=" + in + ", pad=" + pad + "); use a smaller filter or more padding");
        }
        return (in + 2 * pad - filter) / stride + 1;
    }

    /**
     * Return the column matrix of {@code x}: one row per output position (n, oh, ow), one column
     * per filter element (c, fh, fw).
     *
     * @param x input of shape (N, C, H, W); not modified
     * @return an array of shape (N*OH*OW, C*FH*FW) in the dtype of {@code x}
     */
    public static NDArray im2col(NDArray x, int fh, int fw, int stride, int pad) {
        Shape s = requireRank4(x.getShape(), "x");
        long n = s.get(0);
        long c = s.get(1);
        int oh = outputSize(Math.toIntExact(s.get(2)), fh, stride, pad);
        int ow = outputSize(Math.toIntExact(s.get(3)), fw, stride, pad);
        NDArray xp = pad == 0 ? x : x.pad(new Shape(pad, pad, pad, pad), 0);
        // Seed 1.3: X̂[fh, fw] = xp[.., fh : fh + OH*stride : stride, fw : fw + OW*stride : stride].
        // Each slice is moved to (N, OH, OW, C) before stacking on a new last axis, so the stack
        // is already laid out as (N, OH, OW, C, FH*FW): the seed's transpose costs no extra copy.
        NDList slices = new NDList(fh * fw);
        for (int i = 0; i < fh; i++) {
            for (int j = 0; j < fw; j++) {
                slices.add(xp.get(window(i, j, oh, ow, stride)).transpose(0, 2, 3, 1));
            }
        }
        return NDArrays.stack(slices, 4).reshape(n * oh * ow, c * fh * fw);
    }

    /**
     * Return the adjoint of {@link #im2col}: every column entry is added back to the input
     * position it was copied from, so positions shared by overlapping windows accumulate.
     *
     * @param col array of shape (N*OH*OW, C*FH*FW); not modified
     * @param xShape the shape (N, C, H, W) of the input of the matching im2col
     * @return an array of shape {@code xShape} in the dtype of {@code col}
     */
    public static NDArray col2im(NDArray col, Shape xShape, int fh, int fw, int stride, int pad) {
        Shape s = requireRank4(xShape, "xShape");
        long n = s.get(0);
        long c = s.get(1);
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        int oh = outputSize(h, fh, stride, pad);
        int ow = outputSize(w, fw, stride, pad);
        Shape expected = new Shape(n * oh * ow, c * fh * fw);
        if (!col.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "col has shape " + col.getShape() + " but im2col of " + xShape + " with filter " + fh + "x" + fw
                            + ", stride " + stride + ", pad " + pad + " has shape " + expected);
        }
        NDArray blocks = col.reshape(n, oh, ow, c, (long) fh * fw);
        NDArray dxp = col.getManager().zeros(new Shape(n, c, h + 2L * pad, w + 2L * pad), col.getDataType());
        for (int i = 0; i < fh; i++) {
            for (int j = 0; j < fw; j++) {
                NDArray part = blocks.get(new NDIndex().addAllDim(4).addIndices((long) i * fw + j))
                        .transpose(0, 3, 1, 2);
                // A basic slice is a view of dxp: adding in place accumulates into dxp without a
                // temporary. Within one offset the strided positions are distinct; the
                // accumulation across offsets is what makes overlapping windows add up.
                dxp.get(window(i, j, oh, ow, stride)).addi(part);
            }
        }
        return pad == 0
                ? dxp
                : dxp.get(new NDIndex().addAllDim(2).addSliceDim(pad, pad + h).addSliceDim(pad, pad + w));
    }

    /** Index of the offset (i, j) of every window: rows i, i+stride, ..., columns likewise. */
    private static NDIndex window(int i, int j, int oh, int ow, int stride) {
        return new NDIndex()
                .addAllDim(2)
                .addSliceDim(i, i + (long) stride * (oh - 1) + 1, stride)
                .addSliceDim(j, j + (long) stride * (ow - 1) + 1, stride);
    }

    private static Shape requireRank4(Shape shape, String name) {
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException(name + " must have shape (N, C, H, W) but has shape " + shape);
        }
        return shape;
    }
}
