package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;

/**
 * Pool each region of interest into a fixed {@code outH × outW} grid by averaging bilinearly
 * interpolated samples, without rounding the box: Mask R-CNN's RoI Align (assignment
 * {@code detection}; lecture notes §6.5), forward and backward, with
 * {@code torchvision.ops.roi_align}'s conventions.
 *
 * <p>A RoI is a row {@code (b, x1, y1, x2, y2)} as in {@link RoiPool}. On the feature map:
 * <pre>
 *   offset = aligned ? 0.5 : 0
 *   xs = x1 * spatialScale - offset      roiW = x2 * spatialScale - offset - xs   (likewise ys, roiH)
 *   if (!aligned) { roiW = max(roiW, 1); roiH = max(roiH, 1); }   (the legacy minimum of one cell)
 *   binW = roiW / outW                   binH = roiH / outH
 *   gridW = samplingRatio > 0 ? samplingRatio : ceil(roiW / outW)   (likewise gridH; adaptive when <= 0)
 *   sample (iy, ix) of bin (i, j):  y = ys + i * binH + (iy + 0.5) * binH / gridH
 *                                   x = xs + j * binW + (ix + 0.5) * binW / gridW
 *   output (i, j) = (sum of the gridH * gridW bilinear samples) / max(gridH * gridW, 1)
 * </pre>
 * A feature cell {@code (y, x)} holds the value at the point {@code (y, x)}; with
 * {@code aligned = true} the half-pixel offset makes a box edge at pixel {@code x1} fall on the
 * cells' borders (Detectron2's fix), with {@code false} it is the original Mask R-CNN.
 *
 * <p>Bilinear sample at a point {@code (y, x)} of an {@code H × W} plane {@code f}:
 * <ol>
 *   <li>if {@code y < -1 || y > H || x < -1 || x > W} the sample is 0;</li>
 *   <li>else clamp {@code y} and {@code x} at 0 from below; {@code y0 = floor(y)}; if
 *       {@code y0 >= H - 1} then {@code y0 = y1 = H - 1} and {@code y = y0}, else {@code y1 = y0 + 1};
 *       likewise {@code x0, x1};</li>
 *   <li>with {@code ly = y - y0}, {@code lx = x - x0}, {@code hy = 1 - ly}, {@code hx = 1 - lx}:
 *       {@code hy*hx*f[y0][x0] + hy*lx*f[y0][x1] + ly*hx*f[y1][x0] + ly*lx*f[y1][x1]}.</li>
 * </ol>
 *
 * <pre>{@code
 * jshell> NDArray x = manager.arange(0, 16, 1, DataType.FLOAT64).reshape(1, 1, 4, 4);   // f(y, x) = 4y + x is linear, so
 * jshell> NDArray roi = manager.create(new double[] {0, 0, 0, 3, 3}, new Shape(1, 5));   // every sample is exact
 * jshell> new RoiAlign(2, 2, 1.0, 1, false).forward(x, roi);        // bins of 1.5; one sample at each centre
 * ND: (1, 1, 2, 2) cpu() float64                                       // (0.75, 0.75) -> 3.75, ...
 * [[[[ 3.75,  5.25],
 *    [ 9.75, 11.25]]]]
 * jshell> new RoiAlign(2, 2, 1.0, 1, true).forward(x, roi);         // shifted by half a cell:
 * ND: (1, 1, 2, 2) cpu() float64                                       // (0.25, 0.25) -> 1.25, ...
 * [[[[1.25, 2.75],
 *    [7.25, 8.75]]]]
 * }</pre>
 *
 * <p>Backward: each {@code dout} element, divided by the bin's count, is spread over the four
 * cells of each of its samples with the same bilinear weights (nothing for a sample outside the
 * plane); contributions add up. The result has the features' shape {@code (N, C, H, W)}. The
 * forward is linear in the features, so backward is its exact adjoint:
 * {@code sum(forward(f) * dout) = sum(f * backward(dout))}.
 *
 * <p>Contract: outputs in the features' dtype, made with their manager; inputs never modified; a
 * forward replaces what the previous one remembered. Invalid arguments ({@code outH} or
 * {@code outW} &lt; 1, {@code spatialScale <= 0}, features not 4-d, rois not {@code (R, 5)}, a
 * batch index outside {@code [0, N)}) throw {@link IllegalArgumentException}; {@code backward}
 * before any {@code forward} throws {@link IllegalStateException}. Copy the features out once with
 * {@code toDoubleArray()} and loop in Java.
 */
public class RoiAlign {

    private final int outH;
    private final int outW;
    private final double spatialScale;
    private final int samplingRatio;
    private final boolean aligned;

    /**
     * Create a RoI Align of {@code outH × outW} bins.
     *
     * @param outH output rows per RoI, at least 1
     * @param outW output columns per RoI, at least 1
     * @param spatialScale feature-map cells per image pixel, positive
     * @param samplingRatio samples per bin along each axis; {@code <= 0} means adaptive,
     *     {@code ceil(roiH / outH)} by {@code ceil(roiW / outW)}
     * @param aligned shift the box by half a cell (true) or not (false, the original Mask R-CNN)
     */
    public RoiAlign(int outH, int outW, double spatialScale, int samplingRatio, boolean aligned) {
        this.outH = outH;
        this.outW = outW;
        this.spatialScale = spatialScale;
        this.samplingRatio = samplingRatio;
        this.aligned = aligned;
    }

    /**
     * Return the aligned RoIs, shape {@code (R, C, outH, outW)}, and remember what backward needs.
     *
     * @param features {@code (N, C, H, W)}
     * @param rois {@code (R, 5)}: batch index, x1, y1, x2, y2 in image pixels (any float dtype)
     */
    public NDArray forward(NDArray features, NDArray rois) {
        throw new UnsupportedOperationException(
                "TODO: RoiAlign.forward — average gridH x gridW bilinear samples per bin (no rounding of the box)");
    }

    /**
     * Return the gradient with respect to the last forward's features, shape {@code (N, C, H, W)}.
     *
     * @param dout {@code (R, C, outH, outW)}
     */
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: RoiAlign.backward — spread dout / count over the 4 cells of every sample with the bilinear weights");
    }
}
