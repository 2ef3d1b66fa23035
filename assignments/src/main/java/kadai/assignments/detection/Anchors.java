package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;

/**
 * Lay anchor boxes over a feature map and match them to the true boxes (assignment
 * {@code detection}; lecture notes §6.1 region proposals, §6.2 SSD's default boxes).
 *
 * <p>A detector predicts, for every anchor, a class and a correction of the anchor
 * ({@link Boxes#encode}). The anchors are fixed boxes of a few sizes and shapes centred on every
 * cell of a feature map; matching decides which true box each anchor must learn (or background).
 *
 * <pre>{@code
 * jshell> NDArray features = manager.zeros(new Shape(1, 8, 1, 2));       // H = 1, W = 2
 * jshell> Anchors.grid(features, 8, new double[] {8}, new double[] {1, 4});
 * ND: (4, 4) cpu() float32
 * [[ 0.,  0.,  8.,  8.],        // cell (y 0, x 0), centre (4, 4): ratio 1 -> 8 x 8
 *  [ 2., -4.,  6., 12.],        //                                ratio 4 -> w 4, h 16
 *  [ 8.,  0., 16.,  8.],        // cell (y 0, x 1), centre (12, 4)
 *  [10., -4., 14., 12.],
 * ]
 * jshell> NDArray iou = manager.create(new double[] {0.8, 0.1,   0.5, 0.2,   0.1, 0.35,   0.05, 0.1}, new Shape(4, 2));
 * jshell> Anchors.match(iou, 0.7, 0.3);
 * $3 ==> int[4] { 0, -2, 1, -1 }   // anchor 2 is target 1's best anchor, so it is positive though 0.35 < 0.7
 * }</pre>
 *
 * <pre>
 *   features (N, C, 2, 3), stride 16: one centre per cell, ((x + 0.5) * 16, (y + 0.5) * 16)
 *
 *        x=0      x=1      x=2
 *     +--------+--------+--------+
 *     |   .    |   .    |   .    |  y=0   centres (8, 8)  (24, 8)  (40, 8)
 *     +--------+--------+--------+
 *     |   .    |   .    |   .    |  y=1   centres (8, 24) (24, 24) (40, 24)
 *     +--------+--------+--------+
 *   around every centre, for each ratio r, for each size s, one box of
 *   width s / sqrt(r), height s * sqrt(r)  (r = h / w; the area is s * s):
 *
 *          r = 0.5           r = 1           r = 2
 *       +-----------+       +------+          +----+
 *       |     .     |       |  .   |          |    |
 *       +-----------+       +------+          | .  |
 *                                             |    |
 *                                             +----+
 * </pre>
 *
 * <p>DJL notes: compute the grid with Java loops into a {@code double[]} and create the array once
 * ({@code manager.create(values, new Shape(n, 4)).toType(features.getDataType(), false)}); for
 * {@code match}, copy the IoU matrix out once with {@code toDoubleArray()}.
 */
public final class Anchors {

    private Anchors() {
    }

    /**
     * Return the anchors of a feature map {@code (N, C, H, W)}, shape {@code (H * W * R * S, 4)} in
     * the features' dtype, R ratios and S sizes. Order: by row {@code y}, then column {@code x},
     * then ratio (in the order given), then size (in the order given) — row
     * {@code ((y * W + x) * R + r) * S + s}. The centre of cell {@code (y, x)} is
     * {@code ((x + 0.5) * stride, (y + 0.5) * stride)}; the box of ratio {@code r} ({@code = h / w})
     * and size {@code s} has width {@code s / sqrt(r)} and height {@code s * sqrt(r)}, half on each
     * side of the centre, not rounded. Only the features' H, W and dtype matter (N and C do not).
     *
     * @param features the feature map the anchors belong to, {@code (N, C, H, W)}
     * @param stride pixels of the image per cell of the feature map, at least 1
     * @param sizes anchor sizes in pixels (the square root of the area), positive, at least one
     * @param aspectRatios ratios height / width, positive, at least one
     * @throws IllegalArgumentException for features that are not 4-d, stride &lt; 1, empty or
     *     non-positive sizes or ratios
     */
    public static NDArray grid(NDArray features, int stride, double[] sizes, double[] aspectRatios) {
        throw new UnsupportedOperationException(
                "TODO: Anchors.grid — (H*W*R*S, 4) boxes, order (y, x, ratio, size), centre ((x+0.5)*stride, (y+0.5)*stride)");
    }

    /**
     * Match anchors to targets from their IoU matrix, as torchvision's
     * {@code Matcher(positive, negative, allow_low_quality_matches=True)}:
     * <ol>
     *   <li>each anchor takes the target of highest IoU (on equal IoU the lower target index);</li>
     *   <li>if that IoU is {@code >= positive} the anchor keeps the target's index; if it is
     *       {@code < negative} it becomes {@code -1} (background); otherwise {@code -2} (ignored
     *       in training);</li>
     *   <li>then, for every target, every anchor whose IoU with it equals that target's highest IoU
     *       (over all anchors) gets back <em>its own</em> best target of step 1 — so no true box is
     *       left without an anchor, however small its best overlap.</li>
     * </ol>
     * With no targets (shape {@code (A, 0)}) every anchor is {@code -1}.
     *
     * @param iou {@code (A, T)}: anchors by targets ({@link Boxes#iou}{@code (anchors, targets)})
     * @param positive IoU from which an anchor is positive
     * @param negative IoU below which an anchor is background, {@code negative <= positive}
     * @return one entry per anchor: a target index, {@code -1} or {@code -2}
     * @throws IllegalArgumentException when {@code iou} is not 2-d or {@code negative > positive}
     */
    public static int[] match(NDArray iou, double positive, double negative) {
        throw new UnsupportedOperationException(
                "TODO: Anchors.match — best target per anchor; >= positive keeps it, < negative is -1, else -2;"
                        + " then each target's best anchors get their own best target back");
    }
}
