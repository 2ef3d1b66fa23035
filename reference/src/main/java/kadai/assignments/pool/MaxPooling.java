package kadai.assignments.pool;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;
import kadai.assignments.conv.ConvOps;

/**
 * Reference solution of the pool assignment: max pooling through im2col and argmax, with a
 * backward pass that routes each upstream gradient to its window's maximum (seed 1.5, 2.3).
 *
 * <p>Padding counts as −∞, so it never wins a window. On ties the first maximum in row-major
 * order of the window wins (as {@code numpy.argmax} and PyTorch do). Where windows overlap
 * (stride smaller than the window) the gradients routed to one input position add up.
 */
public class MaxPooling implements Layer {

    private final int poolH;
    private final int poolW;
    private final int stride;
    private final int pad;

    private Shape xShape;
    private NDArray argmax;

    /**
     * Create a pooling layer with windows of {@code poolH}×{@code poolW} moving by {@code stride}
     * over the input padded by {@code pad} on every side.
     *
     * @throws IllegalArgumentException unless the sizes are positive and
     *     {@code 0 <= pad <= min(poolH, poolW) / 2} (PyTorch's limit: no window of padding only)
     */
    public MaxPooling(int poolH, int poolW, int stride, int pad) {
        if (poolH < 1 || poolW < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("need poolH >= 1, poolW >= 1, stride >= 1 and pad >= 0, got poolH="
                    + poolH + ", poolW=" + poolW + ", stride=" + stride + ", pad=" + pad);
        }
        if (pad > poolH / 2 || pad > poolW / 2) {
            throw new IllegalArgumentException("pad " + pad + " is more than half the window " + poolH + "x" + poolW
                    + "; use pad <= " + Math.min(poolH, poolW) / 2);
        }
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("x must have shape (N, C, H, W) but has shape " + s);
        }
        long n = s.get(0);
        long c = s.get(1);
        int oh = ConvOps.outputSize(Math.toIntExact(s.get(2)), poolH, stride, pad);
        int ow = ConvOps.outputSize(Math.toIntExact(s.get(3)), poolW, stride, pad);
        NDArray xp = pad == 0 ? x : x.pad(new Shape(pad, pad, pad, pad), Double.NEGATIVE_INFINITY);
        // One row per (n, oh, ow, c) window: im2col's columns are ordered (c, fh, fw).
        NDArray windows = ConvOps.im2col(xp, poolH, poolW, stride, 0).reshape(-1, (long) poolH * poolW);
        xShape = s;
        argmax = windows.argMax(1);
        return windows.max(new int[] {1}).reshape(n, oh, ow, c).transpose(0, 3, 1, 2);
    }

    @Override
    public NDArray backward(NDArray dout) {
        if (argmax == null) {
            throw new IllegalStateException("backward called before forward");
        }
        long n = xShape.get(0);
        long c = xShape.get(1);
        DataType dtype = dout.getDataType();
        int window = poolH * poolW;
        NDArray dy = dout.transpose(0, 2, 3, 1).reshape(-1, 1);
        NDArray dwindows = argmax.oneHot(window, dtype).mul(dy);
        Shape padded = new Shape(n, c, xShape.get(2) + 2L * pad, xShape.get(3) + 2L * pad);
        NDArray dxp = ConvOps.col2im(dwindows.reshape(-1, c * window), padded, poolH, poolW, stride, 0);
        return pad == 0 ? dxp : dxp.get(":, :, {}:{}, {}:{}", pad, pad + xShape.get(2), pad, pad + xShape.get(3));
    }
}
