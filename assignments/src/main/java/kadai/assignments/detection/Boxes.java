package kadai.assignments.detection;

import ai.djl.ndarray.NDArray;

/**
 * Compute with bounding boxes: areas, IoU, the Faster R-CNN box coding and non-maximum
 * suppression (assignment {@code detection}; lecture notes §6.1–6.2).
 *
 * <p>A box is a row {@code (x1, y1, x2, y2)}: its top-left and bottom-right corners in pixels,
 * {@code x2 > x1}, {@code y2 > y1} (x is the column, y the row). Boxes come as {@code (K, 4)}
 * arrays. Conventions are those of {@code torchvision.ops}: the width is {@code x2 - x1} (no
 * "+1"), so {@code (0, 0, 4, 3)} has area 12.
 *
 * <pre>{@code
 * jshell> NDArray a = manager.create(new double[] {0, 0, 4, 4}, new Shape(1, 4));
 * jshell> NDArray b = manager.create(new double[] {2, 2, 6, 6,   4, 0, 8, 4,   1, 1, 3, 3}, new Shape(3, 4));
 * jshell> Boxes.iou(a, b);            // overlap 2x2 of union 28; touching edges; nested 4 of 16
 * ND: (1, 3) cpu() float64
 * [[0.1429, 0.    , 0.25  ],
 * ]
 * jshell> NDArray anchor = manager.create(new double[] {0, 0, 10, 10}, new Shape(1, 4));
 * jshell> NDArray target = manager.create(new double[] {2, 4, 12, 9}, new Shape(1, 4));
 * jshell> Boxes.encode(anchor, target, new double[] {1, 1, 1, 1});   // centres (5, 5) -> (7, 6.5)
 * ND: (1, 4) cpu() float64
 * [[ 0.2   ,  0.15  ,  0.    , -0.6931],                           // h: log(5 / 10)
 * ]
 * jshell> Boxes.encode(anchor, target, new double[] {10, 10, 5, 5});  // Faster R-CNN's box head
 * ND: (1, 4) cpu() float64
 * [[ 2.    ,  1.5   ,  0.    , -3.4657],
 * ]
 * jshell> NDArray boxes = manager.create(new double[] {0, 0, 10, 10,  1, 1, 11, 11,  20, 20, 30, 30,  0, 0, 10, 9},
 *    ...>         new Shape(4, 4));
 * jshell> NDArray scores = manager.create(new double[] {0.9, 0.8, 0.7, 0.95});
 * jshell> Boxes.nms(boxes, scores, 0.5);                       // box 3 wins, removes 0 (IoU 0.9) and 1 (0.61)
 * $1 ==> int[2] { 3, 2 }
 * jshell> Boxes.batchedNms(boxes, scores, new int[] {0, 1, 0, 0}, 0.5);   // box 1 is of another class
 * $2 ==> int[3] { 3, 1, 2 }
 * }</pre>
 *
 * <p>Contract: array results are new arrays in the dtype of the boxes (float64 in most tests,
 * float32 in one), made with the input's manager; inputs are never modified. Arguments of the
 * wrong shape (not {@code (K, 4)}, K differing between arrays that go together, scores not
 * {@code (K)}, classes not of length K, weights not 4 positive numbers) throw
 * {@link IllegalArgumentException} naming the shape.
 *
 * <p>DJL notes: {@code boxes.get(":, 0")} is the x1 column (a view; never write into it);
 * {@code a.expandDims(1)} {@code (A, 1, 4)} against {@code b.expandDims(0)} {@code (1, B, 4)}
 * broadcasts to all pairs; {@code maximum}/{@code minimum} take arrays or numbers. NMS is a
 * sequential algorithm: copy boxes and scores out once with {@code toDoubleArray()} and loop in
 * Java (per-element {@code getDouble} costs ~10 µs of JNI).
 */
public final class Boxes {

    private Boxes() {
    }

    /**
     * Return the area {@code (x2 - x1) * (y2 - y1)} of every box, shape {@code (K)}.
     *
     * @param boxes {@code (K, 4)}
     */
    public static NDArray area(NDArray boxes) {
        throw new UnsupportedOperationException("TODO: Boxes.area — (x2 - x1) * (y2 - y1) for every row, shape (K)");
    }

    /**
     * Return the intersection over union of every pair: {@code iou[i, j] = |a_i ∩ b_j| / |a_i ∪ b_j|},
     * shape {@code (A, B)}. The intersection's width is {@code max(0, min(x2) - max(x1))}, likewise
     * its height, so disjoint and touching boxes give exactly 0; the union is
     * {@code area(a_i) + area(b_j) - intersection}.
     *
     * @param a {@code (A, 4)}
     * @param b {@code (B, 4)}
     */
    public static NDArray iou(NDArray a, NDArray b) {
        throw new UnsupportedOperationException(
                "TODO: Boxes.iou — intersection / union of every pair (a_i, b_j), shape (A, B); clamp the overlap at 0");
    }

