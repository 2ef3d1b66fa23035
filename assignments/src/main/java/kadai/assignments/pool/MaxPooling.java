package kadai.assignments.pool;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/**
 * Compute max pooling forward and backward (assignment {@code pool}; lecture notes §1.5–1.6, §2.3–2.4).
 *
 * <p>Each channel of each image is pooled on its own: {@code (N, C, H, W) → (N, C, OH, OW)}
 * with {@code OH = ConvOps.outputSize(H, poolH, stride, pad)}, likewise OW. The layer has no
 * parameters. Padding counts as −∞ (it never wins a window), as in PyTorch, and like PyTorch
 * {@code pad} may be at most half the window: {@code pad <= poolH / 2} and
 * {@code pad <= poolW / 2}.
 *
 * <pre>{@code
 * jshell> NDArray x = manager.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8,
 *    ...>         16, 15, 14, 13, 12, 11, 10, 9}, new Shape(1, 1, 4, 4));   // lecture notes §1.5
 * jshell> new MaxPooling(2, 2, 2, 0).forward(x);
 * ND: (1, 1, 2, 2) cpu() float64
 * [[[[ 6.,  8.],
 *    [16., 14.],
 *   ],
 *  ],
 * ]
 * }</pre>
 * (Erratum: the lecture notes' second display of this example shows [[6, 8], [14, 16]]; the first,
 * [[6, 8], [16, 14]], is right.)
 *
 * <p>Forward (lecture notes §2.3): reuse {@code ConvOps.im2col} on the input seen as
 * {@code (N*C, 1, H, W)}, take {@code max} and {@code argmax} along the window axis, and
 * reshape to {@code (N, C, OH, OW)}. Pitfall: im2col pads with zeros, and a zero beats a
 * window of negative values — pad with −∞ yourself first (e.g. {@code NDArray.pad} with
 * {@code Double.NEGATIVE_INFINITY}) and call im2col with pad 0.
 * Backward (lecture notes §2.3): put each {@code dout} entry at the argmax position of its window (a
 * one-hot row per window), then {@code col2im} adds the rows back — windows that overlap
 * (stride smaller than the window) accumulate.
 *
 * <p>Contract: ties go to the <em>first</em> maximum of the window in row-major order
 * (what {@code argmax} returns). {@code forward} must not modify {@code x} and returns
 * {@code x}'s dtype. {@code backward} returns dx of shape {@code (N, C, H, W)}; every entry of
 * dx that is not the argmax of some window is exactly 0.
 *
 * <p>DJL traps: make new arrays with {@code x.getManager()}; {@code NDArray.get} returns a view,
 * so never write into a slice of {@code x}; per-element {@code getDouble}/{@code set} costs
 * ~10 µs of JNI per call — use {@code max(new int[] {1})}, {@code argMax(1)},
 * {@code oneHot}/{@code eq} and your {@code col2im}, or copy out once with
 * {@code toDoubleArray()}.
 */
public class MaxPooling implements Layer {

    private final int poolH;
    private final int poolW;
    private final int stride;
    private final int pad;

    /**
     * Create a max pooling layer. Invalid arguments ({@code poolH, poolW, stride < 1},
     * {@code pad < 0}, {@code pad > poolH / 2} or {@code pad > poolW / 2}) throw
     * {@link IllegalArgumentException} here or, at the latest, in {@link #forward}.
     *
     * @param poolH  window height ≥ 1
     * @param poolW  window width ≥ 1
     * @param stride step between windows ≥ 1 (same for both axes; the lecture notes use stride = window)
     * @param pad    −∞ cells added on every side, 0 ≤ pad ≤ min(poolH, poolW) / 2
     */
    public MaxPooling(int poolH, int poolW, int stride, int pad) {
        this.poolH = poolH;
        this.poolW = poolW;
        this.stride = stride;
        this.pad = pad;
    }

    /**
     * Return the maximum of every window, shape {@code (N, C, OH, OW)}, and remember where it was.
     *
     * @param x input {@code (N, C, H, W)}; not modified
     */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: MaxPooling.forward — take the max of every pooling window, remember its argmax");
    }

    /** Return dx {@code (N, C, H, W)}: each {@code dout} entry goes to the argmax of its window. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: MaxPooling.backward — route each dout entry to the argmax of its window (col2im)");
    }
}
