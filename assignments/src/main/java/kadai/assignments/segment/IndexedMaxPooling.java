package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.Layer;

/**
 * Compute SegNet's encoder pooling: max pooling that remembers where each maximum was
 * (assignment {@code segment}; lecture notes §6.4). SegNet's decoder ({@link MaxUnpooling}) puts
 * values back at those positions instead of receiving whole feature maps as U-Net does.
 *
 * <p>The window is {@code pool x pool}, the stride is {@code pool}, there is no padding:
 * {@code (N, C, H, W) → (N, C, OH, OW)} with {@code OH = H / pool} and {@code OW = W / pool}
 * (integer division: the last rows or columns that do not fill a window are ignored, as PyTorch
 * does). After {@code forward}, {@link #indices()} holds, for each output value, the position of
 * its maximum as a flat index {@code h * W + w} into its own {@code H x W} input plane, as PyTorch's
 * {@code max_pool2d(x, pool, return_indices=True)}:
 *
 * <pre>{@code
 * jshell> NDArray x = manager.create(new double[] {
 *    ...>     1, 9, 2, 3, 0,
 *    ...>     4, 5, 8, 7, 0,
 *    ...>     6, 2, 1, 3, 0}, new Shape(1, 1, 3, 5));
 * jshell> IndexedMaxPooling pool = new IndexedMaxPooling(2);
 * jshell> pool.forward(x);                 // OH = 3 / 2 = 1, OW = 5 / 2 = 2: the last row and column are ignored
 * ND: (1, 1, 1, 2) cpu() float64
 * [[[[9., 8.],
 *   ],
 *  ],
 * ]
 * jshell> pool.indices();                  // 9 is at h=0, w=1: 0*5 + 1; 8 is at h=1, w=2: 1*5 + 2
 * ND: (1, 1, 1, 2) cpu() int64
 * [[[[ 1,  7],
 *   ],
 *  ],
 * ]
 * }</pre>
 *
 * <p>Contract: ties go to the <em>first</em> maximum of the window in row-major order (what
 * {@code argMax} returns, and PyTorch). {@code forward} returns x's dtype and does not modify
 * x; {@code indices()} is int64. {@code backward(dout)} returns dx {@code (N, C, H, W)}: each
 * dout entry at its window's maximum, 0 everywhere else (windows do not overlap). {@code pool < 1},
 * or an input smaller than one window, throws {@link IllegalArgumentException} in the constructor
 * or, at the latest, in {@code forward}.
 *
 * <p>How: cut x to {@code OH*pool x OW*pool}, reshape to {@code (N, C, OH, pool, OW, pool)},
 * transpose to {@code (N, C, OH, OW, pool, pool)} and reshape to one window per row
 * {@code (N*C*OH*OW, pool*pool)}; {@code max} and {@code argMax} along axis 1 give the values and
 * the window-local position {@code k = a*pool + b}; the plane index is
 * {@code (i*pool + k / pool) * W + (j*pool + k % pool)} for window {@code (i, j)}.
 */
public class IndexedMaxPooling implements Layer {

    private final int pool;

    /**
     * Create the layer.
     *
     * @param pool window side and stride ≥ 1 (2 in SegNet)
     */
    public IndexedMaxPooling(int pool) {
        this.pool = pool;
    }

    /**
     * Return the maximum of every window, {@code (N, C, OH, OW)}, and remember the input's shape
     * and where each maximum was.
     *
     * @param x input {@code (N, C, H, W)}; not modified
     */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: IndexedMaxPooling.forward — max of every pool x pool window, remember its flat index h*W + w");
    }

    /** Return dx {@code (N, C, H, W)}: each {@code dout} entry at its window's maximum, 0 elsewhere. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: IndexedMaxPooling.backward — put each dout entry at the position of its window's maximum");
    }

    /**
     * Return the flat index {@code h * W + w} (in its input plane) of every window's first
     * maximum from the last {@link #forward}: {@code (N, C, OH, OW)}, int64.
     */
    public NDArray indices() {
        throw new UnsupportedOperationException(
                "TODO: IndexedMaxPooling.indices — return the (N, C, OH, OW) int64 flat indices of the last forward");
    }

    /** Return the shape {@code (N, C, H, W)} of the last {@link #forward}'s input. */
    public Shape inputShape() {
        throw new UnsupportedOperationException(
                "TODO: IndexedMaxPooling.inputShape — return the shape of the last forward's input");
    }

    /** Return the window side (and stride) given to the constructor. */
    public int pool() {
        throw new UnsupportedOperationException("TODO: IndexedMaxPooling.pool — return the constructor's pool");
    }
}