    /**
     * Encode each target box relative to its anchor as Faster R-CNN's regression targets
     * {@code (tx, ty, tw, th)}, shape {@code (K, 4)}. With widths {@code w = x2 - x1}, heights
     * {@code h = y2 - y1} and centres {@code cx = x1 + w / 2}, {@code cy = y1 + h / 2} of the anchor
     * ({@code a}) and the target ({@code t}), and {@code weights = (wx, wy, ww, wh)}:
     * <pre>
     *   tx = wx * (cx_t - cx_a) / w_a      ty = wy * (cy_t - cy_a) / h_a
     *   tw = ww * log(w_t / w_a)           th = wh * log(h_t / h_a)
     * </pre>
     * ({@code torchvision}'s {@code BoxCoder.encode}.) Row {@code k} of the result encodes
     * {@code targets[k]} against {@code anchors[k]}.
     *
     * @param anchors {@code (K, 4)}
     * @param targets {@code (K, 4)}, one per anchor
     * @param weights {@code (wx, wy, ww, wh)}, four positive numbers ({@code (1, 1, 1, 1)}, or
     *     {@code (10, 10, 5, 5)} in Faster R-CNN's box head)
     */
    public static NDArray encode(NDArray anchors, NDArray targets, double[] weights) {
        throw new UnsupportedOperationException(
                "TODO: Boxes.encode — (wx*(cx_t-cx_a)/w_a, wy*(cy_t-cy_a)/h_a, ww*log(w_t/w_a), wh*log(h_t/h_a)) per row");
    }

    /**
     * Decode regression outputs back into boxes, the inverse of {@link #encode}, shape {@code (K, 4)}:
     * {@code dx = tx / wx}, {@code dy = ty / wy}, {@code dw = min(tw / ww, log(1000 / 16))},
     * {@code dh = min(th / wh, log(1000 / 16))}; centre {@code (dx * w_a + cx_a, dy * h_a + cy_a)},
     * size {@code (exp(dw) * w_a, exp(dh) * h_a)}; the box reaches half the size on each side of
     * the centre. The clamp (torchvision's {@code BoxCoder.bbox_xform_clip}) applies <em>after</em>
     * dividing by the weights and only from above: a wild prediction cannot give a box more than
     * 62.5 times its anchor, so {@code exp} never overflows.
     *
     * <pre>{@code
     * jshell> Boxes.decode(anchor, manager.create(new double[] {0, 0, 10, 0}, new Shape(1, 4)), new double[] {1, 1, 1, 1});
     * ND: (1, 4) cpu() float64                     // tw = 10 clamped to log(62.5): width 625
     * [[-307.5,    0. ,  317.5,   10. ],
     * ]
     * }</pre>
     *
     * @param anchors {@code (K, 4)}
     * @param deltas {@code (K, 4)}: {@code (tx, ty, tw, th)} per anchor
     * @param weights the weights used to encode
     */
    public static NDArray decode(NDArray anchors, NDArray deltas, double[] weights) {
        throw new UnsupportedOperationException(
                "TODO: Boxes.decode — invert encode; clamp tw / ww and th / wh at log(1000 / 16) before exp");
    }

    /**
     * Return the indices of the boxes that greedy non-maximum suppression keeps, in decreasing
     * order of score: take the best remaining box, keep it, drop every remaining box whose IoU
     * with it is <em>greater than</em> {@code iouThreshold} (equal is kept), repeat. Equal scores
     * are taken in increasing index order. ({@code torchvision.ops.nms}.)
     *
     * @param boxes {@code (K, 4)}
     * @param scores {@code (K)}
     * @param iouThreshold a box overlapping a kept one by more than this is dropped
     * @return the kept indices into {@code boxes}, best first (empty for K = 0)
     */
    public static int[] nms(NDArray boxes, NDArray scores, double iouThreshold) {
        throw new UnsupportedOperationException(
                "TODO: Boxes.nms — greedy by score (ties: lower index first); drop boxes whose IoU with a kept one > threshold");
    }

    /**
     * Return the indices kept by non-maximum suppression done separately for each class: a box
     * only suppresses boxes of its own class. The result is ordered by decreasing score over all
     * classes (equal scores: lower index first). ({@code torchvision.ops.batched_nms}.)
     *
     * @param boxes {@code (K, 4)}
     * @param scores {@code (K)}
     * @param classes the class of each box, length K
     * @param iouThreshold as in {@link #nms}
     */
    public static int[] batchedNms(NDArray boxes, NDArray scores, int[] classes, double iouThreshold) {
        throw new UnsupportedOperationException(
                "TODO: Boxes.batchedNms — NMS within each class; all kept indices by decreasing score (ties: lower index)");
    }
}
