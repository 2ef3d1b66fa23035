package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

/**
 * Compute SegNet's decoder upsampling: put every value back at the position where its encoder
 * pooling found the maximum (assignment {@code segment}; lecture notes §6.4), as PyTorch's
 * {@code max_unpool2d(x, indices, pool, output_size=encoder's input size)}.
 *
 * <p>{@code forward(x)} takes x of the encoder's output shape {@code (N, C, OH, OW)} and returns
 * zeros of the encoder's {@link IndexedMaxPooling#inputShape() input shape}
 * {@code (N, C, H, W)} with {@code x[n, c, i, j]} written at the flat position
 * {@code encoder.indices()[n, c, i, j]} ({@code = h * W + w}) of plane {@code (n, c)}:
 *
 * <pre>{@code
 * jshell> IndexedMaxPooling encoder = new IndexedMaxPooling(2);
 * jshell> encoder.forward(x);               // x (1, 1, 3, 5) of IndexedMaxPooling's example: indices [[1, 7]]
 * jshell> new MaxUnpooling(encoder).forward(manager.create(new double[] {10, 20}, new Shape(1, 1, 1, 2)));
 * ND: (1, 1, 3, 5) cpu() float64            // the encoder's input shape, cut-off row and column included
 * [[[[ 0., 10.,  0.,  0.,  0.],
 *    [ 0.,  0., 20.,  0.,  0.],
 *    [ 0.,  0.,  0.,  0.,  0.],
 *   ],
 *  ],
 * ]
 * }</pre>
 *
 * <p>{@code backward(dout)} with dout {@code (N, C, H, W)} returns dx {@code (N, C, OH, OW)}:
 * {@code dout} read at the same positions (a gather — the transpose of the scatter).
 * The encoder is read at every {@code forward} (its last forward's indices and shape), so one
 * unpooling layer serves every batch. Results in x's (and dout's) dtype; inputs not modified.
 * An x whose shape is not the shape of {@code encoder.indices()} throws
 * {@link IllegalArgumentException}.
 *
 * <p>How, vectorised: turn each flat index back into the window-local position
 * {@code k = (h - i*pool) * pool + (w - j*pool)} of window {@code (i, j)}, build one row per
 * window {@code (N*C*OH*OW, pool*pool)} with x at column k ({@code oneHot}), and reverse
 * IndexedMaxPooling's reshape and transpose; pad the cut-off rows and columns with zeros.
 * Or use {@code toLongArray()}/{@code toDoubleArray()} once and loop in Java.
 */
public class MaxUnpooling implements Layer {

    private final IndexedMaxPooling encoder;

    /**
     * Create the unpooling that undoes {@code encoder}.
     *
     * @param encoder the SegNet encoder pooling whose indices and input shape this layer uses
     */
    public MaxUnpooling(IndexedMaxPooling encoder) {
        this.encoder = encoder;
    }

    /**
     * Return zeros of the encoder's input shape with each value of {@code x} at its index.
     *
     * @param x values {@code (N, C, OH, OW)}, the shape of {@code encoder.indices()}; not modified
     */
    @Override
    public NDArray forward(NDArray x) {
        throw new UnsupportedOperationException(
                "TODO: MaxUnpooling.forward — scatter x into zeros of encoder.inputShape() at encoder.indices()");
    }

    /** Return dx {@code (N, C, OH, OW)}: {@code dout} read at the encoder's indices. */
    @Override
    public NDArray backward(NDArray dout) {
        throw new UnsupportedOperationException(
                "TODO: MaxUnpooling.backward — gather dout at the encoder's indices");
    }
}
