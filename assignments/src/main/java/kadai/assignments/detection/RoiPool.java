package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;

/**
 * Pool each region of interest of a feature map into a fixed {@code outH × outW} grid by taking
 * maxima over quantised bins: Fast/Faster R-CNN's RoI pooling (assignment {@code detection};
 * lecture notes §6.1), forward and backward, with {@code torchvision.ops.roi_pool}'s conventions.
 *
 * <p>A RoI is a row {@code (b, x1, y1, x2, y2)}: the index {@code b} of the image in the batch and
 * a box in image pixels. On the feature map (scaled by {@code spatialScale}, e.g. 1/16 for a
 * stride-16 backbone) the box is <b>rounded to cells</b>:
 * <pre>
 *   xs = round(x1 * spatialScale)   xe = round(x2 * spatialScale)    (likewise ys, ye from y1, y2)
 *   width  = max(xe - xs + 1, 1)    height = max(ye - ys + 1, 1)      (both end cells included)
 * </pre>
 * where {@code round} rounds halves away from zero (C's {@code round}: −0.5 → −1, 2.5 → 3; Java's
 * {@code Math.round(-0.5)} is 0, so do not use it on negative numbers). Output bin {@code (i, j)}
 * covers rows {@code ys + floor(i * height / outH)} up to (excluding)
 * {@code ys + ceil((i + 1) * height / outH)} and columns likewise, each limit clipped to
 * {@code [0, H]} ({@code [0, W]}); bins of neighbouring outputs may share a row. The output is the
 * maximum of the bin (the first maximum in row-major order on ties); a bin that is empty after
 * clipping gives 0.
 *
 * <pre>{@code
 * jshell> NDArray x = manager.arange(0, 16, 1, DataType.FLOAT64).reshape(1, 1, 4, 4);   // x[0, 0, y, x] = 4y + x
 * jshell> NDArray rois = manager.create(new double[] {0, 0, 0, 3, 3,   0, 1, 1, 2, 2}, new Shape(2, 5));
 * jshell> RoiPool pool = new RoiPool(2, 2, 1.0);
 * jshell> pool.forward(x, rois);
 * ND: (2, 1, 2, 2) cpu() float64
 * [[[[ 5.,  7.],        // RoI 0: cells 0..3 (width 4), bins of 2 x 2 cells
 *    [13., 15.]]],
 *  [[[ 5.,  6.],        // RoI 1: cells 1..2 (width 2), bins of one cell
 *    [ 9., 10.]]]]
 * jshell> pool.backward(manager.ones(new Shape(2, 1, 2, 2), DataType.FLOAT64));
 * ND: (1, 1, 4, 4) cpu() float64                      // 5 is the maximum of two bins: it gets 2
 * [[[[0., 0., 0., 0.],
 *    [0., 2., 1., 1.],
 *    [0., 1., 1., 0.],
 *    [0., 1., 0., 1.]]]]
 * }</pre>
 *
 * <p>Backward: every {@code dout} element is added to the feature cell that was the maximum of
 * its bin (nothing for an empty bin); several bins and several RoIs may add to one cell. The
 * result has the features' shape {@code (N, C, H, W)}; every cell that was no bin's maximum is
 * exactly 0.
 *
 * <p>Contract: outputs in the features' dtype, made with their manager; {@code features},
 * {@code rois} and {@code dout} are never modified; a forward replaces what the previous one
 * remembered. Invalid arguments ({@code outH} or {@code outW} &lt; 1, {@code spatialScale <= 0},
 * features not 4-d, rois not {@code (R, 5)}, a batch index outside {@code [0, N)}) throw
 * {@link IllegalArgumentException}; {@code backward} before any {@code forward} throws
 * {@link IllegalStateException}. Copy the features out once with {@code toDoubleArray()} and
 * loop in Java (per-element {@code getDouble} costs ~10 µs of JNI).
 */
public class RoiPool {

    private final int outH;
    private final int outW;
    private final double spatialScale;

    /**
     * Create a RoI pooling of {@code outH × outW} bins.
     *
     * @param outH output rows per RoI, at least 1
     * @param outW output columns per RoI, at least 1
     * @param spatialScale feature-map cells per image pixel, positive (1/16 for a stride-16 map)
     */
    public RoiPool(int outH, int outW, double spatialScale) {
        this.outH = outH;
        this.outW = outW;
        this.spatialScale = spatialScale;
    }

    /**
     * Return the pooled RoIs, shape {@code (R, C, outH, outW)}, and remember each output's argmax.
     *
     * @param features {@code (N, C, H, W)}
     * @param rois {@code (R, 5)}: batch index, x1, y1, x2, y2 in image pixels (any float dtype)
     */
    public NDArray forward(NDArray features, NDArray rois) {
        throw new UnsupportedOperationException(
                "TODO: RoiPool.forward — round the RoI to cells (+1 width), max over floor/ceil bins, empty bin = 0");
    }

    /**
     * Return the gradient with respect to the last forward's features, shape {@code (N, C, H, W)}.
     *
     * @param dout {@code (R, C, outH, outW)}
     */
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: RoiPool.backward — add each dout element to the feature cell that was its bin's maximum");
    }
}
